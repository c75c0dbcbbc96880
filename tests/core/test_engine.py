"""SessionEngine with a FakeClock: every command, every step kind, exact boundaries."""

from __future__ import annotations

import pytest

from kicktimer.core.language.plan import Athlete, Plan, Settings
from kicktimer.core.run.clock import NS_PER_S, to_ns
from kicktimer.core.run.engine import SessionEngine
from tests.core.helpers import ANA, BEN, expand
from tests.support.clock import FakeClock

CAL = Athlete("Cal", {"800m": 120.0})


def started(
    text: str, athletes: tuple[Athlete, ...] = (), settings: Settings | None = None
) -> tuple[SessionEngine, FakeClock, Plan]:
    plan = expand(text, athletes, settings)
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    assert engine.start() is not None
    return engine, clock, plan


def test_start_waits_at_the_first_hold_and_space_leaves_it() -> None:
    engine, clock, _ = started("3x10s hill r50s")
    snap = engine.snapshot()
    assert snap.status == "running" and snap.step.phase == "hold" and snap.remaining_s is None
    clock.advance(30)
    assert engine.snapshot().step_index == 0  # a hold never ends by itself
    assert engine.tap(0) is None  # an athlete key does not leave a hold
    assert engine.tap() is not None
    snap = engine.snapshot()
    assert snap.step_index == 1 and snap.step_elapsed_s == 0 and snap.remaining_s == 10
    assert snap.counters == "Rep 1/3" and snap.next_step is not None and snap.next_step.label == "R 50s"


def test_time_ended_steps_end_by_the_clock_to_the_nanosecond() -> None:
    engine, clock, _ = started("2x1:30.5 tempo r45s")
    engine.tap()
    t0 = clock.t_ns
    assert engine.snapshot(t0 + to_ns(90.5) - 1).step_index == 1
    assert engine.snapshot(t0 + to_ns(90.5)).step_index == 2
    assert engine.snapshot(t0 + to_ns(135.5) - 1).step_index == 2
    snap = engine.snapshot(t0 + to_ns(135.5))
    assert snap.step_index == 3 and snap.step_elapsed_s == 0
    end = engine.snapshot(t0 + to_ns(226))
    assert end.status == "complete" and end.progress == 1.0


def test_two_hour_session_boundaries_exact_to_the_nanosecond() -> None:
    text = (
        "Warm-up: 20min jog\nMain: 12x(3:07.3 tempo + 1:52.9 jog) r1:01\n"
        "Strides: 6x(13.7s stride) r47.3s\nCool: 27:33.3 easy"
    )
    engine, clock, plan = started(text)
    assert 7000 < plan.total_fixed_s < 7500
    expected: list[tuple[int, int]] = []  # (boundary ns since the block's start, step index entered)
    for block in range(4):
        hold = next(s.index for s in plan.steps if s.phase == "hold" and s.block == block)
        assert engine.snapshot().step_index == hold
        clock.advance(7.25)  # the coach takes a while at each hold
        engine.tap()
        t_block = clock.t_ns
        boundary = t_block
        steps = [s for s in plan.steps if s.block == block and s.phase != "hold"]
        for step in steps:
            assert step.duration_s is not None
            boundary += to_ns(step.duration_s)
            expected.append((boundary, step.index + 1))
            assert engine.snapshot(boundary - 1).step_index == step.index
            entered = engine.snapshot(boundary)
            if step.index + 1 < len(plan.steps):
                assert entered.step_index == step.index + 1 and entered.step_elapsed_s == 0
        clock.t_ns = boundary + 3 * NS_PER_S
    assert engine.snapshot().status == "complete"
    assert engine.snapshot().active_s == pytest.approx(plan.total_fixed_s + 4 * 7.25 + 3 * 3, abs=1e-6)


