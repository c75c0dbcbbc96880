"""Why a command changed nothing, in the words of the window or the console it came from: no key is lost
without a word. Pure: the window and the console runner say the same thing, each naming its own keys."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from kicktimer.core.run.commands import BY_NAME, Command, key_names
from kicktimer.core.run.state import Snapshot

Scope = Literal["window", "console"]
SESSION_OVER = "The session is over"


def key_of(name: str, scope: Scope) -> str:
    """The first key of a command as `scope` names it: "Space", "P" in the window; "Space", "p" in the console."""
    return key_names(BY_NAME[name], scope).split(" / ")[0]


def label_after(snap: Snapshot) -> str:
    return snap.next_step.label if snap.next_step is not None else "the session"


def refusal_text(command: Command, athlete: int | None, snap: Snapshot, labels: Sequence[str], scope: Scope) -> str:
    """Why `command` changed nothing ("" for a command that never says: mute, a window's own)."""
    if snap.status in ("complete", "ended"):
        return SESSION_OVER
    if command.name in ("extend_more", "extend_less"):
        return f"{command.title} works only during a timed recovery (now: {labels[snap.step_index]})"
    if command.name == "undo":
        return "Nothing to undo: no tap, Back or Skip stands"
    if command.name not in ("tap", "tap_all"):
        return ""
    if snap.status == "paused":
        return f"Paused: that tap is not recorded here. {key_of('pause', scope)} to continue"
    if athlete is not None and athlete >= len(snap.athletes):
        return f"Key {athlete + 1}: there is no athlete {athlete + 1} today"
    if snap.step.phase == "hold":
        return f"Waiting to start: {key_of('tap_all', scope)} starts {label_after(snap)}"
    if athlete is not None:
        undo = key_of("undo", scope)
        return f"{snap.athletes[athlete].name} has tapped {labels[snap.step_index]} already ({undo} undoes)"
    if snap.step.phase == "recovery" and snap.step.ends == "time":
        return (f"Recovery runs on the clock: {key_of('tap_all', scope)} taps no one here — "
                f"{key_of('tap', scope)} lap one athlete, {key_of('skip', scope)} starts the next step")  # fmt: skip
    return "Everyone has tapped this one"
