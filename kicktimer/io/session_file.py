"""Load `*.session.yaml`: bytes → text → YAML (yaml_source: built from ruamel's parser events, so `2:08` stays
text and every value knows where it is written) → pydantic → notation → plan. Every error comes back as
`file:line:col: message` on one line, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from kicktimer.core.language.notation import NotationError, parse_workout
from kicktimer.core.language.plan import Athlete, Plan, Settings, TargetError, build_plan
from kicktimer.core.language.tree import Workout
from kicktimer.core.language.wording import printable
from kicktimer.io.session_models import SessionModel
from kicktimer.io.session_problems import joined_workout, roster_problems, validation_problems
from kicktimer.io.source_file import UnreadableFileError, read_text
from kicktimer.io.source_map import LineIndex, WorkoutPlaces
from kicktimer.io.yaml_errors import mapping_or_problems
from kicktimer.io.yaml_source import MAX_FILE_BYTES, Document, SourceError, decode

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
    tree: Workout = field(repr=False, compare=False)  # the workout as read: another roster needs no new parse
    athletes: tuple[Athlete, ...] = ()  # as the file names them (none: the plan has one, called Athlete)


def with_athletes(session: Session, athletes: tuple[Athlete, ...], settings: Settings | None = None) -> Session:
    """The same session with another roster (and settings): every target is worked out again. Raises
    SessionFileError when a target comes out at zero or less for someone in that roster."""
    try:
        plan = build_plan(session.name, session.tree, athletes, settings or session.plan.settings)
    except TargetError as error:
        label = str(session.path) if session.path is not None else session.name
        _, places = _read_yaml(session.source_text, label)
        problems = [_problem(label, *places(line, col), message) for line, col, message in error.problems]
        raise SessionFileError(problems) from None
    return replace(session, plan=plan)


def load_session(path: Path) -> Session:
    """Read and validate a session file; raises SessionFileError listing every problem found."""
    try:
        text = read_text(path, MAX_FILE_BYTES, "a session file")
    except OSError as error:
        reason = error.strerror or str(error)
        raise SessionFileError([Problem(str(path), 0, 0, f"cannot read this file: {reason}")]) from None
    except UnreadableFileError as error:
        raise SessionFileError([_problem(str(path), error.line, error.col, error.message)]) from None
    return parse_session(text, str(path), path)


def read_session(data: bytes, label: str, path: Path | None = None) -> Session:
    """A session from the file's bytes (`label` names it in messages)."""
    try:
        text = decode(data)
    except SourceError as error:
        place = LineIndex(error.text or "").place(error.index)
        raise SessionFileError([_problem(label, *place, error.message)]) from None
    return parse_session(text, label, path)


def parse_session(text: str, label: str, path: Path | None = None) -> Session:
    text = text.removeprefix("\ufeff")
    document, places = _read_yaml(text, label)
    data: dict[Any, Any] = document.data
    lines = LineIndex(text)
    problems: list[Problem] = []
    model: SessionModel | None = None
    try:
        model = SessionModel.model_validate(data)
    except ValidationError as error:
        problems += [_problem(label, *lines.place(at), message) for at, message in validation_problems(error, document)]
    workout = None
    if isinstance(data.get("workout"), str):  # report the workout's own errors even when the rest is wrong
        try:
            workout = parse_workout(data["workout"])
        except NotationError as error:
            problems.extend(_problem(label, *places(p.line, p.col), p.message) for p in error.problems)
            joined = joined_workout(document, lines)
            if joined is not None:
                problems.append(_problem(label, *lines.place(joined[0]), joined[1]))
    if model is not None:
        problems += [_problem(label, *lines.place(at), message) for at, message in roster_problems(document, lines)]
    if problems or model is None or workout is None:
        raise SessionFileError(_first(sorted(problems, key=lambda p: (p.line, p.col))))
    athletes = tuple(Athlete(a.name, dict(a.paces)) for a in model.athletes)
    settings = Settings(**model.settings.model_dump())
    try:
        plan = build_plan(model.name, workout, athletes, settings)
    except TargetError as error:
        problems = [_problem(label, *places(line, col), message) for line, col, message in error.problems]
        raise SessionFileError(problems) from None
    return Session(path, model.name, model.about, model.source, model.workout, plan, text, workout, athletes)


Places = Callable[[int, int], tuple[int, int]]


def _read_yaml(text: str, label: str) -> tuple[Document, Places]:
    """The document (a mapping), and where each (line, col) of its workout is in the file; raises
    SessionFileError for anything that is not a readable mapping."""
    lines = LineIndex(text)

    def fail(index: int, message: str) -> SessionFileError:
        return SessionFileError([_problem(label, *lines.place(index), message)])

    if len(text) > MAX_FILE_BYTES:
        raise fail(0, f"this file is {len(text):,} characters; a session file is at most {MAX_FILE_BYTES:,}")
    found = mapping_or_problems(text, lines, "a session is a mapping with at least name: and workout: |")
    if isinstance(found, list):
        raise SessionFileError([_problem(label, *lines.place(p.index), p.message) for p in found])
    document = found
    span = document.scalars.get(("workout",))
    if span is not None and isinstance(document.data.get("workout"), str):
        return document, WorkoutPlaces(document.data["workout"], span, lines).place
    at = lines.place(document.index_of(("workout",), value=True))
    return document, lambda line, col: at


MAX_REPORTED = 50  # a file of 10,000 unknown keys is reported by its first ones, not 10,000 lines


def _first(problems: list[Problem]) -> list[Problem]:
    if len(problems) <= MAX_REPORTED:
        return problems
    rest = problems[MAX_REPORTED]
    more = f"{len(problems) - MAX_REPORTED:,} more problems from here on are not shown: fix these first"
    return [*problems[:MAX_REPORTED], replace(rest, message=more)]


def _problem(label: str, line: int, col: int, message: str) -> Problem:
    """A Problem whose message is one line of printable text, whatever text of the file it quotes."""
    return Problem(label, line, col, printable(" ".join(message.split())))
