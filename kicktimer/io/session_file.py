"""Load `*.session.yaml`: ruamel.yaml (round-trip, so `2:08` stays text and every node knows its line) →
pydantic → notation → plan. Every error comes back as `file:line:col: message`, never a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from kicktimer.core.language.notation import NotationError, parse_workout
from kicktimer.core.language.paces import parse_race_time_s, race_key, race_time_problem
from kicktimer.core.language.plan import Athlete, Plan, Settings, build_plan
from kicktimer.core.language.roster import same_names
from kicktimer.io.session_models import SessionModel, fields_at

SESSION_SUFFIX = ".session.yaml"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file; line and col are 1-based, 0 when the problem has no place."""

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
    """The same session with another roster (and settings): every target is worked out again."""
    plan = build_plan(session.name, parse_workout(session.workout), athletes, settings or session.plan.settings)
    return replace(session, plan=plan)


def load_session(path: Path) -> Session:
    """Read and validate a session file; raises SessionFileError listing every problem found."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
        raise SessionFileError([Problem(str(path), 0, 0, f"cannot read this file: {reason}")]) from None
    return parse_session(text, str(path), path)


def parse_session(text: str, label: str, path: Path | None = None) -> Session:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    try:
        data = yaml.load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = " ".join(str(p) for p in (error.context, error.problem) if p)
        raise SessionFileError(
            [Problem(label, line, col, f"YAML: {what}; check the indentation and quoting")]
        ) from None
    except YAMLError as error:
        raise SessionFileError([Problem(label, 1, 1, f"YAML: {error}")]) from None
    if not isinstance(data, CommentedMap):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise SessionFileError(
            [Problem(label, 1, 1, f"found {found}; a session is a mapping with at least name: and workout: |")]
        )
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
            mapper = _WorkoutPlaces(data, text)
            problems.extend(Problem(label, *mapper.place(p.line, p.col), p.message) for p in error.problems)
    if model is not None:
        problems.extend(_roster_problems(data, model, label))
    if problems or model is None or workout is None:
        raise SessionFileError(sorted(problems, key=lambda p: (p.line, p.col)))
    athletes = tuple(Athlete(a.name, dict(a.paces)) for a in model.athletes)
    settings = Settings(**model.settings.model_dump())
    plan = build_plan(model.name, workout, athletes, settings)
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
            problems.append(Problem(label, line, col, f"missing key: {where}{key}"))
            continue
        if e["type"] == "extra_forbidden":
            allowed = fields_at(parent)
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]}?" if close else f"known keys here: {', '.join(allowed)}"
            line, col = _place(data, parent, key)
            problems.append(Problem(label, line, col, f'unknown key "{key}": {hint}'))
            continue
        is_key = bool(loc) and loc[-1] == "[key]"
        if is_key:
            loc = loc[:-1]
        line, col = _place(data, loc[:-1], loc[-1] if loc else None, value=not is_key)
        problems.append(Problem(label, line, col, f"{_dotted(loc)}: {_reason(e)}"))
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
    if kind.startswith(("float", "int")):
        return "expected a number, like 3"
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


class _WorkoutPlaces:
    """Maps (line, col) inside the workout string to the YAML file."""

    def __init__(self, data: CommentedMap, text: str) -> None:
        self.value = data["workout"]
        line0, col0 = data.lc.value("workout")
        self.line0, self.col0 = int(line0), int(col0)
        self.source = text.splitlines()
        self.block = isinstance(self.value, LiteralScalarString | FoldedScalarString)
        quoted = isinstance(self.value, SingleQuotedScalarString | DoubleQuotedScalarString)
        self.indent = self.col0 + (1 if quoted else 0)
        if self.block:
            self.indent = self._block_indent()

    def _block_indent(self) -> int:
        for k, line in enumerate(str(self.value).splitlines()):
            raw_no = self.line0 + 1 + k
            if line.strip() and raw_no < len(self.source):
                return len(self.source[raw_no].rstrip()) - len(line.rstrip())
        return self.col0

    def place(self, line: int, col: int) -> tuple[int, int]:
        if not str(self.value).strip():
            return self.line0 + 1, self.col0 + 1
        if self.block:
            return self.line0 + 2 + line, self.indent + col + 1
        return self.line0 + 1 + line, self.indent + col + 1
