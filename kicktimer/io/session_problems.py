"""What is wrong with a file's values, at their place: pydantic's validation errors (`settings.countdown_s: must
be at most 30`, `unknown key "setings": did you mean settings?`) and the roster's sense (two names the same,
race times no one runs)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from kicktimer.core.language.paces import parse_race_time_s, race_time_problem, written_race_key
from kicktimer.core.language.roster import same_names
from kicktimer.core.language.wording import shorten
from kicktimer.io.session_models import fields_at
from kicktimer.io.source_map import LineIndex
from kicktimer.io.yaml_errors import WRITE_WORKOUT
from kicktimer.io.yaml_source import Document


def validation_problems(
    error: ValidationError, document: Document, keys_at: Callable[[tuple[Any, ...]], list[str]] = fields_at
) -> list[tuple[int, str]]:
    """Each of pydantic's errors as (character index, message), reported once: a misspelt key is not also a
    missing one (the close keys from `keys_at`: a session file's, unless another file's are given)."""
    errors = error.errors(include_url=False)
    extras = {tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"}
    problems: list[tuple[int, str]] = []
    for e in errors:
        loc = tuple(e["loc"])
        parent, key = loc[:-1], loc[-1] if loc else ""
        if e["type"] == "missing":
            near = [x[-1] for x in extras if x[:-1] == parent and difflib.get_close_matches(str(x[-1]), [str(key)])]
            if near:
                continue  # reported once, as the misspelt key
            problems.append((document.index_of(parent), f"missing key: {_dotted((*parent, key))}"))
            continue
        if e["type"] == "extra_forbidden":
            allowed = keys_at(parent)
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]}?" if close else f"known keys here: {', '.join(allowed)}"
            problems.append((document.index_of(loc), f'unknown key "{shorten(str(key), 40)}": {hint}'))
            continue
        is_key = bool(loc) and loc[-1] == "[key]"
        if is_key:
            loc = loc[:-1]
        written = _written_problem(e, loc, document)
        if written is not None:  # at the key: what to write goes after it
            problems.append((document.index_of(loc), f"{_dotted(loc)}: {written}"))
        else:
            problems.append((document.index_of(loc, value=not is_key), f"{_dotted(loc)}: {_reason(e)}"))
    return problems


# What to write after a key left empty (`name:`), per key of a session file and the squad file.
_WRITE_AFTER = {
    "name": 'write the name after "name:"',
    "workout": WRITE_WORKOUT,
    "paces": 'write the race times after "paces:", like paces: {800m: "2:08"}, or leave paces: out',
    "athletes": 'write the athletes below "athletes:", like - name: Ana, or leave athletes: out',
    "settings": 'write the settings below "settings:", like countdown_s: 5, or leave settings: out',
    "times": 'write the race times below "times:", like - {race: 800m, time: "2:08"}, or leave times: out',
    "groups": 'write the groups after "groups:", like groups: [800 group], or leave groups: out',
    "stages": 'write the marks below "stages:", or leave stages: out',
}
_ABSENT = object()


def _written_problem(e: Mapping[str, Any], loc: tuple[Any, ...], document: Document) -> str | None:
    """What to write when a value is empty (`name:`, `name: ""`), or when the workout is not text (a mapping:
    its lines were read as keys because `|` is missing after `workout:`); None for any other mistake."""
    key = loc[-1] if loc else ""
    write = _WRITE_AFTER.get(str(key), f'write a value after "{key}:"')
    if isinstance(key, int):
        write = 'write the item after its "-", or delete the "-"'
    elif len(loc) > 1 and loc[-2] == "paces":
        write = f'write the race time after "{shorten(str(key))}:", in quotes ("m:ss" or "h:mm:ss")'
    value = _value_at(document.data, loc)
    if value is None or (e["type"] == "string_too_short" and value == ""):
        return f"empty: {write}"
    if loc == ("workout",) and not isinstance(value, str):
        return f"the workout is text: {write}"
    return None


def joined_workout(document: Document, lines: LineIndex) -> tuple[int, str] | None:
    """When the workout is written over several lines but not after `|`, YAML joins them into one line: said at
    `workout:` (its problems are then those of the joined line, not the ones the coach wrote), or None."""
    span, value = document.scalars.get(("workout",)), document.data.get("workout")
    if span is None or span.style == "|" or not isinstance(value, str):
        return None
    written = lines.text[span.start : span.end].split("\n", 1 if span.style == ">" else 0)[-1]
    written_lines, read_lines = (sum(1 for t in x.splitlines() if t.strip()) for x in (written, value))
    if not 0 < read_lines < written_lines:
        return None
    message = f"workout: its {written_lines} lines are read as {read_lines} (YAML joins the lines of a value"
    return document.index_of(("workout",)), f"{message} not written after |); {WRITE_WORKOUT}"


def _value_at(data: Any, loc: tuple[Any, ...]) -> Any:
    """The value written at `loc`, or _ABSENT."""
    for part in loc:
        if (isinstance(data, dict) and part in data) or (
            isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data)
        ):
            data = data[part]
        else:
            return _ABSENT
    return data


def _dotted(loc: tuple[Any, ...]) -> str:
    dotted = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "session"
    return shorten(dotted, 60)


def _reason(e: Mapping[str, Any]) -> str:
    kind, ctx = e["type"], e.get("ctx", {})
    if kind == "value_error":
        return str(ctx.get("error", e["msg"]))
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}"
    if kind.startswith("bool"):
        return "expected true or false"
    if kind == "finite_number":
        return "expected a number, like 3 (not infinite)"
    if kind.startswith(("float", "int")):
        return "expected a number, like 3"
    if kind == "string_too_long":
        return f"at most {ctx.get('max_length')} characters; keep it short"
    if kind == "string_too_short":
        return "must not be empty"
    if kind.startswith("string"):
        return "expected text; use quotes if it starts with a special character"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        return f"must be {bound} {ctx.get('ge', ctx.get('le')):g}"
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} (one per key 1-9)"
    if kind in ("list_type", "dict_type", "model_type"):
        return {
            "list_type": "expected a list (lines starting with -)",
            "dict_type": 'expected a mapping like {800m: "2:08"}',
            "model_type": "expected a mapping of keys",
        }[kind]
    return str(e["msg"])


def roster_problems(document: Document, lines: LineIndex) -> list[tuple[int, str]]:
    """Names that are the same ignoring case, and race times no one runs ("marathon: '2:49'"), as (character
    index, message): the roster of a file that validated."""
    problems: list[tuple[int, str]] = []
    athletes = document.data.get("athletes") or []
    names = [str(athlete.get("name", "")) for athlete in athletes]
    for first, second in same_names(names):
        earlier, _ = lines.place(document.index_of(("athletes", first, "name"), value=True))
        message = (f'athletes[{second}].name: "{shorten(names[second], 40)}" is the same name as '
                   f'"{shorten(names[first], 40)}" (line {earlier}); give each athlete a different name')  # fmt: skip
        problems.append((document.index_of(("athletes", second, "name"), value=True), message))
    for index, athlete in enumerate(athletes):
        problems += _paces_problems(document, lines, index, athlete.get("paces") or {})
    return problems


def _paces_problems(document: Document, lines: LineIndex, index: int, paces: dict[Any, Any]) -> list[tuple[int, str]]:
    """One athlete's race times: each race once, however it is spelt (800m and 800, 5k and 5K), and times
    someone could run."""
    problems: list[tuple[int, str]] = []
    first_written: dict[str, Any] = {}
    for written_race, written in paces.items():
        race = written_race_key(str(written_race))
        path = ("athletes", index, "paces", written_race)
        if race is not None and race in first_written:
            earlier = document.index_of(("athletes", index, "paces", first_written[race]))
            line, col = lines.place(earlier)
            problems.append((document.index_of(path), f'athletes[{index}].paces: "{shorten(str(written_race))}" is the '
                             f'same race as "{shorten(str(first_written[race]))}" (at {line}:{col}); give each race '
                             "once"))  # fmt: skip
            continue
        if race is not None:
            first_written[race] = written_race
        seconds = parse_race_time_s(written.strip()) if isinstance(written, str) else None
        problem = None if race is None or seconds is None else race_time_problem(race, seconds, written.strip())
        if problem is not None:
            problems.append((document.index_of(path, value=True), f"athletes[{index}].paces.{written_race}: {problem}"))
    return problems
