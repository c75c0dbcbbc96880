"""The squad: each athlete once, with dated race times (the newest of each race counts; the older ones are kept as
history), optional groups and an optional key preference (1-9); today's athletes picked from it and given keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Literal

from kicktimer.core.language.paces import parse_paces_text, race_key
from kicktimer.core.language.plan import Athlete
from kicktimer.core.language.roster import name_key

MAX_ATHLETES = 9  # keys 1-9
Mark = Literal["skip", "repeat"]


@dataclass(frozen=True)
class RaceTime:
    race: str  # canonical race key: 800m, 5k…
    time_s: float
    on: date | None = None  # when it was run; an undated time counts as older than every dated one


@dataclass(frozen=True)
class StageMark:
    """A coach's word on a progression stage: `skip` counts it as done without running it, `repeat` proposes it
    again. `at` is aware (a mark written with a date only counts at the end of that day)."""

    progression: str
    stage: int
    mark: Mark
    at: datetime


@dataclass(frozen=True)
class SquadAthlete:
    name: str
    times: tuple[RaceTime, ...] = ()  # as written: the history
    groups: tuple[str, ...] = ()
    key: int | None = None  # the key (1-9) they would like, when it is free
    marks: tuple[StageMark, ...] = ()

    @property
    def paces(self) -> dict[str, float]:
        return newest_paces(self.times)

    @property
    def athlete(self) -> Athlete:
        return Athlete(self.name, self.paces)


@dataclass(frozen=True)
class Squad:
    athletes: tuple[SquadAthlete, ...] = ()

    def find(self, name: str) -> SquadAthlete | None:
        """The athlete of that name (name_key: ignoring case, the spaces around it and how it is composed)."""
        return next((a for a in self.athletes if name_key(a.name) == name_key(name)), None)

    def did_you_mean(self, name: str) -> str:
        """`did you mean Zoë?` when `name` is nobody's but differs from a name only by accents; else empty."""
        return did_you_mean([a.name for a in self.athletes], name)

    @property
    def groups(self) -> tuple[str, ...]:
        """Every group, in the order it first appears."""
        return tuple(dict.fromkeys(g for a in self.athletes for g in a.groups))

    def members(self, group: str) -> tuple[SquadAthlete, ...]:
        return tuple(a for a in self.athletes if group in a.groups)


_NOT_DECOMPOSED = str.maketrans({"ø": "o", "ł": "l", "đ": "d", "ð": "d", "æ": "ae", "œ": "oe", "ı": "i"})


def alike_key(name: str) -> str:
    """What two names a coach could mean as one share: the letters, ignoring case, spacing and the accents of the
    Latin, Greek and Cyrillic alphabets ("Zoe  ng" and "Zoë Ng"); the marks other scripts spell with are kept."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f").translate(_NOT_DECOMPOSED)
    return unicodedata.normalize("NFC", " ".join(bare.split()))


def written_name(name: str) -> str:
    """A new name as the squad writes it: composed (NFC), without spaces around it."""
    return unicodedata.normalize("NFC", name.strip())


def did_you_mean(names: Sequence[str], typed: str) -> str:
    """`did you mean Zoë?` (`did you mean Zoë or Zoé?`) naming the names that differ from `typed` only by accents,
    case or spacing; empty when there are none, or when one of them is `typed` itself (name_key)."""
    if any(name_key(name) == name_key(typed) for name in names):
        return ""
    alike = list(dict.fromkeys(name for name in names if alike_key(name) == alike_key(typed)))
    if not alike:
        return ""
    return f"did you mean {', '.join(alike[:-1])} or {alike[-1]}?" if len(alike) > 1 else f"did you mean {alike[0]}?"


def future_date_problem(on: date, today: date) -> str | None:
    """A race time dated after today is a typing slip: it would count as the newest until that day."""
    if on <= today:
        return None
    return f"{on.isoformat()} is after today ({today.isoformat()}): a race time is dated the day it was run"


def _newest_key(indexed: tuple[int, RaceTime]) -> tuple[date, int]:
    index, time = indexed
    return (time.on or date.min, index)  # undated first; then by date; then as written


def newest_paces(times: Iterable[RaceTime]) -> dict[str, float]:
    """Each race's newest time (on the same date, or undated, the one written last)."""
    paces: dict[str, float] = {}
    for _, time in sorted(enumerate(times), key=_newest_key):
        paces[time.race] = time.time_s
    return paces


