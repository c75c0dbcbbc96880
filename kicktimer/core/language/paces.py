"""Race paces, targets (`@800`, `@5k-2s/400m`, `@68s`, `@3:20/km`) and Riegel estimates."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from kicktimer.core.language.limits import MAX_DISTANCE_M, MAX_DURATION_S
from kicktimer.core.language.quantities import (
    METRES_PER_MILE,
    format_clock,
    parse_distance_m,
    parse_duration_s,
)
from kicktimer.core.language.wording import shorten

RIEGEL_EXPONENT = 1.06

# Canonical race key -> distance. Keys are what `paces` and targets are normalised to.
RACE_DISTANCES_M: dict[str, float] = {
    "400m": 400.0,
    "800m": 800.0,
    "1000m": 1000.0,
    "1500m": 1500.0,
    "mile": METRES_PER_MILE,
    "3k": 3000.0,
    "5k": 5000.0,
    "10k": 10000.0,
    "hm": 21097.5,
    "marathon": 42195.0,
}
_RACE_ALIASES: dict[str, str] = {
    **{name: name for name in RACE_DISTANCES_M},
    "400": "400m",
    "800": "800m",
    "1000": "1000m",
    "1500": "1500m",
    "3000": "3k",
    "3000m": "3k",
    "3km": "3k",
    "5000": "5k",
    "5000m": "5k",
    "5km": "5k",
    "10000": "10k",
    "10000m": "10k",
    "10km": "10k",
}
RACE_LIST_TEXT = "400, 800, 1000, 1500, mile, 3k, 5k, 10k, hm, marathon"


def race_key(name: str) -> str | None:
    """`800`, `800m` → `800m`; `3000`, `3k` → `3k`; None when `name` is not a race of the closed list."""
    return _RACE_ALIASES.get(name)


def written_race_key(name: str) -> str | None:
    """A race as a coach writes it in a list of race times (a file's paces, the squad, a spreadsheet): in any
    case, spaces ignored (5K, Marathon, 10 km). Targets in the workout keep the notation's lower case."""
    return race_key(name.lower().replace(" ", ""))


@dataclass(frozen=True)
class RaceTarget:
    """That athlete's race pace, optionally adjusted by `offset_s_per_m` (seconds per metre)."""

    race: str
    offset_s_per_m: float = 0.0


@dataclass(frozen=True)
class TimeTarget:
    """An absolute time for the whole step."""

    time_s: float


@dataclass(frozen=True)
class PaceTarget:
    """An absolute pace."""

    s_per_m: float


Target = RaceTarget | TimeTarget | PaceTarget


@dataclass(frozen=True)
class Estimate:
    """A per-athlete figure; `estimated` when it came from a Riegel estimate of an unknown race."""

    value: float
    estimated: bool = False


def to_tenth(seconds: float) -> float:
    """A target time as it is shown and compared everywhere: to the tenth, halves up (28.25 → 28.3).
    The rounding to 6 places first drops float noise, so 28.249999999 from a pace times a distance is a half."""
    return math.floor(round(seconds * 10, 6) + 0.5) / 10


def format_target(estimate: Estimate) -> str:
    """The one way a target is written for a coach: `0:28.3`, with `*` when it is a Riegel estimate."""
    return format_clock(estimate.value) + ("*" if estimate.estimated else "")


class TargetSyntaxError(ValueError):
    """A target word that does not read; the message says what would be right."""


_OFFSET_RE = re.compile(r"(?P<race>[a-z0-9]+?)(?P<sign>[+-])(?P<amount>[0-9:.]+s?)/(?P<per>[a-z0-9.]+)")
_PACE_RE = re.compile(r"(?P<time>[0-9:.]+s?)/(?P<per>[a-z0-9.]+)")
TARGET_EXAMPLES = "@800, @5k-2s/400m, @68s, @2:10 or @72s/400m"


def _per_distance_m(text: str, target: str, example: str) -> float | None:
    """The distance after `/`: `400m`, `km`, `mi`, `mile`, `1k`; None when it is not a distance. A distance
    of 0 (`/0m`), or past the longest, is an error that names it."""
    per_m = parse_distance_m(text) if text[:1].isdigit() else parse_distance_m(f"1{text}")
    if per_m is not None and per_m <= 0:
        raise TargetSyntaxError(
            f"@{target}: the distance after / ({shorten(text)}) must be more than 0, like {example}"
        )
    if per_m is not None and per_m > MAX_DISTANCE_M:
        raise TargetSyntaxError(f"@{target}: the distance after / is more than 200 km; write one like {example}")
    return per_m


def _time_s(text: str, target: str, what: str, example: str) -> float | None:
    """A time inside a target (`what`: "a pace"); zero or more than a day is an error, not a target."""
    seconds = parse_duration_s(text)
    if seconds is not None and seconds <= 0:
        raise TargetSyntaxError(f"@{target}: {what} must be more than 0, like {example}")
    if seconds is not None and seconds > MAX_DURATION_S:
        raise TargetSyntaxError(f"@{target}: {shorten(text)} is more than a day; write {what} like {example}")
    return seconds


def parse_target(text: str) -> Target:
    """Parse the text after `@`. Raises TargetSyntaxError with a message naming the fix."""
    if not text:
        raise TargetSyntaxError(f"@ needs a target after it, like {TARGET_EXAMPLES}")
    try:
        return _parse_target(text)
    except TargetSyntaxError as error:
        if text != text.lower() and _reads(text.lower()):  # @5K, @Mile, @800M: the notation is lower case
            raise TargetSyntaxError(
                f"@{shorten(text, 32)}: targets are written in lower case: @{text.lower()}"
            ) from None
        raise TargetSyntaxError(str(error).replace(f"@{text}", f"@{shorten(text, 32)}", 1)) from None


def _reads(text: str) -> bool:
    try:
        _parse_target(text)
    except TargetSyntaxError:
        return False
    return True


def _parse_target(text: str) -> Target:
    key = race_key(text)
    if key is not None:
        return RaceTarget(key)
    offset = _OFFSET_RE.fullmatch(text)
    if offset is not None and race_key(offset["race"]) is not None:
        amount = offset["amount"]
        amount_s = parse_duration_s(amount if amount.endswith("s") or ":" in amount else amount + "s")
        if amount_s is not None and amount_s > MAX_DURATION_S:
            raise TargetSyntaxError(f"@{text}: an offset of more than a day; write seconds, like @5k-2s/400m")
        per_m = _per_distance_m(offset["per"], text, "@5k-2s/400m")
        if amount_s is None or per_m is None:
            raise TargetSyntaxError(f"@{text}: expected an offset like @5k-2s/400m or @mile+1s/200m")
        sign = -1.0 if offset["sign"] == "-" else 1.0
        return RaceTarget(str(race_key(offset["race"])), sign * amount_s / per_m)
    pace = _PACE_RE.fullmatch(text)
    if pace is not None:
        time_s = _time_s(pace["time"], text, "a pace", "@3:20/km")
        per_m = _per_distance_m(pace["per"], text, "@72s/400m")
        if time_s is not None and pace["per"].isdigit():  # @1:08/400: the unit left off
            raise TargetSyntaxError(f"@{text}: did you mean @{pace['time']}/{pace['per']}m?")
        if time_s is None or per_m is None:
            raise TargetSyntaxError(f"@{text}: expected an absolute pace like @72s/400m, @3:20/km or @5:00/mi")
        return PaceTarget(time_s / per_m)
    time_s = _time_s(text, text, "a target time", "@68s")
    if time_s is not None:
        return TimeTarget(time_s)
    head = re.split(r"[+\-/]", text, maxsplit=1)[0]
    if race_key(head) is not None:
        raise TargetSyntaxError(
            f"@{text}: an offset needs a sign, seconds and a distance, like @{head}-2s/400m or @{head}+1s/200m"
        )
    if head.isdigit() or head.endswith(("k", "m")):
        time = f"; a target time is written with its unit, like @{text}s" if text.isdigit() and len(text) < 4 else ""
        raise TargetSyntaxError(f"@{text}: {shorten(head)} is not a race; races are {RACE_LIST_TEXT}{time}")
    raise TargetSyntaxError(f"@{text}: expected a target like {TARGET_EXAMPLES}")


def race_time_s(paces: Mapping[str, float], race: str) -> Estimate | None:
    """The athlete's time for `race`: known, or Riegel-estimated from the nearest known race (distance ratio)."""
    if race in paces:
        return Estimate(paces[race])
    if not paces:
        return None
    distance_m = RACE_DISTANCES_M[race]
    # Nearest by |log ratio|; on a tie the shorter race wins (deterministic, and closer in energy system).
    known = min(paces, key=lambda k: (abs(math.log(distance_m / RACE_DISTANCES_M[k])), RACE_DISTANCES_M[k]))
    known_m = RACE_DISTANCES_M[known]
    return Estimate(paces[known] * (distance_m / known_m) ** RIEGEL_EXPONENT, estimated=True)


def pace_s_per_m(target: Target, paces: Mapping[str, float]) -> Estimate | None:
    """Seconds per metre this target asks of an athlete; None for absolute times or unknown paces."""
    if isinstance(target, PaceTarget):
        return Estimate(target.s_per_m)
    if isinstance(target, TimeTarget):
        return None
    race = race_time_s(paces, target.race)
    if race is None:
        return None
    return Estimate(race.value / RACE_DISTANCES_M[target.race] + target.offset_s_per_m, race.estimated)


def target_time_s(target: Target, distance_m: float, paces: Mapping[str, float]) -> Estimate | None:
    """The target time for a step of `distance_m` for one athlete."""
    if isinstance(target, TimeTarget):
        return Estimate(to_tenth(target.time_s))
    pace = pace_s_per_m(target, paces)
    if pace is None:
        return None
    return Estimate(to_tenth(pace.value * distance_m), pace.estimated)


def parse_race_time_s(text: str) -> float | None:
    """A race time as written in `paces`: `2:08`, `4:22.5`, `1:02:30`, or plain seconds `52.3`; None unless it
    is more than 0 and at most a day."""
    seconds = float(text) if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text) else parse_duration_s(text)
    return seconds if seconds is not None and 0 < seconds <= MAX_DURATION_S else None


