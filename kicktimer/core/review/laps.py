"""One athlete's session as laps for training software: a lap per rep, rest laps between, tiling the timeline.

A rep's lap runs from the athlete's own start (the group's start of its first step, or their previous finish
when it follows a rep with no recovery) to their last known tap; a point is kept at each gear change, so a
joined rep shows its segments. A lap tap inside a step (a timed step, or a `split_every_m` point) ends a lap
there, as a watch's lap button would. A rep with a forgotten tap keeps what is known (the segments up to the
last tap, their time and distance) and names what is missing; only a rep with no time at all is left to the
rest lap around it: no time is invented. A distance nobody knows (a timed jog with no pace, a counted exercise,
a rest on the spot) is None, never 0.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import NamedTuple

from kicktimer.core.language.intensity import Intensity, block_intensity
from kicktimer.core.language.plan import PlanStep
from kicktimer.core.review.analysis import Review
from kicktimer.core.review.splits import HUMAN_MAX_SPEED_M_S, RepRow
from kicktimer.core.run.clock import to_s
from kicktimer.core.run.places import split_points_m

Point = tuple[int, float]  # (t_ns on the recording's clock, metres into the lap of what is known)


@dataclass(frozen=True)
class Lap:
    start_t_ns: int  # the recording's clock
    end_t_ns: int
    timer_s: float  # session time in the lap: pauses excluded
    distance_m: float | None  # None: nobody knows how far (not 0)
    intensity: Intensity
    rep: bool  # part of a rep (True), or the rest around reps
    label: str
    points: tuple[Point, ...]  # at its start, each segment's end, and its end
    max_speed_m_s: float | None = None  # the fastest segment with a known distance
    missing: tuple[str, ...] = ()  # segments of the rep whose tap is missing

    @property
    def elapsed_s(self) -> float:
        return to_s(self.end_t_ns - self.start_t_ns)

    @property
    def avg_speed_m_s(self) -> float | None:
        if not self.distance_m or self.timer_s <= 0:
            return None
        return self.distance_m / self.timer_s

    @property
    def name(self) -> str:
        """The label, and what is missing: `200m @800 → 100m bound → 200m kick (no tap: 200m kick)`."""
        return f"{self.label} (no tap: {', '.join(self.missing)})" if self.missing else self.label


class _Mark(NamedTuple):
    active_ns: int
    t_ns: int
    counted_ns: int  # the active time counted since the previous mark (a segment restarted by Back: from it)
    metres: float  # known metres into the rep (a stretch of unknown length adds nothing)
    measured: bool  # the stretch since the previous mark has a known length
    lap_tap: bool  # a lap tap: a lap ends here


def _distance(step: PlanStep, athlete: int) -> float | None:
    if step.distance_m is not None:
        return step.distance_m
    expected = step.expected_m[athlete] if step.expected_m else None
    return expected.value if expected is not None else None


def _segment_end(result: Review, athlete: int, step: PlanStep) -> tuple[int, int] | None:
    """(active ns, t ns) where this athlete's segment ended: their tap, or the clock for a timed step."""
    finish = result.replay.finish_of.get((athlete, step.index))
    if finish is not None:
        return finish.active_ns, finish.t_ns
    if step.ends == "time" and step.index in result.spans:
        end = result.spans[step.index][1]
        return end, result.timeline.t_at(end)
    return None


def _rep_start(result: Review, athlete: int, first: PlanStep) -> int | None:
    """The group's start of the rep, or after a rep with no recovery this athlete's own finish of it (unless a
    Back restarted the rep)."""
    start = result.replay.starts.get(first.index)
    return None if start is None else result.replay.start_of(athlete, first.index, start)


