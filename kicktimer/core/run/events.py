"""Session events: what the journal records, one per line, and what the engine replays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

EventType = Literal["start", "tap", "undo", "pause", "resume", "skip", "back", "extend", "end", "correct"]
EVENT_TYPES: frozenset[str] = frozenset(get_args(EventType))
# Corrections made in review: move or delete a tap (`ref` = its event index), add one, or revert the latest
# correction still standing. They are appended like any event; the original taps stay in the file.
CorrectionOp = Literal["move", "delete", "add", "revert"]
CORRECTION_OPS: frozenset[str] = frozenset(get_args(CorrectionOp))


@dataclass(frozen=True)
class Event:
    t_ns: int  # the recording's monotonic timeline
    type: EventType
    athlete: int | None = None  # tap: 0-based athlete; None = all (Space)
    delta_s: float | None = None  # extend
    reason: str | None = None  # pause/resume: why (e.g. the recording was interrupted); correct: a note
    op: CorrectionOp | None = None  # correct: what it does
    ref: int | None = None  # correct (move, delete): index of the tap, or of the `add` that made it
    step: int | None = None  # start: the plan step the session starts at (the steps before it are not run)
    # start, tap, skip, back: the step it begins starts this long after it, when its cue is heard (the output
    # latency); the clock, the sound and the athletes' start then agree. None: at the event.
    lead_ns: int | None = None


def without_undone(events: list[Event]) -> list[tuple[int, Event]]:
    """(index, event) for every event that still stands: an undo removes the latest tap still standing."""
    undone: set[int] = set()
    taps: list[int] = []
    for index, event in enumerate(events):
        if event.type == "undo" and taps:
            undone.add(taps.pop())
        elif event.type == "tap":
            taps.append(index)
    return [(i, e) for i, e in enumerate(events) if i not in undone and e.type != "undo"]
