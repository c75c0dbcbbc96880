"""One athlete's session as laps for training software: a lap per rep, rest laps between, tiling the timeline.

A rep's lap runs from the athlete's own start (the group's start of its first step, or their previous finish
when it follows a rep with no recovery) to their last tap; a point is kept at each gear change, so a joined rep
shows its segments. Reps with a missing split are left to the rest lap around them: no time is invented.
"""

from __future__ import annotations

from dataclasses import dataclass

from kicktimer.core.language.plan import PlanStep
from kicktimer.core.review.analysis import Review
from kicktimer.core.review.splits import RepRow
from kicktimer.core.run.clock import to_s


@dataclass(frozen=True)
class Lap:
    start_t_ns: int  # the recording's clock
    end_t_ns: int
    timer_s: float  # session time in the lap: pauses excluded
    distance_m: float
    active: bool  # a rep (True) or the rest around reps (False)
    label: str
    points: tuple[tuple[int, float], ...]  # (t_ns, metres into the lap) at its start and each segment's end

    @property
    def elapsed_s(self) -> float:
        return to_s(self.end_t_ns - self.start_t_ns)


def _distance(step: PlanStep, athlete: int) -> float:
    if step.distance_m is not None:
        return step.distance_m
    expected = step.expected_m[athlete] if step.expected_m else None
    return expected.value if expected is not None else 0.0


def _rep_lap(result: Review, athlete: int, row: RepRow) -> tuple[int, int, Lap] | None:
    """(start and end in session time, the lap) of a rep whose every segment has a time; None otherwise. Its
    timer is the rep's time, its segments added up: a segment restarted by Back counts from the Back."""
    plan, replay, timeline, spans = result.plan, result.replay, result.timeline, result.spans
    first = plan.steps[row.steps[0]]
    if first.index not in replay.starts:
        return None
    # after a rep with no recovery: from this athlete's own finish of it (unless a Back restarted the rep)
    start = replay.start_of(athlete, first.index, replay.starts[first.index])
    points, metres, end = [(timeline.t_at(start), 0.0)], 0.0, start
    for index, finish in zip(row.steps, row.finishes, strict=True):
        if finish is not None:
            end, t_end = finish.active_ns, finish.t_ns
        elif plan.steps[index].ends == "time" and index in spans:
            end = spans[index][1]
            t_end = timeline.t_at(end)
        else:
            return None
        metres += _distance(plan.steps[index], athlete)
        points.append((t_end, metres))
    timer_s = row.total_s if row.total_s is not None else to_s(end - start)
    return start, end, Lap(points[0][0], points[-1][0], timer_s, metres, True, row.label, tuple(points))


def _rest(result: Review, after: int, before: int, t0: int, t1: int, active0: int, active1: int) -> Lap:
    """The rest between two reps: the recoveries and holds of the plan between steps `after` and `before`."""
    between = result.plan.steps[after + 1 : before]
    metres = sum((s.distance_m or 0.0 for s in between if s.phase == "recovery" and s.index in result.spans), 0.0)
    label = " · ".join(s.label for s in between) or "Rest"
    return Lap(t0, t1, to_s(active1 - active0), metres, False, label, ((t0, 0.0), (t1, metres)))


def athlete_laps(result: Review, athlete: int) -> list[Lap]:
    """Laps from the start of the recording to the athlete's last complete rep."""
    timeline = result.timeline
    laps: list[Lap] = []
    t_prev, active_prev, step_prev = timeline.start_ns, 0, -1
    for row in result.athletes[athlete].reps:
        found = _rep_lap(result, athlete, row)
        if found is None:
            continue
        start, end, lap = found
        if lap.start_t_ns > t_prev:
            laps.append(_rest(result, step_prev, row.steps[0], t_prev, lap.start_t_ns, active_prev, start))
        laps.append(lap)
        t_prev, active_prev, step_prev = lap.end_t_ns, end, row.steps[-1]
    return laps
