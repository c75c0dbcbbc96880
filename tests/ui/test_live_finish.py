"""The finished session's screen: it says the session is complete (or ended early), and "Enter: review · Esc:
close", and those keys (and the Review and Close buttons) do that; from the browser, Enter opens the review and
Esc does not."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_live_view, build_main_window
from kicktimer.app.session import LiveSession
from kicktimer.io.paths import recordings_dir
from kicktimer.io.reader import read_recording
from kicktimer.ui.live_view import LiveView
from kicktimer.ui.review_view import ReviewWindow
from tests.conftest import SESSIONS
from tests.support.clock import FakeClock
from tests.ui.drawn import texts
from tests.ui.test_live_view import live, shown

__all__ = ["live"]  # the fixture


def run_to_the_end(qtbot: QtBot, live: LiveSession) -> tuple[LiveView, list[bool]]:
    """The whole short session by Space, on the fake clock: complete; the view offers the review (told here)."""
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    view = shown(qtbot, live)
    chosen: list[bool] = []
    view.leave = chosen.append
    for wait_s in (1, 31, 15, 21, 31, 15, 1, 3):  # hold, 200, bound, r20s runs out, 200, bound, hold, hill
        clock.advance(wait_s)
        qtbot.keyClick(view, Qt.Key.Key_Space)
    clock.advance(10)
    assert live.engine.snapshot().status == "complete"
    view.notice()
    return view, chosen


def test_a_complete_session_says_so_and_enter_opens_the_review(qtbot: QtBot, live: LiveSession) -> None:
    view, chosen = run_to_the_end(qtbot, live)
    drawn = texts(view)
    assert "Session complete" in drawn and "Enter: review · Esc: close" in drawn
    assert view.touch.finish["review"].isVisible() and not view.buttons["tap_all"].isVisible()
    qtbot.keyClick(view, Qt.Key.Key_N)  # a stray key does nothing but say what does
    assert view.message == "The session is over: Enter: review · Esc: close" and view.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert chosen == [True] and not view.isVisible()
    recording = read_recording(live.journal.path)
    assert recording.finished and recording.events[-1].type == "end"


def test_esc_on_the_finished_screen_closes_without_the_review(qtbot: QtBot, live: LiveSession) -> None:
    view, chosen = run_to_the_end(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert chosen == [False] and not view.isVisible() and not view.confirming_end


def test_from_the_browser_enter_opens_the_review_and_esc_does_not(qtbot: QtBot) -> None:
    window = build_main_window(SESSIONS / "sprint-progression" / "04-sprints-6x60m.session.yaml", with_sound=False)
    qtbot.addWidget(window)
    window.show()
    for leave, review in ((Qt.Key.Key_Escape, False), (Qt.Key.Key_Return, True)):
        qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
        view = window.live_view
        assert isinstance(view, LiveView)
        qtbot.keyClick(view, Qt.Key.Key_Space)  # leave the hold: the first sprint starts
        qtbot.keyClick(view, Qt.Key.Key_1)  # a split: closed any other way, the review would open
        qtbot.keyClick(view, Qt.Key.Key_Escape)
        qtbot.keyClick(view, Qt.Key.Key_E)  # ended early
        drawn = texts(view)
        assert "Session ended early" in drawn and "Enter: review · Esc: close" in drawn
        qtbot.keyClick(view, leave)
        qtbot.waitUntil(window.isVisible)
        opened = window.review_window
        assert (isinstance(opened, ReviewWindow) and opened.isVisible()) == review
    assert len(list(recordings_dir().glob("*.kick.jsonl"))) == 2


def test_a_session_ended_before_its_window_shows_fills_the_screen(qtbot: QtBot, live: LiveSession) -> None:
    """Ended before the window first showed (as `make screenshots` does it), only Review and Close are ever laid
    out: the screen above them is still the whole window (not squeezed by the stale size of a hidden button)."""
    view = build_live_view(live)
    qtbot.addWidget(view)
    view.resize(1366, 768)
    view.leave = lambda _review: None
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    qtbot.keyClick(view, Qt.Key.Key_E)  # ended before the window ever showed
    view.show()
    qtbot.waitExposed(view)
    view.grab()
    assert view.clock_pixel_size >= 0.3 * view.height()
    assert view._layout().tiles[0].bottom() > 0.6 * view.height()
