"""Ranges as the coaching articles write them: `4-5x50m` (the reps past 4 are optional, offered at a hold) and
`8-10s` (a tap-ended step: "may stop" at 8 s, "stop" at 10 s)."""

from __future__ import annotations

from datetime import datetime

import pytest

from kicktimer.core.language.plan import Plan
from kicktimer.core.review.analysis import review
from kicktimer.core.run.clock import NS_PER_S
from kicktimer.core.run.engine import SessionEngine
from tests.core.helpers import ANA, expand, problems, sequence
from tests.support.clock import FakeClock

HINT = "Space runs it, N moves on"


def started(text: str) -> tuple[SessionEngine, FakeClock, Plan]:
    plan = expand(text, (ANA,))
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()  # leave the block's hold
    return engine, clock, plan


def test_a_repeat_range_plans_the_upper_count_with_a_hold_before_each_optional_rep() -> None:
    plan = expand("4-5x50m stride r open\n200m")
    assert sequence(plan) == [
        "[4-5x50m stride r open]",
        "50m stride", "R open", "50m stride", "R open", "50m stride", "R open", "50m stride",
        f"[Optional rep 5: {HINT}]", "R open", "50m stride",
        "[200m]", "200m",
    ]  # fmt: skip
    hold = plan.steps[8]
    assert hold.phase == "hold" and hold.where == ((5, 5),) and hold.skip_to == 11  # N: straight to the next block
    assert [s.skip_to for s in plan.steps if s.index != 8] == [None] * 12
    assert plan.to_json()["steps"][8]["skip_to"] == 11


def test_every_rep_past_the_lower_count_has_its_hold_and_a_set_level_range_is_named_so() -> None:
    plan = expand("1-3x(2x200m r1:00) R3:00")
    holds = [s for s in plan.steps[1:] if s.phase == "hold"]
    assert [h.label for h in holds] == [f"Optional set 2: {HINT}", f"Optional set 3: {HINT}"]
    assert all(h.skip_to == len(plan.steps) for h in holds)  # N ends the whole range: the session here
    assert plan.steps[holds[0].index + 1].label == "R 3:00"  # the hold, then the recovery, then the set


def test_an_optional_range_inside_a_repeat_ends_only_its_own_pass() -> None:
    plan = expand("2x(2-3x60m r30s) R2:00")
    holds = [s for s in plan.steps if s.skip_to is not None]
    assert len(holds) == 2
    for hold in holds:
        after = plan.steps[hold.skip_to] if hold.skip_to < len(plan.steps) else None
        assert after is None or after.label == "R 2:00"


def test_space_at_the_optional_hold_runs_the_rep_and_n_ends_the_set_both_recorded() -> None:
    engine, clock, plan = started("2-3x60m r open\n100m")
    for _ in range(3):  # the reps that are not optional: 60m, r open, 60m
        engine.tap()
    assert engine.snapshot().step.label.startswith("Optional rep 3:")
    run = SessionEngine(plan, clock, list(engine.events))
    event = run.tap()  # Space
    assert event is not None and event.type == "tap"
    assert run.snapshot().step.label == "R open"
    event = engine.skip()  # N
    assert event is not None and event.type == "skip"
    snap = engine.snapshot()
    assert (snap.step.phase, snap.step.block) == ("hold", 1)  # past the range: the next block's hold
    assert [e.type for e in engine.events][-1] == "skip"


def test_n_at_an_ordinary_step_still_moves_one_step() -> None:
    engine, _, _ = started("2-3x60m r open")
    engine.skip()
    assert engine.snapshot().step.label == "R open"


def test_review_leaves_out_the_optional_reps_not_run_but_counts_a_rep_never_reached() -> None:
    engine, clock, plan = started("2-3x60m r open\n2x100m")
    for _ in range(3):
        clock.advance(10)
        engine.tap()
    engine.skip()  # N at the optional hold: rep 3 is not run
    clock.advance(10)
    engine.tap()  # 100m
    engine.end()
    reps = review(plan, engine.events, datetime(2026, 1, 1)).athletes[0].reps
    assert [r.label for r in reps] == ["60m", "60m", "100m", "100m"]
    assert reps[-1].total_s is None  # the second 100m was never run: still shown, missing


