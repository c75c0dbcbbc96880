"""Every example of NOTATION.md expands to what it says."""

from __future__ import annotations

import pytest

from kicktimer.core.language.plan import Settings
from tests.core.helpers import ANA, BEN, expand, sequence, work_labels


def test_800s_with_hill_sprints_between_sets() -> None:
    plan = expand("3x(3x800m @5k r1:00) R(4x200m hill r open)")
    steps = plan.steps[1:]
    assert plan.steps[0].phase == "hold"
    assert len(steps) == 29
    assert sum(s.distance_m == 800 for s in steps if s.phase == "work") == 9
    assert sum(s.distance_m == 200 for s in steps if s.phase == "work") == 8
    assert plan.work_distance_m == 8800
    labels = [s.label for s in steps]
    first_set = ["800m @5k", "R 1:00", "800m @5k", "R 1:00", "800m @5k"]
    hill_block = ["200m hill", "R open", "200m hill", "R open", "200m hill", "R open", "200m hill"]
    assert labels == first_set + hill_block + first_set + hill_block + first_set
    # The recovery set follows the rep with no recovery, and is recorded like any work.
    assert steps[5].phase == "work" and steps[5].joined and steps[5].gear == "hill"
    assert steps[5].where == ((1, 4), (1, 3))
    assert steps[12].joined and steps[12].where == ((1, 3), (2, 3))


def test_sets_of_800s_recovery_rule() -> None:
    plan = expand("3x(3x800m r1:00) R4:00")
    labels = [s.label for s in plan.steps[1:]]
    assert labels == (["800m", "R 1:00", "800m", "R 1:00", "800m", "R 4:00"] * 3)[:-1]


def test_group_with_recovery_rests_between_all_six_sprints() -> None:
    plan = expand("(2x60m, 2x100m, 2x130m) r open")
    assert [s.label for s in plan.steps[1:]] == [
        "60m",
        "R open",
        "60m",
        "R open",
        "100m",
        "R open",
        "100m",
        "R open",
        "130m",
        "R open",
        "130m",
    ]


def test_canova_alternations_are_continuous() -> None:
    plan = expand("6x(200m @3k + 1400m steady)")
    work = plan.steps[1:]
    assert len(work) == 12 and all(s.phase == "work" for s in work)
    assert [s.joined for s in work] == [False] + [True] * 11
    assert work[0].gear == "race" and work[1].gear == "steady"


def test_repeat_covers_the_whole_plus_rep() -> None:
    plan = expand("6x100m @1500 + 100m accel")
    assert work_labels(plan) == ["100m @1500", "100m accel"] * 6
    assert [s.joined for s in plan.steps[1:]] == [False] + [True] * 11
    assert [s.where for s in plan.steps[1:3]] == [((1, 6),), ((1, 6),)]


def test_kick_500s() -> None:
    plan = expand("3x(200m @800 + 100m bound + 200m kick) R5:00", (ANA, BEN))
    assert sequence(plan)[1:5] == ["200m @800", "~100m bound", "~200m kick", "R 5:00"]
    assert len(plan.steps) == 1 + 3 * 3 + 2
    first = plan.steps[1]
    assert first.targets[0] is not None and first.targets[0].value == pytest.approx(32.0)
    assert first.targets[1] is not None and first.targets[1].estimated  # Ben has only a mile time
    assert [s.gear for s in plan.steps[1:4]] == ["race", "bound", "kick"]
    assert plan.total_fixed_s == 600


def test_hill_sprints_then_a_sustained_one_are_two_blocks() -> None:
    plan = expand("8x10s hill sprint r open\n20s hill sprint")
    holds = [s.index for s in plan.steps if s.phase == "hold"]
    assert holds == [0, 16]
    assert plan.steps[1].ends == "time" and plan.steps[1].duration_s == 10
    assert plan.steps[1].gear == "hill"  # the first gear word
    assert plan.steps[-1].label == "20s hill sprint" and plan.steps[-1].block == 1
    assert plan.steps[15].phase == "work"  # nothing follows the last rep of a block


def test_hill_sprint_recovery_label_and_gear() -> None:
    plan = expand("8x10s hill sprint r open walk down")
    rec = plan.steps[2]
    assert rec.phase == "recovery" and rec.label == "R open walk down" and rec.ends == "tap" and rec.gear == "walk"


