"""Settings are remembered between runs, in the data folder (KICKTIMER_HOME in tests)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_main_window, preference_store
from kicktimer.ui.preferences import Preferences
from tests.conftest import SESSIONS


def test_defaults_then_remembered_choices(qtbot: QtBot) -> None:
    store = preference_store()
    assert store.load() == Preferences()
    store.update(theme="dark", volume=50, mute=True, audio_device="3")
    assert preference_store().load() == Preferences("dark", 50, True, "3")  # a new run reads them back


def test_a_latency_offset_is_remembered_per_output_device(qtbot: QtBot) -> None:
    store = preference_store()
    assert store.latency_offset("JBL Go 3") == 0.0
    store.set_latency_offset("JBL Go 3", 183.44)
    store.set_latency_offset("HDA Intel PCH: ALC3246 Analog (hw:0,0)", 4.0)
    again = preference_store()
    assert again.latency_offset("JBL Go 3") == 183.4
    assert again.latency_offset("HDA Intel PCH: ALC3246 Analog (hw:0,0)") == 4.0
    for key in again.settings.allKeys():
        if key.startswith("latency_offset/"):
            again.settings.setValue(key, "garbage")
    assert again.latency_offset("JBL Go 3") == 0.0  # a damaged setting is no offset, not a crash


def test_bad_values_fall_back_to_defaults(qtbot: QtBot) -> None:
    store = preference_store()
    store.settings.setValue("theme", "neon")
    store.settings.setValue("volume", "loud")
    assert store.load() == Preferences()


def test_the_settings_menu_remembers_and_the_live_view_uses_them(qtbot: QtBot) -> None:
    window = build_main_window(SESSIONS / "kick-500s.session.yaml", with_sound=False)
    qtbot.addWidget(window)
    settings = next(m for m in window.menuBar().actions() if m.text() == "&Settings").menu()
    theme_menu = next(a for a in settings.actions() if a.text() == "Live view &theme").menu()
    next(a for a in theme_menu.actions() if a.text() == "Dark").trigger()
    volume_menu = next(a for a in settings.actions() if a.text() == "Cue &volume").menu()
    next(a for a in volume_menu.actions() if a.text() == "25%").trigger()
    assert preference_store().load().theme == "dark" and preference_store().load().volume == 25
    assert [a.isChecked() for a in volume_menu.actions()] == [True, False, False, False]
    window.start_button.click()
    view = window.live_view
    assert view is not None and view.theme.name == "dark"
    view.close()
    window.close()


def test_voice_and_countdown_choices_override_the_session(qtbot: QtBot) -> None:
    from kicktimer.app.gui import overridden
    from kicktimer.core.language.plan import Settings

    base = Settings(countdown_s=3, voice=True)
    assert overridden(base, Preferences()) == base  # "as the session says"
    assert overridden(base, Preferences(voice="off", countdown_s=10)) == Settings(countdown_s=10, voice=False)
    window = build_main_window(SESSIONS / "kick-500s.session.yaml", with_sound=False)
    qtbot.addWidget(window)
    settings = next(m for m in window.menuBar().actions() if m.text() == "&Settings").menu()
    titles = [a.text() for a in settings.actions()]
    assert titles == ["Live view &theme", "Cue &volume", "&Sound", "Voice &announcements", "&Countdown pips",
                      "Audio &output", "Output &latency and sound check…"]  # fmt: skip
    countdown = next(a for a in settings.actions() if a.text() == "&Countdown pips").menu()
    next(a for a in countdown.actions() if a.text() == "5 s").trigger()
    voice = next(a for a in settings.actions() if a.text() == "Voice &announcements").menu()
    next(a for a in voice.actions() if a.text() == "On").trigger()
    window.start_button.click()
    view = window.live_view
    assert view is not None and view.countdown_s == 5
    view.close()
    window.close()
