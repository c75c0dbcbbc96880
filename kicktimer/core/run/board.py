"""What each athlete's tile on the live screen says, from a snapshot, the athletes' finishes and the plan.

In a step that ends by a tap, or a joined rep, an athlete *runs* until they have finished the whole of it: their
tile says which segment they are in (the oldest they owe a tap for), what they aim at, and their latest split of
the rep. They are *done* only once they have tapped its finish (a joined rep's last segment): then the tile sums
the rep up. Elsewhere (a hold, a recovery, a timed step) a tile is *idle*, with the latest split; in the
recovery after a joined rep, each tile sums that rep up: its total, and the splits of the segments that have a
target. The same situation always shows the same way: a filled tile has finished.

It runs on every repaint, so it looks finishes up by (athlete, step) and finds a rep's segments from one step:
its cost does not grow with the session.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from kicktimer.core.language.paces import Estimate
from kicktimer.core.language.plan import Plan, PlanStep
from kicktimer.core.run.places import Split
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
    split: Split | None  # running: their latest split of this rep; done: their finish; idle: their latest split
    rep: RepSummary | None  # a joined rep they have finished, in it and in the recovery (or hold) after it
    segment: int | None = None  # running: the step they are in (the oldest they owe a tap for)


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
    """One tile per athlete, in roster order: running or done in a step a tap ends (or a joined rep), idle
    elsewhere."""
    step = snap.step
    work = snap.status in ("running", "paused") and step.phase == "work"
    in_rep = work and (step.ends == "tap" or len(snap.rep_steps) > 1)
    summary = None if in_rep else shown_rep(plan, snap, finish)
    tiles = []
    for i, athlete in enumerate(snap.athletes):
        if in_rep:
            tiles.append(rep_tile(plan, snap, i, finish))
        else:
            rep = None if summary is None else rep_summary(plan, summary, i, finish)
            tiles.append(Tile(i, athlete.name, "idle", None, athlete.last_split, rep))
    return tuple(tiles)


def rep_tile(plan: Plan, snap: Snapshot, athlete: int, finish: Finish) -> Tile:
    """An athlete in the rep the group is on: running in their oldest owed segment, or done with the rep."""
    view, steps = snap.athletes[athlete], snap.rep_steps
    name = view.name
    last = finish(athlete, steps[-1])
    if not view.pending and last is not None:
        rep = rep_summary(plan, steps, athlete, finish) if len(steps) > 1 else None
        return Tile(athlete, name, "done", None, last, rep)
    segment = view.pending[0] if view.pending else snap.step_index  # nothing owed: a segment the clock ends
    targets = plan.steps[segment].targets
    before = (finish(athlete, s) for s in reversed(steps) if s < segment)
    latest = next((f for f in before if f is not None), None)
    aim = targets[athlete] if athlete < len(targets) else None
    return Tile(athlete, name, "running", aim, latest, None, segment)