def test_tap_ended_step_ends_when_every_athlete_has_tapped() -> None:
    engine, clock, _plan = started("2x200m @800 r1:00", (ANA, BEN, CAL))
    engine.tap()
    clock.advance(31.5)
    assert engine.tap(0) is not None
    assert engine.tap(0) is None  # Ana is done: a second tap changes nothing and is not recorded
    clock.advance(1.0)
    engine.tap(2)
    assert engine.snapshot().step_index == 1  # waiting for Ben
    clock.advance(0.5)
    engine.tap(1)
    snap = engine.snapshot()
    assert snap.step_index == 2 and snap.step.label == "R 1:00" and snap.remaining_s == 60  # recovery starts now
    ana, ben, cal = (snap.athletes[i].last_split for i in range(3))
    assert ana is not None and ana.duration_s == pytest.approx(31.5) and ana.delta_s == pytest.approx(-0.5)
    assert ben is not None and ben.duration_s == pytest.approx(33.0)
    assert cal is not None and cal.duration_s == pytest.approx(32.5) and cal.target_s == pytest.approx(30.0)


def test_space_taps_all_remaining() -> None:
    engine, clock, _ = started("2x200m r1:00", (ANA, BEN, CAL))
    engine.tap()
    clock.advance(30)
    engine.tap(1)
    clock.advance(2)
    engine.tap()  # Ana and Cal
    splits = {s.athlete: s.duration_s for s in engine.splits}
    assert splits == {1: pytest.approx(30), 0: pytest.approx(32), 2: pytest.approx(32)}
    assert engine.snapshot().step.label == "R 1:00"


def test_joined_rep_with_three_athletes() -> None:
    engine, clock, plan = started("2x(200m @800 + 100m bound + 200m kick) R5:00", (ANA, BEN, CAL))
    engine.tap()
    assert engine.snapshot().rep_steps == (1, 2, 3)
    clock.advance(30.0)
    engine.tap(2)  # Cal first to 200: the group's gear change
    snap = engine.snapshot()
    assert snap.step_index == 2 and snap.step.gear == "bound"
    assert [a.pending for a in snap.athletes] == [(1, 2), (1, 2), (2,)]
    clock.advance(1.0)
    engine.tap(0)  # Ana's 200, late: settles her pending boundary, not the bound
    clock.advance(0.5)
    engine.tap(1)  # Ben's 200
    assert engine.snapshot().step_index == 2
    clock.advance(18.5)  # 50 s into the rep
    engine.tap(0)  # Ana first at the 300: gear change into the kick
    assert engine.snapshot().step_index == 3
    clock.advance(1)
    engine.tap()  # Space: Ben and Cal at the 300
    clock.advance(27)
    engine.tap(1)
    engine.tap(2)
    assert engine.snapshot().step_index == 3  # the rep ends only when all three finished the kick
    clock.advance(1)
    engine.tap(0)
    assert engine.snapshot().step.label == "R 5:00"
    table = {(s.athlete, s.step): round(s.duration_s, 3) for s in engine.splits}
    assert table == {
        (2, 1): 30.0, (0, 1): 31.0, (1, 1): 31.5,  # their own 200s
        (0, 2): 19.0, (1, 2): 19.5, (2, 2): 21.0,  # bound, each from their own 200 tap
        (1, 3): 27.0, (2, 3): 27.0, (0, 3): 29.0,  # kick, each from their own 300 tap
    }  # fmt: skip
    assert plan.steps[2].joined and plan.steps[3].joined


def test_taps_in_a_timed_step_are_laps_and_never_end_it() -> None:
    engine, clock, _ = started("20min tempo", (ANA, BEN))
    engine.tap()
    clock.advance(300)
    engine.tap(0)
    clock.advance(310)
    engine.tap(0)
    engine.tap()
    snap = engine.snapshot()
    assert snap.step_index == 1 and snap.remaining_s == pytest.approx(1200 - 610)
    laps = [(s.athlete, s.kind, round(s.duration_s, 3)) for s in engine.splits]
    assert laps == [(0, "lap", 300.0), (0, "lap", 310.0), (0, "lap", 0.0), (1, "lap", 610.0)]


