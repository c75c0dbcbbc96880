"""Which corrections a review may make: a tap moved keeps its place (it changes a split's time, never which split
it is), an added tap has an athlete, nothing lies outside the session, and only an ended session is corrected."""

from __future__ import annotations

from kicktimer.core.language.plan import Plan
from kicktimer.core.run.corrections import Indexed, standing_corrections, standing_events
from kicktimer.core.run.events import Event
from kicktimer.core.run.replay import Replay


def correction_problem(plan: Plan, events: list[Event], correction: Event) -> str | None:
    """Why `correction` cannot be appended to `events` (None when it can): what a review should say."""
    n_athletes = len(plan.athletes)
    starts = [e.t_ns for e in events if e.type == "start"]
    if not starts:
        return "the recording never started: there are no taps to correct"
    ends = [e.t_ns for e in events if e.type == "end"]
    if not ends:  # it may be running right now: one writer per recording
        return "this session has not ended: resume it and end it (Esc) first, then correct it here"
    if correction.op == "revert":
        return None if standing_corrections(events) else "there is no correction to undo"
    if correction.op in ("move", "delete"):
        taps = {i for i, e in standing_events(events) if e.type == "tap"}
        if correction.ref not in taps:
            return f"event {correction.ref} is not a tap that still stands"
    if correction.op in ("move", "add") and not starts[0] < correction.t_ns <= ends[0]:
        return "a tap must lie between the start and the end of the session"
    if correction.op == "move":
        return _crossing(standing_events(events), correction) or _moves_a_split(plan, events, correction)
    if correction.op == "add" and (correction.athlete is None or not 0 <= correction.athlete < n_athletes):
        return f"an added tap needs an athlete, 1 to {n_athletes}"
    return None


# Events a moved tap may not cross: they decide which split a tap is (the athlete's own taps, Space taps,
# and the steps the group was moved through).
_ORDERING = frozenset({"tap", "skip", "back", "start", "end"})


def _crossing(standing: list[Indexed], move: Event) -> str | None:
    """Why moving a tap to `move.t_ns` would make it another split (None when it keeps its place): a move
    changes a split's time, never which split it is."""
    at = next(k for k, (i, _) in enumerate(standing) if i == move.ref)
    athlete = standing[at][1].athlete

    def orders(event: Event) -> bool:
        if event.type != "tap":
            return event.type in _ORDERING
        return athlete is None or event.athlete is None or event.athlete == athlete

    before = next((e for _, e in reversed(standing[:at]) if orders(e)), None)
    after = next((e for _, e in standing[at + 1 :] if orders(e)), None)
    whose = "the" if athlete is None else "this athlete's"
    if before is not None and move.t_ns <= before.t_ns:
        return f"that is before {whose} tap or step change before it: a moved tap keeps its place; move that one first"
    if after is not None and move.t_ns >= after.t_ns:
        return (
            f"that is after {whose} next tap or step change: a moved tap keeps its place; move or delete that one first"
        )
    return None


def _places(plan: Plan, events: list[Event]) -> list[tuple[int, int, str]]:
    return [(s.athlete, s.step, s.kind) for s in Replay.of(plan, events).splits]


def _moves_a_split(plan: Plan, events: list[Event], move: Event) -> str | None:
    """The general guard: replayed with the move, every tap is still the same split of the same step."""
    if sorted(_places(plan, [*events, move])) == sorted(_places(plan, events)):
        return None
    return (
        "that moves it past a change of step (a timed step ending, or the group moving on): a moved tap keeps its place"
    )
