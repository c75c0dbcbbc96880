"""The roster as typed: race times that no one runs are questioned with their likely meaning, and two names that
differ only in case are one athlete twice."""

from __future__ import annotations

import pytest

from kicktimer.core.language.paces import (
    RACE_DISTANCES_M,
    WALKING_S_PER_M,
    WORLD_RECORD_S,
    parse_paces_text,
    race_time_problem,
)
from kicktimer.core.language.plan import Athlete
from kicktimer.core.language.roster import RosterProblem, name_key, read_roster, roster_problem, same_names
from kicktimer.core.review.review_table import history_matches
from kicktimer.core.season.squad import Squad, SquadAthlete


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("marathon 2:49", '"2:49" is faster than the marathon world record (2:00:35): did you mean 2:49:00?'),
        ("1500m 4", '"4" is faster than the 1500m world record (3:26): did you mean 4:00?'),
        ("5k 16.40", '"16.40" is faster than the 5k world record (12:35.36): did you mean 16:40?'),
        ("800m 2:08:00", '"2:08:00" is slower than walking it (12:00 for the 800m): did you mean 2:08?'),
        ("400m 30.5", '"30.5" is faster than the 400m world record (0:43.03): write it like 2:08, 4:22.5 or 1:02:30'),
    ],
)
def test_an_implausible_race_time_is_refused_with_its_likely_meaning(typed: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_paces_text(f"mile 4:35, {typed}")
    assert str(caught.value) == message


@pytest.mark.parametrize("race", sorted(RACE_DISTANCES_M))
def test_every_time_from_the_world_record_to_a_walk_is_accepted_and_nothing_outside(race: str) -> None:
    fastest, slowest = WORLD_RECORD_S[race], RACE_DISTANCES_M[race] * WALKING_S_PER_M
    for seconds in (fastest, (fastest + slowest) / 2, slowest):
        assert race_time_problem(race, seconds, "x") is None
    assert race_time_problem(race, fastest - 0.01, "x") is not None
    assert race_time_problem(race, slowest + 1, "x") is not None
    assert fastest < slowest / 5  # the band is wide: a coach's athlete is never refused


def test_names_are_the_same_ignoring_case_and_spaces() -> None:
    assert same_names(["Ana", "Ben", " ana ", "BEN", "Cy"]) == [(0, 2), (1, 3)]
    assert same_names(["Zoë", "Zoe\u0308", "ZOË", "Zoe"]) == [(0, 1), (0, 2)]  # composed or not (NFC): one name
    assert roster_problem([("Ana", ""), ("ana", "800m 2:08")]) == RosterProblem(
        1, 0, '"ana" and "Ana" are the same name; give each athlete a different one'
    )


def test_the_first_problem_names_its_row_and_cell() -> None:
    assert roster_problem([("Ana", "800m 2:08"), ("", "")]) == RosterProblem(1, 0, "athlete 2 needs a name")
    problem = roster_problem([("Ana", "800m 2:08"), ("Ben", "marathon 2:49")])
    assert problem is not None and (problem.row, problem.column) == (1, 1)
    assert str(problem).startswith('Ben: "2:49" is faster than the marathon world record')
    assert roster_problem([("Ana", "800m 2:08"), ("Ben", "")]) is None
    assert read_roster([(" Ana ", "800m 2:08")]) == (Athlete("Ana", {"800m": 128.0}),)
    with pytest.raises(ValueError, match="same name"):
        read_roster([("Ana", ""), ("ANA", "")])


COMPOSED, DECOMPOSED = "Zo\u00eb", "Zoe\u0308"  # Zoë as one character, and as e and a combining diaeresis


def test_names_are_the_same_however_their_accents_were_typed() -> None:
    assert name_key(COMPOSED) == name_key(DECOMPOSED) == name_key(" ZOE\u0308 ") != name_key("Zoe")
    assert same_names([COMPOSED, "Zoe", DECOMPOSED, "ZO\u00cb"]) == [(0, 2), (0, 3)]
    problem = roster_problem([(COMPOSED, ""), (DECOMPOSED, "")])
    assert problem is not None and (problem.row, problem.column) == (1, 0) and "are the same name" in problem.message


def test_every_place_that_finds_an_athlete_by_name_finds_them_however_the_name_was_typed() -> None:
    assert history_matches("Kick", (DECOMPOSED, "Ben"), None, "zo\u00eb")
    assert not history_matches("Kick", ("Zoe", "Ben"), None, COMPOSED)
    squad = Squad((SquadAthlete(DECOMPOSED),))
    assert squad.find(COMPOSED) is squad.athletes[0]
