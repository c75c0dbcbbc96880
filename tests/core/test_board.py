"""The athletes' tiles as data: who is done with the boundary the group has reached, who still runs and to what
target, and after a joined rep each one's total and the targeted segment's split."""

from __future__ import annotations

import pytest

from kicktimer.core.language.plan import Athlete
from kicktimer.core.run.board import board
from kicktimer.core.run.engine import SessionEngine
from tests.core.helpers import ANA, BEN, expand
from tests.support.clock import FakeClock

CAL = Athlete("Cal", {"800m": 120.0})


def engine_at(text: str, script: list[tuple[float, int | None]]) -> SessionEngine:
    clock = FakeClock()
    engine = SessionEngine(expand(text, (ANA, BEN, CAL)), clock)
    engine.start()
    for seconds, athlete in script:
        clock.advance(seconds)
        assert engine.tap(athlete) is not None
    return engine


def tiles_of(engine: SessionEngine) -> list[tuple[str, str, float | None]]:
    shown = board(engine.plan, engine.snapshot(), engine.finish)
    return [(t.name, t.state, None if t.split is None else round(t.split.duration_s, 1)) for t in shown]


def test_before_anyone_taps_everyone_runs_to_their_target() -> None:
    engine = engine_at("3x(200m @800 + 100m bound) r2:00", [(1, None)])
    shown = board(engine.plan, engine.snapshot(), engine.finish)
    assert [t.state for t in shown] == ["running"] * 3
    assert [round(t.aim.value, 1) if t.aim else None for t in shown] == [32.0, 32.8, 30.0]


def where(engine: SessionEngine) -> list[tuple[str, str | None, float | None]]:
    """(state, the segment they are in, their latest split of the rep) per athlete."""
    shown = board(engine.plan, engine.snapshot(), engine.finish)
    labels = [s.label for s in engine.plan.steps]
    return [(t.state, None if t.segment is None else labels[t.segment],
             None if t.split is None else round(t.split.duration_s, 1)) for t in shown]  # fmt: skip


def test_in_a_joined_rep_everyone_runs_until_they_finish_it_and_says_in_which_segment() -> None:
    engine = engine_at("3x(200m @800 + 100m bound + 200m kick) r2:00", [(1, None), (31.0, 2), (0.5, 0)])
    assert where(engine) == [("running", "100m bound", 31.5), ("running", "200m @800", None),
                             ("running", "100m bound", 31.0)]  # fmt: skip
    engine.clock.advance(1.0)  # type: ignore[attr-defined]
    engine.tap(1)
    assert [state for state, _, _ in where(engine)] == ["running"] * 3  # all have their 200 m: all still run
    engine.clock.advance(15.0)  # type: ignore[attr-defined]
    engine.tap(2)  # Cal first at the bound's end: the group is on the kick
    assert where(engine) == [("running", "100m bound", 31.5), ("running", "100m bound", 32.5),
                             ("running", "200m kick", 16.5)]  # fmt: skip
    engine.clock.advance(1.0)  # type: ignore[attr-defined]
    engine.tap(0)
    engine.clock.advance(27.0)  # type: ignore[attr-defined]
    engine.tap(2)  # Cal finishes the rep: done, with the rep summed up; the others still run
    assert where(engine) == [("running", "200m kick", 17.0), ("running", "100m bound", 32.5),
                             ("done", None, 28.0)]  # fmt: skip
    cal = board(engine.plan, engine.snapshot(), engine.finish)[2]
    assert cal.rep is not None and cal.rep.total_s is not None and round(cal.rep.total_s, 1) == 75.5
    engine.clock.advance(1.0)  # type: ignore[attr-defined]
    engine.tap(0)  # Ana done too: Cal stays done (no tile goes from done back to running)
    assert [state for state, _, _ in where(engine)] == ["done", "running", "done"]


def test_a_plain_step_a_tap_ends_is_done_at_the_athletes_tap() -> None:
    engine = engine_at("3x200m @800 r2:00", [(1, None), (31.0, 2)])
    assert [(t.state, t.segment) for t in board(engine.plan, engine.snapshot(), engine.finish)] == [
        ("running", 1), ("running", 1), ("done", None)]  # fmt: skip


def test_after_a_joined_rep_each_tile_sums_it_up() -> None:
    script = [(1, None), (31.0, 2), (0.5, 0), (1.0, 1), (15.0, 2), (1.0, 0), (1.0, 1)]
    engine = engine_at("3x(200m @800 + 100m bound) r2:00", script)
    snap = engine.snapshot()
    assert snap.step.label == "R 2:00"
    shown = board(engine.plan, snap, engine.finish)
    assert [t.state for t in shown] == ["idle"] * 3
    reps = [t.rep for t in shown]
    assert all(r is not None for r in reps)
    assert [round(r.total_s, 1) for r in reps if r and r.total_s] == [48.5, 49.5, 47.5]
    assert [round(s.duration_s, 1) for r in reps if r for s in r.targeted] == [31.5, 32.5, 31.0]
    ben_target = engine.plan.steps[engine.snapshot().step_index - 2].targets[1]
    assert ben_target is not None
    deltas = [s.delta_s for r in reps if r for s in r.targeted]
    assert deltas == pytest.approx([-0.5, 32.5 - ben_target.value, 1.0])
    assert all(r.target_s is None for r in reps if r)  # the bound has no target: no total target


def test_a_single_step_rep_shows_the_last_split_without_a_sum() -> None:
    engine = engine_at("3x200m @800 r2:00", [(1, None), (32.0, None)])
    shown = board(engine.plan, engine.snapshot(), engine.finish)
    assert [t.rep for t in shown] == [None] * 3
    assert [(t.state, round(t.split.duration_s, 1) if t.split else None) for t in shown] == [("idle", 32.0)] * 3


def test_a_session_started_later_sums_up_no_rep_it_never_ran() -> None:
    from kicktimer.core.language.start_points import find_start

    plan = expand("Drills: 2x(100m bound + 100m kick) r1:00\nMain: 2x200m @800 r1:00", (ANA, BEN, CAL))
    engine = SessionEngine(plan, FakeClock())
    engine.start(find_start(plan, "2").step)
    snap = engine.snapshot()
    assert snap.step.label == "Main" and plan.steps[snap.step_index - 1].segments == 2  # after a joined rep ...
    assert [t.rep for t in board(plan, snap, engine.finish)] == [None] * 3  # ... that was never run


def test_the_tiles_cost_the_same_late_in_a_long_session() -> None:
    from dataclasses import replace

    class Counted(tuple):  # type: ignore[type-arg]
        walks = 0

        def __iter__(self):  # type: ignore[no-untyped-def]
            type(self).walks += 1
            return super().__iter__()

    plan = expand("Main: 300x(200m @800 + 100m kick) r open", (ANA, BEN, CAL))
    counted = replace(plan, steps=Counted(plan.steps))
    clock = FakeClock()
    engine = SessionEngine(counted, clock)
    engine.start()
    for _ in range(60):  # 20 reps: the gear change, the finish, the open recovery
        clock.advance(30)
        engine.tap()
    looked: list[tuple[int, int]] = []

    def finish(athlete: int, step: int) -> object:
        looked.append((athlete, step))
        return engine.finish(athlete, step)

    Counted.walks = 0
    for _ in range(20):
        tiles = board(counted, engine.snapshot(), finish)  # type: ignore[arg-type]
    assert Counted.walks == 0 and len(looked) <= 20 * 3 * 2 * 3  # athletes x segments, a few times, per repaint
    assert [t.rep is not None for t in tiles] == [True] * 3  # in the recovery after rep 20: its sum-up
