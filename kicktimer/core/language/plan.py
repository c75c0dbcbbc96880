"""Expansion of a workout tree to the flat step list of NOTATION.md, with per-athlete targets."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from kicktimer.core.language.paces import Estimate, RaceTarget, Target, pace_s_per_m, target_time_s
from kicktimer.core.language.tree import Group, Node, Recovery, RecoverySet, Rep, Rest, Step, Workout

Phase = Literal["hold", "work", "recovery"]
Ends = Literal["time", "tap"]
Where = tuple[tuple[int, int], ...]
DEFAULT_ATHLETE = "Athlete"


_LEVEL_NAMES = ("Rep", "Set", "Round", "Cycle")


def describe_where(where: Where) -> str:
    """`((2, 3), (1, 3))` → "Rep 2/3 · Set 1/3", innermost first."""
    return " · ".join(f"{_LEVEL_NAMES[min(i, 3)]} {n}/{of}" for i, (n, of) in enumerate(where))


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

    def to_json(self, athletes: tuple[Athlete, ...]) -> dict[str, Any]:
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


class _Leaf(NamedTuple):  # NamedTuples: built once per step, and cheaper than frozen dataclasses
    node: Rep | Rest
    where: Where
    target: Target | None
    target_text: str | None


class _Gap(NamedTuple):
    recovery: Recovery | None
    where: Where  # for a repeat, includes the pass that just ended: a recovery set runs "in" it


def _expand(
    node: Node,
    rec: Recovery | None,
    target: Target | None,
    target_text: str | None,
    where: Where,
    out: list[_Leaf | _Gap],
) -> list[_Leaf | _Gap]:
    """Leaves in order; a gap between neighbours carries the recovery of the node that separates them."""
    if isinstance(node, Rep | Rest):
        out.append(_Leaf(node, where, target, target_text))
        return out
    rec = node.recovery if node.recovery is not None else rec
    if node.target is not None:
        target, target_text = node.target, node.target_text
    if isinstance(node, Group):
        for i, item in enumerate(node.items):
            if i:
                out.append(_Gap(rec, where))
            _expand(item, rec, target, target_text, where, out)
        return out
    for n in range(1, node.count + 1):
        if n > 1:
            out.append(_Gap(rec, ((n - 1, node.count), *where)))
        _expand(node.body, rec, target, target_text, ((n, node.count), *where), out)
    return out


class _Raw(NamedTuple):
    """A step laid out in order, before holds, indices and per-athlete figures."""

    phase: Phase
    step: Step
    where: Where
    target: Target | None = None
    target_text: str | None = None
    rep: int | None = None
    segment: int = 0
    segments: int = 1


def _lay_out(items: list[_Leaf | _Gap], out: list[_Raw], rep_ids: Iterator[int]) -> None:
    for i, item in enumerate(items):
        if isinstance(item, _Leaf):
            if isinstance(item.node, Rest):
                out.append(_Raw("recovery", item.node.step, item.where))
                continue
            rep_id, segments = next(rep_ids), len(item.node.segments)
            for k, step in enumerate(item.node.segments):
                inherited = step.target is None and step.kind == "distance"
                target = step.target if not inherited else item.target
                text = item.target_text if inherited else None
                out.append(_Raw("work", step, item.where, target, text, rep_id, k, segments))
            continue
        before, after = items[i - 1], items[i + 1]
        assert isinstance(before, _Leaf) and isinstance(after, _Leaf)
        if isinstance(before.node, Rest) or isinstance(after.node, Rest) or item.recovery is None:
            continue  # a written rest replaces the recovery at its place; no recovery means back-to-back
        if isinstance(item.recovery, RecoverySet):
            # Its own scope: no recovery or target from outside reaches in.
            _lay_out(_expand(item.recovery.body, None, None, None, item.where, []), out, rep_ids)
        else:
            out.append(_Raw("recovery", item.recovery, before.where))


def _hold(index: int, block_index: int, label: str, line: int, n_athletes: int) -> PlanStep:
    return PlanStep(
        index,
        block_index,
        "hold",
        label,
        "hold",
        None,
        None,
        None,
        "tap",
        False,
        (),
        (None,) * n_athletes,
        (None,) * n_athletes,
        line=line,
    )


def build_plan(
    name: str,
    workout: Workout,
    athletes: tuple[Athlete, ...] = (),
    settings: Settings | None = None,
) -> Plan:
    settings = settings or Settings()
    roster = athletes or (Athlete(DEFAULT_ATHLETE),)
    steps: list[PlanStep] = []
    rep_ids = iter(range(1 << 62))
    memo: _TargetMemo = {}
    for block_index, block in enumerate(workout.blocks):
        steps.append(_hold(len(steps), block_index, block.title or block.text, block.line, len(roster)))
        raws: list[_Raw] = []
        _lay_out(_expand(block.body, None, None, None, (), []), raws, rep_ids)
        for raw in raws:
            previous = steps[-1]
            steps.append(_plan_step(raw, len(steps), block_index, block.line, previous, roster, settings, memo))
    return Plan(name, roster, settings, tuple(steps), tuple(b.title for b in workout.blocks))


# Per-athlete figures of (target, distance or duration, kind): computed once per plan, reused by every rep.
_TargetMemo = dict[tuple[Target, float, str], tuple[Estimate | None, ...]]


def _plan_step(
    raw: _Raw,
    index: int,
    block: int,
    line: int,
    previous: PlanStep,
    roster: tuple[Athlete, ...],
    settings: Settings,
    memo: _TargetMemo,
) -> PlanStep:
    step = raw.step
    none = (None,) * len(roster)
    targets: tuple[Estimate | None, ...] = none
    expected: tuple[Estimate | None, ...] = none
    if raw.target is not None and step.kind == "distance" and step.distance_m is not None:
        key = (raw.target, step.distance_m, "time")
        if key not in memo:
            memo[key] = tuple(target_time_s(raw.target, step.distance_m, a.paces) for a in roster)
        targets = memo[key]
    elif raw.target is not None and step.kind == "duration" and step.duration_s is not None:
        key = (raw.target, step.duration_s, "distance")
        if key not in memo:
            memo[key] = tuple(_expected_m(raw.target, step.duration_s, a.paces) for a in roster)
        expected = memo[key]
    gear = step.gear or ("race" if isinstance(raw.target, RaceTarget) else None)
    label = f"{step.text} {raw.target_text}" if raw.target_text else step.text
    duration_s = step.duration_s
    ends: Ends = "time" if step.kind == "duration" else "tap"
    if raw.phase == "work" and step.kind == "distance" and settings.distance_steps == "target" and targets[0]:
        ends, duration_s = "time", targets[0].value
    joined = raw.phase == "work" and previous.phase == "work"
    return PlanStep(
        index,
        block,
        raw.phase,
        label,
        step.kind,
        gear,
        step.distance_m,
        duration_s,
        ends,
        joined,
        raw.where,
        targets,
        expected,
        raw.rep,
        raw.segment,
        raw.segments,
        line,
        step.count,
    )


def _expected_m(target: Target, duration_s: float, paces: Mapping[str, float]) -> Estimate | None:
    pace = pace_s_per_m(target, paces)
    if pace is None or pace.value <= 0:
        return None
    return Estimate(duration_s / pace.value, pace.estimated)
