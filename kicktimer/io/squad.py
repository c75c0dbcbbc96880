"""`squad.yaml` in the data folder, read as a session file is (yaml_source: every value knows where it is
written): the squad, or every problem at its `file:line:col`. Changes are io/squad_edit.py's."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from pydantic import ValidationError

from kicktimer.core.language.paces import race_time_problem
from kicktimer.core.language.roster import same_names
from kicktimer.core.language.wording import printable, shorten
from kicktimer.core.season.squad import RaceTime, Squad, SquadAthlete, StageMark, future_date_problem
from kicktimer.io.session_file import Problem
from kicktimer.io.session_problems import validation_problems
from kicktimer.io.source_file import UnreadableFileError, read_text
from kicktimer.io.source_map import LineIndex
from kicktimer.io.squad_models import MarkModel, SquadAthleteModel, SquadModel, squad_fields_at
from kicktimer.io.yaml_errors import mapping_or_problems
from kicktimer.io.yaml_source import Document

SQUAD_FILE = "squad.yaml"
# A big squad's season (60 athletes, 40 race times and marks each) is ~130 kB. A change reads the file, changes
# it and reads it back (pure-Python ruamel): at this limit ~1.5 s to read and ~6 s to change (make bench,
# squad_speed). A session file is at most yaml_source.MAX_FILE_BYTES.
MAX_SQUAD_BYTES = 300_000
SHAPE = "a squad is a mapping with athletes: and a list of them (name:, times:, groups:, key:)"


class SquadFileError(Exception):
    """Every problem of the squad file, each at its place."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def load_squad(path: Path, today: date | None = None) -> Squad:
    """The squad (empty when there is no file yet); SquadFileError lists every problem."""
    text = read_squad_text(path)
    return Squad() if text is None else parse_squad(text, str(path), today)


def read_squad_text(path: Path) -> str | None:
    """The file's text (None when there is no file yet); SquadFileError when it cannot be read as text."""
    try:
        return read_text(path, MAX_SQUAD_BYTES, "a squad file")
    except FileNotFoundError:
        return None
    except UnreadableFileError as error:
        raise SquadFileError([_problem(str(path), (error.line, error.col), error.message)]) from None


def parse_squad(text: str, label: str, today: date | None = None) -> Squad:
    """Read as a session file is (yaml_source: every value knows where it is written), then checked (a race time
    dated after `today`, by default the computer's, is a problem)."""
    text = text.removeprefix("\ufeff")
    document, lines = _document(text, label)
    try:
        model = SquadModel.model_validate(document.data)
    except ValidationError as error:
        found = validation_problems(error, document, squad_fields_at)
        raise SquadFileError(_sorted(label, lines, found)) from None
    problems = _sense_problems(document, model, lines, today or date.today())
    if problems:
        raise SquadFileError(_sorted(label, lines, problems))
    return Squad(tuple(_athlete(a) for a in model.athletes))


def _document(text: str, label: str) -> tuple[Document, LineIndex]:
    lines = LineIndex(text)
    found = mapping_or_problems(text, lines, SHAPE)
    if isinstance(found, list):
        raise SquadFileError([_problem(label, lines.place(p.index), p.message) for p in found])
    return found, lines


def _problem(label: str, place: tuple[int, int], message: str) -> Problem:
    return Problem(label, *place, printable(" ".join(message.split())))


def _sorted(label: str, lines: LineIndex, found: list[tuple[int, str]]) -> list[Problem]:
    return [_problem(label, lines.place(at), message) for at, message in sorted(found)]


def _athlete(a: SquadAthleteModel) -> SquadAthlete:
    times = tuple(RaceTime(t.race, t.time, t.date) for t in a.times)
    marks = tuple(StageMark(m.progression, m.stage, m.mark, mark_moment(m)) for m in a.stages)
    return SquadAthlete(a.name.strip(), times, tuple(a.groups), a.key, marks)


def mark_moment(mark: MarkModel) -> datetime:
    """A mark written with a day counts at the end of that day (after that day's sessions); local time."""
    when = mark.date
    if not isinstance(when, datetime):
        when = datetime.combine(when, time(23, 59, 59))
    return when if when.tzinfo is not None else when.astimezone()


def _sense_problems(document: Document, model: SquadModel, lines: LineIndex, today: date) -> list[tuple[int, str]]:
    """Each athlete once (names ignoring case and how they are composed), and race times someone could have run,
    on a day that has been, as (index, message)."""
    problems = []
    names = [a.name for a in model.athletes]
    for first, second in same_names(names):
        earlier, _ = lines.place(document.index_of(("athletes", first, "name"), value=True))
        typed = (
            ""
            if names[first].strip().casefold() == names[second].strip().casefold()
            else (", its accents typed another way")
        )  # Zoë as e and a combining diaeresis: the same letters on screen
        problems.append((document.index_of(("athletes", second, "name"), value=True),
                         f'athletes[{second}].name: "{shorten(names[second], 40)}" is already in the squad (line '
                         f"{earlier}{typed}); list each athlete once, with all their times"))  # fmt: skip
    for a, athlete in enumerate(model.athletes):
        for t, entry in enumerate(athlete.times):
            written = str(document.data["athletes"][a]["times"][t]["time"]).strip()
            problem = race_time_problem(entry.race, entry.time, written)
            if problem is not None:
                at = document.index_of(("athletes", a, "times", t, "time"), value=True)
                problems.append((at, f"athletes[{a}].times[{t}].time: {problem}"))
            problem = None if entry.date is None else future_date_problem(entry.date, today)
            if problem is not None:
                at = document.index_of(("athletes", a, "times", t, "date"), value=True)
                problems.append((at, f"athletes[{a}].times[{t}].date: {problem}"))
    return problems
