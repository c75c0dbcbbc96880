"""What each athlete's tile on the live screen says, from a snapshot, the splits and the plan.

In a rep, an athlete is *done* once they have tapped the furthest boundary anyone has tapped (the gear change
the group is at, or the finish), and *running* while they still owe it; otherwise (a hold, a recovery, a timed
step) *idle*, with their latest split. In the recovery after a joined rep, each tile sums up that rep: its
total, and the splits of the segments that have a target.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from kicktimer.core.language.paces import Estimate
from kicktimer.core.language.plan import Plan
from kicktimer.core.run.engine import Snapshot
from kicktimer.core.run.replay import Split

TileState = Literal["running", "done", "idle"]


@dataclass(frozen=True)
class RepSummary:
    rep: int  # which rep of the plan
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


def shown_rep(plan: Plan, snap: Snapshot, splits: Sequence[Split]) -> int | None:
    """The joined rep to sum up: the one just run when the group is out of work, or at the finish (a rep the
    session never ran, because it started later, is not summed up)."""
    step = snap.step
    if snap.status in ("complete", "ended"):
        rep = step.rep if step.segments > 1 else None
    elif step.phase == "work" or step.index == 0:
        rep = None
    else:
        before = plan.steps[step.index - 1]
        rep = before.rep if before.segments > 1 else None
    return rep if rep is not None and any(plan.steps[s.step].rep == rep for s in splits) else None


def rep_summary(plan: Plan, rep: int, athlete: int, splits: Sequence[Split]) -> RepSummary:
    steps = [s for s in plan.steps if s.rep == rep]
    finishes = {s.step: s for s in splits if s.athlete == athlete and s.kind == "finish"}  # the latest of each
    mine = [finishes.get(s.index) for s in steps]
    total = None if any(f is None for f in mine) else sum(f.duration_s for f in mine if f is not None)
    targets = [s.targets[athlete] if athlete < len(s.targets) else None for s in steps]
    target = None if any(t is None for t in targets) else sum(t.value for t in targets if t is not None)
    targeted = tuple(f for f, t in zip(mine, targets, strict=True) if f is not None and t is not None)
    return RepSummary(rep, total, target, targeted)


def board(plan: Plan, snap: Snapshot, splits: Sequence[Split]) -> tuple[Tile, ...]:
    """One tile per athlete, in roster order. In a rep, the *front* is the furthest boundary anyone has tapped:
    those who have tapped it are done (their split shows), the others still run."""
    step = snap.step
    rep_now = step.rep if snap.status in ("running", "paused") and step.phase == "work" else None
    in_rep = [s for s in splits if s.kind == "finish" and rep_now is not None and plan.steps[s.step].rep == rep_now]
    front = max((s.step for s in in_rep), default=None)
    summary = shown_rep(plan, snap, splits)
    tiles = []
    for i, athlete in enumerate(snap.athletes):
        at_front = [s for s in in_rep if s.athlete == i and s.step == front]
        if at_front:
            tiles.append(Tile(i, athlete.name, "done", None, at_front[-1], None))
        elif rep_now is not None and athlete.pending:
            targets = plan.steps[athlete.pending[0]].targets
            tiles.append(Tile(i, athlete.name, "running", targets[i] if i < len(targets) else None, None, None))
        else:
            rep = None if summary is None else rep_summary(plan, summary, i, splits)
            tiles.append(Tile(i, athlete.name, "idle", None, athlete.last_split, rep))
    return tuple(tiles)
