"""A step a key starts begins when its cue is heard (the key plus the output latency): the clock, the sound and
the athletes' start agree, and the first split no longer includes the latency."""

from __future__ import annotations

from kicktimer.core.run.clock import NS_PER_S
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event
from kicktimer.core.run.replay import Replay
from tests.core.helpers import expand
from tests.support.clock import FakeClock

LEAD_NS = 130_000_000


def running(text: str, lead_ns: int = LEAD_NS) -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    engine = SessionEngine(expand(text), clock)
    engine.lead = lambda: lead_ns
    engine.start()
    return engine, clock


def test_the_go_after_space_is_heard_when_the_step_begins_and_the_split_counts_from_it() -> None:
    engine, clock = running("2x200m r60s")  # a hold, then 200 m
    clock.advance(5)
    key = clock.t_ns - 3_000_000  # stamped at the top of the key handler, 3 ms before the engine runs
    event = engine.tap(None, key)
    assert event is not None and event.lead_ns == 3_000_000 + LEAD_NS
    go = [c for c in engine.cues() if c.kind == "go"]
    assert go[0].t_ns == clock.t_ns + LEAD_NS  # heard a lead after now: the key plus the latency
    assert engine.snapshot().step_elapsed_s == 0.0  # the clock waits for the sound
    clock.advance(LEAD_NS / NS_PER_S + 30.0)
    assert engine.snapshot().step_elapsed_s == 30.0
    engine.tap(0)
    (split,) = engine.splits
    assert split.duration_s == 30.0  # from the go as heard, not from the key
    recovery = [c for c in engine.cues() if c.kind == "recovery"]
    assert recovery[0].t_ns == clock.t_ns + LEAD_NS  # the tap that ends the rep starts the recovery: the same


def test_a_tap_that_begins_no_step_waits_for_nothing_and_without_sound_a_step_begins_at_its_key() -> None:
    lap, clock = running("2x60s r30s")
    lap.tap()
    clock.advance(10)
    event = lap.tap(0)  # a lap inside a timed step: no step begins, the lead changes nothing
    assert event is not None and lap.snapshot().step_index == 1 and lap.splits[-1].duration_s == 10.0 - 0.13  # go
    quiet, quiet_clock = running("2x200m r60s", lead_ns=0)  # no sound (muted, no device)
    key = quiet_clock.t_ns
    quiet_clock.advance(0.002)
    event = quiet.tap(None, key)
    assert event is not None and event.lead_ns is None
    assert [c.t_ns for c in quiet.cues() if c.kind == "go"] == [key]


def test_skip_and_back_begin_their_step_when_its_cue_is_heard_and_replay_agrees() -> None:
    engine, clock = running("2x60s r30s")
    engine.tap()
    clock.advance(20)
    skip = engine.skip()
    assert skip is not None and skip.lead_ns == LEAD_NS
    assert engine.cues()[0].t_ns == clock.t_ns + LEAD_NS and engine.cues()[0].kind == "recovery"
    replayed = Replay.of(engine.plan, engine.events)
    assert replayed.cursor == engine._replay.cursor  # the journal alone gives the same state


def test_lead_is_recorded_and_read_back_and_old_recordings_have_none() -> None:
    from kicktimer.io.recording_lines import EventLine, decode, encode

    event = Event(5, "tap", None, lead_ns=LEAD_NS)
    line = decode(encode(EventLine.of(event, 3, "abcdef12")))
    assert isinstance(line, EventLine) and line.event() == event
    assert b"lead_ns" not in encode(EventLine.of(Event(5, "tap"), 3, "abcdef12"))
    assert isinstance(plain := decode(b'{"t_ns": 5, "type": "tap"}'), EventLine) and plain.event().lead_ns is None
    for bad, why in ((b'{"t_ns": 5, "type": "tap", "lead_ns": -1}', "greater than or equal to 0"),
                     (b'{"t_ns": 5, "type": "pause", "lead_ns": 9}', "can begin a step")):  # fmt: skip
        try:
            decode(bad)
        except ValueError as error:
            assert why in str(error), error
        else:
            raise AssertionError(f"accepted {bad!r}")
