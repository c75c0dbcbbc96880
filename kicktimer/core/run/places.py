"""The group's place in a plan (`Cursor`), how time-ended steps move it on, and the splits taps make."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kicktimer.core.language.plan import Plan, PlanStep
from kicktimer.core.run.clock import to_ns


@dataclass(frozen=True)
class Split:
    """One athlete's tap: the finish of a step (or a pending joined segment), or a lap inside a timed step."""

    athlete: int
    step: int
    kind: Literal["finish", "lap"]
    t_ns: int
    active_ns: int
    duration_s: float
    target_s: float | None
    event: int  # index of the tap in the recording's events

    @property
    def delta_s(self) -> float | None:
        return None if self.target_s is None else self.duration_s - self.target_s


@dataclass(frozen=True)
class Cursor:
    """Where the group is: a step, when it started (active ns) and any extension; `done` past the last step."""

    step: int
    start_ns: int
    extension_ns: int = 0
    done: bool = False


def split_points_m(step: PlanStep, every_m: float) -> list[float]:
    """Distances inside a tap-ended work step where a tap is a split, not the finish (`split_every_m`)."""
    if every_m <= 0 or step.phase != "work" or step.ends != "tap" or not step.distance_m:
        return []
    count = int((step.distance_m - 1e-6) // every_m)
    return [every_m * (k + 1) for k in range(count)]


def step_length_ns(step: PlanStep, extension_ns: int) -> int | None:
    if step.ends != "time" or step.duration_s is None:
        return None
    return to_ns(step.duration_s) + extension_ns


def next_cursor(plan: Plan, cursor: Cursor, active_ns: int) -> Cursor | None:
    """The cursor after the current step, if it is time-ended and has ended by `active_ns`."""
    if cursor.done:
        return None
    length = step_length_ns(plan.steps[cursor.step], cursor.extension_ns)
    if length is None or cursor.start_ns + length > active_ns:
        return None
    end = cursor.start_ns + length
    return Cursor(cursor.step + 1, end) if cursor.step + 1 < len(plan.steps) else Cursor(cursor.step, end, 0, True)


def advance(plan: Plan, cursor: Cursor, active_ns: int) -> Cursor:
    """Move through every time-ended step that has ended by `active_ns`, each starting where the last ended."""
    while (moved := next_cursor(plan, cursor, active_ns)) is not None:
        cursor = moved
    return cursor
