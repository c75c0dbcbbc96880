"""Load `*.session.yaml`: ruamel.yaml (round-trip, so `2:08` stays text and every node knows its line) →
pydantic → notation → plan. Every error comes back as `file:line:col: message`, never a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from kicktimer.core.language.notation import NotationError, parse_workout
from kicktimer.core.language.paces import parse_race_time_s, race_key, race_time_problem
from kicktimer.core.language.plan import Athlete, Plan, Settings, TargetError, build_plan
from kicktimer.core.language.roster import same_names
from kicktimer.core.language.wording import printable
from kicktimer.io.session_models import SessionModel, fields_at
from kicktimer.io.source_map import LineIndex, WorkoutPlaces
from kicktimer.io.yaml_source import MAX_FILE_BYTES, SourceError, decode, reworded, scan, unreadable_characters

SESSION_SUFFIX = ".session.yaml"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file; line and col are 1-based, 0 only when the file cannot be opened at all."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}: {self.message}"
        return f"{self.file}: {self.message}"


class SessionFileError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Session:
    path: Path | None
    name: str
    about: str | None
    source: str | None
    workout: str
    plan: Plan
    source_text: str  # the whole file, kept in recordings so they stand alone


def with_athletes(session: Session, athletes: tuple[Athlete, ...], settings: Settings | None = None) -> Session:
    """The same session with another roster (and settings): every target is worked out again. Raises
    SessionFileError when a target comes out at zero or less for someone in that roster."""
    try:
        plan = build_plan(session.name, parse_workout(session.workout), athletes, settings or session.plan.settings)
    except TargetError as error:
        label = str(session.path) if session.path is not None else session.name
        _, places = _read_yaml(session.source_text, label)
        problems = [_problem(label, *places(line, col), message) for line, col, message in error.problems]
        raise SessionFileError(problems) from None
    return replace(session, plan=plan)


def load_session(path: Path) -> Session:
    """Read and validate a session file; raises SessionFileError listing every problem found."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise SessionFileError([Problem(str(path), 0, 0, f"cannot read this file: {reason}")]) from None
    try:
        text = decode(data)
    except SourceError as error:
        place = LineIndex(error.text or "").place(error.index)
        raise SessionFileError([_problem(str(path), *place, error.message)]) from None
    return parse_session(text, str(path), path)


def parse_session(text: str, label: str, path: Path | None = None) -> Session:
    text = text.removeprefix("\ufeff")
    data, places = _read_yaml(text, label)
    problems: list[Problem] = []
    model: SessionModel | None = None
    try:
        model = SessionModel.model_validate(dict(data))
    except ValidationError as error:
        problems.extend(_validation_problems(error, data, label))
    workout = None
    if isinstance(data.get("workout"), str):  # report the workout's own errors even when the rest is wrong
        try:
            workout = parse_workout(str(data["workout"]))
        except NotationError as error:
            problems.extend(_problem(label, *places(p.line, p.col), p.message) for p in error.problems)
    if model is not None:
        problems.extend(_roster_problems(data, model, label))
    if problems or model is None or workout is None:
        raise SessionFileError(sorted(problems, key=lambda p: (p.line, p.col)))
    athletes = tuple(Athlete(a.name, dict(a.paces)) for a in model.athletes)
    settings = Settings(**model.settings.model_dump())
    try:
        plan = build_plan(model.name, workout, athletes, settings)
    except TargetError as error:
        problems = [_problem(label, *places(line, col), message) for line, col, message in error.problems]
        raise SessionFileError(problems) from None
    return Session(path, model.name, model.about, model.source, model.workout, plan, text)


def _roster_problems(data: CommentedMap, model: SessionModel, label: str) -> list[Problem]:
    """Names that are the same ignoring case, and race times no one runs ("marathon: '2:49'"), at their place."""
    problems = []
    names = [athlete.name for athlete in model.athletes]
    for first, second in same_names(names):
        line, col = _place(data, ("athletes", second), "name", value=True)
        earlier, _ = _place(data, ("athletes", first), "name", value=True)
        problems.append(Problem(label, line, col, f'athletes[{second}].name: "{names[second]}" is the same name as '
                                f'"{names[first]}" (line {earlier}); give each athlete a different name'))  # fmt: skip
    for index, athlete in enumerate(data.get("athletes") or []):
        paces = athlete.get("paces") if isinstance(athlete, CommentedMap) else None
        for written_race, written in paces.items() if isinstance(paces, CommentedMap) else ():
            race = race_key(str(written_race))
            seconds = parse_race_time_s(written.strip()) if isinstance(written, str) else None
            problem = None if race is None or seconds is None else race_time_problem(race, seconds, written.strip())
            if problem is not None:
                line, col = _place(data, ("athletes", index, "paces"), written_race, value=True)
                problems.append(Problem(label, line, col, f"athletes[{index}].paces.{written_race}: {problem}"))
    return problems