def test_pause_freezes_time_and_refuses_taps() -> None:
    engine, clock, _ = started("2x60s r30s")
    engine.tap()
    clock.advance(20)
    assert engine.pause() is not None and engine.pause() is None
    clock.advance(500)
    snap = engine.snapshot()
    assert snap.status == "paused" and snap.remaining_s == 40 and snap.paused_s == pytest.approx(500)
    assert engine.tap() is None
    assert engine.resume() is not None
    t = clock.t_ns
    assert engine.snapshot(t + to_ns(40) - 1).step_index == 1
    assert engine.snapshot(t + to_ns(40)).step_index == 2
    assert engine.toggle_pause() is not None and engine.snapshot().status == "paused"


def test_skip_and_back() -> None:
    engine, clock, _ = started("3x200m r1:00")
    engine.tap()
    clock.advance(10)
    engine.skip()  # abandon the first 200
    snap = engine.snapshot()
    assert snap.step_index == 2 and snap.remaining_s == 60 and engine.splits == []
    clock.advance(20)
    engine.back()  # 20 s into the recovery: restart it
    assert engine.snapshot().step_index == 2 and engine.snapshot().remaining_s == 60
    clock.advance(1)
    engine.back()  # within 3 s of the start: go to the previous step
    snap = engine.snapshot()
    assert snap.step_index == 1 and snap.step_elapsed_s == 0
    clock.advance(33)
    engine.tap()
    assert engine.splits[0].duration_s == pytest.approx(33)
    clock.advance(1)
    engine.back()  # back to the 200 again: its split is superseded
    assert engine.splits == [] and engine.snapshot().step_index == 1


def test_extend_recovery() -> None:
    engine, clock, _ = started("2x200m r1:00")
    engine.tap()
    assert engine.extend(15) is None  # not in a recovery
    engine.tap()
    clock.advance(10)
    engine.extend(15)
    engine.extend(15)
    assert engine.snapshot().remaining_s == pytest.approx(80) and engine.snapshot().extension_s == 30
    engine.extend(-15)
    assert engine.snapshot().remaining_s == pytest.approx(65)
    for _ in range(6):
        engine.extend(-15)
    snap = engine.snapshot()
    assert snap.step_index == 3 and snap.step_elapsed_s == 0  # ended now, never in the past


def test_undo_takes_back_the_last_tap_even_one_that_ended_a_step() -> None:
    engine, clock, _ = started("2x200m r1:00", (ANA, BEN))
    engine.tap()
    clock.advance(30)
    engine.tap(0)
    clock.advance(1)
    engine.tap(1)
    assert engine.snapshot().step.phase == "recovery"
    clock.advance(5)
    assert engine.undo() is not None
    snap = engine.snapshot()
    assert snap.step_index == 1 and snap.step_elapsed_s == pytest.approx(36)
    assert [s.athlete for s in engine.splits] == [0]
    engine.undo()
    engine.undo()  # undoes the Space that left the hold
    assert engine.snapshot().step_index == 0
    assert engine.undo() is None


def test_end_and_rebuild_from_events() -> None:
    engine, clock, plan = started("3x(200m + 100m) r1:00", (ANA, BEN))
    for key, dt in [(None, 3), (0, 30), (1, 1), (0, 15), (None, 2), (None, 40), (0, 35), (1, 1), (1, 14), (0, 2)]:
        clock.advance(dt)
        engine.tap(key)
    engine.pause()
    clock.advance(7)
    engine.resume()
    engine.undo()
    clock.advance(3)
    assert engine.end() is not None and engine.end() is None
    rebuilt = SessionEngine(plan, clock, engine.events)
    assert rebuilt.snapshot() == engine.snapshot()
    assert rebuilt.splits == engine.splits
    assert engine.snapshot().status == "ended" and engine.tap() is None


