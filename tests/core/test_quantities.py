import pytest

from kicktimer.core.language.quantities import format_clock, format_distance, parse_distance_m, parse_duration_s


@pytest.mark.parametrize(
    ("word", "metres"),
    [
        ("200m", 200),
        ("1200m", 1200),
        ("1k", 1000),
        ("1.5km", 1500),
        ("1mi", 1609.344),
        ("mile", 1609.344),
        ("30yd", 27.432),
        ("2mile", 3218.688),
    ],
)
def test_distances(word: str, metres: float) -> None:
    assert parse_distance_m(word) == pytest.approx(metres)


@pytest.mark.parametrize("word", ["200", "m", "200 m", "1km2", "200M", "1kk", "90s", "1:30"])
def test_not_distances(word: str) -> None:
    assert parse_distance_m(word) is None


@pytest.mark.parametrize(
    ("word", "seconds"),
    [
        ("10s", 10),
        ("90s", 90),
        ("1:30", 90),
        ("5min", 300),
        ("1:00:00", 3600),
        ("1:30.5", 90.5),
        ("90:00", 5400),
        ("2.5s", 2.5),
        ("0:45", 45),
    ],
)
def test_durations(word: str, seconds: float) -> None:
    assert parse_duration_s(word) == pytest.approx(seconds)


@pytest.mark.parametrize("word", ["60", "1;30", "1:5", "1:60", "1:60:00", "5 min", "5mins", "200m", "1:30:"])
def test_not_durations(word: str) -> None:
    assert parse_duration_s(word) is None


def test_format() -> None:
    assert format_clock(90) == "1:30"
    assert format_clock(3725) == "1:02:05"
    assert format_clock(68.25) == "1:08.25"
    assert format_clock(-4.5) == "-0:04.5"
    assert format_distance(1609.344) == "1mi"
    assert format_distance(200.0) == "200m"
