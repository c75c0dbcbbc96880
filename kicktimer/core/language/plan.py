"""Expansion of a workout tree to the flat step list of NOTATION.md, with per-athlete targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from kicktimer.core.language.expand import LEVEL_NAMES, Phase, Raw, Where, lay_out
from kicktimer.core.language.paces import Estimate, RaceTarget, Target, pace_s_per_m, target_time_s
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.language.tree import Pos, Workout

Ends = Literal["time", "tap"]
DEFAULT_ATHLETE = "Athlete"
__all__ = ["Athlete", "Ends", "Phase", "Plan", "PlanStep", "Settings", "TargetError", "Where", "build_plan"]


def describe_where(where: Where) -> str:
    """`((2, 3), (1, 3))` → "Rep 2/3 · Set 1/3", innermost first."""
    return " · ".join(f"{LEVEL_NAMES[min(i, 3)]} {n}/{of}" for i, (n, of) in enumerate(where))


class TargetError(ValueError):
    """Targets that come out at zero or less for an athlete: (0-based line, col, message) at each `@`."""

    def __init__(self, problems: list[tuple[int, int, str]]) -> None:
        super().__init__("; ".join(f"{line + 1}:{col + 1}: {message}" for line, col, message in problems))
        self.problems = problems


@dataclass(frozen=True)
class Athlete:
    name: str
    paces: Mapping[str, float] = field(default_factory=dict)  # canonical race key -> race time in seconds


@dataclass(frozen=True)
class Settings:
    countdown_s: float = 3.0
    distance_steps: Literal["tap", "target"] = "tap"
    split_every_m: float = 0.0
    voice: bool = False


@dataclass(frozen=True)
class PlanStep:
    index: int
    block: int
    phase: Phase
    label: str
    kind: Literal["hold", "distance", "duration", "open", "count"]
    gear: str | None
    distance_m: float | None
    duration_s: float | None
    ends: Ends
    joined: bool
    where: Where
    targets: tuple[Estimate | None, ...]  # per athlete, in roster order: target time of a distance step
    expected_m: tuple[Estimate | None, ...]  # per athlete: expected distance of a duration step with a pace
    rep: int | None = None  # which work rep (a `+` chain) this step is a segment of
    segment: int = 0
    segments: int = 1
    line: int = 0
    count: int | None = None
    min_duration_s: float | None = None  # a duration range (`8-10s`): "may stop" here, "stop" at duration_s
    skip_to: int | None = None  # the hold before an optional pass: where N (skip) goes, past the whole range

    def to_json(self, athletes: tuple[Athlete, ...]) -> dict[str, Any]:
        extra: dict[str, Any] = {}
        if self.min_duration_s is not None:
            extra["min_duration_s"] = self.min_duration_s
        if self.skip_to is not None:
            extra["skip_to"] = self.skip_to
        return {
            "index": self.index,
            "block": self.block,
            "phase": self.phase,
            "label": self.label,
            "gear": self.gear,
            "distance_m": self.distance_m,
            "duration_s": self.duration_s,
            "ends": self.ends,
            "joined": self.joined,
            "where": [list(w) for w in self.where],
            "target_s": {
                a.name: None if t is None else round(t.value, 3) for a, t in zip(athletes, self.targets, strict=True)
            },
            **extra,
        }


@dataclass(frozen=True)
class Plan:
    name: str
    athletes: tuple[Athlete, ...]
    settings: Settings
    steps: tuple[PlanStep, ...]
    block_titles: tuple[str | None, ...]

    @property
    def total_fixed_s(self) -> float:
        return sum(s.duration_s or 0.0 for s in self.steps if s.ends == "time")

    @property
    def work_distance_m(self) -> float:
        return sum(s.distance_m or 0.0 for s in self.steps if s.phase == "work")

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "athletes": [a.name for a in self.athletes],
            "steps": [s.to_json(self.athletes) for s in self.steps],
            "total_fixed_s": round(self.total_fixed_s, 3),
            "work_distance_m": round(self.work_distance_m, 3),
        }


def _hold(
    index: int, block: int, label: str, line: int, n_athletes: int, where: Where = (), skip_to: int | None = None
) -> PlanStep:
    """The hold before a block, or before an optional pass of a range repeat (`skip_to`: past the range)."""
    none = (None,) * n_athletes
    return PlanStep(index, block, "hold", label, "hold", None, None, None, "tap", False, where, none, none,
                    line=line, skip_to=skip_to)  # fmt: skip


def build_plan(
    name: str,
    workout: Workout,
    athletes: tuple[Athlete, ...] = (),
    settings: Settings | None = None,
) -> Plan:
    """The flat plan, each athlete's targets worked out; raises TargetError when a target comes out at zero or
    less for someone (`200m @800-40s/200m`)."""
    settings = settings or Settings()
    roster = athletes or (Athlete(DEFAULT_ATHLETE),)
    steps: list[PlanStep] = []
    rep_ids = iter(range(1 << 62))
    figures = _Figures(roster)
    for block_index, block in enumerate(workout.blocks):
        steps.append(_hold(len(steps), block_index, block.title or block.text, block.line, len(roster)))
        raws: list[Raw] = []
        lay_out(block.body, raws, rep_ids)
        first = len(steps)
        for raw in raws:
            if raw.step is None:
                skip_to = None if raw.skip_to is None else first + raw.skip_to
                steps.append(_hold(len(steps), block_index, raw.label, block.line, len(roster), raw.where, skip_to))
                continue
            steps.append(_plan_step(raw, len(steps), block_index, block.line, steps[-1], figures, settings))
    if figures.problems:
        raise TargetError(sorted(figures.problems.values()))
    return Plan(name, roster, settings, tuple(steps), tuple(b.title for b in workout.blocks))


class _Figures:
    """Per-athlete figures of (target, distance or duration): computed once per plan, reused by every rep.
    A target that comes out at zero or less is a problem at its `@` (one per `@`)."""

    def __init__(self, roster: tuple[Athlete, ...]) -> None:
        self.roster = roster
        self.none: tuple[Estimate | None, ...] = (None,) * len(roster)
        self.memo: dict[tuple[Target, float, str], tuple[Estimate | None, ...]] = {}
        self.problems: dict[tuple[int, int], tuple[int, int, str]] = {}

    def target_times(self, raw: Raw, distance_m: float) -> tuple[Estimate | None, ...]:
        assert raw.target is not None
        key = (raw.target, distance_m, "time")
        if key not in self.memo:
            self.memo[key] = tuple(target_time_s(raw.target, distance_m, a.paces) for a in self.roster)
        figures = self.memo[key]
        for athlete, figure in zip(self.roster, figures, strict=True):
            if figure is not None and figure.value <= 0:
                self._problem(raw, f"comes out at {format_clock(figure.value)} for {athlete.name}")
        return figures

    def expected_distances(self, raw: Raw, duration_s: float) -> tuple[Estimate | None, ...]:
        assert raw.target is not None
        key = (raw.target, duration_s, "distance")
        if key not in self.memo:
            paces = [pace_s_per_m(raw.target, a.paces) for a in self.roster]
            for athlete, pace in zip(self.roster, paces, strict=True):
                if pace is not None and pace.value <= 0:
                    self._problem(raw, f"the pace comes out at zero or less for {athlete.name}")
            self.memo[key] = tuple(
                None if p is None or p.value <= 0 else Estimate(duration_s / p.value, p.estimated) for p in paces
            )
        return self.memo[key]

    def _problem(self, raw: Raw, what: str) -> None:
        pos = raw.target_pos or (raw.step.pos if raw.step is not None else Pos(0, 0))
        if (pos.line, pos.col) not in self.problems:
            text = raw.target_text or (raw.step.target_text if raw.step is not None else None) or "@"
            message = f'"{text}": {what}; a target must be more than 0: make the offset smaller'
            self.problems[(pos.line, pos.col)] = (pos.line, pos.col, message)


def _plan_step(
    raw: Raw, index: int, block: int, line: int, previous: PlanStep, figures: _Figures, settings: Settings
) -> PlanStep:
    step = raw.step
    assert step is not None
    targets = expected = figures.none
    if raw.target is not None and step.kind == "distance" and step.distance_m is not None:
        targets = figures.target_times(raw, step.distance_m)
    elif raw.target is not None and step.kind == "duration" and step.duration_s is not None:
        expected = figures.expected_distances(raw, step.duration_s)
    gear = step.gear or ("race" if isinstance(raw.target, RaceTarget) else None)
    label = f"{step.text} {raw.target_text}" if raw.target_text else step.text
    duration_s = step.duration_s
    ends: Ends = "time" if step.kind == "duration" and step.min_duration_s is None else "tap"
    if raw.phase == "work" and step.kind == "distance" and settings.distance_steps == "target" and targets[0]:
        ends, duration_s = "time", targets[0].value
    joined = raw.phase == "work" and previous.phase == "work"
    return PlanStep(index, block, raw.phase, label, step.kind, gear, step.distance_m, duration_s, ends, joined,
                    raw.where, targets, expected, raw.rep, raw.segment, raw.segments, line, step.count,
                    step.min_duration_s)  # fmt: skip