def test_ladder() -> None:
    plan = expand("(250m, 200m, 150m, 100m) r open")
    assert [s.label for s in plan.steps[1:]] == ["250m", "R open", "200m", "R open", "150m", "R open", "100m"]


def test_flat_hill_flat() -> None:
    plan = expand("4x(200m hard + 100m uphill hard + 100m hard) r open")
    assert [s.gear for s in plan.steps[1:5]] == ["hard", "uphill", "hard", None]
    assert len(plan.steps) == 1 + 4 * 3 + 3


def test_strength_circuit_counts_and_strides() -> None:
    plan = expand("3x(20 squats + 100m stride + 20 lunges + 100m stride) R open")
    first = plan.steps[1]
    assert first.kind == "count" and first.count == 20 and first.ends == "tap" and first.distance_m is None
    assert plan.steps[2].gear == "stride" and plan.steps[2].joined
    assert plan.work_distance_m == 600


def test_burners_group_target_applies_to_every_distance_step() -> None:
    plan = expand("(200m, 300m, 400m, 300m, 200m) @1500 r30s", (ANA,))
    work = [s for s in plan.steps if s.phase == "work"]
    assert [s.label for s in work][:2] == ["200m @1500", "300m @1500"]
    assert [s.targets[0].value for s in work if s.targets[0]] == pytest.approx([35, 52.5, 70, 52.5, 35])
    assert all(s.gear == "race" for s in work)
    assert plan.total_fixed_s == 4 * 30


def test_race_pace_400s_and_strides() -> None:
    assert len(expand("8x400m @1500 r1:00").steps) == 1 + 8 + 7
    assert len(expand("4x50m stride r open").steps) == 1 + 4 + 3
    assert len(expand("6x60m sprint r open").steps) == 1 + 6 + 5


def test_accel_200s() -> None:
    plan = expand("6x(100m @1500 + 100m accel) r open")
    assert sequence(plan)[1:4] == ["100m @1500", "~100m accel", "R open"]


def test_distance_and_duration_forms() -> None:
    plan = expand("(1k, 1.5km, 1mi, mile, 30yd, 10s, 90s, 1:30, 5min, 1:00:00, 1:30.5, 90:00, open) r open")
    work = [s for s in plan.steps if s.phase == "work"]
    assert [s.distance_m for s in work[:5]] == pytest.approx([1000, 1500, 1609.344, 1609.344, 27.432])
    assert [s.duration_s for s in work[5:12]] == pytest.approx([10, 90, 90, 300, 3600, 90.5, 5400])
    assert work[12].kind == "open" and work[12].ends == "tap"


def test_recovery_forms() -> None:
    for written, label, ends in [
        ("r90s", "R 90s", "time"),
        ("r1:30", "R 1:30", "time"),
        ("R4:00", "R 4:00", "time"),
        ("r open", "R open", "tap"),
        ("r200m jog", "R 200m jog", "tap"),
        ("r 90s", "R 90s", "time"),
    ]:
        rec = expand(f"2x200m {written}").steps[2]
        assert (rec.phase, rec.label, rec.ends) == ("recovery", label, ends), written
    assert expand("2x200m r200m jog").steps[2].distance_m == 200


def test_rest_replaces_the_recovery_and_is_kept_at_the_end() -> None:
    plan = expand("(400m, rest 3:00, 400m, 400m) r1:00")
    assert [s.label for s in plan.steps[1:]] == ["400m", "Rest 3:00", "400m", "R 1:00", "400m"]
    plan = expand("3x(400m, rest 2:00)")
    assert [s.label for s in plan.steps[1:]] == ["400m", "Rest 2:00"] * 3
    assert expand("rest open").steps[1].label == "Rest open"


def test_inner_repeat_takes_the_enclosing_recovery_and_none_means_back_to_back() -> None:
    assert [s.label for s in expand("2x(2x100m) r1:00").steps[1:]] == ["100m", "R 1:00"] * 3 + ["100m"]
    plan = expand("2x(2x100m)")
    assert [s.joined for s in plan.steps[1:]] == [False, True, True, True]


