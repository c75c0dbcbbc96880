import pytest

from kicktimer.core.language.paces import (
    PaceTarget,
    RaceTarget,
    TargetSyntaxError,
    TimeTarget,
    parse_target,
    race_key,
    race_time_s,
    target_time_s,
)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("400", "400m"),
        ("800", "800m"),
        ("800m", "800m"),
        ("1000", "1000m"),
        ("1500", "1500m"),
        ("mile", "mile"),
        ("3k", "3k"),
        ("3000", "3k"),
        ("5k", "5k"),
        ("5000", "5k"),
        ("5000m", "5k"),
        ("10k", "10k"),
        ("10000", "10k"),
        ("hm", "hm"),
        ("marathon", "marathon"),
    ],
)
def test_closed_race_list(text: str, key: str) -> None:
    assert race_key(text) == key
    assert parse_target(text) == RaceTarget(key)


def test_offsets_and_absolutes() -> None:
    assert parse_target("5k-2s/400m") == RaceTarget("5k", pytest.approx(-2 / 400))  # type: ignore[arg-type]
    assert parse_target("mile+1s/200m") == RaceTarget("mile", pytest.approx(1 / 200))  # type: ignore[arg-type]
    assert parse_target("68s") == TimeTarget(68)
    assert parse_target("2:10") == TimeTarget(130)
    assert parse_target("72s/400m") == PaceTarget(pytest.approx(72 / 400))  # type: ignore[arg-type]
    assert parse_target("3:20/km") == PaceTarget(pytest.approx(0.2))  # type: ignore[arg-type]
    assert parse_target("5:00/mi") == PaceTarget(pytest.approx(300 / 1609.344))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "needs a target"),
        ("8000", "not a race"),
        ("5k-2s", "offset needs"),
        ("fast", "expected a target"),
        ("5k+2x/400m", "offset"),
    ],
)
def test_bad_targets(text: str, fragment: str) -> None:
    with pytest.raises(TargetSyntaxError, match=fragment):
        parse_target(text)


def test_race_pace_targets_scale_linearly() -> None:
    paces = {"800m": 128.0, "5k": 1000.0}
    assert target_time_s(RaceTarget("800m"), 200, paces).value == pytest.approx(32.0)  # type: ignore[union-attr]
    assert target_time_s(RaceTarget("5k"), 800, paces).value == pytest.approx(160.0)  # type: ignore[union-attr]
    adjusted = target_time_s(RaceTarget("5k", -2 / 400), 800, paces)
    assert adjusted is not None and adjusted.value == pytest.approx(156.0) and not adjusted.estimated


def test_riegel_estimate_from_nearest_race_is_marked() -> None:
    paces = {"800m": 120.0, "10k": 1800.0}
    estimate = race_time_s(paces, "1500m")
    assert estimate is not None and estimate.estimated
    assert estimate.value == pytest.approx(120.0 * (1500 / 800) ** 1.06)  # 800 is nearer than 10k
    assert race_time_s(paces, "10k") == race_time_s(paces, "10k")
    assert race_time_s({}, "5k") is None
    known = race_time_s(paces, "800m")
    assert known is not None and not known.estimated


def test_absolute_targets_need_no_paces() -> None:
    assert target_time_s(TimeTarget(68), 400, {}).value == 68  # type: ignore[union-attr]
    assert target_time_s(PaceTarget(0.18), 400, {}).value == pytest.approx(72)  # type: ignore[union-attr]
    assert target_time_s(RaceTarget("800m"), 200, {}) is None


def test_typed_race_times() -> None:
    from kicktimer.core.language.paces import format_paces, parse_paces_text

    assert parse_paces_text("800m 2:08, 5K 16:40 ,mile 4:35") == {"800m": 128.0, "5k": 1000.0, "mile": 275.0}
    assert parse_paces_text("") == {}
    assert format_paces({"800m": 128.0, "1500m": 262.5}) == "800m 2:08, 1500m 4:22.5"
    for bad, fragment in [("800m", "race and its time"), ("8k 30:00", "not a race"), ("800m fast", "expected a time")]:
        with pytest.raises(ValueError, match=fragment):
            parse_paces_text(bad)


def test_a_race_typed_twice_under_two_spellings_is_refused() -> None:
    from kicktimer.core.language.paces import parse_paces_text

    assert parse_paces_text("5K 16:40, Marathon 2:40:00, 1500M 4:10") == {"5k": 1000.0, "marathon": 9600.0,
                                                                           "1500m": 250.0}  # fmt: skip
    for typed, message in [
        ("5k 16:40, 5K 16:50", '"5K" is the same race as "5k": give each race once'),
        ("800 2:08, 1500m 4:10, 800m 2:10", '"800m" is the same race as "800": give each race once'),
    ]:
        with pytest.raises(ValueError) as caught:
            parse_paces_text(typed)
        assert str(caught.value) == message
