"""Race times from a spreadsheet: CSV rows of name, event, time, date (a header row is optional; `race` may name
the event column; `,` `;` or tab between fields). Every row that does not read is said at its `file:line:col`
and nothing is imported until all of them read."""

from __future__ import annotations

import csv
from pathlib import Path

from ruamel.yaml.comments import CommentedSeq

from kicktimer.core.language.paces import RACE_LIST_TEXT, parse_race_time_s, race_key, race_time_problem
from kicktimer.core.season.squad import Entry, RaceTime, parse_date
from kicktimer.io.session_file import Problem
from kicktimer.io.source_file import UnreadableFileError, read_text
from kicktimer.io.squad import SquadFileError
from kicktimer.io.squad_edit import Change, add_times

COLUMNS = ("name", "event", "time", "date")
MAX_CSV_BYTES = 1_000_000  # ten thousand rows


def read_times_csv(path: Path) -> list[Entry]:
    """One entry per row; SquadFileError with every row's problem."""
    try:
        text = read_text(path, MAX_CSV_BYTES, "a CSV of race times")
    except OSError as error:
        raise SquadFileError([Problem(str(path), 0, 0, f"cannot read this file: {error.strerror or error}")]) from None
    except UnreadableFileError as error:
        raise SquadFileError([Problem(str(path), error.line, error.col, error.message)]) from None
    lines = text.splitlines()
    delimiter = _delimiter(lines[0] if lines else "")
    order = list(range(4))
    entries: list[Entry] = []
    problems: list[Problem] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        cells = next(csv.reader([line], delimiter=delimiter))
        if number == 1 and "name" in (c.strip().casefold() for c in cells):
            order = _header_order(cells, str(path), problems)
            continue
        columns = _field_columns(line, delimiter)
        try:
            entries.append(_entry(cells, order))
        except _CellError as error:
            col = columns[error.index] if error.index < len(columns) else 1
            problems.append(Problem(str(path), number, col, str(error)))
    if problems:
        raise SquadFileError(problems)
    return entries


class _CellError(ValueError):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def _entry(cells: list[str], order: list[int]) -> Entry:
    if len(cells) < 3 or len(cells) > 4:
        raise _CellError(0, f"{len(cells)} fields; a row is name, event, time, date (the date may be left empty)")
    name, event, written, day = (cells[k].strip() if k < len(cells) else "" for k in order)
    if not name:
        raise _CellError(order[0], "a name is missing")
    race = race_key(event.lower().replace(" ", ""))
    if race is None:
        raise _CellError(order[1], f'"{event}": not a race; races are {RACE_LIST_TEXT}')
    seconds = parse_race_time_s(written)
    if seconds is None or seconds <= 0:
        raise _CellError(order[2], f'"{written}": expected a race time like 2:08, 4:22.5 or 1:02:30')
    problem = race_time_problem(race, seconds, written)
    if problem is not None:
        raise _CellError(order[2], problem)
    try:
        on = parse_date(day) if day else None
    except ValueError as error:
        raise _CellError(order[3], str(error)) from None
    return Entry(name, (RaceTime(race, seconds, on),))


def _header_order(cells: list[str], label: str, problems: list[Problem]) -> list[int]:
    names = [c.strip().casefold().replace("race", "event") for c in cells]
    missing = [c for c in COLUMNS[:3] if c not in names]
    if missing:
        problems.append(Problem(label, 1, 1, f"the header has no {', '.join(missing)} column; it names "
                                             "name, event, time, date"))  # fmt: skip
        return list(range(4))
    return [names.index(c) if c in names else len(cells) for c in COLUMNS]


def _delimiter(first: str) -> str:
    return max(",;\t", key=first.count)


def _field_columns(line: str, delimiter: str) -> list[int]:
    """The 1-based column where each field starts (quotes respected)."""
    starts, quoted = [1], False
    for k, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            starts.append(k + 2)
    return starts


def import_times(entries: list[Entry]) -> Change:
    """Every row's time added to its athlete's history (new athletes at the end); rows already there are not
    added twice, so importing the same sheet again changes nothing."""

    def change(athletes: CommentedSeq) -> list[str]:
        new = added = again = 0
        for entry in entries:
            done = add_times(athletes, entry)
            new, added, again = new + done.new, added + len(done.times), again + len(done.again)
        return [f"imported {added} race time{'s' if added != 1 else ''} ({new} new athlete{'s' if new != 1 else ''}"
                f"); {again} already in the squad"]  # fmt: skip

    return change
