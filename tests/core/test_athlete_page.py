"""The athlete page from recordings: every one they ran, the kinds of rep (same distances and gears, whatever the
target) with their split against target, fade and kick date by date, and their race times over time."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from kicktimer.core.language.notation import parse_workout
from kicktimer.core.language.plan import Athlete, Plan, build_plan
from kicktimer.core.review.analysis import review
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.season.athlete import Ran, athlete_page
from kicktimer.core.season.squad import RaceTime
from tests.support.clock import FakeClock

DAY0 = datetime(2026, 4, 6, 17, 30, tzinfo=UTC)
KICKS = "Main set: 3x(200m @800 + 200m kick) r open"


def ran(workout: str, paces: dict[str, float], splits: list[float], day: int, name: str = "Kicks") -> Ran:
    """One athlete runs the session, tapping after each of `splits` seconds in turn (holds and open recoveries
    ended with Space); the review of what was recorded."""
    plan: Plan = build_plan(name, parse_workout(workout), (Athlete("Ana", paces), Athlete("Ben", {})))
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    taps = iter(splits)
    while engine.snapshot().status == "running":
        snap = engine.snapshot()
        if snap.remaining_s is not None:  # a timed step ends by the clock
            clock.advance(snap.remaining_s + 0.001)
        elif snap.step.phase == "work":
            clock.advance(next(taps))
            engine.tap(0)
            engine.tap(1)
        else:
            clock.advance(30.0)
            engine.tap(None)
    engine.end()
    when = DAY0 + timedelta(days=day)
    athlete = review(plan, list(engine.events), when).athletes[0]
    return Ran(f"day-{day}.kick.jsonl", when, name, "complete", plan, athlete, paces)


def test_a_kind_of_rep_follows_its_split_against_target_fade_and_kick_across_dates() -> None:
    first = ran(KICKS, {"800m": 128.0}, [33.0, 29.0, 33.5, 29.5, 34.0, 30.5], 0)  # target 32 for the 200m @800
    later = ran(KICKS, {"800m": 126.0}, [31.0, 28.0, 31.5, 28.0, 32.0, 28.5], 7)  # target 31.5 by then
    page = athlete_page("Ana", [later, first])
    assert [r.file for r in page.runs] == ["day-7.kick.jsonl", "day-0.kick.jsonl"]  # newest first
    (kind,) = page.kinds
    assert kind.label == "200m race + 200m kick"
    assert [p.when for p in kind.points] == [first.when, later.when]
    one, two = kind.points
    assert one.reps == 3 and one.delta_s == pytest.approx(1.5)  # 33, 33.5, 34 against 32
    assert one.fade_s == pytest.approx(64.5 - 62.0) and one.kick_s == pytest.approx(29.666666)
    assert two.delta_s == pytest.approx(0.0) and two.split_s == pytest.approx((59 + 59.5 + 60.5) / 3)
    assert page.runs[1].reps == 3 and page.runs[1].delta_s == pytest.approx(1.5)


def test_the_same_distances_and_gears_are_one_kind_whatever_the_target() -> None:
    at_800 = ran(KICKS, {"800m": 128.0}, [32.0, 29.0] * 3, 0)
    at_1500 = ran(KICKS.replace("@800", "@1500"), {"1500m": 262.5}, [35.0, 29.0] * 3, 1)
    hills = ran("Hills: 4x10s hill sprint r open", {}, [], 2)
    page = athlete_page("Ana", [at_800, at_1500, hills])
    assert [k.label for k in page.kinds] == ["200m race + 200m kick"]  # timed reps by the clock say nothing
    assert len(page.runs) == 3 and page.runs[0].reps == 0


def test_kinds_run_most_often_come_first() -> None:
    runs = [ran(KICKS, {}, [32.0, 29.0] * 3, d) for d in range(2)]
    runs.append(ran("Sprints: 6x60m sprint r open", {}, [8.0] * 6, 3))
    assert [k.label for k in athlete_page("Ana", runs).kinds] == ["200m race + 200m kick", "60m sprint"]


def test_each_kind_has_its_own_fade_and_kick_in_a_recording_with_two() -> None:
    both = ran(f"{KICKS}\nSprints: 3x60m sprint r open", {"800m": 128.0}, [33.0, 29.0, 33.0, 29.0, 34.0, 30.0,
                                                                          8.0, 8.2, 8.6], 0)  # fmt: skip
    kicks, sprints = athlete_page("Ana", [both]).kinds
    assert kicks.points[0].fade_s == pytest.approx(2.0) and kicks.points[0].kick_s == pytest.approx(29.333333)
    assert sprints.label == "60m sprint" and sprints.points[0].fade_s == pytest.approx(0.6)
    assert sprints.points[0].kick_s is None and sprints.points[0].delta_s is None


def test_an_incomplete_rep_is_left_out_of_its_kind() -> None:
    one = ran(KICKS, {"800m": 128.0}, [33.0, 29.0] * 3, 0)
    missing = replace(one.review.reps[0], segment_s=(33.0, None))  # the kick's tap forgotten
    cut = replace(one, status="aborted", review=replace(one.review, reps=[missing, *one.review.reps[1:]]))
    page = athlete_page("Ana", [cut])
    assert page.kinds[0].points[0].reps == 2 and page.runs[0].reps == 2 and page.runs[0].status == "aborted"


def test_race_times_over_time_from_the_squad_and_the_recordings() -> None:
    squad = [RaceTime("800m", 126.0, date(2026, 12, 5)), RaceTime("800m", 128.0, date(2026, 5, 1))]
    runs = [ran(KICKS, {"800m": 128.0, "5k": 1000.0}, [32.0, 29.0] * 3, 0)]
    times = athlete_page("Ana", runs, squad).times
    assert [(t.race, t.time_s, t.on, t.source) for t in times] == [
        ("5k", 1000.0, DAY0.date(), "recording"),  # not in the squad: dated by the first recording using it
        ("800m", 128.0, date(2026, 5, 1), "squad"),
        ("800m", 126.0, date(2026, 12, 5), "squad"),
    ]
