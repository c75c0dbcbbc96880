"""A recording read back: every split per athlete against its target, the fade and the kick.

Everything here is derived from the plan and the events (corrections included); nothing is stored twice.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import fmean
from typing import Literal

from kicktimer.core.language.plan import Plan, describe_where
from kicktimer.core.language.start_points import start_point_at
from kicktimer.core.review.splits import RepRow, rep_rows
from kicktimer.core.review.stats import Fade, fades, kick_s, plausible
from kicktimer.core.run.clock import to_s
from kicktimer.core.run.corrections import standing_events
from kicktimer.core.run.events import Event, RunStatus, run_status
from kicktimer.core.run.replay import Replay


class Timeline:
    """The recording's clock (monotonic ns) against session time (active ns: pauses excluded)."""

    def __init__(self, events: list[Event]) -> None:
        self.t0_ns: list[int] = []  # each running stretch starts at t0 with active0 ...
        self.active0_ns: list[int] = []
        self.stop_ns: list[int | None] = []  # ... and runs to stop (None: to the end of the recording)
        active, running, started = 0, False, False
        for event in events:
            if event.type == "start" and not started:
                started, running = True, True
                self._open(event.t_ns, 0)
            elif not started:
                continue
            elif event.type in ("pause", "end") and running:
                active += event.t_ns - self.t0_ns[-1]
                self.stop_ns[-1], running = event.t_ns, False
                if event.type == "end":
                    break
            elif event.type == "end":
                break
            elif event.type == "resume" and not running:
                running = True
                self._open(event.t_ns, active)

    def _open(self, t_ns: int, active_ns: int) -> None:
        self.t0_ns.append(t_ns)
        self.active0_ns.append(active_ns)
        self.stop_ns.append(None)

    @property
    def start_ns(self) -> int:
        return self.t0_ns[0] if self.t0_ns else 0

    def t_at(self, active_ns: int) -> int:
        """When session time reached `active_ns` (the moment running resumed, if it stood still then)."""
        if not self.t0_ns:
            return active_ns
        k = max(0, bisect.bisect_right(self.active0_ns, active_ns) - 1)
        return self.t0_ns[k] + active_ns - self.active0_ns[k]

    def active_at(self, t_ns: int) -> int:
        k = bisect.bisect_right(self.t0_ns, t_ns) - 1
        if k < 0:
            return 0
        stop = self.stop_ns[k]
        return self.active0_ns[k] + (min(t_ns, stop) if stop is not None else t_ns) - self.t0_ns[k]


def step_spans(replay: Replay) -> dict[int, tuple[int, int]]:
    """Active (start, end) of every step the group entered and then left forwards, as it last ran."""
    return {step: (replay.starts[step], end) for step, end in replay.ends.items() if step in replay.starts}


@dataclass(frozen=True)
class SplitRow:
    """One line of the CSV: a segment's finish, a lap inside it, or a timed segment measured by the clock; or a
    lap tapped in a recovery (`segment` None), listed after the rep it follows and never counted in a rep."""

    athlete: str
    block: int
    rep: int  # 1-based, within the block (a recovery lap: the rep before it, 0 when there is none)
    where: str
    segment: int | None  # 1-based, within the rep; None for a recovery lap
    label: str
    kind: Literal["finish", "lap", "clock"]
    distance_m: float | None
    target_s: float | None
    actual_s: float
    t_ns: int  # the recording's clock: the tap, or the end of a timed segment
    event: int | None  # the tap's index in the recording, for corrections; None for the clock

    @property
    def delta_s(self) -> float | None:
        return None if self.target_s is None else self.actual_s - self.target_s


@dataclass(frozen=True)
class AthleteReview:
    index: int
    name: str
    reps: list[RepRow]
    rep_numbers: list[int]  # 1-based within the block, parallel to reps
    splits: list[SplitRow]
    fades: list[Fade]
    main_label: str | None  # the rep most often run with a tapped finish
    average_rep_s: float | None  # over complete reps of main_label
    average_kick_s: float | None


@dataclass(frozen=True)
class Review:
    plan: Plan
    replay: Replay
    timeline: Timeline
    spans: dict[int, tuple[int, int]]  # step -> active (start, end), for the steps the group ran through
    athletes: tuple[AthleteReview, ...]
    wall_start: datetime
    status: RunStatus  # complete, aborted, unfinished (no end: resumable); see run_status

    @property
    def started_at(self) -> str | None:
        """Where a session started past its beginning ("Main set, rep 5 …"); None when it started at the top."""
        if self.replay.first == 0:
            return None
        point = start_point_at(self.plan, self.replay.first)
        return point.text if point is not None else f"step {self.replay.first}"

    @property
    def finished(self) -> bool:
        return self.status != "unfinished"

    def wall(self, t_ns: int) -> datetime:
        return self.wall_start + timedelta(microseconds=(t_ns - self.timeline.start_ns) / 1000)


