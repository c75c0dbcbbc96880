"""Composition root of the windows: the session browser, the live view and the review, with their clock,
session, sound and remembered settings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu, QMessageBox

from kicktimer.app.gui_browser import (
    SessionNames,
    load_for_ui,
    remember_in_browser,
    resume_unfinished,
    send_to_watch,
    show_athlete,
    use_squad,
)
from kicktimer.app.gui_recording import SignalStop, ask_resume, unsaved_badge, wire_housekeeping, wire_keeping
from kicktimer.app.preflight import start_qt
from kicktimer.app.review import review_source
from kicktimer.app.season import SeasonFiles
from kicktimer.app.session import LiveSession
from kicktimer.app.sound import attach_sound, device_of, preference_store, remembered_offset_ms
from kicktimer.core.language.plan import Settings
from kicktimer.core.language.roster import read_roster
from kicktimer.core.run.clock import MonotonicClock
from kicktimer.io.disk import check_writable
from kicktimer.io.paths import bundled_sessions_dir, recordings_dir, squad_path, user_sessions_dir
from kicktimer.io.reader import unfinished_recordings
from kicktimer.io.session_file import SessionFileError, load_session, with_athletes
from kicktimer.ui.icons import app_icon
from kicktimer.ui.live_view import LiveActions, LiveView
from kicktimer.ui.main_window import MainWindow
from kicktimer.ui.menus import Choice, add_action
from kicktimer.ui.preferences import Preferences
from kicktimer.ui.review_view import ReviewWindow
from kicktimer.ui.screen_fit import BROWSER_SIZE, REVIEW_SIZE, available_area, restore_or_fit
from kicktimer.ui.sound_dialog import SoundDialog, SoundSetup
from kicktimer.ui.style import THEMES


def build_review_window(directory: Path | None = None, selected: Path | None = None) -> ReviewWindow:
    window = ReviewWindow(review_source(directory or recordings_dir()))
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    store = preference_store()
    restore_or_fit(window, store.geometry("review"), REVIEW_SIZE)
    window.on_close.append(lambda: store.set_geometry("review", window.saveGeometry()))
    if selected is not None:
        window.select(selected)
    return window


LiveHook = Callable[[LiveSession | None], None]


def _quiet(_live: LiveSession | None) -> None:
    """No one to tell of the running session (a test's main window)."""


def offer_review(view: LiveView, live: LiveSession, open_review: Callable[[Path], None]) -> None:
    """Once the live window is gone, the session's review: if the finished screen's Enter chose it, or (closed
    any other way) when there are splits to review; not after its Esc."""
    chosen: list[bool] = []
    view.leave, recording = chosen.append, live.journal.path
    view.destroyed.connect(lambda: open_review(recording) if (chosen or [bool(live.engine.splits)])[-1] else None)


def build_main_window(selected: Path | None = None, with_sound: bool = True, on_live: LiveHook = _quiet) -> MainWindow:
    """The session browser; Start opens the live view (the browser comes back when it closes). `on_live` is
    told of the running session (None once its window is gone)."""
    libraries = [("Library", bundled_sessions_dir()), ("My sessions", user_sessions_dir())]
    window: MainWindow
    store = preference_store()

    def open_live(live: LiveSession) -> None:
        if with_sound:
            prefs = store.load()
            attach_sound(live, mute=prefs.mute, volume=prefs.volume / 100, device=device_of(prefs.audio_device))
        view = build_live_view(live)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.destroyed.connect(window.show)
        view.destroyed.connect(lambda: window.today.reload() if window.today else None)  # a stage may be done
        on_live(live)
        view.destroyed.connect(lambda: on_live(None))
        offer_review(view, live, open_review)
        window.live_view = view
        place_live_view(view)
        view.show()
        view.activateWindow()
        window.hide()

    def start(path: Path, at_step: int) -> None:
        problem = check_writable(recordings_dir())
        if problem:
            QMessageBox.warning(window, "Cannot record", problem)
            return
        try:
            roster = read_roster(window.roster_rows())
            session = load_session(path)
            session = with_athletes(session, roster, overridden(session.plan.settings, store.load()))
            open_live(LiveSession.start_new(session, recordings_dir(), at_step=at_step))
        except (SessionFileError, OSError, ValueError) as error:
            QMessageBox.warning(window, "Cannot start", str(error))

    def open_review(selected: Path | None = None) -> None:
        review = build_review_window(selected=selected)
        window.review_window = review
        review.show()
        review.activateWindow()

    files = SeasonFiles(recordings_dir(), squad_path(), [folder for _, folder in libraries])

    window = MainWindow(libraries, load_for_ui, start, SessionNames())
    window.send_to_watch = send_to_watch
    window.open_review = open_review
    remember_in_browser(window, store)
    window.resume_live = open_live
    window.resume_unfinished = lambda: resume_unfinished(window, recordings_dir())
    window.open_athlete = lambda name=None: show_athlete(window, files, name, open_review)
    use_squad(window, files, store)
    window.settings_menu(settings_choices(store.load()), lambda **c: store.update(**c))
    add_sound_settings(window)
    if selected is not None:
        window.select_path(selected)
    return window


def add_sound_settings(window: MainWindow) -> None:
    """Settings ▸ Output latency and sound check."""
    settings = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Settings")
    if isinstance(settings, QMenu):
        add_action(settings, window, "Output &latency and sound check…",
                   lambda: SoundDialog(sound_setup(), window).exec())  # fmt: skip


def sound_setup() -> SoundSetup:
    """What the sound dialog may do, on the output the settings choose."""
    from kicktimer.app.sound import TapAlong, as_measured, calibrate, remember_offset_ms, sound_check
    from kicktimer.audio.device import output_name

    store = preference_store()
    prefs = store.load()
    device = device_of(prefs.audio_device)
    clock = MonotonicClock()
    return SoundSetup(
        output_name(device) or "no output found", remembered_offset_ms(store, device),
        lambda offset: sound_check(device, prefs.volume / 100, offset, clock), lambda: as_measured(calibrate(device)),
        lambda: TapAlong(device, clock), clock.now_ns, lambda offset: remember_offset_ms(store, device, offset),
    )  # fmt: skip


def overridden(settings: Settings, prefs: Preferences) -> Settings:
    """The session's settings with the user's remembered choices over them (voice, countdown)."""
    voice = settings.voice if prefs.voice == "session" else prefs.voice == "on"
    countdown = settings.countdown_s if prefs.countdown_s < 0 else float(prefs.countdown_s)
    return replace(settings, voice=voice, countdown_s=countdown)


def settings_choices(prefs: Preferences) -> list[Choice]:
    try:
        from kicktimer.audio.device import list_outputs

        outputs = list_outputs()
    except OSError:
        outputs = []
    devices: list[tuple[str, object]] = [("System default", "")]
    devices += [(name, name.split(":", 1)[0]) for name in outputs]
    session = "As the session says"
    return [
        ("Live view &theme", "theme", [(name.capitalize(), name) for name in sorted(THEMES)], prefs.theme),
        ("Cue &volume", "volume", [(f"{v}%", v) for v in (25, 50, 75, 100)], prefs.volume),
        ("&Sound", "mute", [("On", False), ("Muted", True)], prefs.mute),
        ("Voice &announcements", "voice", [(session, "session"), ("On", "on"), ("Off", "off")], prefs.voice),
        ("&Countdown pips", "countdown_s", [(session, -1), ("None", 0), ("3 s", 3), ("5 s", 5), ("10 s", 10)],
         prefs.countdown_s),
        ("Audio &output", "audio_device", devices, prefs.audio_device),
    ]  # fmt: skip


def offer_resume(window: MainWindow) -> bool:
    """On start-up: the newest unfinished recording nobody is writing is offered for resume, saying where it
    stopped and where it is now. True when one was resumed."""
    candidates = unfinished_recordings(recordings_dir()) if recordings_dir().is_dir() else []
    live = ask_resume(window, candidates[0]) if candidates else None
    if live is None:
        return False
    window.resume_live(live)
    return True


def live_actions(live: LiveSession) -> LiveActions:
    engine = live.engine
    journal = live.journal
    return LiveActions(engine.snapshot, engine.clock.now_ns, live.execute, live.sound_state, engine.finish,
                       lambda: unsaved_badge(journal.unsaved, journal.last_error))  # fmt: skip


def build_live_view(live: LiveSession, theme: str | None = None) -> LiveView:
    """The live window for a running session, with the housekeeping that is not the display's business."""
    plan = live.engine.plan
    store = preference_store()
    view = LiveView(live_actions(live), THEMES[theme or store.load().theme], plan)
    view.on_hide.append(lambda: store.set_geometry("live", view.saveGeometry()))
    view.setWindowTitle(f"kicktimer — {live.session.name}")
    wire_housekeeping(view, live)
    wire_keeping(view, live)
    return view


def place_live_view(view: LiveView) -> None:
    """Where the user left the live window if that still fits this screen, else the whole free screen."""
    restore_or_fit(view, preference_store().geometry("live"), available_area(view).size())


def run_live(live: LiveSession) -> int:
    from PySide6.QtWidgets import QApplication

    app = start_qt()
    app.setApplicationName("kicktimer")
    QApplication.setWindowIcon(app_icon())
    view = build_live_view(live)
    reviews: list[ReviewWindow] = []  # Enter's review, shown once the live window is gone: the program runs on

    def leave(review: bool) -> None:
        if review:
            reviews.append(build_review_window(selected=live.journal.path))
            view.destroyed.connect(reviews[-1].show)

    view.leave = leave
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    place_live_view(view)
    stopper = SignalStop(app)
    stopper.live = live
    view.destroyed.connect(lambda: setattr(stopper, "live", None))
    view.show()
    try:
        return int(app.exec())
    finally:
        stopper.uninstall()


def run_gui(selected: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    app = start_qt()  # a display that does not answer: one line and status 1, not Qt's abort
    app.setApplicationName("kicktimer")
    app.setOrganizationName("kicktimer")
    QApplication.setDesktopFileName("io.github.kicktimer.KickTimer")  # the .desktop file: Wayland finds the icon by it
    QApplication.setWindowIcon(app_icon())
    stopper = SignalStop(app)
    window = build_main_window(selected, on_live=lambda live: setattr(stopper, "live", live))
    store = preference_store()
    restore_or_fit(window, store.geometry("main"), BROWSER_SIZE)
    app.aboutToQuit.connect(lambda: store.set_geometry("main", window.saveGeometry()))
    window.show()
    offer_resume(window)
    try:
        return int(app.exec())
    finally:
        stopper.uninstall()
