"""The sound on the live screen: one headline in the coach's words ("NO SOUND — no speaker found"), the audio's
reason on the message line once, never the state said twice ("no sound: no sound …"). app/sound_words.py owns
the words; the window and the console runner both read them from LiveSession.sound_state."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kicktimer.app import sound
from kicktimer.app.arguments import build_parser
from kicktimer.app.session import LiveSession
from kicktimer.app.sound_words import sound_words
from kicktimer.audio.device import LOST, NO_DEVICE, NO_LIBRARY
from kicktimer.audio.null import NullOutput
from kicktimer.cli import _with_audio
from tests.ui.drawn import texts
from tests.ui.test_live_view import live, shown

__all__ = ["live"]  # the fixture


@pytest.mark.parametrize(("state", "reason", "headline", "why_starts"), [
    ("no sound", NO_DEVICE, "NO SOUND — no speaker found", "No speaker or sound system found"),
    ("no sound", NO_LIBRARY, "NO SOUND — sound library missing", "The PortAudio library is missing"),
    ("lost", LOST, "SOUND LOST — reconnecting", "The speaker or sound system went away"),
    ("no sound", "sound is off", "NO SOUND", "Sound is off"),
    ("no sound", None, "NO SOUND", "The timer runs without sound"),
    ("playing", None, "sound on", ""),
])  # fmt: skip
def test_each_state_has_one_headline_and_its_reason_once(
    state: str, reason: str | None, headline: str, why_starts: str
) -> None:
    head, why = sound_words(state, reason)
    assert head == headline and why.startswith(why_starts)
    assert (head + " " + why).lower().count("no sound") <= 1


def test_no_speaker_reads_as_one_clear_headline_on_the_screen(qtbot: QtBot, live: LiveSession) -> None:
    live.attach_audio(NullOutput(NO_DEVICE))
    view = shown(qtbot, live)
    drawn = texts(view)
    assert "NO SOUND — no speaker found" in drawn
    assert view.message.startswith("No speaker or sound system found")  # the reason, said once
    said = " ".join(drawn).lower()
    assert said.count("no sound") == 1 and "sound: no sound" not in said


def test_muted_by_the_coach_says_so_and_how_to_undo_it(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    live.toggle_mute()
    view.notice()
    assert "MUTED" in texts(view) and view.message == "Muted: M turns the cues back on"


class Speaker(NullOutput):
    """An output that plays (silently here)."""

    def __init__(self) -> None:
        super().__init__()
        self.state, self.reason = "playing", None


def test_run_mute_is_muted_like_m_and_m_turns_the_cues_on(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, live: LiveSession
) -> None:
    speaker = Speaker()
    monkeypatch.setattr(sound, "open_output", lambda *_args: speaker)
    args = build_parser().parse_args(["run", "session.yaml", "--mute"])
    _with_audio(live, args)  # `kicktimer run … --mute` (Settings ▸ Sound ▸ Muted calls the same attach_sound)
    view = shown(qtbot, live)
    assert live.sound_state()[0] == "MUTED" and view.message == "Muted: M turns the cues back on"
    qtbot.keyClick(view, Qt.Key.Key_Space)  # the 200m runs: its cues are due, and not played
    assert speaker.cues == ()
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert live.sound_state() == ("sound on", "") and view.message == "Sound on"
    assert "sound on" in texts(view) and speaker.cues  # the cues play from here
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert live.sound_state()[0] == "MUTED" and speaker.cues == ()
