"""No key ends a session by accident and no key is lost without a word: Esc only asks (Space and 1-9 keep tapping,
E or the panel's button ends), taps pressed in a dialog count at their own time, a tap while paused either
counts (the athletes kept running) or says why not, and every refusal and undo is worded."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kicktimer.app.session import LiveSession
from kicktimer.core.run.replay import Replay
from kicktimer.io.reader import read_recording
from kicktimer.io.session_file import parse_session
from kicktimer.ui.live_view import LiveView
from tests.support.clock import FakeClock
from tests.ui.drawn import texts
from tests.ui.test_live_view import shown

MINUS = chr(0x2212)

SESSION = """\
name: Test 500s
athletes:
  - name: Ana
    paces: {800m: "2:08"}
  - name: Ben
    paces: {800m: "2:12"}
workout: |
  Main set: 2x(200m @800 + 100m bound) r20s
"""


@pytest.fixture
def live(tmp_path: Path) -> LiveSession:
    return LiveSession.start_new(parse_session(SESSION, "test"), tmp_path, FakeClock())


def clock_of(live: LiveSession) -> FakeClock:
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    return clock


def key(qtbot: QtBot, view: LiveView, live: LiveSession, which: Qt.Key, seconds: float = 0.0) -> None:
    clock_of(live).advance(seconds)
    qtbot.keyClick(view, which)


def test_escape_only_asks_and_taps_go_on_while_it_asks(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    key(qtbot, view, live, Qt.Key.Key_Space, 1)
    key(qtbot, view, live, Qt.Key.Key_Escape, 30)
    assert view.confirming_end and all(b.isVisible() for b in view.end_buttons)
    assert "End the session?" in texts(view)
    key(qtbot, view, live, Qt.Key.Key_Space, 2)  # a stray Space: a tap, never a yes
    key(qtbot, view, live, Qt.Key.Key_1, 1)
    key(qtbot, view, live, Qt.Key.Key_Return)
    key(qtbot, view, live, Qt.Key.Key_Enter)
    assert live.engine.snapshot().status == "running" and view.isVisible() and view.confirming_end
    assert [s.athlete for s in live.engine.splits] == [0, 1, 0]  # Space tapped both at 32 s, then 1 at 33 s
    key(qtbot, view, live, Qt.Key.Key_Escape)  # Esc again: keep running
    assert not view.confirming_end and not any(b.isVisible() for b in view.end_buttons)
    key(qtbot, view, live, Qt.Key.Key_E)  # E means nothing unless asked
    assert live.engine.snapshot().status == "running"
    key(qtbot, view, live, Qt.Key.Key_Escape)
    key(qtbot, view, live, Qt.Key.Key_E)
    assert live.engine.snapshot().status == "ended" and not view.confirming_end
    assert read_recording(live.journal.path).finished
    assert "Session ended early" in texts(view)  # the screen says it is over, and where to go from there
    key(qtbot, view, live, Qt.Key.Key_Escape)  # no second "End the session?": Esc closes
    assert not view.confirming_end and not view.isVisible()


def test_the_end_touch_button_asks_and_the_panels_button_ends(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    qtbot.mouseClick(view.buttons["end"], Qt.MouseButton.LeftButton)
    assert view.confirming_end and live.engine.snapshot().status == "running"
    qtbot.mouseClick(view.end_buttons[1], Qt.MouseButton.LeftButton)  # keep running
    assert not view.confirming_end
    qtbot.mouseClick(view.buttons["end"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.end_buttons[0], Qt.MouseButton.LeftButton)
    assert live.engine.snapshot().status == "ended" and not any(b.isVisible() for b in view.end_buttons)
    view.repaint()
    close = view.touch.finish["close"]
    assert close.isVisible() and not any(b.isVisible() for b in view.buttons.values())
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not view.isVisible()


def test_taps_pressed_in_a_dialog_count_at_their_own_time(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    key(qtbot, view, live, Qt.Key.Key_Space, 1)  # into the 200 m
    box = QMessageBox(QMessageBox.Icon.Warning, "Sound", "The speaker was unplugged.", parent=view)
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.open()
    qtbot.waitExposed(box)
    clock_of(live).advance(31.4)
    qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_2)  # Ben, pressed while the dialog has the keys
    clock_of(live).advance(1.1)
    qtbot.keyClick(box.focusWidget() or box, Qt.Key.Key_Space)  # Space: a tap, and the dialog is not answered
    assert box.isVisible()
    splits = live.engine.splits
    assert [(s.athlete, round(s.duration_s, 1)) for s in splits] == [(1, 31.4), (0, 32.5)]
    events = read_recording(live.journal.path).events
    assert [e.type for e in events] == ["start", "tap", "tap", "tap"]
    box.done(0)


def test_a_tap_while_paused_in_a_rep_counts_the_pause_they_ran_through(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    key(qtbot, view, live, Qt.Key.Key_Space, 1)
    key(qtbot, view, live, Qt.Key.Key_Period, 20)  # a clicker's blank-screen key: paused by mistake
    assert live.engine.snapshot().status == "paused"
    key(qtbot, view, live, Qt.Key.Key_1, 12)  # Ana finishes her 200 m 32 s after the start
    assert live.engine.splits[-1].duration_s == pytest.approx(32.0)
    assert live.engine.snapshot().status == "running" and "the pause is cancelled" in view.message
    recording = read_recording(live.journal.path)
    assert [e.type for e in recording.events] == ["start", "tap", "pause", "resume", "tap"]
    again = Replay.of(live.engine.plan, recording.events)  # what review reads gives the same split
    assert [round(s.duration_s, 3) for s in again.splits] == [32.0]


def test_a_tap_while_paused_in_a_recovery_is_refused_on_screen(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    for which, seconds in ((Qt.Key.Key_Space, 1), (Qt.Key.Key_Space, 32), (Qt.Key.Key_Space, 18)):
        key(qtbot, view, live, which, seconds)
    assert live.engine.snapshot().step.label == "R 20s"
    key(qtbot, view, live, Qt.Key.Key_P, 5)
    key(qtbot, view, live, Qt.Key.Key_1, 3)
    assert live.engine.snapshot().status == "paused" and live.engine.snapshot().remaining_s == pytest.approx(15)
    assert view.message == "Paused: that tap is not recorded here. P to continue"
    assert view.message in texts(view)
    assert [e.type for e in read_recording(live.journal.path).events][-1] == "pause"


def test_keys_that_change_nothing_say_why(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    key(qtbot, view, live, Qt.Key.Key_1)
    assert view.message == "Waiting to start: Space starts 200m @800"
    key(qtbot, view, live, Qt.Key.Key_Space, 1)
    key(qtbot, view, live, Qt.Key.Key_5, 2)
    assert view.message == "Key 5: there is no athlete 5 today"
    key(qtbot, view, live, Qt.Key.Key_Space, 31)
    key(qtbot, view, live, Qt.Key.Key_2, 1)  # Ben already tapped the bound's start: the group is on the bound
    key(qtbot, view, live, Qt.Key.Key_2, 1)
    key(qtbot, view, live, Qt.Key.Key_2, 1)
    assert view.message == "Ben has tapped 100m bound already (U undoes)"


def test_undo_says_what_it_took_back(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    key(qtbot, view, live, Qt.Key.Key_Space, 1)
    key(qtbot, view, live, Qt.Key.Key_U, 1)
    assert view.message == "Undid the tap that started 200m @800: back in Main set"
    key(qtbot, view, live, Qt.Key.Key_Space, 1)
    key(qtbot, view, live, Qt.Key.Key_1, 31)
    key(qtbot, view, live, Qt.Key.Key_U, 1)
    assert view.message == "Undid Ana 0:31.0 (\u22121.0) 200m @800: back in 200m @800"


def test_the_recovery_has_minus_15_s_as_well_as_plus_15_s(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    for which, seconds in ((Qt.Key.Key_Space, 1), (Qt.Key.Key_Space, 32), (Qt.Key.Key_Space, 18)):
        key(qtbot, view, live, which, seconds)
    qtbot.mouseClick(view.buttons["extend_more"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.buttons["extend_more"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.buttons["extend_less"], Qt.MouseButton.LeftButton)
    assert view.buttons["extend_less"].text() == "−15 s"
    assert live.engine.snapshot().remaining_s == pytest.approx(35) and view.message == f"Recovery {MINUS}15 s"


def test_space_in_a_timed_recovery_is_refused_on_screen_and_1_laps_one(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    for which, seconds in ((Qt.Key.Key_Space, 1), (Qt.Key.Key_Space, 32), (Qt.Key.Key_Space, 18)):
        key(qtbot, view, live, which, seconds)
    assert live.engine.snapshot().step.label == "R 20s"
    key(qtbot, view, live, Qt.Key.Key_Space, 5)
    assert (
        view.message
        == "Recovery runs on the clock: Space taps no one here — 1-9 lap one athlete, N starts the next step"
    )
    assert view.message in texts(view)
    key(qtbot, view, live, Qt.Key.Key_2, 1)
    events = read_recording(live.journal.path).events
    assert [(e.type, e.athlete) for e in events[-2:]] == [("tap", None), ("tap", 1)]  # the refused Space: not there
    assert len([e for e in events if e.type == "tap"]) == 4