def test_a_duration_range_ends_on_a_tap_with_may_stop_and_stop_cues() -> None:
    plan = expand("6x8-10s hill sprints r open walk down")
    step = plan.steps[1]
    assert (step.kind, step.ends, step.min_duration_s, step.duration_s, step.gear) == (
        "duration", "tap", 8.0, 10.0, "hill"
    )  # fmt: skip
    assert plan.total_fixed_s == 0  # nothing in it ends by the clock
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    t0 = clock.t_ns
    cues = [((c.t_ns - t0) / NS_PER_S, c.kind) for c in engine.cues()]
    assert cues == [(0.0, "go"), (8.0, "may_stop"), (10.0, "stop")]
    clock.advance(9)
    assert engine.snapshot().step_index == 1 and engine.snapshot().remaining_s is None  # it waits for the tap
    engine.tap(0)
    assert engine.snapshot().step.label == "R open walk down"
    assert engine.splits[-1].duration_s == pytest.approx(9.0)


def test_a_recovery_range_is_ended_by_a_tap_too() -> None:
    plan = expand("3x200m r60-90s")
    recovery = plan.steps[2]
    assert (recovery.phase, recovery.ends, recovery.min_duration_s, recovery.duration_s) == ("recovery", "tap",
                                                                                            60.0, 90.0)  # fmt: skip
    assert recovery.label == "R 60-90s"


@pytest.mark.parametrize(
    ("text", "range_s"),
    [("8-10s", (8, 10)), ("8s-10s", (8, 10)), ("1-2min", (60, 120)), ("1:00-1:30", (60, 90)), ("8–10s", (8, 10))],
)
def test_duration_range_forms(text: str, range_s: tuple[float, float]) -> None:
    step = expand(text).steps[1]
    assert (step.min_duration_s, step.duration_s) == range_s


@pytest.mark.parametrize(
    ("text", "col", "fragment"),
    [
        ("5-4x60m", 0, '"5-4x": a range goes from the smaller count to the larger, like 4-5x'),
        ("4-4x60m", 0, '"4-4x": a range from 4 to 4 is 4; write 4x'),
        ("0-2x60m", 0, "a count of at least 1"),
        ("10-8s", 0, '"10-8s": a range goes from the shorter time to the longer, like 8-10s'),
        ("8-8s", 0, '"8-8s": both ends are the same'),
        ("0-8s", 0, '"0-8s": a range starts above 0'),
        ("2x(20 squats + 2-3x11 lunges)", 15, "a range of repeats cannot be a segment of a + rep"),
        ("100-150m", 0, "a step runs one distance; write the one you plan, like 150m"),
        ("8-1:30", 0, '"8-1:30": expected a duration like 1:30 or 90s'),
    ],
)
def test_ranges_that_mean_nothing_say_so(text: str, col: int, fragment: str) -> None:
    (problem,) = problems(text)
    assert problem.col == col and fragment in problem.message, problem


def test_a_counted_exercise_repeated_inside_a_rep_is_that_many_joined_segments() -> None:
    plan = expand("2x(10 hops + 2x11 ladder rungs one foot + 30yd a-skips) R open")
    assert sequence(plan)[1:5] == ["10 hops", "~11 ladder rungs one foot", "~11 ladder rungs one foot", "~30yd a-skips"]
    assert [s.count for s in plan.steps[1:4]] == [10, 11, 11]
    assert len({s.rep for s in plan.steps[1:5]}) == 1  # one rep, a gear change at each join
    # at the start of a rep the repeat covers the whole rep (rule 2), as always
    assert sequence(expand("2x11 lunges + 100m"))[1:] == ["11 lunges", "~100m", "~11 lunges", "~100m"]


def test_self_timing_taps_a_duration_range_at_its_stop() -> None:
    from kicktimer.core.run.simulate import simulate_cues

    cues = [(c.t_ns / NS_PER_S, c.kind, c.step_index) for c in simulate_cues(expand("2x8-10s hill r20s"), 60.0)]
    go = next(t for t, kind, step in cues if kind == "go" and step == 1)
    assert (go + 8, "may_stop", 1) in cues and (go + 10, "stop", 1) in cues
    assert (go + 10, "recovery", 2) in cues  # tapped at 10 s, not after the 60 s given to open steps


def test_the_hold_before_an_optional_rep_is_no_place_to_start_a_session() -> None:
    from kicktimer.core.language.start_points import start_points

    plan = expand("Strides: 4-5x50m stride r open\nCool: 10min jog")
    codes = [p.code for p in start_points(plan)]
    assert codes == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2", "2.1"]
