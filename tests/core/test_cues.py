"""The cue schedule: exact times for everything the known future holds."""

from __future__ import annotations

from kicktimer.core.language.plan import Settings
from kicktimer.core.run.clock import NS_PER_S
from kicktimer.core.run.cues import GRACE_NS
from kicktimer.core.run.engine import SessionEngine
from tests.core.helpers import ANA, expand
from tests.support.clock import FakeClock


def schedule(engine: SessionEngine, t0: int) -> list[tuple[float, str, int]]:
    return [((c.t_ns - t0) / NS_PER_S, c.kind, c.step_index) for c in engine.cues()]


def test_timed_hill_sprints() -> None:
    plan = expand("2x10s hill sprint r20s\n200m")
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    assert engine.cues() == ()  # a hold: nothing is known until Space
    clock.advance(5)
    engine.tap()
    t0 = clock.t_ns
    cues = schedule(engine, t0)
    assert cues[0] == (0.0, "go", 1)
    assert (10.0, "recovery", 2) in cues
    ticks = [c for c in cues if c[1] == "last10"]
    assert [t for t, _, _ in ticks] == [20.0, 21.0, 22.0, 23.0, 24.0, 25.0, 26.0]
    assert [t for t, kind, _ in cues if kind == "countdown"] == [27.0, 28.0, 29.0]
    assert (30.0, "go", 3) in cues and (40.0, "set_end", 3) in cues  # the block ends: a hold comes next
    assert cues[-1] == (40.0, "set_end", 3)  # the hold's end is unknown: the schedule stops there
    assert cues == sorted(cues)


def test_pause_empties_and_resume_shifts_the_schedule() -> None:
    plan = expand("2x60s r30s")
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    t0 = clock.t_ns
    clock.advance(10)
    engine.pause()
    assert engine.cues() == ()
    clock.advance(100)
    engine.resume()
    cues = schedule(engine, t0)
    assert cues[0] == (60.0 + 100, "recovery", 2)  # the go already played is not due again


def test_joined_timed_segments_get_gear_cues_and_the_last_step_done() -> None:
    plan = expand("2x(20s hard + 40s jog)")
    engine = SessionEngine(plan, FakeClock())
    engine.start()
    engine.tap()
    t0 = engine.clock.now_ns()
    cues = schedule(engine, t0)
    assert [(t, k) for t, k, _ in cues] == [
        (0.0, "go"),
        (20.0, "gear"),
        (60.0, "gear"),
        (80.0, "gear"),
        (120.0, "done"),
    ]


def test_set_end_between_sets_and_countdown_setting() -> None:
    plan = expand("2x(2x30s r30s) R1:00", settings=Settings(countdown_s=5))
    engine = SessionEngine(plan, FakeClock())
    engine.start()
    engine.tap()
    cues = schedule(engine, engine.clock.now_ns())
    assert (90.0, "set_end", 3) in cues  # the second 30 s of set 1
    countdown = [t for t, k, i in cues if k == "countdown" and i == 4]
    assert countdown == [145.0, 146.0, 147.0, 148.0, 149.0]


def test_tap_ended_step_stops_the_known_future_and_a_tap_starts_it_again() -> None:
    plan = expand("2x200m r30s")
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    assert [k for _, k, _ in schedule(engine, 0)] == ["go"]
    clock.advance(31)
    engine.tap()
    t0 = clock.t_ns
    cues = schedule(engine, t0)
    assert cues[0] == (0.0, "recovery", 2) and cues[-1] == (30.0, "go", 3)


def test_pace_beeps_in_self_timing_mode() -> None:
    plan = expand("400m @800", (ANA,), Settings(distance_steps="target"))  # 64 s for Ana
    engine = SessionEngine(plan, FakeClock())
    engine.start()
    engine.tap()
    cues = schedule(engine, engine.clock.now_ns())
    assert [t for t, k, _ in cues if k == "pace"] == [16.0, 32.0, 48.0]
    assert cues[-1] == (64.0, "done", 1)


def test_a_tap_that_ends_a_set_or_the_session_schedules_its_cue_now() -> None:
    plan = expand("2x200m r30s\n100m")
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    clock.advance(30)
    engine.tap()
    clock.advance(30)
    assert engine.snapshot().step.label == "200m"
    clock.advance(31)
    engine.tap()  # the last 200 of the block: set end now, then the hold
    assert [(c.kind, c.t_ns) for c in engine.cues()] == [("set_end", clock.t_ns)]
    engine.tap()
    clock.advance(15)
    engine.tap()  # the last step of the session
    assert [(c.kind, c.t_ns) for c in engine.cues()] == [("done", clock.t_ns)]
    clock.advance(1)
    assert engine.cues() == ()  # a second later it is no longer due


def test_a_schedule_ahead_is_the_full_one_cut_at_a_step_boundary_past_the_horizon() -> None:
    plan = expand("20x30s r30s")  # 39 timed steps of 30 s, all known from the first key
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    full = engine.cues()
    ahead = engine.cues_ahead(100 * NS_PER_S)
    t0 = clock.t_ns
    assert ahead.until_ns == t0 + 120 * NS_PER_S  # the first step boundary more than 100 s ahead
    assert ahead.cues == tuple(c for c in full if c.t_ns < ahead.until_ns)
    clock.advance(70)  # later: the next window carries on where the last one stopped, cue for cue
    later = engine.cues_ahead(100 * NS_PER_S)
    assert later.until_ns == t0 + 180 * NS_PER_S
    assert later.cues == tuple(c for c in full if clock.t_ns - GRACE_NS <= c.t_ns < later.until_ns)
    clock.advance(2_000)
    assert engine.cues_ahead(100 * NS_PER_S).until_ns is None  # the end is in sight: everything that is left