def _rep_marks(result: Review, athlete: int, row: RepRow) -> tuple[list[_Mark], tuple[str, ...]] | None:
    """The known moments of a rep (its start, segment ends, lap taps) and the segments with no tap; None when
    nothing after the start is known."""
    plan = result.plan
    start = _rep_start(result, athlete, plan.steps[row.steps[0]])
    if start is None:
        return None
    marks = [_Mark(start, result.timeline.t_at(start), 0, 0.0, False, False)]
    metres, missing = 0.0, []
    for index in row.steps:
        step = plan.steps[index]
        length, end = _distance(step, athlete), _segment_end(result, athlete, step)
        begin = result.replay.start_of(athlete, index, marks[-1].active_ns) if index in result.replay.starts else (
            marks[-1].active_ns)  # fmt: skip
        points = split_points_m(step, plan.settings.split_every_m)
        for k, lap in enumerate(s for s in row.laps if s.step == index):
            at, measured = metres, False
            if k < len(points):
                at, measured = metres + points[k], True
            elif length is not None and end is not None and end[0] > begin:
                at, measured = metres + length * (lap.active_ns - begin) / (end[0] - begin), True
            counted = lap.active_ns - max(begin, marks[-1].active_ns)
            marks.append(_Mark(lap.active_ns, lap.t_ns, counted, at, measured, True))
        metres += length or 0.0
        if end is None:
            missing.append(step.label)
            continue
        counted = end[0] - max(begin, marks[-1].active_ns)
        marks.append(_Mark(end[0], end[1], counted, metres, length is not None, False))
    if len(marks) < 2:
        return None
    return sorted(marks, key=lambda m: m.active_ns), tuple(missing)


def _speed(a: _Mark, b: _Mark) -> float | None:
    seconds = to_s(b.counted_ns)
    speed = (b.metres - a.metres) / seconds if b.measured and seconds > 0 else None
    return speed if speed is not None and speed <= HUMAN_MAX_SPEED_M_S else None


def _piece(marks: list[_Mark], intensity: Intensity, label: str, missing: tuple[str, ...]) -> Lap:
    first, last = marks[0], marks[-1]
    measured = any(m.measured for m in marks[1:])
    speeds = [s for a, b in itertools.pairwise(marks) if (s := _speed(a, b)) is not None]
    points = tuple((m.t_ns, m.metres - first.metres) for m in marks)
    return Lap(first.t_ns, last.t_ns, to_s(sum(m.counted_ns for m in marks[1:])),
               last.metres - first.metres if measured else None, intensity, True, label, points,
               max(speeds) if speeds else None, missing)  # fmt: skip


def rep_laps(result: Review, athlete: int, row: RepRow) -> list[Lap]:
    """The rep as laps: one, or one per stretch between lap taps; [] when no time of it is known."""
    found = _rep_marks(result, athlete, row)
    if found is None:
        return []
    marks, missing = found
    intensity = block_intensity(result.plan, row.block)
    cuts = [0, *(k for k, m in enumerate(marks) if m.lap_tap and 0 < k < len(marks) - 1), len(marks) - 1]
    pieces = [marks[a : b + 1] for a, b in itertools.pairwise(cuts)]
    if len(pieces) == 1:
        return [_piece(pieces[0], intensity, row.label, missing)]
    return [_piece(piece, intensity, f"{row.label} · lap {k + 1}/{len(pieces)}", missing if k == len(pieces) - 1
                   else ()) for k, piece in enumerate(pieces)]  # fmt: skip


def _rest(result: Review, after: int, before: int, t0: int, t1: int, active0: int, active1: int) -> Lap:
    """The rest between two laps: the recoveries and holds of the plan between steps `after` and `before`
    (and any rep in between that has no time: named, not timed)."""
    between = result.plan.steps[after + 1 : before]
    ran = [s for s in between if s.phase == "recovery" and s.index in result.spans and s.distance_m is not None]
    metres = sum((s.distance_m or 0.0 for s in ran), 0.0)
    untimed = {s.index for s in between if s.phase == "work" and s.index in result.replay.starts}
    label = " · ".join(f"{s.label} (no tap)" if s.index in untimed else s.label for s in between) or "Rest"
    distance = metres if ran else None
    return Lap(t0, t1, to_s(active1 - active0), distance, "rest", False, label, ((t0, 0.0), (t1, metres)))


def athlete_laps(result: Review, athlete: int) -> list[Lap]:
    """Laps from the start of the recording to the athlete's last known tap, tiling the time between."""
    timeline = result.timeline
    laps: list[Lap] = []
    t_prev, active_prev, step_prev = timeline.start_ns, 0, -1
    for row in result.athletes[athlete].reps:
        pieces = rep_laps(result, athlete, row)
        if not pieces:
            continue
        start = timeline.active_at(pieces[0].start_t_ns)
        if pieces[0].start_t_ns > t_prev:
            laps.append(_rest(result, step_prev, row.steps[0], t_prev, pieces[0].start_t_ns, active_prev, start))
        laps.extend(pieces)
        t_prev, step_prev = pieces[-1].end_t_ns, row.steps[-1]
        active_prev = timeline.active_at(t_prev)
    return laps