Places = Callable[[int, int], tuple[int, int]]


def _read_yaml(text: str, label: str) -> tuple[CommentedMap, Places]:
    """The document as ruamel's round-trip mapping, and where each (line, col) of its workout is in the file;
    raises SessionFileError for anything that is not a readable mapping."""
    lines = LineIndex(text)

    def fail(index: int, message: str) -> SessionFileError:
        return SessionFileError([_problem(label, *lines.place(index), message)])

    if len(text) > MAX_FILE_BYTES:
        raise fail(0, f"this file is {len(text):,} characters; a session file is at most {MAX_FILE_BYTES:,}")
    unreadable = unreadable_characters(text)
    if unreadable:
        raise SessionFileError([_problem(label, *lines.place(p.index), p.message) for p in unreadable])
    try:
        span = scan(_yaml(), text)
        data = _yaml().load(text)
    except SourceError as error:
        raise fail(error.index, error.message) from None
    except MarkedYAMLError as error:
        problem = reworded(error, text)
        raise fail(problem.index, problem.message) from None
    except (YAMLError, TypeError, ValueError, AttributeError, KeyError, RecursionError) as error:
        # Nothing the events pass lets through should get here; if it does, still one line, never a traceback.
        raise fail(0, f"YAML: this file cannot be read ({type(error).__name__}: {error})") from None
    if not isinstance(data, CommentedMap):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise fail(0, f"found {found}; a session is a mapping with at least name: and workout: |")
    if span is not None and isinstance(data.get("workout"), str):
        return data, WorkoutPlaces(str(data["workout"]), span, lines).place
    return data, lambda line, col: _place(data, (), "workout", value=True)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml


def _problem(label: str, line: int, col: int, message: str) -> Problem:
    """A Problem whose message is one line of printable text, whatever text of the file it quotes."""
    return Problem(label, line, col, printable(" ".join(message.split())))


def _validation_problems(error: ValidationError, data: CommentedMap, label: str) -> list[Problem]:
    errors = error.errors(include_url=False)
    extras = {tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"}
    problems: list[Problem] = []
    for e in errors:
        loc = tuple(e["loc"])
        parent, key = loc[:-1], loc[-1] if loc else ""
        if e["type"] == "missing":
            near = [x[-1] for x in extras if x[:-1] == parent and difflib.get_close_matches(str(x[-1]), [str(key)])]
            if near:
                continue  # reported once, as the misspelt key
            line, col = _place(data, parent, None)
            where = "".join(f"{p}." if isinstance(p, str) else f"[{p}]." for p in parent)
            problems.append(_problem(label, line, col, f"missing key: {where}{key}"))
            continue
        if e["type"] == "extra_forbidden":
            allowed = fields_at(parent)
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]}?" if close else f"known keys here: {', '.join(allowed)}"
            line, col = _place(data, parent, key)
            problems.append(_problem(label, line, col, f'unknown key "{key}": {hint}'))
            continue
        is_key = bool(loc) and loc[-1] == "[key]"
        if is_key:
            loc = loc[:-1]
        line, col = _place(data, loc[:-1], loc[-1] if loc else None, value=not is_key)
        problems.append(_problem(label, line, col, f"{_dotted(loc)}: {_reason(e)}"))
    return problems


def _dotted(loc: tuple[Any, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "session"


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


def _place(data: Any, parent: tuple[Any, ...], key: Any, value: bool = False) -> tuple[int, int]:
    """1-based line and column of `key` (or its value) inside the mapping at `parent`."""
    node = data
    for part in parent:
        try:
            child = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if not isinstance(child, CommentedMap | CommentedSeq):
            break
        node = child
    try:
        if isinstance(node, CommentedSeq) and isinstance(key, int):
            line, col = node.lc.item(key)
        elif isinstance(node, CommentedMap) and key in node:
            line, col = node.lc.value(key) if value else node.lc.key(key)
        else:
            line, col = node.lc.line, node.lc.col
    except (AttributeError, KeyError, IndexError, TypeError):
        line, col = 0, 0
    return int(line) + 1, int(col) + 1
