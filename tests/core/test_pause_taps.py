"""A tap while paused: in a tap-ended rep the athletes kept running, so it counts and cancels the pause (the split
includes the paused time, and reading the events back gives the same split); anywhere else it changes nothing.
During a hold the time left does not count down against the clock counting up the wait."""

from __future__ import annotations

import pytest

from kicktimer.core.review.analysis import Timeline
from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.replay import Replay
from tests.core.helpers import ANA, BEN, expand
from tests.support.clock import FakeClock


def started(text: str) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    engine = SessionEngine(expand(text, (ANA, BEN)), clock)
    engine.start()
    return engine, clock


def test_a_tap_while_paused_in_a_rep_counts_and_cancels_the_pause() -> None:
    engine, clock = started("2x(200m @800 + 100m bound) r2:00")
    engine.tap()
    clock.advance(20)
    engine.pause()
    clock.advance(12)
    assert engine.tap(0) is not None
    ana = engine.splits[-1]
    assert ana.athlete == 0 and ana.duration_s == pytest.approx(32.0)  # 20 s running + 12 s "paused"
    snap = engine.snapshot()
    assert snap.status == "running" and snap.paused_s == 0 and snap.step.label == "100m bound"
    kinds = [(e.type, e.t_ns - engine.events[0].t_ns) for e in engine.events]
    assert kinds == [("start", 0), ("tap", 0), ("pause", to_ns(20)), ("resume", to_ns(20)), ("tap", to_ns(32))]
    clock.advance(1)
    assert engine.tap(1) is not None and engine.splits[-1].duration_s == pytest.approx(33.0)
    again = Replay.of(engine.plan, engine.events)  # what review and a resume read back
    assert [round(s.duration_s, 6) for s in again.splits] == [32.0, 33.0]
    timeline = Timeline(engine.events)
    assert timeline.active_at(engine.events[-1].t_ns) == to_ns(33)  # the review's clock counts the time too


def test_space_while_paused_in_a_rep_taps_everyone_still_running() -> None:
    engine, clock = started("2x200m @800 r1:00")
    engine.tap()
    clock.advance(30)
    engine.pause()
    clock.advance(3)
    assert engine.tap() is not None
    assert [(s.athlete, round(s.duration_s, 3)) for s in engine.splits] == [(0, 33.0), (1, 33.0)]


@pytest.mark.parametrize(
    ("text", "taps_to_get_there"),
    [("2x200m r1:00", 3), ("2x200m r1:00", 0), ("2x30s hill r1:00", 1), ("2x200m r open", 2)],
)
def test_a_tap_while_paused_anywhere_else_changes_nothing(text: str, taps_to_get_there: int) -> None:
    engine, clock = started(text)  # a recovery (timed or open), a hold, a timed work step
    for _ in range(taps_to_get_there):
        clock.advance(1)
        engine.tap()
    clock.advance(5)
    engine.pause()
    before = (len(engine.events), engine.snapshot(clock.t_ns + to_ns(10)))
    clock.advance(10)
    assert engine.tap() is None and engine.tap(0) is None
    assert (len(engine.events), engine.snapshot()) == before
    assert engine.snapshot().status == "paused"


def test_an_athlete_who_has_tapped_cannot_cancel_the_pause() -> None:
    engine, clock = started("2x200m @800 r1:00")
    engine.tap()
    clock.advance(30)
    engine.tap(0)
    engine.pause()
    clock.advance(5)
    assert engine.tap(0) is None and engine.snapshot().status == "paused"
    assert engine.tap(1) is not None and engine.splits[-1].duration_s == pytest.approx(35.0)


def test_during_a_hold_the_time_left_waits_with_the_coach() -> None:
    engine, clock = started("Main: 4x60s r30s")
    before = engine.snapshot()
    clock.advance(20)
    after = engine.snapshot()
    assert after.step.phase == "hold" and after.step_elapsed_s == 20  # the clock counts the wait up ...
    assert after.left_s == before.left_s  # ... and the time left does not count down against it
    engine.tap()
    clock.advance(10)
    assert engine.snapshot().left_s == pytest.approx(4 * 60 + 3 * 30 - 10)  # once running, it counts down