# The men's world records (2025): a race time faster than these is a typing mistake, not a race.
WORLD_RECORD_S: dict[str, float] = {
    "400m": 43.03, "800m": 100.91, "1000m": 131.96, "1500m": 206.0, "mile": 223.13, "3k": 437.55, "5k": 755.36,
    "10k": 1571.0, "hm": 3402.0, "marathon": 7235.0,
}  # fmt: skip
WALKING_S_PER_M = 0.9  # 4 km/h: a race time slower than walking the distance is a typing mistake too


def race_time_problem(race: str, seconds: float, written: str) -> str | None:
    """Why a race time cannot be what the coach meant (faster than the world record, slower than walking), with
    the likely meaning when one reads ("2:49" for a marathon: did you mean 2:49:00?); None when it is plausible."""
    fastest, slowest = WORLD_RECORD_S[race], RACE_DISTANCES_M[race] * WALKING_S_PER_M
    if fastest <= seconds <= slowest:
        return None
    shifted = seconds * 60 if seconds < fastest else seconds / 60  # minutes meant as hours, or the other way
    guesses = (parse_race_time_s(written.replace(".", ":")), shifted)  # 16.40 typed for 16:40
    likely = next((g for g in guesses if g is not None and g != seconds and fastest <= g <= slowest), None)
    name = "half marathon" if race == "hm" else race
    if seconds < fastest:
        why = f"faster than the {name} world record ({format_clock(fastest)})"
    else:
        why = f"slower than walking it ({format_clock(round(slowest))} for the {name})"
    hint = f"did you mean {format_clock(likely)}?" if likely else "write it like 2:08, 4:22.5 or 1:02:30"
    return f'"{written}" is {why}: {hint}'


def parse_paces_text(text: str) -> dict[str, float]:
    """`800m 2:08, 5k 16:40` (a coach typing into the roster) → {race: seconds}; ValueError says what is wrong."""
    paces: dict[str, float] = {}
    written: dict[str, str] = {}  # each race as first written, to name it when it comes again
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        words = part.split()
        if len(words) != 2:
            raise ValueError(f'"{part}": write a race and its time, like 800m 2:08')
        key, seconds = written_race_key(words[0]), parse_race_time_s(words[1])
        if key is None:
            raise ValueError(f'"{words[0]}": not a race; races are {RACE_LIST_TEXT}')
        if key in written:
            raise ValueError(f'"{words[0]}" is the same race as "{written[key]}": give each race once')
        written[key] = words[0]
        if seconds is None:
            raise ValueError(f'"{words[1]}": expected a time like 2:08 or 1:02:30 (more than 0, at most a day)')
        problem = race_time_problem(key, seconds, words[1])
        if problem is not None:
            raise ValueError(problem)
        paces[key] = seconds
    return paces


def format_paces(paces: Mapping[str, float]) -> str:
    return ", ".join(f"{race} {format_clock(seconds)}" for race, seconds in paces.items())