def optional_not_run(plan: Plan, replay: Replay) -> set[int]:
    """The steps of optional passes (`4-5x50m`) the coach chose not to run: after a hold that was reached, never
    entered. They are no missed reps, so the review leaves them out."""
    steps: set[int] = set()
    for step in plan.steps:
        if step.skip_to is not None and step.index in replay.starts:
            steps.update(i for i in range(step.index + 1, step.skip_to) if i not in replay.starts)
    return steps


def review(plan: Plan, events: list[Event], wall_start: datetime, athletes: Collection[int] | None = None) -> Review:
    """What happened; `athletes` (indices in the roster) reviews those alone, for a page about one athlete across a
    season of recordings (the others are left out of `Review.athletes`)."""
    standing = standing_events(events)
    replay = Replay.of_standing(plan, standing)
    timeline = Timeline([e for _, e in standing])
    spans = step_spans(replay)
    elapsed = {step: to_s(end - start) for step, (start, end) in spans.items()}
    not_run = optional_not_run(plan, replay)
    reviewed = tuple(
        _athlete(plan, replay, timeline, spans, elapsed, a, athlete.name, not_run)
        for a, athlete in enumerate(plan.athletes)
        if athletes is None or a in athletes
    )
    return Review(plan, replay, timeline, spans, reviewed, wall_start, run_status(events))


def _athlete(
    plan: Plan,
    replay: Replay,
    timeline: Timeline,
    spans: dict[int, tuple[int, int]],
    elapsed: dict[int, float],
    index: int,
    name: str,
    not_run: set[int],
) -> AthleteReview:
    reps = [r for r in rep_rows(plan, replay.splits, index, elapsed) if not not_run.issuperset(r.steps)]
    numbers, per_block = [], Counter[int]()
    for row in reps:
        per_block[row.block] += 1
        numbers.append(per_block[row.block])
    ran = [(row, n) for row, n in zip(reps, numbers, strict=True) if row.steps[0] >= replay.first]
    reps, numbers = [row for row, _ in ran], [n for _, n in ran]  # started at a rep: the ones before did not run
    chunks = _recovery_laps(plan, replay, index, name, reps, numbers)  # (first step, rows): sorted below
    for row, number in zip(reps, numbers, strict=True):
        splits: list[SplitRow] = []
        chunks.append((row.steps[0], splits))
        for k, step_index in enumerate(row.steps):
            step = plan.steps[step_index]
            common = (name, row.block, number, describe_where(row.where), k + 1, step.label)
            for lap in (s for s in row.laps if s.step == step_index):
                splits.append(SplitRow(*common, "lap", None, lap.target_s, lap.duration_s, lap.t_ns, lap.event))
            finish, actual = row.finishes[k], row.segment_s[k]
            target = row.segment_target_s[k]
            if finish is not None:
                splits.append(SplitRow(*common, "finish", step.distance_m, target, actual or 0.0, finish.t_ns,
                                       finish.event))  # fmt: skip
            elif actual is not None and step_index in spans:
                end_t = timeline.t_at(spans[step_index][1])
                splits.append(SplitRow(*common, "clock", step.distance_m, target, actual, end_t, None))
    splits = [split for _, rows in sorted(chunks, key=lambda chunk: chunk[0]) for split in rows]  # plan order
    real = plausible(reps)  # a double-tapped rep is flagged in the table, not averaged
    tapped = [r for r in real if r.total_s is not None and any(f is not None for f in r.finishes)]
    main = Counter(r.label for r in tapped).most_common(1)
    main_label = main[0][0] if main else None
    main_times = [r.total_s for r in tapped if r.label == main_label and r.total_s is not None]
    kicks = [k for k in (kick_s(r) for r in real) if k is not None]
    return AthleteReview(
        index,
        name,
        reps,
        numbers,
        splits,
        fades(real),
        main_label,
        fmean(main_times) if main_times else None,
        fmean(kicks) if kicks else None,
    )


def _recovery_laps(
    plan: Plan, replay: Replay, athlete: int, name: str, reps: list[RepRow], numbers: list[int]
) -> list[tuple[int, list[SplitRow]]]:
    """Taps in a timed recovery (an athlete early to the line, a coach marking a jog lap): laps of the recovery,
    numbered by the rep before it, so that no rep counts them."""
    out = []
    for lap in (s for s in replay.splits if s.athlete == athlete and plan.steps[s.step].phase != "work"):
        step = plan.steps[lap.step]
        before = [
            n for row, n in zip(reps, numbers, strict=True) if row.block == step.block and row.steps[0] < lap.step
        ]
        row = SplitRow(name, step.block, before[-1] if before else 0, describe_where(step.where), None, step.label,
                       "lap", None, lap.target_s, lap.duration_s, lap.t_ns, lap.event)  # fmt: skip
        out.append((lap.step, [row]))
    return out
