"""What each athlete's tile on the live screen says, from a snapshot, the athletes' finishes and the plan.

In a rep, an athlete is *done* once they have tapped the furthest boundary anyone has tapped (the gear change
the group is at, or the finish), and *running* while they still owe it; otherwise (a hold, a recovery, a timed
step) *idle*, with their latest split. In the recovery after a joined rep, each tile sums up that rep: its
total, and the splits of the segments that have a target.

It runs on every repaint, so it looks finishes up by (athlete, step) and finds a rep's segments from one step:
its cost does not grow with the session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from kicktimer.core.language.paces import Estimate
from kicktimer.core.language.plan import Plan, PlanStep
from kicktimer.core.run.replay import Split
from kicktimer.core.run.state import Snapshot

TileState = Literal["running", "done", "idle"]
Finish = Callable[[int, int], Split | None]  # (athlete, step) -> their latest finish of it


@dataclass(frozen=True)
class RepSummary:
    steps: tuple[int, ...]  # the rep's segments
    total_s: float | None  # None until the athlete has a finish for every segment
    target_s: float | None  # the rep's target, when every segment has one
    targeted: tuple[Split, ...]  # the athlete's finishes of the segments that have a target

    @property
    def delta_s(self) -> float | None:
        return None if self.total_s is None or self.target_s is None else self.total_s - self.target_s


@dataclass(frozen=True)
class Tile:
    athlete: int
    name: str
    state: TileState
    aim: Estimate | None  # running: the target of the segment they owe a tap for
    split: Split | None  # done: their split at the front; idle: their latest split
    rep: RepSummary | None  # the rep just run, in the recovery (or hold) after a joined rep


def segments_of(step: PlanStep) -> tuple[int, ...]:
    """The steps of the rep `step` is a segment of (a joined rep's segments follow one another)."""
    first = step.index - step.segment
    return tuple(range(first, first + step.segments))


def shown_rep(plan: Plan, snap: Snapshot, finish: Finish) -> tuple[int, ...] | None:
    """The joined rep to sum up: the one just run when the group is out of work, or at the finish (a rep the
    session never ran, because it started later, is not summed up)."""
    step = snap.step
    if snap.status in ("complete", "ended"):
        last = step
    elif step.phase == "work" or step.index == 0:
        return None
    else:
        last = plan.steps[step.index - 1]
    if last.rep is None or last.segments < 2 or last.phase != "work":
        return None
    steps = segments_of(last)
    ran = any(finish(a, s) is not None for a in range(len(snap.athletes)) for s in steps)
    return steps if ran else None


def rep_summary(plan: Plan, steps: tuple[int, ...], athlete: int, finish: Finish) -> RepSummary:
    mine = [finish(athlete, s) for s in steps]
    total = None if any(f is None for f in mine) else sum(f.duration_s for f in mine if f is not None)
    targets = [plan.steps[s].targets[athlete] if athlete < len(plan.steps[s].targets) else None for s in steps]
    target = None if any(t is None for t in targets) else sum(t.value for t in targets if t is not None)
    targeted = tuple(f for f, t in zip(mine, targets, strict=True) if f is not None and t is not None)
    return RepSummary(steps, total, target, targeted)


def board(plan: Plan, snap: Snapshot, finish: Finish) -> tuple[Tile, ...]:
    """One tile per athlete, in roster order. In a rep, the *front* is the furthest boundary anyone has tapped:
    those who have tapped it are done (their split shows), the others still run."""
    step = snap.step
    in_rep = snap.status in ("running", "paused") and step.phase == "work" and step.rep is not None
    everyone = range(len(snap.athletes))
    tapped = [s for s in snap.rep_steps if in_rep and any(finish(a, s) is not None for a in everyone)]
    front = max(tapped, default=None)
    summary = shown_rep(plan, snap, finish)
    tiles = []
    for i, athlete in enumerate(snap.athletes):
        at_front = None if front is None else finish(i, front)
        if at_front is not None:
            tiles.append(Tile(i, athlete.name, "done", None, at_front, None))
        elif in_rep and athlete.pending:
            targets = plan.steps[athlete.pending[0]].targets
            tiles.append(Tile(i, athlete.name, "running", targets[i] if i < len(targets) else None, None, None))
        else:
            rep = None if summary is None else rep_summary(plan, summary, i, finish)
            tiles.append(Tile(i, athlete.name, "idle", None, athlete.last_split, rep))
    return tuple(tiles)
