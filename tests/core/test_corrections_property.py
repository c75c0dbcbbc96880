"""Corrections as properties: whatever tap is moved, by whatever amount, undoing it restores the review exactly;
an added tap deleted again leaves no trace; moving a tap by nothing changes nothing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kicktimer.core.review.analysis import review
from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.correction_checks import correction_problem
from kicktimer.core.run.events import CorrectionOp, Event
from tests.recorded import WALL_START, recorded_events, scenario_plan

PLAN = scenario_plan()
EVENTS = recorded_events(PLAN)
TAPS = [i for i, e in enumerate(EVENTS) if e.type == "tap"]
START, END = EVENTS[0].t_ns, EVENTS[-1].t_ns


def splits(events: list[Event]) -> list[tuple[float, ...]]:
    result = review(PLAN, events, WALL_START)
    return [tuple(round(s.actual_s, 6) for s in a.splits) for a in result.athletes]


ORIGINAL = splits(EVENTS)


def correct(op: CorrectionOp, t_ns: int = 0, ref: int | None = None, athlete: int | None = None) -> Event:
    return Event(t_ns, "correct", athlete, op=op, ref=ref)


@settings(max_examples=60, deadline=None)
@given(tap=st.sampled_from(TAPS), shift_s=st.floats(-3.0, 3.0))
def test_a_move_undone_restores_everything(tap: int, shift_s: float) -> None:
    move = correct("move", EVENTS[tap].t_ns + to_ns(shift_s), ref=tap)
    if correction_problem(PLAN, EVENTS, move) is not None:
        return  # outside the session, or a tap that an undo took back: refused, nothing to check
    moved = [*EVENTS, move]
    splits(moved)  # the moved timeline replays without error
    assert splits([*moved, correct("revert")]) == ORIGINAL


@settings(max_examples=60, deadline=None)
@given(at=st.integers(START + 1, END), athlete=st.integers(0, 1))
def test_an_added_tap_deleted_leaves_no_trace(at: int, athlete: int) -> None:
    add = correct("add", at, athlete=athlete)
    assert correction_problem(PLAN, EVENTS, add) is None
    added = [*EVENTS, add]
    splits(added)
    assert splits([*added, correct("delete", ref=len(EVENTS))]) == ORIGINAL
    assert splits([*added, correct("revert")]) == ORIGINAL


@settings(max_examples=30, deadline=None)
@given(tap=st.sampled_from(TAPS))
def test_moving_a_tap_by_nothing_changes_nothing(tap: int) -> None:
    move = correct("move", EVENTS[tap].t_ns, ref=tap)
    if correction_problem(PLAN, EVENTS, move) is None:
        assert splits([*EVENTS, move]) == ORIGINAL


def places(events: list[Event]) -> list[list[tuple[int | None, int | None, str]]]:
    """Which split each tap is, per athlete: (rep, segment, label) in order."""
    return [[(s.rep, s.segment, s.label) for s in a.splits] for a in review(PLAN, events, WALL_START).athletes]


@settings(max_examples=80, deadline=None)
@given(tap=st.sampled_from(TAPS), shift_s=st.floats(-40.0, 40.0))
def test_a_move_that_is_accepted_changes_a_time_never_which_split_it_is(tap: int, shift_s: float) -> None:
    move = correct("move", EVENTS[tap].t_ns + to_ns(shift_s), ref=tap)
    if correction_problem(PLAN, EVENTS, move) is None:
        assert places([*EVENTS, move]) == places(EVENTS)


def test_a_move_past_the_athletes_next_tap_is_refused_with_why() -> None:
    ana_taps = [i for i in TAPS if EVENTS[i].athlete == 0]
    first, second = ana_taps[0], ana_taps[1]
    past = correct("move", EVENTS[second].t_ns + to_ns(1.0), ref=first)
    assert correction_problem(PLAN, EVENTS, past) == (
        "that is after this athlete's next tap or step change: a moved tap keeps its place; "
        "move or delete that one first"
    )
    assert correction_problem(PLAN, EVENTS, correct("move", EVENTS[second].t_ns - 1, ref=first)) is None
