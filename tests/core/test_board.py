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


def test_at_the_gear_change_those_who_tapped_are_done_the_others_still_run() -> None:
    engine = engine_at("3x(200m @800 + 100m bound) r2:00", [(1, None), (31.0, 2), (0.5, 0)])
    assert tiles_of(engine) == [("Ana", "done", 31.5), ("Ben", "running", None), ("Cal", "done", 31.0)]
    engine.clock.advance(1.0)  # type: ignore[attr-defined]
    engine.tap(1)
    assert [state for _, state, _ in tiles_of(engine)] == ["done"] * 3  # all have their 200 m: all done
    engine.clock.advance(15.0)  # type: ignore[attr-defined]
    engine.tap(2)  # Cal first at the bound's end: the others owe it now
    assert tiles_of(engine) == [("Ana", "running", None), ("Ben", "running", None), ("Cal", "done", 16.5)]


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
