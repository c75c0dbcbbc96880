"""The live view driven by real key clicks over a whole short session, with a FakeClock: engine state, the
recording on disk, and what is drawn."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_live_view
from kicktimer.app.session import LiveSession
from kicktimer.io.reader import read_recording
from kicktimer.io.session_file import parse_session
from kicktimer.ui.live_view import LiveView, clock_text, next_change_ms
from tests.support.clock import FakeClock

SESSION = """\
name: Test 500s
athletes:
  - name: Ana
    paces: {800m: "2:08"}
  - name: Ben
    paces: {800m: "2:12"}
workout: |
  2x(200m @800 + 100m bound) r20s
  10s hill sprint
"""


@pytest.fixture
def live(tmp_path: Path) -> LiveSession:
    return LiveSession.start_new(parse_session(SESSION, "test"), tmp_path, FakeClock())


def shown(qtbot: QtBot, live: LiveSession) -> LiveView:
    view = build_live_view(live)
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def background(view: LiveView) -> QColor:
    view.repaint()
    return view.grab().toImage().pixelColor(3, view.height() - 3)


def press(qtbot: QtBot, view: LiveView, clock: FakeClock, key: Qt.Key, seconds: float = 0.0,
          modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # fmt: skip
    clock.advance(seconds)
    qtbot.keyClick(view, key, modifier)


def test_a_whole_session_by_key_clicks(qtbot: QtBot, live: LiveSession) -> None:
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    view = shown(qtbot, live)
    colours = {"hold": background(view)}
    press(qtbot, view, clock, Qt.Key.Key_Space, 2)
    assert live.engine.snapshot().step.label == "200m @800"
    colours["race"] = background(view)
    press(qtbot, view, clock, Qt.Key.Key_1, 31.5)  # Ana: the gear change
    clock.advance(1.0)
    colours["bound"] = background(view)
    press(qtbot, view, clock, Qt.Key.Key_2, 0.5)
    assert "Ben" in view.message and "200m @800" in view.message
    press(qtbot, view, clock, Qt.Key.Key_Space, 18)
    snap = live.engine.snapshot()
    assert snap.step.label == "R 20s" and snap.remaining_s == 20
    colours["recovery"] = background(view)
    clock.advance(18)
    colours["countdown"] = background(view)  # the last 3 s before work
    press(qtbot, view, clock, Qt.Key.Key_Plus)  # +15 s on the recovery
    assert live.engine.snapshot().remaining_s == pytest.approx(17)
    press(qtbot, view, clock, Qt.Key.Key_Minus)
    press(qtbot, view, clock, Qt.Key.Key_P)
    assert live.engine.snapshot().status == "paused"
    press(qtbot, view, clock, Qt.Key.Key_P, 60)
    clock.advance(2.5)
    assert live.engine.snapshot().step.label == "200m @800"  # the recovery ran out
    press(qtbot, view, clock, Qt.Key.Key_Space, 32)
    press(qtbot, view, clock, Qt.Key.Key_U)  # undo the tap: back in the 200
    assert live.engine.snapshot().step.label == "200m @800"
    press(qtbot, view, clock, Qt.Key.Key_Space, 0.2)
    press(qtbot, view, clock, Qt.Key.Key_Z, 5, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Z is undo too
    press(qtbot, view, clock, Qt.Key.Key_Space, 0.2)
    press(qtbot, view, clock, Qt.Key.Key_Right, 10)  # skip the bound
    assert live.engine.snapshot().step.phase == "hold"
    press(qtbot, view, clock, Qt.Key.Key_Space, 3)
    colours["hill"] = background(view)
    clock.advance(10)
    assert live.engine.snapshot().status == "complete"
    assert len({c.name() for c in colours.values()}) == len(colours), colours  # every phase looks different
    view.close()
    events = read_recording(live.journal.path).events
    assert [e.type for e in events].count("tap") == 8 and [e.type for e in events].count("undo") == 2
    assert [e.type for e in events][:2] == ["start", "tap"]


def test_the_clock_is_the_largest_text_and_fills_the_screen(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    image = view.grab().toImage()  # grab() paints
    assert view.clock_pixel_size >= 0.4 * view.height()
    bg = image.pixelColor(3, 3)
    rows = [y for y in range(image.height()) if image.pixelColor(image.width() // 2 - 40, y) != bg]
    assert rows  # the clock's digits are drawn in the middle of the screen
    view.close()


def test_mute_full_screen_and_clicker_keys(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_M)
    assert live.sound_state()[0] == "MUTED" and view.message == "Muted: M turns the cues back on"
    qtbot.keyClick(view, Qt.Key.Key_F)
    assert view.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(view, Qt.Key.Key_F11)
    assert not view.windowState() & Qt.WindowState.WindowFullScreen
    qtbot.keyClick(view, Qt.Key.Key_Space)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)  # a presentation clicker's "next"
    assert live.engine.snapshot().step.label == "100m bound"
    qtbot.keyClick(view, Qt.Key.Key_PageUp)
    assert live.engine.snapshot().step.label == "200m @800"
    view.close()


def test_repaints_land_on_the_moment_the_clock_changes(live: LiveSession) -> None:
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    live.apply(live.engine.tap)
    live.apply(live.engine.tap)
    live.apply(live.engine.tap)  # into the 20 s recovery
    clock.advance(0.3)
    snap = live.engine.snapshot()
    assert clock_text(snap) == "0:20" and next_change_ms(snap) == 700  # the repaint lands on the change to 0:19
    clock.advance(0.5)
    assert next_change_ms(live.engine.snapshot()) == 200
    clock.advance(10.15)
    snap = live.engine.snapshot()
    assert clock_text(snap) == "9.1" and next_change_ms(snap) == 50


def test_touch_buttons_do_what_the_keys_do(qtbot: QtBot, live: LiveSession) -> None:
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    view = shown(qtbot, live)
    assert list(view.buttons) == ["tap_all", "pause", "back", "skip", "extend_less", "extend_more", "undo", "end"]
    qtbot.mouseClick(view.buttons["tap_all"], Qt.MouseButton.LeftButton)
    clock.advance(31)
    ben = view._layout().tiles[1].center().toPoint()  # each athlete's tile is their touch button
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=ben)  # Ben first: the gear change
    assert live.engine.snapshot().step.label == "100m bound"
    assert live.engine.splits[-1].athlete == 1
    qtbot.mouseClick(view.buttons["undo"], Qt.MouseButton.LeftButton)
    assert live.engine.snapshot().step.label == "200m @800"
    qtbot.mouseClick(view.buttons["pause"], Qt.MouseButton.LeftButton)
    assert live.engine.snapshot().status == "paused"
    assert view.hasFocus() or not view.buttons["tap_all"].hasFocus()  # buttons never take the keys' focus
    view.close()


def test_each_athletes_target_for_the_current_step_is_shown(qtbot: QtBot, live: LiveSession) -> None:
    from PySide6.QtGui import QPainter, QPixmap

    from kicktimer.ui import live_view

    drawn: list[str] = []
    original = QPainter.drawText

    def spy(self: QPainter, *args: object) -> None:
        drawn.append(str(args[-1]))
        original(self, *args)  # type: ignore[arg-type]

    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    QPainter.drawText = spy  # type: ignore[method-assign]
    try:
        view.render(QPixmap(view.size()))
    finally:
        QPainter.drawText = original  # type: ignore[method-assign]
    assert drawn.count("→ 0:32") == 1 and drawn.count("→ 0:33") == 1  # on Ana's and Ben's tiles
    assert "Ana" in drawn and "Ben" in drawn and not any("…" in text for text in drawn)
    assert live_view.clock_text(live.engine.snapshot()) in drawn
    view.close()


def test_the_key_table_shows_over_the_screen_and_messages_are_in_words(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    before = view.grab().toImage()
    qtbot.keyClick(view, Qt.Key.Key_F1)
    assert view.show_keys and view.grab().toImage() != before
    qtbot.keyClick(view, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)  # ? is Shift+/ on most keyboards
    assert not view.show_keys
    press(qtbot, view, clock, Qt.Key.Key_Space, 1)
    press(qtbot, view, clock, Qt.Key.Key_2, 33.0)
    assert view.message == "Ben 0:33.0 (±0.0) 200m @800"  # no console string: "[recorded 3] tap Ben: …"
    press(qtbot, view, clock, Qt.Key.Key_U)
    assert view.message == "Undid Ben 0:33.0 (±0.0) 200m @800: back in 200m @800"
    press(qtbot, view, clock, Qt.Key.Key_Right)
    press(qtbot, view, clock, Qt.Key.Key_Right)
    assert live.engine.snapshot().step.label == "R 20s" and view.message == "Skipped → R 20s"
    press(qtbot, view, clock, Qt.Key.Key_Plus, 0, Qt.KeyboardModifier.ShiftModifier)  # Shift does not change +
    assert live.engine.snapshot().remaining_s == 35 and view.message == "Recovery +15 s"
    view.close()
