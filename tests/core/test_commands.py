"""The one command table (keys, console characters, help) and the typed outcome every command returns."""

from __future__ import annotations

import pytest

from kicktimer.core.run import commands
from kicktimer.core.run.commands import BY_NAME, COMMANDS, command_for_char, key_help
from kicktimer.core.run.engine import SessionEngine
from tests.core.helpers import ANA, BEN, expand
from tests.support.clock import FakeClock


def started(text: str) -> tuple[SessionEngine, FakeClock]:
    """Started and past the opening hold: in the first step."""
    clock = FakeClock()
    engine = SessionEngine(expand(text, (ANA, BEN)), clock)
    engine.start()
    engine.tap()
    return engine, clock


def test_no_key_and_no_console_character_means_two_things() -> None:
    keys = [key for command in COMMANDS for key in command.keys]
    chars = [char for command in COMMANDS for char in command.console]
    assert len(keys) == len(set(keys)) and len(chars) == len(set(chars))
    # the window answers every command by a key, but the sleep's: it asks in its notice of the sleep
    assert [command.name for command in COMMANDS if not command.keys] == ["sleep_pause"]


def test_console_characters_map_to_their_commands_and_athletes() -> None:
    assert command_for_char(" ") == (BY_NAME["tap_all"], None)
    assert command_for_char("3") == (BY_NAME["tap"], 2)
    assert command_for_char("P") == (BY_NAME["pause"], None)  # case does not matter
    assert command_for_char("=") == (BY_NAME["extend_more"], None)  # + without Shift
    assert command_for_char("x") is None and command_for_char("") is None


def test_help_lists_every_command_once_in_the_window_and_what_the_console_answers() -> None:
    window, console = key_help("window"), key_help("console")
    assert [title for _, title, _ in window] == [c.title for c in COMMANDS if c.keys]
    assert next(row for row in console if row[1] == "Sleep as pause")[0] == "g"  # the console has no notice to ask
    assert "Full screen" not in [title for _, title, _ in console]  # a terminal has no full screen
    assert window[[c.name for c in COMMANDS].index("back")][:2] == ("B / Left / PgUp", "Back")
    assert next(row[:2] for row in console if row[1] == "End") == ("q", "End")
    ends = [next(row[2] for row in rows if row[1] == "End") for rows in (window, console)]
    assert ends[0].startswith("asks whether to end the session: E ends it")
    assert ends[1].startswith("asks whether to end the session: y ends it")


def test_the_recovery_extension_is_one_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    engine, clock = started("2x200m r1:00")
    engine.execute(BY_NAME["tap_all"], None, clock.now_ns())  # into the recovery
    monkeypatch.setattr(commands, "EXTEND_STEP_S", 20.0)
    engine.execute(BY_NAME["extend_more"])
    assert engine.snapshot().remaining_s == 80
    engine.execute(BY_NAME["extend_less"])
    assert engine.snapshot().remaining_s == 60


def test_a_tap_says_which_splits_it_made_with_their_deltas_and_the_step_it_entered() -> None:
    engine, clock = started("2x200m @800 r1:00")
    clock.advance(31.0)
    ana = engine.execute(BY_NAME["tap"], 0, clock.now_ns())
    assert ana.event is not None and ana.index == 2 and ana.left is None and ana.entered is None
    assert [(s.athlete, s.duration_s) for s in ana.made] == [(0, 31.0)]
    assert ana.made[0].delta_s == pytest.approx(31.0 - 32.0)
    clock.advance(2.0)
    ben = engine.execute(BY_NAME["tap"], 1, clock.now_ns())  # the last one in: the group moves on
    assert [s.athlete for s in ben.made] == [1] and (ben.left, ben.entered) == (1, 2)


def test_undo_and_back_say_which_splits_they_took_back() -> None:
    engine, clock = started("2x(200m @800 + 100m kick) r1:00")
    clock.advance(30.0)
    engine.execute(BY_NAME["tap_all"], None, clock.now_ns())
    clock.advance(15.0)
    made = engine.execute(BY_NAME["tap"], 0, clock.now_ns()).made
    undone = engine.execute(BY_NAME["undo"])
    assert undone.removed == made and undone.made == ()
    clock.advance(1.0)
    engine.execute(BY_NAME["tap_all"], None, clock.now_ns())  # both finish the kick: into the recovery
    clock.advance(1.0)
    back = engine.execute(BY_NAME["back"])  # in the recovery's first 3 s: back to the kick
    assert back.event is not None and (back.left, back.entered) == (3, 2)
    assert sorted((s.athlete, s.step) for s in back.removed) == [(0, 2), (1, 2)]


def test_a_command_that_changes_nothing_is_not_an_event() -> None:
    engine, _clock = started("2x200m r1:00")
    nothing = engine.execute(BY_NAME["extend_more"])  # not in a timed recovery
    assert nothing.event is None and nothing.index == -1 and not nothing.made
    assert engine.execute(BY_NAME["mute"]).event is None  # not the engine's: the session answers it
    assert len(engine.events) == 2