def history_order(times: Iterable[RaceTime]) -> list[RaceTime]:
    """Oldest first, as `newest_paces` reads them."""
    return [time for _, time in sorted(enumerate(times), key=_newest_key)]


@dataclass(frozen=True)
class Today:
    """Today's athletes in key order (key 1 first), and what the coach should know about the keys."""

    athletes: tuple[SquadAthlete, ...]
    notes: tuple[str, ...] = ()
    problem: str | None = None  # too many, or a name not in the squad: Start stays off

    @property
    def roster(self) -> tuple[Athlete, ...]:
        return tuple(a.athlete for a in self.athletes)


def pick_today(squad: Squad, names: Sequence[str]) -> Today:
    """The athletes named, in key order: each gets the key they prefer when it is among 1..n and free (squad
    order breaks a tie), the others the lowest free keys in squad order. More than nine cannot run at once."""
    picked, missing = [], []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        athlete = squad.find(name)
        (missing.append(name) if athlete is None else picked.append(athlete))
    if missing:
        return Today((), problem=f"not in the squad: {', '.join(missing)}")
    if len(picked) > MAX_ATHLETES:
        return Today((), problem=f"{len(picked)} athletes ticked: at most {MAX_ATHLETES} run at once (one per key "
                                 f"1-{MAX_ATHLETES}); untick {len(picked) - MAX_ATHLETES}")  # fmt: skip
    picked.sort(key=squad.athletes.index)
    slots: dict[int, SquadAthlete] = {}
    for athlete in picked:
        if athlete.key is not None and athlete.key <= len(picked) and athlete.key not in slots:
            slots[athlete.key] = athlete
    notes = []
    free = (k for k in range(1, len(picked) + 1) if k not in slots)
    for athlete in (a for a in picked if a not in slots.values()):
        key = next(free)
        slots[key] = athlete
        if athlete.key is not None:
            notes.append(f"{athlete.name} has key {key} today (key {athlete.key} is {_taken(slots, athlete.key)})")
    return Today(tuple(slots[k] for k in sorted(slots)), tuple(notes))


def _taken(slots: dict[int, SquadAthlete], key: int) -> str:
    return f"{slots[key].name}'s" if key in slots else "beyond today's athletes"


@dataclass(frozen=True)
class Entry:
    """A line as a coach says it: `Ana 800m 2:06, 5k 16:40, 2026-12-05` (a name, race times, when)."""

    name: str
    times: tuple[RaceTime, ...] = field(default=())


_DATE_RE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


def parse_date(text: str) -> date:
    """`2026-12-05`; ValueError says what would be right."""
    try:
        if _DATE_RE.fullmatch(text.strip()):
            return date.fromisoformat("-".join(f"{int(p):02d}" for p in text.strip().split("-")))
    except ValueError:
        pass
    raise ValueError(f'"{text.strip()}": expected a date like 2026-12-05 (year-month-day)')


def parse_entry(text: str, today: date) -> Entry:
    """`Ana 800m 2:06, 2026-12-05` → Ana with that time, dated (today when no date is written); ValueError with
    what is wrong and what would be right."""
    parts = [p.strip() for p in text.split(",") if p.strip()]
    dates = [p for p in parts if " " not in p and p[:1].isdigit() and race_key(p.lower()) is None]
    if len(dates) > 1:
        raise ValueError(f"one date per line, not {' and '.join(dates)}; add the other times on a line of their own")
    when = parse_date(dates[0]) if dates else today
    problem = future_date_problem(when, today)
    if problem is not None:
        raise ValueError(problem)
    parts = [p for p in parts if p not in dates]
    if not parts:
        raise ValueError('write a name first, like "Ana 800m 2:06, 2026-12-05"')
    words = parts[0].split()
    at = next((i for i, word in enumerate(words) if word[:1].isdigit() or race_key(word.lower())), len(words))
    name = " ".join(words[:at])
    if not name:
        raise ValueError(f'"{parts[0]}": write the athlete\'s name before the race times, like "Ana 800m 2:06"')
    paces = parse_paces_text(", ".join([" ".join(words[at:]), *parts[1:]]))
    return Entry(name, tuple(RaceTime(race, seconds, when) for race, seconds in paces.items()))
