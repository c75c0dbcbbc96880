"""What the engine gives its readers: a Snapshot of the session at an instant, and the Outcome of a command."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from kicktimer.core.language.plan import PlanStep
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.run.events import Event
from kicktimer.core.run.places import Split

Status = Literal["ready", "running", "paused", "complete", "ended"]


@dataclass(frozen=True)
class AthleteView:
    name: str
    pending: tuple[int, ...]  # steps still waiting for this athlete's tap, oldest first
    last_split: Split | None  # the latest split of a work step (a recovery's laps are not shown as one)


@dataclass(frozen=True)
class Snapshot:
    status: Status
    now_ns: int
    active_s: float  # session time without pauses
    paused_s: float
    step_index: int
    step: PlanStep
    step_elapsed_s: float
    step_length_s: float | None  # time-ended steps, extension included
    remaining_s: float | None
    extension_s: float
    next_step: PlanStep | None
    counters: str  # "Rep 2/3 · Set 1/3"; "from Rep 3/3" at the hold of a session started at a rep
    rep_steps: tuple[int, ...]  # the segments of the current joined rep (one index for a plain step)
    gear_change: bool  # this step was entered straight from the rep's segment before it (not at a start)
    athletes: tuple[AthleteView, ...]
    left_s: float  # estimated time left in the session
    progress: float  # 0..1
    all_steps_run: bool = False  # the group has passed the last step (the session is complete, ended or not)

    @property
    def running(self) -> bool:
        return self.status == "running"


def clock_text(snap: Snapshot) -> str:
    """The clock as the window and the console show it: counting down for time-ended steps, up for tap-ended
    ones; whole seconds, tenths only in the last 10 s of a countdown (`9.5`, `5.0`: the zero stays); the
    session's whole time (pauses not counted) once it is over."""
    if snap.status in ("complete", "ended"):
        return format_clock(math.floor(snap.active_s))
    if snap.remaining_s is not None:
        if snap.remaining_s < 10:
            return f"{math.ceil(snap.remaining_s * 10) / 10:.1f}"
        return format_clock(math.ceil(snap.remaining_s))
    return format_clock(math.floor(snap.step_elapsed_s))


@dataclass(frozen=True)
class Outcome:
    """What one command did: the event (None: it changed nothing and is not recorded), its index in the
    recording, the splits it made or took back (a Back drops splits, undoing it brings them back), the step
    the group left and entered, whether it is on disk (set by whoever writes the recording), and for an undo
    the tap, Back or Skip it took back."""

    event: Event | None
    index: int = -1
    made: tuple[Split, ...] = ()
    removed: tuple[Split, ...] = ()
    left: int | None = None
    entered: int | None = None
    saved: bool = False
    undone: Event | None = None
