"""Distances, durations and counts as coaches write them (`200m`, `1.5km`, `mile`, `90s`, `1:30`, `5min`)."""

from __future__ import annotations

import math
import re

METRES_PER_MILE = 1609.344
METRES_PER_YARD = 0.9144

DISTANCE_UNITS: dict[str, float] = {
    "m": 1.0,
    "k": 1000.0,
    "km": 1000.0,
    "mi": METRES_PER_MILE,
    "mile": METRES_PER_MILE,
    "yd": METRES_PER_YARD,
}
DURATION_UNITS: dict[str, float] = {"s": 1.0, "min": 60.0}
UNIT_WORDS = frozenset(DISTANCE_UNITS) | frozenset(DURATION_UNITS) | {"sec", "secs", "mins", "h", "miles", "metres"}

# ASCII digits only: `\d` would also take Arabic-Indic or full-width digits, which no coach means.
_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_DISTANCE_RE = re.compile(rf"({_NUMBER})(m|km|k|mi|mile|yd)")
_UNIT_DURATION_RE = re.compile(rf"({_NUMBER})(s|min)")
_CLOCK = r"(?:[0-9]+:[0-5][0-9]:|[0-9]+:)[0-5][0-9](?:\.[0-9]+)?"
_CLOCK_RE = re.compile(r"(?:([0-9]+):([0-5][0-9]):|([0-9]+):)([0-5][0-9](?:\.[0-9]+)?)")
# `8-10s`, `8s-10s`, `1-2min`, `1:00-1:30` (a hyphen or an en dash)
_RANGE_RE = re.compile(rf"(?:({_NUMBER})(s|min)?|({_CLOCK}))[-–](?:({_NUMBER})(s|min)|({_CLOCK}))")
_BARE_NUMBER_RE = re.compile(_NUMBER)
_INTEGER_RE = re.compile(r"[0-9]+")


def parse_distance_m(word: str) -> float | None:
    """`200m` → 200.0, `1.5km` → 1500.0, `mile` → 1609.344; None if `word` is not a distance."""
    if word == "mile":
        return METRES_PER_MILE
    match = _DISTANCE_RE.fullmatch(word)
    if match is None:
        return None
    return float(match.group(1)) * DISTANCE_UNITS[match.group(2)]


def parse_duration_s(word: str) -> float | None:
    """`90s` → 90.0, `5min` → 300.0, `1:30.5` → 90.5, `1:00:00` → 3600.0; None if not a duration."""
    match = _UNIT_DURATION_RE.fullmatch(word)
    if match is not None:
        return float(match.group(1)) * DURATION_UNITS[match.group(2)]
    match = _CLOCK_RE.fullmatch(word)
    if match is None:
        return None
    hours, minutes_of_hour, minutes, seconds = match.groups()
    # float(), not int(): a 5000-digit number is refused by int() and is simply too large (inf) here
    if hours is not None:
        return float(hours) * 3600.0 + float(minutes_of_hour) * 60.0 + float(seconds)
    return float(minutes) * 60.0 + float(seconds)


def parse_duration_range_s(word: str) -> tuple[float, float] | None:
    """`8-10s` → (8.0, 10.0), `1-2min` → (60.0, 120.0), `1:00-1:30` → (60.0, 90.0); None if not a range.
    The bounds are as written: the caller checks that they are in order."""
    match = _RANGE_RE.fullmatch(word)
    if match is None:
        return None
    low_number, low_unit, low_clock, high_number, high_unit, high_clock = match.groups()
    if high_clock is not None:
        if low_clock is None:
            return None  # `8-1:30` mixes forms
        low, high = parse_duration_s(low_clock), parse_duration_s(high_clock)
    else:
        if low_clock is not None:
            return None
        low = float(low_number) * DURATION_UNITS[low_unit or high_unit]
        high = float(high_number) * DURATION_UNITS[high_unit]
    return None if low is None or high is None else (low, high)


def is_bare_number(word: str) -> bool:
    return _BARE_NUMBER_RE.fullmatch(word) is not None


def is_integer(word: str) -> bool:
    return _INTEGER_RE.fullmatch(word) is not None


def is_quantity(word: str) -> bool:
    """True for any word that reads as a distance, a duration or a number."""
    return (
        parse_distance_m(word) is not None
        or parse_duration_s(word) is not None
        or parse_duration_range_s(word) is not None
        or is_bare_number(word)
    )


def format_clock(seconds: float) -> str:
    """90 → `1:30`, 3725 → `1:02:05`, 68.25 → `1:08.25`; the form coaches write on whiteboards."""
    if not math.isfinite(seconds):
        return "–"  # nothing the checker lets through; a damaged recording must still display
    negative = seconds < 0
    total_cs = round(abs(seconds) * 100)
    whole, cs = divmod(total_cs, 100)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    if cs:
        text += f".{cs:02d}".rstrip("0")
    return ("-" if negative else "") + text


def format_distance(distance_m: float) -> str:
    """1609.344 → `1mi`, 1500 → `1500m`, 27.432 → `27.4m`."""
    if not math.isfinite(distance_m):
        return "–"
    if abs(distance_m - METRES_PER_MILE) < 1e-6:
        return "1mi"
    if distance_m == int(distance_m):
        return f"{int(distance_m)}m"
    return f"{distance_m:.1f}m"


def format_split(seconds: float) -> str:
    """A measured time, always to the hundredth (how taps are timed): 0.3 → `0:00.30`, 32.1 → `0:32.10`,
    60 → `1:00.00`; the same figure whichever line shows it."""
    if not math.isfinite(seconds):
        return "–"
    whole, cs = divmod(round(abs(seconds) * 100), 100)
    return ("-" if seconds < 0 and (whole or cs) else "") + f"{format_clock(whole)}.{cs:02d}"


def count_of(number: int, noun: str, plural: str | None = None) -> str:
    """`1 athlete`, `2 athletes`, `0 athletes`: a count with its noun in the right number."""
    return f"{number} {noun if number == 1 else plural or noun + 's'}"


JsonValue = object


def tidy_floats(value: JsonValue, places: int = 6) -> JsonValue:
    """A JSON value with every float rounded to `places` decimals (a microsecond, a micrometre): 12.3, not
    12.300000000000001, wherever an export or a plan prints one."""
    if isinstance(value, float):
        return round(value, places) if math.isfinite(value) else value
    if isinstance(value, dict):
        return {k: tidy_floats(v, places) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [tidy_floats(v, places) for v in value]
    return value
