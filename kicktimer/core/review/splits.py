"""Taps → per-athlete rows: one per rep, with each segment's split and the rep's delta to target."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kicktimer.core.language.plan import Plan, PlanStep, Where
from kicktimer.core.run.places import Split

MIN_SPLIT_S = 1.0  # a tapped split shorter than this is a double tap
HUMAN_MAX_SPEED_M_S = 12.5  # Bolt's peak was 12.4 m/s: a split faster than this is a late or early tap


@dataclass(frozen=True)
class RepRow:
    athlete: int
    rep: int
    block: int
    where: Where
    steps: tuple[int, ...]  # the rep's segments (plan step indices)
    segment_labels: tuple[str, ...]  # ("200m @800", "100m bound", "200m kick")
    segment_s: tuple[float | None, ...]  # tapped finish, or the clock for a timed segment; None when missing
    segment_target_s: tuple[float | None, ...]
    laps: tuple[Split, ...]
    finishes: tuple[Split | None, ...]
    segment_m: tuple[float | None, ...] = ()  # each segment's distance, when it has one

    @property
    def too_fast(self) -> tuple[int, ...]:
        """The tapped segments no one runs that fast (a double tap, a key pressed twice): under a second, or
        faster than the fastest sprinter's top speed for their distance."""
        found = []
        for k, (seconds, finish) in enumerate(zip(self.segment_s, self.finishes, strict=True)):
            distance_m = self.segment_m[k] if k < len(self.segment_m) else None
            if finish is not None and seconds is not None and implausible_s(seconds, distance_m):
                found.append(k)
        return tuple(found)

    @property
    def label(self) -> str:
        """The segments joined: 200m @800 → 100m bound → 200m kick."""
        return " → ".join(self.segment_labels)

    @property
    def total_s(self) -> float | None:
        return None if any(s is None for s in self.segment_s) else sum(s or 0.0 for s in self.segment_s)

    @property
    def target_s(self) -> float | None:
        targets = self.segment_target_s
        return None if all(t is None for t in targets) else sum(t or 0.0 for t in targets)

    @property
    def delta_s(self) -> float | None:
        """Against the targets of the segments that have one (a 200m @800 + 100m bound rep: the 200m only)."""
        timed = [s for s, t in zip(self.segment_s, self.segment_target_s, strict=True) if t is not None]
        if not timed or any(s is None for s in timed) or self.target_s is None:
            return None
        return sum(s or 0.0 for s in timed) - self.target_s


def implausible_s(seconds: float, distance_m: float | None = None) -> bool:
    """A split no one runs: under MIN_SPLIT_S, or faster than HUMAN_MAX_SPEED_M_S over its distance."""
    return seconds < MIN_SPLIT_S or (distance_m is not None and distance_m / max(seconds, 1e-9) > HUMAN_MAX_SPEED_M_S)


def _segment_time(step: PlanStep, finish: Split | None, elapsed_s: Mapping[int, float]) -> float | None:
    if finish is not None:
        return finish.duration_s
    return elapsed_s.get(step.index) if step.ends == "time" else None


def _target(step: PlanStep, athlete: int) -> float | None:
    target = step.targets[athlete]
    return None if target is None else target.value


def rep_rows(plan: Plan, splits: list[Split], athlete: int, elapsed_s: Mapping[int, float]) -> list[RepRow]:
    """Every work rep of the plan, in order, for one athlete (reps not reached have missing segments).
    A time-ended segment counts by `elapsed_s`, how long the group really spent in it (a skip shortens it)."""
    mine = [s for s in splits if s.athlete == athlete]
    finishes = {s.step: s for s in mine if s.kind == "finish"}
    laps: dict[int, list[Split]] = {}
    for split in mine:
        if split.kind == "lap":
            laps.setdefault(split.step, []).append(split)
    reps: dict[int, list[PlanStep]] = {}
    for step in plan.steps:
        if step.rep is not None:
            reps.setdefault(step.rep, []).append(step)
    rows = []
    for rep, steps in reps.items():
        done = tuple(finishes.get(s.index) for s in steps)
        rows.append(
            RepRow(
                athlete=athlete,
                rep=rep,
                block=steps[0].block,
                where=steps[0].where,
                steps=tuple(s.index for s in steps),
                segment_labels=tuple(s.label for s in steps),
                segment_s=tuple(_segment_time(s, f, elapsed_s) for s, f in zip(steps, done, strict=True)),
                segment_target_s=tuple(_target(s, athlete) for s in steps),
                laps=tuple(lap for s in steps for lap in laps.get(s.index, [])),
                finishes=done,
                segment_m=tuple(s.distance_m for s in steps),
            )
        )
    return rows
