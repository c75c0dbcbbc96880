"""Resume keeps real time: the gap since the last sign of life, continued or counted as a pause."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kicktimer.core.run.clock import NS_PER_S, OffsetClock
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event
from kicktimer.core.run.resume import (
    Anchor,
    SuspendWatch,
    human_span,
    human_when,
    measure_gap,
    resume_summary,
    resumption,
    where_text,
)
from tests.core.helpers import expand
from tests.support.clock import FakeClock

WALL_0 = 1_800_000_000.0  # the wall clock when the recording's timeline read 0


def anchors_every(seconds: float, until_s: float, start_s: float = 0.0) -> list[Anchor]:
    """Heartbeats as a running session writes them, on an unbroken timeline from wall WALL_0."""
    out, t = [], start_s
    while t <= until_s:
        out.append(Anchor(round(t * NS_PER_S), WALL_0 + t))
        t += seconds
    return out


def test_the_gap_runs_from_the_last_sign_of_life_not_the_last_event() -> None:
    events = [Event(0, "start"), Event(60 * NS_PER_S, "tap")]
    anchors = anchors_every(2, 100)  # alive until 100 s, 40 s after the last tap
    gap = measure_gap(events, anchors, WALL_0 + 130)
    assert gap.stopped_ns == 100 * NS_PER_S and gap.gap_s == 30 and gap.problem is None
    assert gap.resumed_ns == 130 * NS_PER_S  # where the timeline would be had nothing stopped
    # with only the start known (a version 1 file), the last event is the last sign of life
    only_start = measure_gap(events, [Anchor(0, WALL_0)], WALL_0 + 130)
    assert only_start.stopped_ns == 60 * NS_PER_S and only_start.gap_s == 70


def test_a_wall_clock_jump_while_running_does_not_move_the_restart_gap() -> None:
    """The latest heartbeat carries the wall clock as it was then: a jump before it is not in the gap."""
    events = [Event(0, "start")]
    anchors = [Anchor(0, WALL_0), Anchor(50 * NS_PER_S, WALL_0 + 50 - 3600)]  # NTP set the clock back 1 h
    gap = measure_gap(events, anchors, WALL_0 + 60 - 3600)
    assert gap.gap_s == 10 and gap.problem is None


def test_negative_and_absurd_gaps_are_reported() -> None:
    events = [Event(0, "start")]
    back = measure_gap(events, [Anchor(0, WALL_0)], WALL_0 - 600)
    assert back.gap_s == 0 and back.problem is not None and "earlier" in back.problem and "10 min" in back.problem
    days = measure_gap(events, [Anchor(0, WALL_0)], WALL_0 + 3 * 86_400)
    assert days.gap_s == 3 * 86_400 and days.problem is not None and "3 days" in days.problem


def test_resume_in_the_middle_of_a_timed_step_continues_the_clock() -> None:
    """Killed 40 s into a 15:00 jog (clock 14:20), down 3 min: resumed, the jog shows 11:20 left; steps that
    end meanwhile end by the clock, and no cue before now is scheduled again."""
    plan = expand("2x15min jog r5min")
    clock = FakeClock(0)
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()  # leave the hold: the 15:00 jog starts
    clock.advance(40)
    events = list(engine.events)
    assert engine.snapshot().remaining_s == 14 * 60 + 20
    anchors = anchors_every(2, 40)
    mono = FakeClock(7 * NS_PER_S)  # the new process's monotonic clock
    plan_resume = resumption(events, anchors, WALL_0 + 40 + 180, mono.now_ns())
    resumed = SessionEngine(plan, OffsetClock(mono, plan_resume.offset_ns), events)
    snap = resumed.snapshot()
    assert snap.step.label == "15min jog" and snap.remaining_s == 11 * 60 + 20
    mono.advance(16 * 60)  # the athletes keep going: the jog and 4:40 of the R5:00 are over
    snap = resumed.snapshot()
    assert snap.step.phase == "recovery" and snap.remaining_s == 20
    assert all(cue.t_ns >= resumed.clock.now_ns() - NS_PER_S for cue in resumed.cues())


def test_counting_the_gap_as_a_pause_pauses_where_it_stopped_not_at_the_last_key() -> None:
    """Crash 6 s into the R10s after rep 2: the pause starts within a heartbeat of the crash, so the recovery
    has 4-6 s left, not the whole 10 s (and the next tap is a work split, not a recovery lap)."""
    plan = expand("3x10s hill r10s")
    clock = FakeClock(0)
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    clock.advance(20 + 10 + 6)  # rep 1, R10s, rep 2 (10 s), then 6 s into the second recovery
    assert engine.snapshot().step.label == "R 10s"
    events = list(engine.events)  # the last key was the hold, 36 s ago
    anchors = anchors_every(2, 36)
    mono = FakeClock(0)
    plan_resume = resumption(events, anchors, WALL_0 + 36 + 300, mono.now_ns())
    resumed = SessionEngine(plan, OffsetClock(mono, plan_resume.offset_ns), events)
    gap = plan_resume.gap
    added = resumed.pause_between(gap.stopped_ns, gap.resumed_ns, "stopped 5 min")
    assert [e.type for e in added] == ["pause", "resume"] and added[0].t_ns == 36 * NS_PER_S
    snap = resumed.snapshot()
    assert snap.status == "running" and snap.step.label == "R 10s" and snap.remaining_s == 4
    assert snap.paused_s == 300


def test_a_recording_paused_when_it_stopped_stays_paused() -> None:
    plan = expand("3x10s hill r10s")
    clock = FakeClock(0)
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    clock.advance(3)
    engine.pause()
    assert engine.pause_between(3 * NS_PER_S, 60 * NS_PER_S, "stopped") == []
    assert engine.snapshot().status == "paused"


def test_resume_summary_says_when_and_where_in_words() -> None:
    plan = expand("Warm-up: 15min jog\nMain set: 8x400m R1:30")
    clock = FakeClock(0)
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    clock.advance(40)
    tz = timezone(timedelta(hours=2))
    stopped_wall = datetime(2026, 5, 12, 17, 30, 40, tzinfo=tz).timestamp()
    gap = measure_gap(engine.events, [Anchor(40 * NS_PER_S, stopped_wall)], stopped_wall + 240)
    stopped = engine.snapshot()
    clock.advance(240)
    lines = resume_summary(stopped, engine.snapshot(), plan, gap, datetime.fromtimestamp(stopped_wall + 240, tz))
    assert lines[0] == "stopped 4 min ago (today at 17:30), at Warm-up, 15min jog — 14:20 left"
    assert lines[1] == "now, had the clock gone on: Warm-up, 15min jog — 10:20 left"


def test_human_dates_and_spans() -> None:
    now = datetime(2026, 5, 12, 9, 0)
    assert human_when(datetime(2026, 5, 12, 8, 15), now) == "today at 08:15"
    assert human_when(datetime(2026, 5, 11, 18, 5), now) == "yesterday at 18:05"
    assert human_when(datetime(2026, 5, 5, 17, 30), now) == "Tue 5 May at 17:30"
    assert human_when(datetime(2025, 12, 30, 17, 30), now) == "Tue 30 Dec 2025 at 17:30"
    assert [human_span(s) for s in (42, 240, 3900, 200_000)] == ["42 s", "4 min", "1 h 05 min", "2 days"]


def test_a_sleep_is_the_growth_of_boot_time_over_monotonic_time() -> None:
    watch = SuspendWatch(boot_minus_mono_ns=5 * NS_PER_S)
    assert watch.slept_ns(5 * NS_PER_S + 1_000_000) == 0  # jitter
    assert watch.slept_ns(5 * NS_PER_S + 181 * NS_PER_S) == 181 * NS_PER_S - 1_000_000
    assert watch.slept_ns(186 * NS_PER_S) == 0  # counted once


def test_a_hold_before_a_block_is_named_once() -> None:
    plan = expand("Warm-up: 1min jog\nMain set: 4x400m R1:30")
    clock = FakeClock(0)
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()  # the warm-up runs
    clock.advance(61)  # and ends: the hold before the main set
    snap = engine.snapshot()
    assert snap.step.phase == "hold" and snap.step.label == "Main set"
    assert where_text(snap, plan) == "Main set — waiting for Space"


def test_a_hold_named_as_its_block_is_named_once_wherever_the_session_started() -> None:
    plan = expand("Warm-up: 1min jog\nThen: 3x400m R1:30")
    engine = SessionEngine(plan, FakeClock(0))
    engine.start(at_step=next(s.index for s in plan.steps if s.where and s.where[0][0] == 2))  # `--from` rep 2
    snap = engine.snapshot()
    assert snap.step.phase == "hold" and snap.step.label == "Then"
    assert where_text(snap, plan) == "from Rep 2/3 of Then — waiting for Space"
