"""A watch workout (steps and repeats, one athlete's targets) written back in kicktimer's notation.

The way a watch must write `3x(a) R5:00` (`2x(a, R5:00), a`) is read back as `3x(a) R5:00`; a recovery made of
work is a recovery set `R(…)`; steps with a `+ ` name are the gear changes of one rep; a hold starts a block.
Targets become absolute (`@0:32` for a distance, `@3:20/km` for a duration): the file holds one athlete's speeds.
Names are trusted only for their words (labels, gears): every quantity comes from the step's own values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kicktimer.core.language.intensity import Intensity
from kicktimer.core.language.quantities import (
    METRES_PER_MILE,
    METRES_PER_YARD,
    format_clock,
    parse_distance_m,
    parse_duration_s,
)
from kicktimer.core.language.watch import WatchItem, WatchRepeat, WatchStep, unroll

CENTIMETRE = 0.006  # half a centimetre and a little: FIT rounds distances to the centimetre
KEYWORDS = frozenset({"x", "X", "×", "open", "rest", "r", "R"})
_WORD = re.compile(r"[^\W\d_][\w'-]*")
_TITLE = re.compile(r"[A-Za-z][^:#\n]*")
_COUNT = re.compile(r"(\d+) ([^\W\d_][\w' -]*)")
DEFAULT_TITLES: dict[Intensity, str] = {"warmup": "Warm-up", "cooldown": "Cool-down", "active": "Main set",
                                        "rest": "Main set"}  # fmt: skip


@dataclass(frozen=True)
class Line:
    title: str | None
    text: str

    def __str__(self) -> str:
        return f"{self.title}: {self.text}" if self.title else self.text


def _distance_text(metres: float) -> str:
    """`200m`, `mile`, `2mi`, `1.5mi`, `30yd` (a FIT file keeps centimetres: 1609.34 is a mile); a distance in
    miles is said in miles, not as the yards it also is (3218.69 is 2mi, not 3520yd)."""
    if abs(metres - METRES_PER_MILE) < CENTIMETRE:
        return "mile"
    for unit, size in (("m", 1.0), ("mi", METRES_PER_MILE / 2), ("yd", METRES_PER_YARD)):
        count = round(metres / size)
        if count > 0 and abs(metres - count * size) < CENTIMETRE:
            return f"{count / 2:g}mi" if unit == "mi" else f"{count}{unit}"
    return f"{metres:.3f}".rstrip("0").rstrip(".") + "m"


def _duration_text(seconds: float, recovery: bool = False) -> str:
    """`10s`, `15min` (a long run), `1:30`, `R2:00` (recoveries read as clocks)."""
    if float(seconds).is_integer() and seconds < 60:
        return f"{round(seconds)}s"
    if not recovery and seconds >= 300 and seconds % 60 == 0:
        return f"{round(seconds) // 60}min"
    return format_clock(seconds)


def _words(name: str) -> list[str]:
    """The label words of a step's name: no quantities, no targets, no keywords, no arrows."""
    tokens = name.removeprefix("+ ").split()
    if tokens and tokens[0] in ("R", "Rest"):
        tokens = tokens[1:]
    if tokens and (parse_distance_m(tokens[0]) is not None or parse_duration_s(tokens[0]) is not None):
        tokens = tokens[1:]
    return [t for t in tokens if _WORD.fullmatch(t) and t not in KEYWORDS]


def _quantity(step: WatchStep) -> str:
    if step.ends == "distance" and step.distance_m:
        return _distance_text(step.distance_m)
    if step.ends == "time" and step.duration_s:
        return _duration_text(step.duration_s, step.phase == "recovery")
    count = _COUNT.fullmatch(step.name.removeprefix("+ "))
    return count.group(0) if count and step.phase == "work" else "open"


def _target(step: WatchStep) -> str:
    speed = step.speed_m_s[0] if step.speed_m_s else None
    if speed is None or speed <= 0 or step.phase != "work":
        return ""
    if step.ends == "distance" and step.distance_m:
        return f" @{format_clock(round(step.distance_m / speed, 2))}"
    if step.ends == "time":
        return f" @{format_clock(round(1000 / speed, 1))}/km"
    return ""  # the notation has no target for an open step


def step_text(step: WatchStep) -> str:
    """`200m kick @0:29`, `10 pogo jumps`, `15min jog`."""
    quantity = _quantity(step)
    words = [] if _COUNT.fullmatch(quantity) else _words(step.name)
    return " ".join([quantity, *words]) + _target(step)


def recovery_text(step: WatchStep) -> str:
    """`r1:00`, `r open walk down`, `r200m jog`."""
    quantity = _quantity(step)
    words = " ".join(_words(step.name))
    head = "r open" if quantity == "open" else f"r{quantity}"
    return f"{head} {words}".strip()


def _rest_text(step: WatchStep) -> str:
    return "rest " + recovery_text(step).removeprefix("r").strip()