def test_recovery_set_is_its_own_scope() -> None:
    # Neither the outer target nor the outer recovery reaches into R(…).
    plan = expand("2x(2x200m r1:00) @800 R(2x100m hill)", (ANA,))
    labels = [s.label for s in plan.steps[1:]]
    assert labels == [
        "200m @800",
        "R 1:00",
        "200m @800",
        "100m hill",
        "100m hill",
        "200m @800",
        "R 1:00",
        "200m @800",
    ]
    hill = plan.steps[4]
    assert hill.targets == (None,) and hill.joined and plan.steps[5].joined


def test_multiple_recoveries_bind_inner_to_outer() -> None:
    labels = [s.label for s in expand("2x3x60m r1:00 R3:00").steps[1:]]
    assert labels == [
        "60m",
        "R 1:00",
        "60m",
        "R 1:00",
        "60m",
        "R 3:00",
        "60m",
        "R 1:00",
        "60m",
        "R 1:00",
        "60m",
    ]
    labels = [s.label for s in expand("2x(100m, 200m) r30s R2:00").steps[1:]]
    assert labels == ["100m", "R 30s", "200m", "R 2:00", "100m", "R 30s", "200m"]


def test_titles_comments_blank_lines_and_block_indices() -> None:
    text = "# my session\nWarm-up: 15min jog  # easy\n\n   \nMain set: 4x400m @1500 r1:00\nCool-down: 10min"
    plan = expand(text)
    holds = [s for s in plan.steps if s.phase == "hold"]
    assert [h.label for h in holds] == ["Warm-up", "Main set", "Cool-down"]
    assert [h.block for h in holds] == [0, 1, 2]
    assert plan.block_titles == ("Warm-up", "Main set", "Cool-down")


def test_hold_label_without_title_is_the_line() -> None:
    assert expand("6x60m   sprint r open  # fast").steps[0].label == "6x60m sprint r open"


def test_repeat_spellings() -> None:
    for text in ["6x60m", "6 x 60m", "6X60m", "6×60m"]:
        assert len(expand(text).steps) == 7, text
    assert len(expand("2x3x60m").steps) == 7


def test_gears_any_case_and_race_default() -> None:
    assert expand("200m HILL sprint").steps[1].gear == "hill"
    assert expand("200m @800").steps[1].gear == "race"
    assert expand("200m @68s").steps[1].gear is None  # an absolute target is not a race pace
    assert expand("200m @800 kick").steps[1].gear == "kick"
    assert expand("200m smooth").steps[1].gear is None and expand("200m smooth").steps[1].label == "200m smooth"


def test_target_anywhere_among_the_words() -> None:
    plan = expand("400m hard @mile+1s/200m relaxed", (BEN,))
    step = plan.steps[1]
    assert step.label == "400m hard @mile+1s/200m relaxed" and step.gear == "hard"
    assert step.targets[0] is not None and step.targets[0].value == pytest.approx(275 * 400 / 1609.344 + 2, abs=0.05)


def test_duration_with_pace_gives_expected_distance() -> None:
    plan = expand("20min @5k", (ANA,))
    step = plan.steps[1]
    assert step.targets == (None,)
    assert step.expected_m[0] is not None and step.expected_m[0].value == pytest.approx(6000)
    paced = expand("10min @3:20/km").steps[1]
    assert paced.expected_m[0] is not None and paced.expected_m[0].value == pytest.approx(3000)


def test_no_athletes_means_one_athlete_with_absolute_targets() -> None:
    plan = expand("4x400m @68s r1:00")
    assert [a.name for a in plan.athletes] == ["Athlete"]
    assert plan.steps[1].to_json(plan.athletes)["target_s"] == {"Athlete": 68}
    assert expand("4x400m @800 r1:00").steps[1].targets == (None,)  # a pace nobody has: no target, no error


def test_self_timing_ends_distance_steps_at_the_first_athletes_target() -> None:
    plan = expand("2x200m @800 r1:00\n100m", (ANA, BEN), Settings(distance_steps="target"))
    assert plan.steps[1].ends == "time" and plan.steps[1].duration_s == pytest.approx(32)
    assert plan.steps[-1].ends == "tap" and plan.steps[-1].duration_s is None  # no target
    assert plan.total_fixed_s == pytest.approx(32 + 60 + 32)
