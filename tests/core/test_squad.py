"""The squad in memory: the newest race time counts (the old ones stay as history), today's athletes get keys by
their preference, more than nine is refused in words, and a coach's line reads as they say it."""

from __future__ import annotations

from datetime import date

import pytest

from kicktimer.core.season.squad import (
    RaceTime,
    Squad,
    SquadAthlete,
    did_you_mean,
    newest_paces,
    parse_date,
    parse_entry,
    pick_today,
)

TODAY = date(2026, 12, 5)


def test_the_newest_time_of_each_race_counts_whatever_order_it_was_written_in() -> None:
    times = (RaceTime("800m", 126.0, date(2026, 12, 5)), RaceTime("800m", 128.0, date(2026, 5, 1)),
             RaceTime("5k", 1000.0, None), RaceTime("800m", 131.0, None))  # fmt: skip
    assert newest_paces(times) == {"800m": 126.0, "5k": 1000.0}


def test_on_the_same_date_the_time_written_last_counts() -> None:
    times = (RaceTime("800m", 128.0, TODAY), RaceTime("800m", 127.0, TODAY))
    assert newest_paces(times) == {"800m": 127.0}


def squad(*athletes: SquadAthlete) -> Squad:
    return Squad(athletes)


def test_keys_follow_preferences_when_free_and_the_others_fill_in_squad_order() -> None:
    team = squad(SquadAthlete("Ana", key=2), SquadAthlete("Ben"), SquadAthlete("Cleo", key=1), SquadAthlete("Dan"))
    today = pick_today(team, ["Dan", "Ben", "Cleo", "Ana"])
    assert [a.name for a in today.athletes] == ["Cleo", "Ana", "Ben", "Dan"]
    assert today.notes == () and today.problem is None


def test_a_preference_taken_or_beyond_today_is_said() -> None:
    team = squad(SquadAthlete("Ana", key=1), SquadAthlete("Ben", key=1), SquadAthlete("Cleo", key=7))
    today = pick_today(team, ["cleo", "ben", "ana"])  # any case
    assert [a.name for a in today.athletes] == ["Ana", "Ben", "Cleo"]
    assert today.notes == ("Ben has key 2 today (key 1 is Ana's)", "Cleo has key 3 today (key 7 is beyond today's "
                                                                   "athletes)")  # fmt: skip


def test_more_than_nine_is_refused_with_how_many_to_untick() -> None:
    team = squad(*(SquadAthlete(f"A{n}") for n in range(11)))
    today = pick_today(team, [a.name for a in team.athletes])
    assert today.athletes == ()
    assert today.problem == "11 athletes ticked: at most 9 run at once (one per key 1-9); untick 2"
    assert pick_today(team, [a.name for a in team.athletes][:9]).problem is None


def test_a_name_not_in_the_squad_is_named() -> None:
    assert pick_today(squad(SquadAthlete("Ana")), ["Ana", "Zed"]).problem == "not in the squad: Zed"


def test_today_gives_the_roster_with_the_newest_times() -> None:
    ana = SquadAthlete("Ana", (RaceTime("800m", 128.0, date(2026, 5, 1)), RaceTime("800m", 126.0, TODAY)))
    assert pick_today(squad(ana), ["Ana"]).roster[0].paces == {"800m": 126.0}


def test_groups_in_the_order_they_first_appear() -> None:
    team = squad(SquadAthlete("Ana", groups=("800 group",)), SquadAthlete("Ben", groups=("distance", "800 group")))
    assert team.groups == ("800 group", "distance")
    assert [a.name for a in team.members("800 group")] == ["Ana", "Ben"]


@pytest.mark.parametrize(
    ("line", "name", "times"),
    [
        ("Ana 800m 2:06, 2026-12-05", "Ana", [("800m", 126.0, date(2026, 12, 5))]),
        ("Ana 800m 2:06", "Ana", [("800m", 126.0, TODAY)]),
        ("Mary Ann 800m 2:10, 5k 17:30, 2026-4-9", "Mary Ann", [("800m", 130.0, date(2026, 4, 9)),
                                                                ("5k", 1050.0, date(2026, 4, 9))]),
        ("Cleo", "Cleo", []),
        ("Dan, 1500 4:01", "Dan", [("1500m", 241.0, TODAY)]),
    ],
)  # fmt: skip
def test_a_coach_line_reads(line: str, name: str, times: list[tuple[str, float, date]]) -> None:
    entry = parse_entry(line, TODAY)
    assert entry.name == name
    assert [(t.race, t.time_s, t.on) for t in entry.times] == times


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("800m 2:06", '"800m 2:06": write the athlete\'s name before the race times, like "Ana 800m 2:06"'),
        ("2026-12-05", 'write a name first, like "Ana 800m 2:06, 2026-12-05"'),
        ("Ana 800m 2:06, 2026-13-05", '"2026-13-05": expected a date like 2026-12-05 (year-month-day)'),
        ("Ana 800m 2:06, 2026-12-05, 2026-12-06", "one date per line, not 2026-12-05 and 2026-12-06; add the other "
                                                  "times on a line of their own"),
        ("Ana 800 m 2:06", '"800 m 2:06": write a race and its time, like 800m 2:08'),
        ("Ana 800m 0:58", '"0:58" is faster than the 800m world record (1:40.91): write it like 2:08, 4:22.5 or '
                          "1:02:30"),
        ("Ana 880y 2:06", '"880y": not a race; races are 400, 800, 1000, 1500, mile, 3k, 5k, 10k, hm, marathon'),
        ("Ana 800m 2:06, 2026-12-06", "2026-12-06 is after today (2026-12-05): a race time is dated the day it was "
                                      "run"),
    ],
)  # fmt: skip
def test_a_line_that_does_not_read_says_what_would(line: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_entry(line, TODAY)
    assert str(caught.value) == message


def test_dates_are_year_month_day() -> None:
    assert parse_date("2026-1-9") == date(2026, 1, 9)
    with pytest.raises(ValueError, match="expected a date like 2026-12-05"):
        parse_date("5/12/2026")


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("Zoe", "did you mean Zoë?"),  # no exact match: the names alike but for accents
        ("zoe  ng", "did you mean Zoë Ng?"),  # case and spacing too
        ("Zoë", ""),  # the very name: nothing to suggest
        ("Zoe\u0308", ""),  # the very name, its ë typed as e and a combining diaeresis (NFD)
        ("ZOË", ""),  # the very name, in capitals
        ("Jose", "did you mean José or Josè?"),
        ("Soren", "did you mean Søren?"),  # a letter Unicode does not decompose
        ("Ana", ""),  # nobody alike
        ("李", ""),  # marks other scripts spell with are letters: no one alike
        ("Анна", ""),
        ("Ана", ""),
    ],
)
def test_a_name_that_is_nobodys_suggests_the_names_alike_but_for_accents(typed: str, said: str) -> None:
    names = ["Zoë", "Zoë Ng", "José", "Josè", "Søren", "李娜", "Анна"]
    assert did_you_mean(names, typed) == said


def test_names_are_one_athlete_however_the_keyboard_composed_them() -> None:
    squad = Squad((SquadAthlete("Zoë"), SquadAthlete("Siobhán")))  # as a file writes them: composed (NFC)
    assert squad.find("zoe\u0308") is squad.athletes[0]  # decomposed (NFD), lower case
    assert squad.find(" SIOBHA\u0301N ") is squad.athletes[1]
    assert squad.find("Zoe") is None and squad.did_you_mean("Zoe") == "did you mean Zoë?"
