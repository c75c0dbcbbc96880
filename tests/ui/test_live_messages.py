"""What the live screen says back: Back names what it dropped and Undo what it undid (a tap, a Back or a Skip);
a key that does nothing (or is no command) says why; an extended recovery shows by how much; Pause reads Continue
while paused."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kicktimer.app.session import LiveSession
from kicktimer.ui.live_view import LiveView
from kicktimer.ui.live_words import no_command_text
from tests.support.clock import FakeClock
from tests.ui.drawn import texts
from tests.ui.test_live_view import live, shown

__all__ = ["live"]  # the fixture
MINUS = "\u2212"
NONE = Qt.KeyboardModifier.NoModifier


def press(qtbot: QtBot, view: LiveView, live: LiveSession, key: Qt.Key, wait_s: float = 0.0) -> str:
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    clock.advance(wait_s)
    qtbot.keyClick(view, key)
    return view.message


def into_the_recovery(qtbot: QtBot, live: LiveSession) -> LiveView:
    """The hold left, the 200 and the bound run by both (Space): the first second of r20s."""
    view = shown(qtbot, live)
    for wait_s in (1.0, 31.0, 15.0):
        press(qtbot, view, live, Qt.Key.Key_Space, wait_s)
    assert live.engine.snapshot().step.label == "R 20s"
    return view


def test_back_says_what_it_dropped_and_undo_brings_back_and_says_so(qtbot: QtBot, live: LiveSession) -> None:
    view = into_the_recovery(qtbot, live)
    assert press(qtbot, view, live, Qt.Key.Key_B, 1.0) == "Back → 100m bound: 2 splits dropped (U brings them back)"
    assert len(live.engine.splits) == 2
    assert press(qtbot, view, live, Qt.Key.Key_U, 1.0) == "Undid Back: 2 splits back, back in R 20s"
    assert len(live.engine.splits) == 4 and live.engine.snapshot().step.label == "R 20s"
    assert press(qtbot, view, live, Qt.Key.Key_N, 1.0) == "Skipped → 200m @800"
    assert press(qtbot, view, live, Qt.Key.Key_U, 1.0) == "Undid Skip: back in R 20s"
    assert live.engine.snapshot().step_elapsed_s == 4.0  # the recovery never stopped
    said = press(qtbot, view, live, Qt.Key.Key_U)  # then the taps, latest first: the bound's Space
    assert said == "Undid 100m bound: Ana 0:15.0 · Ben 0:15.0: back in 100m bound"
    assert press(qtbot, view, live, Qt.Key.Key_B, 10.0) == "Back: 100m bound restarted"  # past its first 3 s
    assert press(qtbot, view, live, Qt.Key.Key_U) == "Undid Back: 100m bound runs from its first start"
    assert live.engine.snapshot().step_elapsed_s > 10.0


def test_keys_that_do_nothing_say_why(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    assert press(qtbot, view, live, Qt.Key.Key_U) == "Nothing to undo: no tap, Back or Skip stands"
    press(qtbot, view, live, Qt.Key.Key_Space, 1.0)  # the 200: a step a tap ends, not a timed recovery
    assert press(qtbot, view, live, Qt.Key.Key_Plus) == "+15 s works only during a timed recovery (now: 200m @800)"
    qtbot.mouseClick(view.buttons["extend_less"], Qt.MouseButton.LeftButton)
    assert view.message == f"{MINUS}15 s works only during a timed recovery (now: 200m @800)"
    assert live.engine.snapshot().extension_s == 0


def test_an_extended_recovery_shows_by_how_much(qtbot: QtBot, live: LiveSession) -> None:
    view = into_the_recovery(qtbot, live)
    assert any(text.endswith("· R 20s") for text in texts(view))  # the rep's sum-up, then the recovery now
    assert press(qtbot, view, live, Qt.Key.Key_Plus) == "Recovery +15 s"
    assert any(text.endswith("R 20s +0:15") for text in texts(view))
    press(qtbot, view, live, Qt.Key.Key_Plus)
    press(qtbot, view, live, Qt.Key.Key_Minus)
    assert any(text.endswith("R 20s +0:15") for text in texts(view))
    press(qtbot, view, live, Qt.Key.Key_Minus)
    press(qtbot, view, live, Qt.Key.Key_Minus)
    assert any(text.endswith(f"R 20s {MINUS}0:15") for text in texts(view))


def test_while_paused_the_pause_button_reads_continue(qtbot: QtBot, live: LiveSession) -> None:
    view = into_the_recovery(qtbot, live)
    pause = view.buttons["pause"]
    assert pause.text() == "Pause"
    qtbot.mouseClick(pause, Qt.MouseButton.LeftButton)
    assert live.engine.snapshot().status == "paused" and pause.text() == "Continue"
    qtbot.mouseClick(pause, Qt.MouseButton.LeftButton)
    assert live.engine.snapshot().status == "running" and pause.text() == "Pause"
    press(qtbot, view, live, Qt.Key.Key_P)  # the key too
    assert pause.text() == "Continue"


def test_the_message_line_says_a_split_as_its_tile_does() -> None:
    """One precision (tenths, 0:01.0 not 0:01) and one minus sign (−, U+2212) for a split in the live view."""
    from kicktimer.core.run.places import Split
    from kicktimer.ui.live_words import split_spans, split_text, undo_text

    for duration_s, target_s in ((1.0, 2.7), (33.0, 33.0), (64.96, 30.0), (0.95, None), (31.0, 32.0)):
        split = Split(0, 0, "finish", 0, 0, duration_s, target_s, 1)
        clock, *delta = "".join(text for text, _ in split_spans(split)).split()  # the tile: "0:01.0  −1.7 ▼"
        said = split_text(split, ["200m"], ["Ana"])
        assert said == f"Ana {clock}" + (f" ({delta[0]})" if delta else "") + " 200m", said
        assert "." in clock and "-" not in said
    from kicktimer.core.run.state import Outcome

    split = Split(0, 0, "finish", 0, 0, 31.0, 32.7, 1)
    assert undo_text(Outcome(None, removed=(split,)), ["200m"], ["Ana"]) == "Undid Ana 0:31.0 (\u22121.7) 200m"


@pytest.mark.parametrize(
    ("key", "modifier", "name"),
    [(Qt.Key.Key_A, NONE, "A"), (Qt.Key.Key_X, NONE, "X"), (Qt.Key.Key_Z, NONE, "Z"), (Qt.Key.Key_Tab, NONE, "Tab"),
     (Qt.Key.Key_Return, NONE, "Return"), (Qt.Key.Key_Backspace, NONE, "Backspace"),
     (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier, "Ctrl+Q"), (Qt.Key.Key_F5, NONE, "F5")],
)  # fmt: skip
def test_a_key_that_is_no_command_says_so(
    qtbot: QtBot, live: LiveSession, key: Qt.Key, modifier: Qt.KeyboardModifier, name: str
) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, key, modifier)
    assert view.message == f"Key {name} does nothing here — F1 lists the keys"
    assert live.engine.snapshot().status == "running" and len(live.engine.events) == 1  # the start alone
    assert f"Key {name} does nothing here — F1 lists the keys" in texts(view)


def test_e_without_the_question_says_how_to_end(qtbot: QtBot, live: LiveSession) -> None:
    view = shown(qtbot, live)
    qtbot.keyClick(view, Qt.Key.Key_E)
    assert view.message == "E ends the session only when it is asked: Esc asks first"


@pytest.mark.parametrize("key", [Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_Meta,
                                 Qt.Key.Key_CapsLock])  # fmt: skip
def test_a_modifier_alone_says_nothing(qtbot: QtBot, live: LiveSession, key: Qt.Key) -> None:
    view = shown(qtbot, live)
    view.message = "Ana 0:31.0 200m @800"
    qtbot.keyClick(view, key)
    assert view.message == "Ana 0:31.0 200m @800"


def test_a_key_qt_cannot_name_still_says_so() -> None:
    said = no_command_text(Qt.Key.Key_unknown.value, NONE)
    assert said == "That key does nothing here — F1 lists the keys"
    assert no_command_text(Qt.Key.Key_Shift.value, Qt.KeyboardModifier.ShiftModifier) == ""
