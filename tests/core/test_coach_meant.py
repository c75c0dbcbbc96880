"""The engine does what the coach meant (issue 13, section 5): Back restarts a segment for everyone, and taps in a
timed recovery are recovery laps, never a split of the rep that follows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kicktimer.core.language.plan import Athlete, Plan
from kicktimer.core.review.analysis import review
from kicktimer.core.review.laps import athlete_laps
from kicktimer.core.run.engine import SessionEngine
from tests.core.helpers import ANA, BEN, expand
from tests.support.clock import FakeClock

CAL = Athlete("Cal", {"800m": 120.0})


def started(text: str, athletes: tuple[Athlete, ...]) -> tuple[SessionEngine, FakeClock, Plan]:
    plan = expand(text, athletes)
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()  # leave the block's hold
    return engine, clock, plan


def test_back_in_a_joined_segment_times_everyone_from_the_back() -> None:
    engine, clock, _ = started("2x(200m @800 + 30m kick) r2:00", (ANA, BEN))
    clock.advance(30.0)
    engine.tap(0)  # Ana at the 200: the group changes into the kick
    clock.advance(0.4)
    engine.tap(1)  # Ben at the 200
    clock.advance(8.0)  # a false start in the kick: the coach calls them back and restarts it
    assert engine.back() is not None
    snap = engine.snapshot()
    assert snap.step.label == "30m kick" and snap.step_elapsed_s == 0
    assert [a.pending for a in snap.athletes] == [(2,), (2,)]
    clock.advance(4.0)
    engine.tap(0)
    clock.advance(0.2)
    engine.tap(1)
    kicks = {s.athlete: s.duration_s for s in engine.splits if s.step == 2}
    assert kicks == {0: pytest.approx(4.0), 1: pytest.approx(4.2)}  # from the back, not from their 200 taps
    firsts = {s.athlete: s.duration_s for s in engine.splits if s.step == 1}
    assert firsts == {0: pytest.approx(30.0), 1: pytest.approx(30.4)}  # the segment before is kept


def test_back_to_a_joined_segment_from_its_first_seconds_also_restarts_it_for_everyone() -> None:
    engine, clock, _ = started("2x(200m + 100m bound + 100m kick) r2:00", (ANA, BEN, CAL))
    clock.advance(30.0)
    engine.tap()  # everyone at the 200
    clock.advance(15.0)
    engine.tap()  # everyone at the 300: into the kick
    clock.advance(1.0)
    engine.back()  # within 3 s of the kick's start: back to the bound, restarted now
    assert engine.snapshot().step.label == "100m bound"
    clock.advance(16.0)
    engine.tap(2)
    bound = {s.athlete: round(s.duration_s, 3) for s in engine.splits if s.step == 2}
    assert bound == {2: 16.0}


def test_a_tap_at_the_end_of_a_timed_recovery_is_a_recovery_lap() -> None:
    engine, clock, plan = started("3x200m @800 r1:00", (ANA, BEN))
    clock.advance(31.0)
    engine.tap()  # both finish the first 200: the recovery starts
    clock.advance(59.5)
    engine.tap(0)  # half a second before the recovery ends: Ana is on her way to the line
    lap = engine.splits[-1]
    assert (lap.kind, plan.steps[lap.step].phase, lap.duration_s) == ("lap", "recovery", pytest.approx(59.5))
    clock.advance(1.0)  # the second 200 is running
    snap = engine.snapshot()
    assert snap.step.label == "200m @800"
    ana, ben = snap.athletes
    assert ana.last_split is not None and ana.last_split.step == 1 and ana.last_split.duration_s == pytest.approx(31)
    assert ben.last_split is not None and ben.last_split.step == 1
    clock.advance(30.0)
    engine.tap(0)
    last = engine.snapshot().athletes[0].last_split
    assert last is not None and last.step == 3 and last.duration_s == pytest.approx(30.5)  # from the rep's start


def test_back_in_a_rep_with_no_recovery_before_it_times_the_rep_and_its_lap_from_the_back() -> None:
    engine, clock, plan = started("3x200m", (ANA,))
    clock.advance(30.0)
    engine.tap(0)  # rep 1; rep 2 follows with no recovery
    clock.advance(5.0)
    engine.back()  # a false start: rep 2 again, from now
    clock.advance(31.0)
    engine.tap(0)
    assert [round(s.duration_s, 3) for s in engine.splits] == [30.0, 31.0]
    result = review(plan, engine.events, datetime(2026, 5, 12, tzinfo=UTC))
    timers = [round(lap.timer_s, 3) for lap in athlete_laps(result, 0) if lap.rep]
    assert timers == [30.0, 31.0]


def test_recovery_laps_are_listed_after_the_rep_they_follow_and_no_rep_counts_them() -> None:
    engine, clock, plan = started("3x200m @800 r1:00", (ANA,))
    clock.advance(31.0)
    engine.tap(0)
    clock.advance(30.0)
    engine.tap(0)  # halfway round the jog
    clock.advance(29.5)
    engine.tap(0)  # half a second before the recovery ends
    clock.advance(31.0)
    engine.tap(0)  # rep 2: 30.5 s from its start
    ana = review(plan, engine.events, datetime(2026, 5, 12, tzinfo=UTC)).athletes[0]
    rows = [(s.rep, s.segment, s.label, s.kind, round(s.actual_s, 3)) for s in ana.splits]
    assert rows == [(1, 1, "200m @800", "finish", 31.0), (1, None, "R 1:00", "lap", 30.0),
                    (1, None, "R 1:00", "lap", 29.5), (2, 1, "200m @800", "finish", 30.5)]  # fmt: skip
    assert [row.laps for row in ana.reps] == [(), (), ()]


def test_space_in_a_timed_recovery_taps_no_one_and_1_to_9_still_lap_one_athlete() -> None:
    from kicktimer.core.run.commands import BY_NAME
    from kicktimer.core.run.events import Event
    from kicktimer.core.run.refusals import refusal_text
    from kicktimer.core.run.replay import Replay

    engine, clock, plan = started("3x200m @800 r1:00", (ANA, BEN))
    clock.advance(31.0)
    engine.tap()  # both finish the first 200: the recovery starts
    clock.advance(20.0)
    count = len(engine.events)
    assert engine.tap() is None and len(engine.events) == count  # nobody runs in a recovery: no lap for anyone
    labels = [s.label for s in plan.steps]
    said = refusal_text(BY_NAME["tap_all"], None, engine.snapshot(), labels, "console")
    assert said == "Recovery runs on the clock: Space taps no one here — 1-9 lap one athlete, n starts the next step"
    assert engine.tap(1) is not None  # Ben's key still laps Ben
    assert [(s.athlete, s.kind, plan.steps[s.step].phase) for s in engine.splits[2:]] == [(1, "lap", "recovery")]
    clock.advance(45.0)
    assert engine.tap() is not None  # in the next 200, Space taps everyone still running again
    # a recording made before this rule keeps the laps its Space made: the replay reads it as it was
    old = [*engine.events[:3], Event(engine.events[2].t_ns + 20 * 10**9, "tap")]
    assert [s.kind for s in Replay.of(plan, old).splits][2:] == ["lap", "lap"]


def test_space_in_a_timed_work_step_still_laps_everyone() -> None:
    engine, clock, _plan = started("20min jog", (ANA, BEN))
    clock.advance(300.0)
    assert engine.tap() is not None
    assert [(s.athlete, s.kind) for s in engine.splits] == [(0, "lap"), (1, "lap")]


def test_space_in_a_timed_recovery_still_taps_someone_who_owes_a_segment() -> None:
    engine, clock, _plan = started("2x(200m + 100m) r1:00", (ANA, BEN))
    clock.advance(30.0)
    engine.tap(0)  # Ana finishes her 200 (the group is on the 100)
    clock.advance(10.0)
    engine.skip()  # into the recovery: Ben still owes his 200
    clock.advance(5.0)
    assert engine.tap() is not None  # Ben was still running: Space finishes his 200
    assert [(s.athlete, s.kind, round(s.duration_s)) for s in engine.splits] == [(0, "finish", 30), (1, "finish", 45)]
