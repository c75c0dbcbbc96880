"""Where an athlete stands in a progression: the last stage they completed, a skipped stage counted as done, a
stage to repeat proposed again; the group's proposal is the stage most of them are due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kicktimer.core.season.progression import (
    Done,
    Progression,
    progression,
    propose,
    stage_number,
    stage_of,
    standing,
)
from kicktimer.core.season.squad import Mark, StageMark

PROG = "sprint-progression"
DAY0 = datetime(2026, 4, 6, 17, 30, tzinfo=UTC)


def sprints(numbers: tuple[int, ...] = tuple(range(1, 13))) -> Progression:
    found = progression(PROG, [(f"sessions/{PROG}/{n:02d}-stage.session.yaml", f"Stage {n}") for n in numbers])
    assert found is not None
    return found


def done(athlete: str, stage: int, day: int) -> Done:
    return Done(athlete, PROG, stage, DAY0 + timedelta(days=day))


def mark(stage: int, what: Mark, day: int, hours: float = 2.0) -> StageMark:
    return StageMark(PROG, stage, what, DAY0 + timedelta(days=day, hours=hours))


def test_a_numbered_folder_is_a_progression_in_number_order() -> None:
    files = [("p/10-c.session.yaml", "C"), ("p/2-b.session.yaml", "B"), ("p/01-a.session.yaml", "A"),
             ("p/notes.session.yaml", "not a stage")]  # fmt: skip
    found = progression("p", files)
    assert found is not None and [(s.number, s.name) for s in found.stages] == [(1, "A"), (2, "B"), (10, "C")]
    assert found.after(2) is not None and found.after(2).number == 10  # type: ignore[union-attr]
    assert found.after(None) == found.stages[0] and found.after(10) is None
    assert progression("p", [("p/01-a.session.yaml", "A"), ("p/x.session.yaml", "X")]) is None


def test_a_recording_names_its_stage_by_folder_and_number() -> None:
    assert stage_of("/home/c/sessions/sprint-progression/04-sprints-6x60m.session.yaml") == (PROG, 4)
    assert stage_of(r"C:\Users\c\sprint-progression\12-ladder.session.yaml") == (PROG, 12)
    assert stage_of("/home/c/sessions/kick-500s.session.yaml") is None
    assert stage_number("2026-plan.yaml") == 2026 and stage_number("v2.yaml") is None


def test_nothing_run_proposes_the_first_stage() -> None:
    s = standing(sprints(), "Ana", [], [])
    assert (s.current, s.next.number if s.next else None, s.why, s.started) == (None, 1, "not started", False)


def test_the_current_stage_is_the_last_completed_in_time_not_the_highest() -> None:
    runs = [done("Ana", 1, 0), done("Ana", 2, 3), done("Ana", 3, 7), done("Ana", 2, 10)]  # went back to 2
    s = standing(sprints(), "Ana", runs, [])
    assert s.current == 2 and s.next is not None and s.next.number == 3
    assert s.why == "ran stage 2 on Thu 16 Apr"


def test_only_the_athletes_own_runs_of_this_progression_count() -> None:
    runs = [done("Ben", 5, 1), Done("Ana", "other", 5, DAY0), done("ana", 1, 2)]
    assert standing(sprints(), "Ana", runs, []).current == 1


def test_a_skipped_stage_counts_as_done_and_never_moves_back() -> None:
    prog = sprints()
    assert standing(prog, "Ana", [done("Ana", 3, 0)], [mark(4, "skip", 1)]).current == 4
    later = standing(prog, "Ana", [done("Ana", 3, 0), done("Ana", 5, 1)], [mark(4, "skip", 1, hours=5)])
    assert later.current == 5 and later.next is not None and later.next.number == 6


def test_a_stage_to_repeat_is_proposed_again_until_it_is_run() -> None:
    prog = sprints()
    marked = standing(prog, "Ana", [done("Ana", 6, 0)], [mark(6, "repeat", 0)])
    assert marked.current == 5 and marked.next is not None and marked.next.number == 6
    assert marked.why == "stage 6 to repeat (Mon 6 Apr)"
    again = standing(prog, "Ana", [done("Ana", 6, 0), done("Ana", 6, 4)], [mark(6, "repeat", 0)])
    assert again.current == 6 and again.next is not None and again.next.number == 7
    first = standing(prog, "Ana", [done("Ana", 1, 0)], [mark(1, "repeat", 0)])
    assert first.current is None and first.next is not None and first.next.number == 1 and first.started


def test_a_mark_at_the_moment_of_a_run_comes_after_it() -> None:
    at_once = StageMark(PROG, 6, "repeat", DAY0)
    assert standing(sprints(), "Ana", [done("Ana", 6, 0)], [at_once]).current == 5


def test_gaps_in_the_numbers_are_followed_in_order() -> None:
    prog = sprints((1, 2, 4, 8))
    assert standing(prog, "Ana", [done("Ana", 2, 0)], []).next == prog.stage(4)
    assert standing(prog, "Ana", [done("Ana", 4, 0)], [mark(4, "repeat", 1)]).current == 2
    assert standing(prog, "Ana", [done("Ana", 8, 0)], []).next is None
    assert standing(prog, "Ana", [done("Ana", 3, 0)], []).current is None  # no such stage now: ignored


def test_the_group_gets_the_stage_most_are_due_and_the_others_are_named() -> None:
    runs = [done("Ana", 3, 0), done("Ben", 3, 0), done("Cleo", 1, 0)]
    proposal = propose(sprints(), ["Ana", "Ben", "Cleo", "Dan"], runs, {})
    assert proposal.stage is not None and proposal.stage.number == 4
    assert proposal.text == "Proposed: stage 4, Stage 4 (Ana, Ben); Cleo is due stage 2, Dan is due stage 1"


@pytest.mark.parametrize(("who", "number"), [(["Ana", "Cleo"], 2), (["Cleo", "Ana"], 2)])
def test_a_tie_proposes_the_earlier_stage(who: list[str], number: int) -> None:
    runs = [done("Ana", 3, 0), done("Cleo", 1, 0)]
    proposal = propose(sprints(), who, runs, {})
    assert proposal.stage is not None and proposal.stage.number == number


def test_marks_are_each_athletes_own() -> None:
    proposal = propose(
        sprints(), ["Ana", "Ben"], [done("Ana", 2, 0), done("Ben", 2, 0)], {"ana": (mark(2, "repeat", 1),)}
    )
    assert [s.next.number for s in proposal.standings if s.next] == [2, 3]


def test_nothing_to_propose_is_said() -> None:
    assert propose(sprints(), [], [], {}).text == "Tick today's athletes to see where they stand."
    finished = propose(sprints((1, 2)), ["Ana"], [done("Ana", 2, 0)], {})
    assert finished.stage is None and finished.text == "Everyone ticked has finished this progression."
