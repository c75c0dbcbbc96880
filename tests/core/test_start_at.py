"""Starting a session at a block or a rep: addressed as the review numbers reps, recorded honestly in the start
event, waiting at the block's hold, and reviewed as a session whose earlier steps were not run."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from kicktimer.core.language.plan import Settings
from kicktimer.core.language.start_points import find_start, start_point_at, start_points
from kicktimer.core.review.analysis import review
from kicktimer.core.run.cues import cue_schedule
from kicktimer.core.run.engine import SessionEngine, expected_s
from kicktimer.core.run.events import Event
from kicktimer.core.run.replay import Replay
from tests.core.helpers import ANA, expand
from tests.support.clock import FakeClock

TEXT = "Warm-up: 10min jog\nMain set: 3x(4x200m @800 r1:00) R3:00\nCool-down: 10min jog"


def test_start_points_number_reps_within_their_block() -> None:
    plan = expand(TEXT, (ANA,))
    points = start_points(plan)
    assert [p.code for p in points] == ["1", "1.1", "2", *(f"2.{n}" for n in range(1, 13)), "3", "3.1"]
    seventh = find_start(plan, "2.7")
    assert seventh.text == "Main set, rep 7 (Rep 3/4 · Set 2/3): 200m @800"
    assert plan.steps[seventh.step].where == ((3, 4), (2, 3)) and plan.steps[seventh.step].segment == 0
    assert find_start(plan, "main set.7") == seventh == start_point_at(plan, seventh.step)
    assert find_start(plan, " 2 ").step == next(s.index for s in plan.steps if s.label == "Main set")
    assert find_start(plan, "Cool-down").code == "3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4", "no such block; write a block, or a block and a rep, like 2 or 2.5 (the blocks: 1 Warm-up, 2 Main set,"),
        ("2.13", "Main set has reps 2.1 to 2.12"),
        ("2.0", "Main set has reps 2.1 to 2.12"),
        ("rep 5", "no such block"),
    ],
)
def test_a_start_that_is_not_in_the_session_says_what_is(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(".", r"\.")):
        find_start(expand(TEXT), text)


def test_started_at_a_rep_it_waits_at_the_blocks_hold_then_runs_from_the_rep() -> None:
    plan = expand(TEXT, (ANA,))
    fifth = find_start(plan, "2.5")
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    start = engine.start(fifth.step)
    assert start is not None and start.step == fifth.step
    snap = engine.snapshot()
    hold = next(s.index for s in plan.steps if s.label == "Main set")
    assert (snap.step_index, snap.status) == (hold, "running")
    assert snap.next_step is not None and snap.next_step.index == fifth.step  # not the main set's first rep
    assert snap.counters == "from Rep 1/4 · Set 2/3"
    to_come = expected_s(plan.steps[hold]) + sum(expected_s(s) for s in plan.steps[fifth.step :])
    assert snap.left_s == pytest.approx(to_come)  # the warm-up and four reps are not to come
    clock.advance(20)
    engine.tap()  # Space: go
    snap = engine.snapshot()
    assert (snap.step_index, snap.step_elapsed_s, snap.counters) == (fifth.step, 0, "Rep 1/4 · Set 2/3")
    clock.advance(1)
    engine.back()  # within 3 s of the rep's start: back to the hold it waited at, not to a step never run
    assert engine.snapshot().step_index == hold
    clock.advance(5)
    engine.back()  # at that hold: stays there
    assert engine.snapshot().step_index == hold
    engine.tap()
    clock.advance(31)
    engine.tap(0)
    assert [(s.step, round(s.duration_s, 3)) for s in engine.splits] == [(fifth.step, 31.0)]
    rebuilt = SessionEngine(plan, clock, engine.events)
    assert rebuilt.snapshot() == engine.snapshot()


def test_the_review_knows_the_steps_before_the_start_were_not_run() -> None:
    plan = expand(TEXT, (ANA,))
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start(find_start(plan, "2.11").step)
    engine.tap()
    for _ in range(2):  # reps 11 and 12, each with its recovery
        clock.advance(30)
        engine.tap(0)
        clock.advance(60)
    clock.advance(120)
    engine.end()
    result = review(plan, engine.events, datetime(2026, 5, 12, tzinfo=UTC))
    ana = result.athletes[0]
    assert result.started_at == "Main set, rep 11 (Rep 3/4 · Set 3/3): 200m @800"
    assert ana.rep_numbers == [11, 12, 1]  # the real numbers; the cool-down's one rep after them
    assert [r.total_s for r in ana.reps[:2]] == [pytest.approx(30), pytest.approx(30)]
    assert all(s.rep >= 11 or s.block == 2 for s in ana.splits)
    assert [f.first_s for f in ana.fades] == [pytest.approx(30)]  # fades over the reps that ran
    assert review(plan, engine.events[:1], datetime(2026, 5, 12, tzinfo=UTC)).started_at is not None


def test_the_start_event_keeps_its_step_and_a_bad_one_is_refused() -> None:
    from kicktimer.io.recording_lines import EventLine, decode, encode

    event = Event(5, "start", step=14)
    line = encode(EventLine.of(event, 1, "ab" * 8))
    assert b'"type":"start","step":14' in line and decode(line).event() == event  # type: ignore[union-attr]
    assert decode(b'{"seq":1,"rec":"abababababababab","t_ns":5,"type":"start"}').event().step is None  # type: ignore[union-attr]
    with pytest.raises(ValueError, match='"step": Input should be greater than or equal to 0'):
        decode(b'{"seq":1,"rec":"abababababababab","t_ns":5,"type":"start","step":-1}')
    plan = expand(TEXT)
    with pytest.raises(ValueError, match="not in this plan"):
        SessionEngine(plan, FakeClock()).start(len(plan.steps))


def test_cues_at_the_start_hold_announce_the_rep_started_at() -> None:
    plan = expand(TEXT, (ANA,), Settings(voice=True))
    fifth = find_start(plan, "2.5")
    replay = Replay.of(plan, [Event(0, "start", step=fifth.step)])
    announced = [c.step_index for c in cue_schedule(replay, 0) if c.kind == "announce"]
    assert announced == [fifth.step]
    replay.apply(1, Event(10, "tap"))
    assert [c.kind for c in cue_schedule(replay, 10) if c.t_ns == 10] == ["go"]


def test_entering_the_rep_started_at_sounds_go_not_the_end_of_a_set_never_run() -> None:
    plan = expand("Main: 2x(3x200m)", (ANA,))  # no recoveries: rep 3 ends set 1, straight into set 2
    fourth = find_start(plan, "1.4")
    replay = Replay.of(plan, [Event(0, "start", step=fourth.step), Event(10, "tap")])
    assert replay.cursor.step == fourth.step
    assert [c.kind for c in cue_schedule(replay, 10) if c.t_ns == 10] == ["go"]


def test_a_rep_joined_to_the_one_before_is_a_gear_change_only_when_run_from_it() -> None:
    plan = expand("Main: 3x(200m @800 + 100m kick)", (ANA,))  # no recovery: rep 2's 200 follows rep 1's kick
    second = find_start(plan, "1.2")
    assert plan.steps[second.step].joined
    clock = FakeClock()
    started_there = SessionEngine(plan, clock)
    started_there.start(second.step)
    started_there.tap()  # Space at the hold: the first thing run, not a change of gear
    assert started_there.snapshot().step_index == second.step and not started_there.snapshot().gear_change
    from_the_top = SessionEngine(plan, clock)
    from_the_top.start()
    for _ in range(3):  # the hold, rep 1's 200, rep 1's kick
        from_the_top.tap()
    assert from_the_top.snapshot().step_index == second.step and from_the_top.snapshot().gear_change
