"""Undo takes back the latest tap, Back or Skip still standing, and says so in the recording (`ref`); a Back says
which splits it dropped. Recordings made before (an undo with no `ref`) read as they always did."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kicktimer.core.language.plan import Athlete
from kicktimer.core.run.corrections import standing_events
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event, EventType, without_undone
from kicktimer.core.run.replay import Replay
from tests.core.helpers import ANA, BEN, expand
from tests.support.clock import FakeClock

CAL = Athlete("Cal", {"800m": 120.0})
WORKOUT = "2x(200m @800 + 100m bound) r1:00\n8-10s hill sprint"


def into_the_recovery() -> tuple[SessionEngine, FakeClock]:
    clock = FakeClock()
    engine = SessionEngine(expand(WORKOUT, (ANA, BEN, CAL)), clock)
    engine.start()
    for seconds, athlete in ((1, None), (31, 0), (0.5, 1), (0.5, 2), (15, 0), (0.5, 1), (0.5, 2)):
        clock.advance(seconds)
        engine.tap(athlete)
    assert engine.snapshot().step.label == "R 1:00" and len(engine.splits) == 6
    return engine, clock


def test_back_says_which_splits_it_dropped_and_undo_brings_them_back() -> None:
    engine, clock = into_the_recovery()
    before = engine.splits
    clock.advance(1)
    first = engine.apply(engine.back)  # in the recovery's first 3 s: back to the bound
    assert engine.snapshot().step.label == "100m bound"
    assert sorted(s.step for s in first.removed) == [2, 2, 2] and first.entered == 2
    clock.advance(1)
    second = engine.apply(engine.back)  # and again: back to the 200
    assert engine.snapshot().step.label == "200m @800" and len(second.removed) == 3 and engine.splits == []
    clock.advance(2)
    undo = engine.apply(engine.undo)
    assert undo.event is not None and undo.event.ref == len(engine.events) - 2  # the second Back, by its index
    assert undo.undone is not None and undo.undone.type == "back"
    assert engine.snapshot().step.label == "100m bound" and sorted(s.step for s in undo.made) == [1, 1, 1]
    again = engine.apply(engine.undo)  # the first Back
    assert again.undone is not None and again.undone.type == "back"
    assert engine.splits == before and engine.snapshot().step.label == "R 1:00"
    assert engine.snapshot().step_elapsed_s == 4  # the recovery never stopped: it is 4 s old
    third = engine.apply(engine.undo)  # then the taps, latest first
    assert third.undone is not None and third.undone.type == "tap" and [s.athlete for s in third.removed] == [2]
    assert Replay.of(engine.plan, engine.events).splits == engine.splits  # what review reads is the same


def test_undo_after_a_skip_goes_back_to_the_step_skipped() -> None:
    engine, clock = into_the_recovery()
    clock.advance(10)
    engine.skip()
    assert engine.snapshot().step.label == "200m @800"
    clock.advance(3)
    outcome = engine.apply(engine.undo)
    assert outcome.undone is not None and outcome.undone.type == "skip"
    snap = engine.snapshot()
    assert snap.step.label == "R 1:00" and snap.step_elapsed_s == 13 and len(engine.splits) == 6


def test_an_undo_pressed_after_taps_that_followed_a_back_takes_the_taps_first() -> None:
    engine, clock = into_the_recovery()
    clock.advance(10)
    engine.back()  # restart the recovery: nothing dropped
    clock.advance(5)
    engine.tap(0)  # a lap of the recovery
    outcome = engine.apply(engine.undo)
    assert outcome.undone is not None and outcome.undone.type == "tap"
    assert engine.apply(engine.undo).undone == engine.events[-4] and engine.events[-4].type == "back"


def test_an_old_recordings_undo_still_takes_back_the_latest_tap() -> None:
    """Before Back and Skip could be undone, an undo (no `ref`) took back the latest tap even after a Back:
    such a recording reads as it always did."""
    engine, clock = into_the_recovery()
    clock.advance(1)
    engine.back()
    clock.advance(1)
    engine.back()
    old = [*engine.events, Event(clock.now_ns() + 10**9, "undo")]  # written by the old kicktimer
    standing = [i for i, _ in without_undone(old)]
    assert len(old) - 4 not in standing  # Cal's bound tap, the latest tap, is taken back ...
    assert len(old) - 3 in standing and len(old) - 2 in standing  # ... and both Backs still stand
    assert standing_events(old) == without_undone(old)


def old_without_undone(events: list[Event]) -> list[tuple[int, Event]]:
    """The rule before this change, kept here as the reference old recordings are read by."""
    undone: set[int] = set()
    taps: list[int] = []
    for index, event in enumerate(events):
        if event.type == "undo" and taps:
            undone.add(taps.pop())
        elif event.type == "tap":
            taps.append(index)
    return [(i, e) for i, e in enumerate(events) if i not in undone and e.type != "undo"]


KINDS: list[EventType] = ["tap", "tap", "undo", "back", "skip", "pause", "resume", "extend"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(KINDS), max_size=40))
def test_recordings_without_ref_read_exactly_as_before(kinds: list[EventType]) -> None:
    events = [Event(0, "start"), *(Event(i + 1, kind) for i, kind in enumerate(kinds))]
    assert without_undone(events) == old_without_undone(events)


def test_a_ref_that_names_nothing_standing_undoes_nothing() -> None:
    events = [Event(0, "start"), Event(1, "tap"), Event(2, "undo", ref=0), Event(3, "undo", ref=9)]
    assert [i for i, _ in without_undone(events)] == [0, 1]
    events.append(Event(4, "undo", ref=1))
    events.append(Event(5, "undo", ref=1))  # already undone
    assert [i for i, _ in without_undone(events)] == [0]


def test_nothing_to_undo_changes_nothing() -> None:
    clock = FakeClock()
    engine = SessionEngine(expand(WORKOUT, (ANA, BEN)), clock)
    engine.start()
    assert engine.undo() is None
    engine.tap()
    assert engine.undo() is not None and engine.undo() is None


def test_an_undo_takes_the_group_back_though_events_came_between() -> None:
    """The events made while the undone tap stood say where the group was then: they do not undo the undo."""
    plan = expand("Warm-up: 1min jog\nMain set: 2x200m R1:00")
    clock = FakeClock(0)
    engine = SessionEngine(plan, clock)
    engine.start()
    clock.advance(5)
    assert engine.tap() is not None  # leaves the hold: the jog runs
    clock.advance(2)
    assert engine.pause() is not None and engine.resume() is not None
    clock.advance(1)
    assert engine.undo() is not None
    assert engine.snapshot().step.index == 0
    assert Replay.of(plan, engine.events).cursor.step == 0 and not Replay.of(plan, engine.events).found
