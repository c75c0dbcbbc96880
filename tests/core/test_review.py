"""Review: splits per athlete against targets, fade, kick, the clock with pauses, and corrections as events."""

from __future__ import annotations

import pytest

from kicktimer.core.review.analysis import Timeline, review
from kicktimer.core.review.review_table import rep_cells, summary_lines
from kicktimer.core.review.splits import implausible_s
from kicktimer.core.review.stats import kick_too_fast
from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.correction_checks import correction_problem
from kicktimer.core.run.corrections import standing_events
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event, without_undone
from tests.core.helpers import ANA as ANA_PACES
from tests.core.helpers import expand
from tests.recorded import ANA, BEN, EXPECTED, WALL_START, recorded_events, scenario_plan
from tests.support.clock import FakeClock


def segments(events: list[Event], athlete: int) -> list[tuple[float | None, ...]]:
    plan = scenario_plan()
    rows = review(plan, events, WALL_START).athletes[athlete].reps
    return [tuple(None if s is None else round(s, 3) for s in r.segment_s) for r in rows if r.block == 1]


def test_every_segment_of_every_rep_per_athlete() -> None:
    events = recorded_events(scenario_plan())
    assert segments(events, ANA) == EXPECTED[ANA]
    assert segments(events, BEN) == EXPECTED[BEN]


def test_targets_deltas_fade_kick_and_averages() -> None:
    result = review(scenario_plan(), recorded_events(scenario_plan()), WALL_START)
    ana, ben = result.athletes
    assert result.finished
    first = ana.reps[1]
    assert first.target_s == pytest.approx(32.0) and first.delta_s == pytest.approx(-1.0)  # the 200m @800 only
    assert ben.reps[1].target_s == pytest.approx(33.0)
    (fade,) = ana.fades
    assert (fade.first_s, fade.last_s) == pytest.approx((80.0, 84.5))
    assert ana.average_kick_s == pytest.approx((29.0 + 29.5 + 30.0) / 3)
    assert ana.main_label == "200m @800 → 100m bound → 200m kick"
    assert ana.average_rep_s == pytest.approx((80.0 + 83.0 + 84.5) / 3)
    warm_up = ana.splits[0]
    assert (warm_up.kind, warm_up.label, warm_up.actual_s, warm_up.event) == ("clock", "5min jog", 300.0, None)
    finishes = [s for s in ana.splits if s.kind == "finish"]
    assert [(s.rep, s.segment) for s in finishes[:4]] == [(1, 1), (1, 2), (1, 3), (2, 1)]
    assert finishes[0].delta_s == pytest.approx(-1.0) and finishes[1].delta_s is None


def test_wall_times_include_the_pause() -> None:
    result = review(scenario_plan(), recorded_events(scenario_plan()), WALL_START)
    ana = result.athletes[ANA]
    rep2_200 = next(s for s in ana.splits if s.rep == 2 and s.segment == 1)
    # 10 + 320 + 81.5 (rep 1, to Ben's last tap) + 120 (recovery) + 30 (paused) + 32 = 593.5 s after the start
    assert (result.wall(rep2_200.t_ns) - WALL_START).total_seconds() == pytest.approx(593.5)
    assert result.wall(rep2_200.t_ns).utcoffset() == WALL_START.utcoffset()


def test_timeline_maps_session_time_across_pauses() -> None:
    events = [Event(100, "start"), Event(150, "pause"), Event(250, "resume"), Event(300, "pause"),
              Event(400, "resume"), Event(450, "end")]  # fmt: skip
    timeline = Timeline(events)
    assert [timeline.active_at(t) for t in (100, 149, 200, 260, 350, 420, 500)] == [0, 49, 50, 60, 100, 120, 150]
    assert [timeline.t_at(a) for a in (0, 49, 50, 60, 100, 120)] == [100, 149, 250, 260, 400, 420]


def test_a_skipped_timed_step_counts_what_was_run_and_back_keeps_spans_honest() -> None:
    plan = expand("3x10s hill r50s", (ANA_PACES,))
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    clock.advance(4)
    engine.skip()  # the first hill stopped after 4 s
    clock.advance(60)  # recovery runs out at 50 s; the second hill runs 10 s
    clock.advance(20)  # the second recovery 10 s in
    engine.back()  # restart the recovery
    clock.advance(1)
    engine.back()  # within 3 s: back to the second hill, run it again for 10 s
    clock.advance(10 + 50 + 10)
    engine.end()
    result = review(plan, engine.events, WALL_START)
    assert [r.total_s for r in result.athletes[0].reps] == pytest.approx([4.0, 10.0, 10.0])


def correct(op: str, t_ns: int = 0, ref: int | None = None, athlete: int | None = None) -> Event:
    return Event(t_ns, "correct", athlete, op=op, ref=ref)  # type: ignore[arg-type]