@dataclass(frozen=True)
class _Unit:
    """One item of a group as text: a rep, a repeat (and its recovery), or a `rest`."""

    text: str
    recovery: str | None = None  # a repeat's recovery (`r1:00`, `R(…)`), or a rest's as a recovery
    rest: bool = False

    def __str__(self) -> str:
        if self.rest:
            return "rest " + (self.recovery or "").removeprefix("r").strip()
        return f"{self.text} {self.recovery}" if self.recovery else self.text


def _units(items: list[WatchItem]) -> list[_Unit]:
    """The items of a group: reps (`a + b`), `rest …`, repeats with their recovery."""
    units: list[_Unit] = []
    k = 0
    while k < len(items):
        item = items[k]
        if isinstance(item, WatchRepeat):
            unit, used = _repeat(item, items[k + 1 :])
            units.append(unit)
            k += 1 + used
            continue
        if item.phase == "recovery":
            units.append(_Unit("", recovery_text(item), rest=True))
        elif item.joined and units and not units[-1].rest and units[-1].recovery is None:
            units[-1] = _Unit(f"{units[-1].text} + {step_text(item)}")
        else:
            units.append(_Unit(step_text(item)))
        k += 1
    return units


def _join(units: list[_Unit]) -> str:
    """Units as a group's text; reps with the same recovery between all of them (and inside every repeat)
    read as one group with that recovery: `(200m, 300m, 400m) r30s`, `(2x20m sprint, 2x40m sprint) r open`."""
    items, rests = units[0::2], units[1::2]
    shared = {u.recovery for u in rests}
    if len(units) >= 3 and len(units) % 2 and all(u.rest for u in rests) and not any(u.rest for u in items):
        recovery = shared.pop() if len(shared) == 1 else None
        if recovery and all(u.recovery in (None, recovery) and (u.recovery or "x" not in u.text) for u in items):
            return f"({', '.join(u.text for u in items)}) {recovery}"
    return ", ".join(str(u) for u in units)


def _group(items: list[WatchItem]) -> str:
    """A repeat's body: bare when it is one step (`8x400m @1:10`), in parentheses otherwise."""
    if len(items) == 1 and isinstance(items[0], WatchStep) and items[0].phase == "work":
        return step_text(items[0])
    return f"({', '.join(str(u) for u in _units(items))})"


def _repeat(item: WatchRepeat, following: list[WatchItem]) -> tuple[_Unit, int]:
    """The repeat as text and how many of the following items it took: `2x(a, gap), a` reads as `3x(a) gap`."""
    body = list(item.body)
    for m in range(len(body) - 1, 0, -1):  # body[m:] is the recovery between passes, not after the last
        after = following[m] if m < len(following) else None
        splits_a_rep = any(isinstance(i, WatchStep) and i.joined for i in (after, body[m]))
        work = any(isinstance(i, WatchRepeat) or i.phase == "work" for i in body[:m])
        rests = any(s.phase == "recovery" for s in unroll(body[m:]))  # work alone could be the next reps
        if following[:m] == body[:m] and work and rests and not splits_a_rep:
            gap, text = body[m:], f"{item.count + 1}x{_group(body[:m])}"
            if len(gap) == 1 and isinstance(gap[0], WatchStep) and gap[0].phase == "recovery":
                return _Unit(text, recovery_text(gap[0])), m
            return _Unit(text, f"R({_join(_units(gap))})"), m
    return _Unit(f"{item.count}x{_group(body)}"), 0


def _first(item: WatchItem) -> WatchStep:
    while isinstance(item, WatchRepeat):
        item = item.body[0]
    return item


def _part(item: WatchItem) -> Intensity | None:
    """Which part of a session an item belongs to; None for a recovery, which belongs to the part it is in."""
    first = _first(item)
    if first.phase == "recovery":
        return None
    return first.intensity if first.intensity in ("warmup", "cooldown") else "active"


def to_lines(items: list[WatchItem]) -> list[Line]:
    """The workout as lines of notation: a hold starts a line (its name is the title, and the first line's title
    is its first step's note); a workout with neither (one made in Garmin Connect) gets a line per run of
    warm-up, main set and cool-down steps."""
    marked = any(isinstance(i, WatchStep) and (i.is_hold or i.note) for i in items)
    blocks: list[tuple[str | None, list[WatchItem]]] = []
    for item in items:
        if isinstance(item, WatchStep) and item.is_hold:
            blocks.append((item.name, []))
            continue
        part = _part(item)
        if not blocks:
            blocks.append((_first(item).note or None, []))
        elif not marked and part is not None and part != next((p for i in blocks[-1][1] if (p := _part(i))), part):
            blocks.append((None, []))
        blocks[-1][1].append(item)
    lines = []
    for title, body in blocks:
        if not body:
            continue
        title = title or DEFAULT_TITLES[next((p for i in body if (p := _part(i))), "active")]
        lines.append(Line(title if _TITLE.fullmatch(title) else None, _join(_units(body))))
    return lines
