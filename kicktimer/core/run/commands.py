"""The command table: everything a coach can tell a running session, with its keys, touch button and help.

One table serves the window's keys, its touch buttons, the console runner and every help text. Keys are named
as Qt's portable key sequences spell them ("Space", "P", "PgDown", "Ctrl+Z"), so the table stays pure; the
console's single characters are listed beside them (a terminal has no Esc or arrow keys to spare).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from kicktimer.core.run.engine import SessionEngine
    from kicktimer.core.run.events import Event

EXTEND_STEP_S = 15.0  # one press of + or - moves a timed recovery's end by this much
# The key that answers "End the session?" with yes: no command's key, so a stray tap or clicker press never ends one
CONFIRM_END: dict[str, str] = {"window": "E", "console": "y"}

CommandName = Literal[
    "tap_all", "tap", "pause", "skip", "back", "extend_more", "extend_less", "undo", "end", "mute", "fullscreen",
    "help", "sleep_pause",
]  # fmt: skip
Call = Callable[["SessionEngine", int | None, int], "Event | None"]


@dataclass(frozen=True)
class Command:
    name: CommandName
    keys: tuple[str, ...]  # in the window, as QKeySequence(PortableText) spells them
    console: str  # the characters that give it in the console runner
    title: str  # short: the touch button's text, the key hints
    help: str  # "{confirm}": the key that answers "End the session?" (CONFIRM_END), named per scope
    call: Call | None  # (engine, athlete, t_ns at the key); None: the session or the window itself answers
    button: bool = False  # a touch button along the live view's bottom

    @property
    def per_athlete(self) -> bool:
        return self.name == "tap"


def _extend(sign: float) -> Call:
    return lambda engine, _athlete, _t_ns: engine.extend(sign * EXTEND_STEP_S)


COMMANDS: tuple[Command, ...] = (
    Command("tap_all", ("Space",), " ", "Tap all", "split for everyone still running; leaves a hold",
            lambda engine, _a, t_ns: engine.tap(None, t_ns), button=True),
    Command("tap", tuple("123456789"), "123456789", "Athlete", "split for athlete 1-9",
            lambda engine, athlete, t_ns: engine.tap(athlete, t_ns)),
    Command("pause", ("P", "."), "p", "Pause", "pause / continue (a clicker's blank-screen key too)",
            lambda engine, _a, _t: engine.toggle_pause(), button=True),
    Command("back", ("B", "Left", "PgUp"), "b", "Back", "restart this step (in its first 3 s: the one before)",
            lambda engine, _a, _t: engine.back(), button=True),
    Command("skip", ("N", "Right", "PgDown"), "n", "Skip", "end this step now and go to the next",
            lambda engine, _a, _t: engine.skip(), button=True),
    Command("extend_less", ("-",), "-", f"−{EXTEND_STEP_S:.0f} s", f"shorten this recovery by {EXTEND_STEP_S:.0f} s",
            _extend(-1.0), button=True),
    Command("extend_more", ("+", "="), "+=", f"+{EXTEND_STEP_S:.0f} s",
            f"lengthen this recovery by {EXTEND_STEP_S:.0f} s", _extend(1.0), button=True),
    Command("undo", ("U", "Ctrl+Z"), "u", "Undo", "take back the last tap, Back or Skip",
            lambda engine, _a, _t: engine.undo(), button=True),
    Command("end", ("Esc",), "q", "End", "asks whether to end the session: {confirm} ends it; the recording is kept",
            lambda engine, _a, _t: engine.end(), button=True),
    Command("mute", ("M",), "m", "Mute", "sound off / on", None),
    Command("fullscreen", ("F", "F11"), "", "Full screen", "full screen on / off", None),
    Command("help", ("F1", "?"), "?", "Keys", "show / hide these keys", None),
    # the window asks in its notice of a sleep instead: no key there
    Command("sleep_pause", (), "g", "Sleep as pause", "after the computer slept: count the time asleep as a pause "
            "(before anything else is recorded)", None),
)  # fmt: skip

BY_NAME: dict[str, Command] = {command.name: command for command in COMMANDS}


def command_for_char(char: str) -> tuple[Command, int | None] | None:
    """The console's reading of one typed character: the command and, for 1-9, the athlete (0-based)."""
    for command in COMMANDS:
        if char and char.lower() in command.console:
            return command, (int(char) - 1 if command.per_athlete else None)
    return None


def key_names(command: Command, scope: Literal["window", "console"]) -> str:
    """The keys of a command as the window or the console names them: "1-9", "Space", "B / Left / PgUp"."""
    if command.per_athlete:
        return "1-9"
    keys = command.keys if scope == "window" else tuple("Space" if c == " " else c for c in command.console)
    return " / ".join(keys)


def key_help(scope: Literal["window", "console"]) -> list[tuple[str, str, str]]:
    """(keys, title, what it does) for every command the window or the console answers."""
    shown = [c for c in COMMANDS if (c.keys if scope == "window" else c.console)]
    return [(key_names(c, scope), c.title, c.help.format(confirm=CONFIRM_END[scope])) for c in shown]
