"""One athlete across the season: every recording they ran, their race times over time, and for each kind of rep
(the same distances and gears) how their splits against target, their fade and their kick moved, date by date."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from statistics import fmean
from typing import Literal

from kicktimer.core.language.plan import Plan, PlanStep
from kicktimer.core.language.quantities import format_distance
from kicktimer.core.review.analysis import AthleteReview
from kicktimer.core.review.splits import RepRow
from kicktimer.core.review.stats import fades, kick_s
from kicktimer.core.season.squad import RaceTime, history_order


@dataclass(frozen=True)
class Ran:
    """One recording, as the page reads it: when, what, and the athlete's own review in it."""

    file: str
    when: datetime
    session: str
    status: str  # complete, aborted, unfinished
    plan: Plan
    review: AthleteReview
    paces: Mapping[str, float]  # the race times the recording used for them


@dataclass(frozen=True)
class Run:
    file: str
    when: datetime
    session: str
    status: str
    reps: int  # reps with every split in
    delta_s: float | None  # the mean rep against its target, over the reps that have one


@dataclass(frozen=True)
class KindPoint:
    when: datetime
    reps: int
    split_s: float  # the mean rep
    delta_s: float | None  # the mean rep against target (None: no target)
    fade_s: float | None  # last rep against the first, per set, averaged
    kick_s: float | None  # the mean kick split


@dataclass(frozen=True)
class RepKind:
    label: str  # "200m race + 100m bound + 200m kick"
    points: tuple[KindPoint, ...]  # oldest first

    @property
    def reps(self) -> int:
        return sum(p.reps for p in self.points)


@dataclass(frozen=True)
class TimeSeen:
    race: str
    time_s: float
    on: date | None
    source: Literal["squad", "recording"]  # a recording: first used on that date


@dataclass(frozen=True)
class AthletePage:
    name: str
    runs: tuple[Run, ...]  # newest first
    times: tuple[TimeSeen, ...]  # oldest first
    kinds: tuple[RepKind, ...]  # the kind run most often first


def segment_kind(step: PlanStep) -> str:
    """`200m race`, `10s hill`, `open sprint`, `20 squats`: what a segment is, whatever its target."""
    if step.distance_m is not None:
        measure = format_distance(step.distance_m)
    elif step.duration_s is not None and step.kind == "duration":
        measure = f"{step.duration_s:g}s"
    elif step.kind == "count":
        return step.label
    else:
        measure = "open"
    return f"{measure} {step.gear}" if step.gear else measure


def rep_kind(plan: Plan, row: RepRow) -> str:
    return " + ".join(segment_kind(plan.steps[s]) for s in row.steps)


def _run(ran: Ran, done: list[RepRow]) -> Run:
    deltas = [r.delta_s for r in done if r.delta_s is not None]
    return Run(ran.file, ran.when, ran.session, ran.status, len(done), fmean(deltas) if deltas else None)


def _points(ran: Ran, done: list[RepRow]) -> dict[str, KindPoint]:
    """One point per kind of rep this recording has, from the reps with every split in."""
    by_kind: dict[str, list[RepRow]] = {}
    for row in done:
        by_kind.setdefault(rep_kind(ran.plan, row), []).append(row)
    points = {}
    for kind, rows in by_kind.items():
        deltas = [r.delta_s for r in rows if r.delta_s is not None]
        fade = [f.fade_s for f in fades(rows)]
        kicks = [k for k in (kick_s(r) for r in rows) if k is not None]
        points[kind] = KindPoint(ran.when, len(rows), fmean(r.total_s or 0.0 for r in rows),
                                 fmean(deltas) if deltas else None, fmean(fade) if fade else None,
                                 fmean(kicks) if kicks else None)  # fmt: skip
    return points


def _measured(row: RepRow) -> bool:
    """A rep with all its splits and at least one of them tapped (a rep timed only by the clock says nothing)."""
    return row.total_s is not None and any(f is not None for f in row.finishes)


def athlete_page(name: str, recordings: Iterable[Ran], squad_times: Sequence[RaceTime] = ()) -> AthletePage:
    """The page, from the recordings the athlete ran (any order) and their squad history."""
    runs: list[Run] = []
    series: dict[str, list[KindPoint]] = {}
    seen: dict[tuple[str, float], date] = {}
    for ran in sorted(recordings, key=lambda r: r.when):
        done = [row for row in ran.review.reps if _measured(row)]
        runs.append(_run(ran, done))
        for kind, point in _points(ran, done).items():
            series.setdefault(kind, []).append(point)
        for race, seconds in ran.paces.items():
            seen.setdefault((race, seconds), ran.when.date())
    kinds = sorted((RepKind(k, tuple(p)) for k, p in series.items()), key=lambda k: (-len(k.points), -k.reps, k.label))
    times = [TimeSeen(t.race, t.time_s, t.on, "squad") for t in history_order(squad_times)]
    known = {(t.race, t.time_s) for t in times}
    times += [TimeSeen(race, s, on, "recording") for (race, s), on in seen.items() if (race, s) not in known]
    times.sort(key=lambda t: (t.on is not None, t.on or date.min))
    return AthletePage(name, tuple(reversed(runs)), tuple(times), tuple(kinds))
