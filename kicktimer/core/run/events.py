"""Session events: what the journal records, one per line, and what the engine replays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, get_args

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

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"t_ns": self.t_ns, "type": self.type}
        for key in ("athlete", "delta_s", "reason", "op", "ref", "step"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data

    @classmethod
    def from_json(cls, data: Any) -> Event:
        """Raises ValueError with what is wrong, for a journal line that is not an event."""
        if not isinstance(data, dict):
            raise ValueError("an event is a JSON object")
        t_ns, kind = data.get("t_ns"), data.get("type")
        if not isinstance(t_ns, int) or isinstance(t_ns, bool):
            raise ValueError('"t_ns" must be an integer')
        if kind not in EVENT_TYPES:
            raise ValueError(f'unknown event type "{kind}"')
        athlete, delta_s, reason = data.get("athlete"), data.get("delta_s"), data.get("reason")
        if athlete is not None and (not isinstance(athlete, int) or isinstance(athlete, bool) or athlete < 0):
            raise ValueError('"athlete" must be a non-negative integer')
        if delta_s is not None and not isinstance(delta_s, int | float):
            raise ValueError('"delta_s" must be a number')
        if reason is not None and not isinstance(reason, str):
            raise ValueError('"reason" must be text')
        op, ref = data.get("op"), data.get("ref")
        if kind == "correct" and op not in CORRECTION_OPS:
            raise ValueError(f'a correction needs "op", one of {sorted(CORRECTION_OPS)}')
        if op in ("move", "delete") and (not isinstance(ref, int) or isinstance(ref, bool) or ref < 0):
            raise ValueError(f'a "{op}" correction needs "ref", the index of the tap it corrects')
        step = data.get("step") if kind == "start" else None
        if step is not None and (not isinstance(step, int) or isinstance(step, bool) or step < 0):
            raise ValueError('"step" must be a non-negative integer: the plan step the session started at')
        delta = None if delta_s is None else float(delta_s)
        if kind != "correct":
            op, ref = None, None
        return cls(t_ns, kind, athlete, delta, reason, op, ref, step)


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