def test_add_move_delete_and_revert_corrections() -> None:
    plan = scenario_plan()
    events = recorded_events(plan)
    ana = review(plan, events, WALL_START).athletes[ANA]
    ana_rep3_bound = next(s for s in ana.splits if s.rep == 3 and s.segment == 2)
    ana_rep2_kick = next(s for s in ana.splits if s.rep == 2 and s.segment == 3)
    assert ana_rep2_kick.event is not None
    # Ben forgot to tap at the bound in rep 3: add his tap a second after Ana's
    add = correct("add", ana_rep3_bound.t_ns + to_ns(1.0), athlete=BEN)
    assert correction_problem(plan, events, add) is None
    events.append(add)
    assert segments(events, BEN)[2] == (33.5, 22.0, 30.0)
    # the kick tap for Ana in rep 2 came half a second late
    move = correct("move", ana_rep2_kick.t_ns - to_ns(0.5), ref=ana_rep2_kick.event)
    assert correction_problem(plan, events, move) is None
    events.append(move)
    assert segments(events, ANA)[1] == (32.0, 21.5, 29.0)
    # the added tap can itself be moved, and deleted
    events.append(correct("move", add.t_ns + to_ns(0.5), ref=len(events) - 2))
    assert segments(events, BEN)[2] == (33.5, 22.5, 29.5)
    events.append(correct("delete", ref=len(events) - 3))
    assert segments(events, BEN)[2] == EXPECTED[BEN][2]
    # undo in review, step by step, back to the recording as it was
    events.append(correct("revert"))
    assert segments(events, BEN)[2] == (33.5, 22.5, 29.5)
    events += [correct("revert"), correct("revert"), correct("revert")]
    assert segments(events, ANA) == EXPECTED[ANA] and segments(events, BEN) == EXPECTED[BEN]
    assert correction_problem(plan, events, correct("revert")) == "there is no correction to undo"


def test_corrections_that_cannot_be_made_say_why() -> None:
    plan = scenario_plan()
    events = recorded_events(plan)
    undone = next(i for i, e in enumerate(events) if e.type == "undo") - 1  # Ana's accidental tap
    start, end = events[0].t_ns, events[-1].t_ns
    assert (
        correction_problem(plan, events, correct("delete", ref=undone))
        == f"event {undone} is not a tap that still stands"
    )
    assert correction_problem(plan, events, correct("move", end + 1, ref=3)) == (
        "a tap must lie between the start and the end of the session"
    )
    assert correction_problem(plan, events, correct("add", start, athlete=0)) is not None
    assert (
        correction_problem(plan, events, correct("add", start + 1, athlete=2))
        == "an added tap needs an athlete, 1 to 2"
    )
    assert correction_problem(plan, [], correct("add", 5, athlete=0)) is not None
    assert correction_problem(plan, events[:-1], correct("delete", ref=3)) == (
        "this session has not ended: resume it and end it (Esc) first, then correct it here"
    )  # it may be running right now, written by the live view


def test_correction_events_round_trip_as_json_and_leave_the_rest_alone() -> None:
    plan = scenario_plan()
    events = recorded_events(plan)
    assert standing_events(events) == without_undone(events)


def test_a_split_no_one_runs_is_flagged_and_left_out_of_the_averages() -> None:
    plan = scenario_plan()
    result = review(plan, recorded_events(plan), WALL_START)
    ben = result.athletes[BEN]
    main = [r for r in ben.reps if r.block == 1]
    assert [kick_too_fast(r) for r in main] == [False, False, True]  # 200m kick in 2.0 s: Space after a missed tap
    assert main[2].too_fast == (2,) and main[0].too_fast == ()
    assert ben.average_kick_s == pytest.approx(29.5)  # not (29.5 + 29.5 + 2.0) / 3
    (fade,) = ben.fades
    assert (fade.first_s, fade.last_s) == pytest.approx((81.5, 83.5))  # rep 3 is no real rep
    cells = rep_cells(ben, plan.block_titles)
    assert [row[-1] for row in cells if row[1] in ("2", "3")][-2:] == ["0:29.50", "⚠ 0:02.00"]
    assert summary_lines(ben, plan.block_titles)[-1] == (
        "⚠ Rep 3, 200m kick: 0:02.00 is too fast to be real (a double tap?): move or delete the tap; it is left out "
        "of the averages and the plot"
    )
    assert not any(r.too_fast or kick_too_fast(r) for r in result.athletes[ANA].reps)


def test_how_fast_is_too_fast() -> None:
    assert implausible_s(0.01) and implausible_s(0.99) and not implausible_s(1.0)
    assert implausible_s(15.9, 200.0) and not implausible_s(16.1, 200.0)  # 12.5 m/s: faster than any sprinter
    assert not implausible_s(9.58, 100.0)
