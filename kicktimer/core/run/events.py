"""Session events: what the journal records, one per line, and what the engine replays."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Literal, get_args

EventType = Literal["start", "tap", "undo", "pause", "resume", "skip", "back", "extend", "end", "correct"]
EVENT_TYPES: frozenset[str] = frozenset(get_args(EventType))
# Corrections made in review: move or delete a tap (`ref` = its event index), add one, or revert the latest
# correction still standing. They are appended like any event; the original taps stay in the file.
CorrectionOp = Literal["move", "delete", "add", "revert"]
CORRECTION_OPS: frozenset[str] = frozenset(get_args(CorrectionOp))
RunStatus = Literal["complete", "aborted", "unfinished"]


@dataclass(frozen=True)
class Event:
    t_ns: int  # the recording's monotonic timeline
    type: EventType
    athlete: int | None = None  # tap: 0-based athlete; None = all (Space)
    delta_s: float | None = None  # extend
    reason: str | None = None  # pause/resume: why (e.g. the recording was interrupted); correct: a note
    op: CorrectionOp | None = None  # correct: what it does
    # correct (move, delete): the index of the tap, or of the `add` that made it; undo: the tap, Back or Skip it
    # takes back (None in recordings made before an undo named it: the latest tap then)
    ref: int | None = None
    step: int | None = None  # start: the plan step the session starts at (the steps before it are not run)
    # start, tap, skip, back: the step it begins starts this long after it, when its cue is heard (the output
    # latency); the clock, the sound and the athletes' start then agree. None: at the event.
    lead_ns: int | None = None
    # tap, pause, resume, skip, back, extend: where the group was when it was made, the step (the plan's length:
    # past the last) and how long it had been in it (active ns). A replay that lost a line finds its place again
    # from the next event that says so. None in recordings made before events said it.
    in_step: int | None = None
    into_ns: int | None = None
    for_step: int | None = None  # a numbered tap: the step whose split it made (an owed one, or the current one)


SYNCED: frozenset[str] = frozenset({"tap", "pause", "resume", "skip", "back", "extend"})


UNDOABLE: frozenset[str] = frozenset({"tap", "back", "skip"})


def without_undone(events: list[Event]) -> list[tuple[int, Event]]:
    """(index, event) for every event that still stands.

    An undo takes back the latest tap, Back or Skip still standing (`latest_undoable`), and names it in `ref`.
    An undo without `ref` was written before Back and Skip could be undone: it took back the latest tap still
    standing, and reads so still (a Back or Skip after that tap did not shield it)."""
    undone = _undone(events)
    # What was made while an event later undone stood says where the group was with it: not where it is without.
    stale = {k for target, undo in undone.items() for k in range(target + 1, undo)}
    return [
        (i, without_place(e) if i in stale else e) for i, e in enumerate(events) if i not in undone and e.type != "undo"
    ]


def without_place(event: Event) -> Event:
    return replace(event, in_step=None, into_ns=None, for_step=None)


def latest_undoable(events: list[Event]) -> int | None:
    """The index of the tap, Back or Skip an undo pressed now takes back; None when none stands."""
    undone = _undone(events)
    return next((i for i in range(len(events) - 1, -1, -1) if events[i].type in UNDOABLE and i not in undone), None)


def _undone(events: list[Event]) -> dict[int, int]:
    """The events taken back, each with the index of the undo that took it back."""
    undone: dict[int, int] = {}
    standing: list[int] = []  # taps, Backs and Skips not undone, oldest first
    for index, event in enumerate(events):
        if event.type in UNDOABLE:
            standing.append(index)
        elif event.type == "undo":
            target = (
                event.ref
                if event.ref is not None
                else next((i for i in reversed(standing) if events[i].type == "tap"), None)
            )
            if target in standing:  # a `ref` that names nothing standing (a damaged line) undoes nothing
                standing.remove(target)
                undone[target] = index
    return undone


def run_status(events: Iterable[Event]) -> RunStatus:
    """How a recording stands, the one answer history, review, the season pages and resume all give: without an
    `end` event it is "unfinished" (it can be resumed, however far it got); it ended "complete" after its last
    step, else "aborted"."""
    end = next((e for e in events if e.type == "end"), None)
    if end is None:
        return "unfinished"
    return "complete" if end.reason == "complete" else "aborted"
