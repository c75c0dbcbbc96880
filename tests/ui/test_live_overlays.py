"""The panels over the live screen (the F1 key table, "End the session?") stay until they are closed: the
once-a-second repaint of the clock alone must not paint the digits over them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kicktimer.app.session import LiveSession
from kicktimer.ui.live_screen import END_NOTE
from kicktimer.ui.live_view import LiveView, clock_text
from tests.support.clock import FakeClock
from tests.ui.drawn import drawn_texts
from tests.ui.test_live_view import live, shown

__all__ = ["live"]  # the fixture


@contextmanager
def painted_texts() -> Iterator[list[str]]:
    """Every text drawn while the block runs, by whichever paint: a real paint event, not a re-render."""
    original, seen = QPainter.drawText, []

    def spy(self: QPainter, *args: object) -> None:
        if isinstance(args[-1], str):
            seen.append(args[-1])
        original(self, *args)  # type: ignore[call-overload]

    QPainter.drawText = spy  # type: ignore[method-assign]
    try:
        yield seen
    finally:
        QPainter.drawText = original  # type: ignore[method-assign]


def the_seconds_repaint(view: LiveView, clock: FakeClock) -> list[str]:
    """A second passes and the view's timer fires: what that repaint draws."""
    view.update()
    QApplication.processEvents()  # the frame as it stands is on screen
    clock.advance(1.0)
    with painted_texts() as seen:
        view._tick()  # what the timer calls: the clock alone when nothing else changed
        QApplication.processEvents()
    assert seen, "the tick painted nothing"
    return seen


@pytest.mark.parametrize(("key", "panel_text"), [(Qt.Key.Key_F1, "show / hide these keys"),
                                                 (Qt.Key.Key_Escape, "End the session?")])  # fmt: skip
def test_a_panel_stays_over_the_clock_through_the_seconds(
    qtbot: QtBot, live: LiveSession, key: Qt.Key, panel_text: str
) -> None:
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    view = shown(qtbot, live)
    # the session's first hold: only its clock changes from second to second (the time left stands still)
    qtbot.keyClick(view, key)
    for _ in range(3):
        drawn = the_seconds_repaint(view, clock)
        assert panel_text in drawn, drawn  # the panel is drawn again over the new digits, every second
    qtbot.keyClick(view, key)  # closed (F1 again, Esc keeps running): the seconds repaint the clock alone again
    the_seconds_repaint(view, clock)
    assert the_seconds_repaint(view, clock) == [clock_text(live.engine.snapshot())]


def test_esc_over_the_key_help_closes_only_the_help(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_F1)
    assert view.show_keys
    qtbot.keyClick(view, Qt.Key.Key_Escape)  # the topmost panel closes; nothing opens under it
    assert not view.show_keys and not view.confirming_end
    assert not any(button.isVisible() for button in view.end_buttons)
    qtbot.keyClick(view, Qt.Key.Key_E)  # E alone ends nothing
    assert live.engine.snapshot().status == "running"


def test_one_panel_at_a_time(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.confirming_end
    qtbot.keyClick(view, Qt.Key.Key_F1)  # the help replaces the question: E then ends nothing
    assert view.show_keys and not view.confirming_end
    assert not any(button.isVisible() for button in view.end_buttons)
    qtbot.keyClick(view, Qt.Key.Key_E)
    assert live.engine.snapshot().status == "running"
    view.buttons["end"].click()  # the End button asks again: the help makes way
    assert view.confirming_end and not view.show_keys


def test_the_help_never_stays_over_the_finished_screen(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    view.end_buttons[0].click()  # ended by the panel's button
    assert live.engine.snapshot().status == "ended" and not view.show_keys
    qtbot.keyClick(view, Qt.Key.Key_F1)  # the help over the finished screen: Esc closes it, not the window
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert not view.show_keys and view.isVisible()


def test_the_help_closes_when_the_session_ends_by_itself(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_F1)
    live.apply(live.engine.end)  # as housekeeping ends a complete session
    view.notice()
    assert not view.show_keys


@pytest.mark.parametrize("size", [(1000, 600), (640, 400), (1920, 1080)])
def test_the_clock_stays_in_sight_while_the_end_is_asked(
    qtbot: QtBot, live: LiveSession, size: tuple[int, int]
) -> None:
    view = shown(qtbot, live)
    view.resize(*size)
    qtbot.keyClick(view, Qt.Key.Key_Escape)
    clock = view._layout().clock
    panel = view._end_panel()
    assert not panel.intersects(clock), (panel, clock)
    for button in view.end_buttons:
        assert button.isVisible() and not QRectF(button.geometry()).intersects(clock)
        assert panel.contains(QRectF(button.geometry()))
    drawn = {d.text: d for d in drawn_texts(view)}
    assert clock_text(live.engine.snapshot()) in drawn and "End the session?" in drawn
    words = [drawn[t].rect for t in ("End the session?", END_NOTE)]
    for rect in words:  # the panel's words clear of its buttons
        assert rect is not None and panel.contains(rect)
        assert not any(rect.intersects(QRectF(b.geometry())) for b in view.end_buttons), (rect, size)


@pytest.mark.parametrize("key", [Qt.Key.Key_F1, Qt.Key.Key_Escape])
def test_a_click_on_a_panel_taps_no_tile_under_it(qtbot: QtBot, live: LiveSession, key: Qt.Key) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_Space)  # the 200m runs: a click on a tile would split
    qtbot.keyClick(view, key)
    tile = view._layout().tiles[0]
    point = tile.center().toPoint()
    buttons = [QRectF(b.geometry()) for b in view.end_buttons if b.isVisible()]
    assert not any(b.contains(tile.center()) for b in buttons)  # on the panel itself, not on a button
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=point)
    assert not live.engine.splits
