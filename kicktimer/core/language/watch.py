"""The plan as a watch runs it: steps and nested repeats, each step with every athlete's target as a speed.

Built from the workout tree with the plan's own rules (which recovery goes between which reps, targets reaching
into groups, recovery sets as their own scope, `rest` replacing recoveries), so that unrolled it is the plan
step for step (`unroll`; tests hold every library session to it). A watch repeats a block of steps whole, and
the recovery between passes does not follow the last one, so `3x(a) R5:00` is written the way it runs:
`2x(a, R5:00), a`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Literal

from kicktimer.core.language.intensity import Intensity, block_intensity
from kicktimer.core.language.paces import RaceTarget, Target, pace_s_per_m, target_time_s
from kicktimer.core.language.plan import Athlete, Plan
from kicktimer.core.language.tree import Group, Node, Recovery, RecoverySet, Rep, Rest, Step, Workout

StepEnd = Literal["distance", "time", "open"]


@dataclass(frozen=True)
class WatchStep:
    """One step on the watch: ends after a distance, a time, or at the lap button (`open`)."""

    ends: StepEnd
    name: str  # the plan's label: `200m kick`, `R 1:00`, `Rest 3:00`; a hold is its block's title
    intensity: Intensity
    phase: Literal["hold", "work", "recovery"]
    kind: Literal["distance", "duration", "open", "count", "hold"]  # as written
    distance_m: float | None = None
    duration_s: float | None = None
    speed_m_s: tuple[float | None, ...] = ()  # per athlete: the target's speed (None: no target)
    gear: str | None = None
    joined: bool = False  # a later segment of a `+` rep: a gear change, not a new rep
    block: int = 0
    note: str = ""  # the block's title

    @property
    def is_hold(self) -> bool:
        return self.phase == "hold"


@dataclass(frozen=True)
class WatchRepeat:
    count: int
    body: tuple[WatchItem, ...]


WatchItem = WatchStep | WatchRepeat


@dataclass(frozen=True)
class _Scope:
    recovery: Recovery | None
    target: Target | None
    target_text: str | None


class _Builder:
    def __init__(self, plan: Plan, block: int, title: str) -> None:
        self.athletes: tuple[Athlete, ...] = plan.athletes
        self.block, self.title = block, title
        self.intensity = block_intensity(plan, block)

    def step(self, step: Step, phase: Literal["work", "recovery"], scope: _Scope, joined: bool) -> WatchStep:
        inherited = step.target is None and step.kind == "distance" and phase == "work"
        target = scope.target if inherited else step.target if phase == "work" else None
        label = f"{step.text} {scope.target_text}" if inherited and scope.target_text else step.text
        gear = step.gear or ("race" if isinstance(target, RaceTarget) and phase == "work" else None)
        ends: StepEnd = "distance" if step.kind == "distance" else "time" if step.kind == "duration" else "open"
        return WatchStep(ends, label, "rest" if phase == "recovery" else self.intensity, phase, step.kind,
                         step.distance_m, step.duration_s, self.speeds(step, target), gear, joined, self.block,
                         self.title)  # fmt: skip

    def speeds(self, step: Step, target: Target | None) -> tuple[float | None, ...]:
        if target is None:
            return (None,) * len(self.athletes)
        out: list[float | None] = []
        for athlete in self.athletes:
            if step.kind == "distance" and step.distance_m:
                time = target_time_s(target, step.distance_m, athlete.paces)
                out.append(step.distance_m / time.value if time is not None and time.value > 0 else None)
            else:
                pace = pace_s_per_m(target, athlete.paces)
                out.append(1.0 / pace.value if pace is not None and pace.value > 0 else None)
        return tuple(out)

    def node(self, node: Node, scope: _Scope) -> list[WatchItem]:
        if isinstance(node, Rep):
            return [self.step(s, "work", scope, k > 0) for k, s in enumerate(node.segments)]
        if isinstance(node, Rest):
            return [self.step(node.step, "recovery", scope, False)]
        inner = _Scope(node.recovery if node.recovery is not None else scope.recovery,
                       node.target if node.target is not None else scope.target,
                       node.target_text if node.target is not None else scope.target_text)  # fmt: skip
        if isinstance(node, Group):
            items: list[WatchItem] = []
            for k, item in enumerate(node.items):
                if k:
                    items += self.gap(inner.recovery, node.items[k - 1], item)
                items += self.node(item, inner)
            return items
        body = self.node(node.body, inner)
        gap = self.gap(inner.recovery, node.body, node.body)
        if not gap:
            return [WatchRepeat(node.count, tuple(body))] if node.count > 1 else body
        if node.count == 1:
            return body
        return [WatchRepeat(node.count - 1, (*body, *gap)), *body]

    def gap(self, recovery: Recovery | None, before: Node, after: Node) -> list[WatchItem]:
        """What runs between two neighbours: their recovery, unless a written `rest` stands at the place."""
        if recovery is None or isinstance(_last(before), Rest) or isinstance(_first(after), Rest):
            return []
        if isinstance(recovery, RecoverySet):
            return self.node(recovery.body, _Scope(None, None, None))
        return [self.step(recovery, "recovery", _Scope(None, None, None), False)]


def _first(node: Node) -> Rep | Rest:
    while not isinstance(node, Rep | Rest):
        node = node.items[0] if isinstance(node, Group) else node.body
    return node


def _last(node: Node) -> Rep | Rest:
    while not isinstance(node, Rep | Rest):
        node = node.items[-1] if isinstance(node, Group) else node.body
    return node


def watch_workout(plan: Plan, workout: Workout) -> list[WatchItem]:
    """The plan's steps for a watch: each block after the first starts with a hold (ends at the lap button)."""
    items: list[WatchItem] = []
    for index, block in enumerate(workout.blocks):
        title = block.title or block.text
        builder = _Builder(plan, index, title)
        if index:
            items.append(WatchStep("open", title, "rest", "hold", "hold", block=index, note=title,
                                   speed_m_s=(None,) * len(plan.athletes)))  # fmt: skip
        items += builder.node(block.body, _Scope(None, None, None))
    return items