def test_self_timing_ends_distance_steps_at_the_target() -> None:
    engine, clock, _plan = started("2x200m @800 r30s", (ANA,), Settings(distance_steps="target"))
    engine.tap()
    clock.advance(31)
    engine.tap(0)
    assert engine.splits[0].kind == "lap" and engine.splits[0].duration_s == pytest.approx(31)
    assert engine.snapshot().step_index == 1
    clock.advance(1)
    assert engine.snapshot().step.label == "R 30s"


def test_open_recovery_ends_on_a_tap_and_counts_need_taps() -> None:
    engine, clock, _ = started("2x(10 pogo jumps + 50m stride) r open")
    engine.tap()
    clock.advance(12)
    engine.tap()
    assert engine.snapshot().step.label == "50m stride"
    clock.advance(9)
    engine.tap()
    assert engine.snapshot().step.label == "R open"
    clock.advance(100)
    assert engine.snapshot().step.label == "R open"
    engine.tap(0)
    assert engine.snapshot().step_index == 4
    assert [a.name for a in engine.plan.athletes] == ["Athlete"]


def test_snapshot_progress_and_time_left() -> None:
    engine, clock, _ = started("4x60s r30s", (ANA,))
    assert engine.snapshot().progress == 0
    engine.tap()
    first = engine.snapshot()
    assert first.left_s == pytest.approx(4 * 60 + 3 * 30)
    clock.advance(100)
    later = engine.snapshot()
    assert later.left_s == pytest.approx(330 - 100) and 0 < later.progress < 1


def test_commands_before_start_do_nothing() -> None:
    plan = expand("200m")
    engine = SessionEngine(plan, FakeClock())
    assert engine.snapshot().status == "ready"
    for command in (engine.tap, engine.pause, engine.skip, engine.back, engine.undo, engine.end):
        assert command() is None
    assert engine.events == []


def test_split_every_m_takes_split_taps_before_the_finish() -> None:
    engine, clock, _ = started("2x800m @5k r2:00", (ANA, BEN), Settings(split_every_m=200))
    engine.tap()
    for lap_s in (39, 40, 41):
        clock.advance(lap_s)
        engine.tap()  # Space: both athletes at the 200, 400, 600
        assert engine.snapshot().step_index == 1
    clock.advance(38)
    engine.tap(0)
    assert engine.snapshot().step_index == 1  # Ben has not finished
    clock.advance(2)
    engine.tap(1)
    assert engine.snapshot().step.label == "R 2:00"
    ana = [
        (s.kind, round(s.duration_s, 3), None if s.target_s is None else round(s.target_s, 3))
        for s in engine.splits
        if s.athlete == 0
    ]
    assert ana == [("lap", 39.0, 40.0), ("lap", 40.0, 40.0), ("lap", 41.0, 40.0), ("finish", 158.0, 160.0)]
    assert [s.duration_s for s in engine.splits if s.athlete == 1][-1] == pytest.approx(160.0)


class _CountingSteps(tuple):  # type: ignore[type-arg]
    """A plan's steps that count how often they are walked through."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        type(self).walks += 1
        return super().__iter__()


def test_a_snapshot_does_not_walk_the_whole_plan_or_every_split() -> None:
    from dataclasses import replace

    plan = expand("Main: 300x(200m @800 + 100m kick) r open", (ANA, BEN))
    counted = replace(plan, steps=_CountingSteps(plan.steps))
    clock = FakeClock()
    engine = SessionEngine(counted, clock)
    engine.start()
    for _ in range(40):
        clock.advance(30)
        engine.tap()
    _CountingSteps.walks = 0
    for _ in range(50):
        snap = engine.snapshot()  # a repaint: at 60 Hz on a 1,000-step session, cost must not grow with the plan
    assert _CountingSteps.walks == 0
    assert snap.rep_steps == (snap.step_index,) or len(snap.rep_steps) == 2