def unroll(items: tuple[WatchItem, ...] | list[WatchItem]) -> Iterator[WatchStep]:
    """Every step in the order the watch runs them."""
    for item in items:
        if isinstance(item, WatchStep):
            yield item
        else:
            for _ in range(item.count):
                yield from unroll(item.body)


def count_steps(items: tuple[WatchItem, ...] | list[WatchItem]) -> int:
    """Steps as a FIT workout counts them: a repeat is one more step after its body."""
    return sum(1 if isinstance(i, WatchStep) else 1 + count_steps(i.body) for i in items)


def for_athlete(items: tuple[WatchItem, ...] | list[WatchItem], athlete: int) -> list[WatchItem]:
    """The workout with only this athlete's targets (speed_m_s of one element)."""
    out: list[WatchItem] = []
    for item in items:
        if isinstance(item, WatchStep):
            speed = item.speed_m_s[athlete] if athlete < len(item.speed_m_s) else None
            out.append(replace(item, speed_m_s=(speed,)))
        else:
            out.append(WatchRepeat(item.count, tuple(for_athlete(item.body, athlete))))
    return out


def _fitted(items: list[WatchItem], max_steps: int) -> list[WatchItem]:
    """Repeats with more steps than a workout may have, unrolled one level at a time until each item fits."""
    out: list[WatchItem] = []
    for item in items:
        if isinstance(item, WatchRepeat) and count_steps([item]) > max_steps:
            out += _fitted([*item.body] * item.count, max_steps)
        else:
            out.append(item)
    return out


def within_limit(items: list[WatchItem], max_steps: int) -> tuple[list[list[WatchItem]], list[str]]:
    """The workout in parts a watch takes (`max_steps` each, repeat steps counted), and what was done to it."""
    total = count_steps(items)
    if total <= max_steps:
        return [items], []
    notes = []
    fitted = _fitted(items, max_steps)
    if fitted != items:
        notes.append(f"a repeat had more than {max_steps} steps: it is written out pass by pass")
    parts: list[list[WatchItem]] = [[]]
    for item in fitted:
        if parts[-1] and count_steps([*parts[-1], item]) > max_steps:
            holds = [k for k, i in enumerate(parts[-1]) if isinstance(i, WatchStep) and i.is_hold and k]
            cut = holds[-1] if holds and count_steps(parts[-1][holds[-1] :]) + count_steps([item]) <= max_steps else 0
            parts.append(parts[-1][cut:] if cut else [])
            if cut:
                parts[-2] = parts[-2][:cut]
        parts[-1].append(item)
    if len(parts) > 1:
        notes.append(f"{total} steps are more than a watch takes in one workout ({max_steps}): "
                     f"written as {len(parts)} workouts, to run one after the other")  # fmt: skip
    return parts, notes
