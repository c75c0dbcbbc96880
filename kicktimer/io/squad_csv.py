"""Race times from a spreadsheet: CSV rows of name, event, time, date (a header row is optional; `race` may name
the event column; `,` `;` or tab between fields; UTF-8). Every row that does not read is said at its
`file:line:col` and nothing is imported until all of them read."""

from __future__ import annotations

import codecs
import csv
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ruamel.yaml.comments import CommentedSeq

from kicktimer.core.language.limits import MAX_LABEL_CHARS
from kicktimer.core.language.paces import RACE_LIST_TEXT, parse_race_time_s, race_time_problem, written_race_key
from kicktimer.core.language.wording import shorten
from kicktimer.core.season.squad import Entry, RaceTime, future_date_problem, parse_date
from kicktimer.io.session_file import Problem
from kicktimer.io.source_file import NotAFileError, read_at_most
from kicktimer.io.source_map import LineIndex
from kicktimer.io.squad import SquadFileError
from kicktimer.io.squad_edit import Change, Roster, add_times
from kicktimer.io.yaml_source import SourceError, decode

COLUMNS = ("name", "event", "time", "date")
MAX_CSV_BYTES = 1_000_000  # ten thousand rows
KIND = "a CSV of race times"
SAVE_AS = 'save the file as UTF-8 (in a spreadsheet: "CSV UTF-8")'


class SheetRow(NamedTuple):
    entry: Entry
    place: Problem  # where its name is written (the message empty), for what the squad says about it


def read_times_csv(path: Path, today: date | None = None) -> list[SheetRow]:
    """One entry per row; SquadFileError with every row's problem (a time dated after `today`, by default the
    computer's, is one)."""
    lines = _lines(path)
    delimiter = _delimiter(lines.line_text(1))
    order = list(range(4))
    rows: list[SheetRow] = []
    problems: list[Problem] = []
    for number in range(1, len(lines.starts) + 1):
        line = lines.line_text(number)
        if not line.strip():
            continue
        try:
            cells = next(csv.reader([line], delimiter=delimiter))
        except csv.Error as error:
            problems.append(Problem(str(path), number, 1, f"this row does not read as CSV: {error}"))
            continue
        if number == 1 and "name" in (c.strip().casefold() for c in cells):
            order = _header_order(cells, str(path), problems)
            continue
        columns = _field_columns(line, delimiter)
        try:
            entry = _entry(cells, order, today or date.today())
        except _CellError as error:
            col = columns[error.index] if error.index < len(columns) else 1
            problems.append(Problem(str(path), number, col, str(error)))
            continue
        rows.append(SheetRow(entry, Problem(str(path), number, columns[order[0]], "")))
    if problems:
        raise SquadFileError(problems)
    return rows


def _lines(path: Path) -> LineIndex:
    """The file's text by line; SquadFileError when it cannot be read, or is not UTF-8 (said at the byte)."""
    try:
        data = read_at_most(path, MAX_CSV_BYTES, KIND)
    except NotAFileError as error:
        raise SquadFileError([Problem(str(path), 0, 0, str(error))]) from None
    except OSError as error:
        raise SquadFileError([Problem(str(path), 0, 0, f"cannot read this file: {error.strerror or error}")]) from None
    except SourceError as error:  # larger than MAX_CSV_BYTES
        raise SquadFileError([Problem(str(path), 1, 1, error.message)]) from None
    zero = _zero_byte(path, data)
    try:
        text = decode(data, MAX_CSV_BYTES, KIND)
    except SourceError as error:
        if zero is not None and error.text is not None:  # not UTF-8 because it is UTF-16: say that
            raise SquadFileError([zero]) from None
        line, col = LineIndex(error.text or "").place(error.index)
        message = error.message if error.text is None else _not_utf8(data, error.text)
        raise SquadFileError([Problem(str(path), line, col, message)]) from None
    if zero is not None:
        raise SquadFileError([zero])
    return LineIndex(text)


def _zero_byte(path: Path, data: bytes) -> Problem | None:
    """The first zero byte, at its place: every other byte zero is UTF-16 saved without its byte-order mark."""
    zero = data.find(b"\x00")
    if zero < 0:
        return None
    before = data[:zero].decode("utf-8-sig", errors="replace")
    message = f'a zero byte: this looks like UTF-16 text (Windows\' "Unicode text"); {SAVE_AS}'
    return Problem(str(path), *LineIndex(before).place(len(before)), message)


def _not_utf8(data: bytes, before: str) -> str:
    """The byte that is not UTF-8, and what it most likely meant: spreadsheets save "CSV" as Windows-1252."""
    offset = len(before.encode("utf-8")) + (len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0)
    meant = data[offset : offset + 1].decode("cp1252", errors="replace")
    said = f' (in Windows-1252 or Latin-1, "{meant}")' if meant.isprintable() and meant != "\ufffd" else ""
    return f"byte 0x{data[offset]:02X} is not UTF-8 text{said}: {SAVE_AS}"


class _CellError(ValueError):
    def __init__(self, index: int, message: str) -> None:
        super().__init__(message)
        self.index = index


def _entry(cells: list[str], order: list[int], today: date) -> Entry:
    if len(cells) < 3 or len(cells) > 4:
        raise _CellError(0, f"{len(cells)} fields; a row is name, event, time, date (the date may be left empty)")
    for index, cell in enumerate(cells):
        if len(cell.strip()) > MAX_LABEL_CHARS:
            raise _CellError(index, f"this field is {len(cell.strip()):,} characters long; a name is at most "
                                    f"{MAX_LABEL_CHARS}, a race, a time or a date a few")  # fmt: skip
    name, event, written, day = (cells[k].strip() if k < len(cells) else "" for k in order)
    if not name:
        raise _CellError(order[0], "a name is missing")
    if not name.isprintable():
        raise _CellError(order[0], "a name is one line of plain text, without control characters")
    race = written_race_key(event)
    if race is None:
        raise _CellError(order[1], f'"{shorten(event, 20)}": not a race; races are {RACE_LIST_TEXT}')
    seconds = parse_race_time_s(written)
    if seconds is None or seconds <= 0:
        raise _CellError(order[2], f'"{shorten(written, 20)}": expected a race time like 2:08, 4:22.5 or 1:02:30')
    problem = race_time_problem(race, seconds, written)
    if problem is not None:
        raise _CellError(order[2], problem)
    try:
        on = parse_date(day) if day else None
    except ValueError as error:
        raise _CellError(order[3], str(error)) from None
    problem = None if on is None else future_date_problem(on, today)
    if problem is not None:
        raise _CellError(order[3], problem)
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


def import_times(rows: list[SheetRow]) -> Change:
    """Every row's time added to its athlete's history (new athletes at the end); rows already there are not
    added twice, so importing the same sheet again changes nothing. A name that is nobody's but alike someone's
    ("Zoe", the squad has Zoë) is said at its row, and nothing is imported."""

    def change(athletes: CommentedSeq) -> list[str]:
        new = added = again = 0
        problems = []
        roster = Roster(athletes)
        for entry, place in rows:
            try:
                done = add_times(roster, entry)
            except ValueError as error:
                problems.append(replace(place, message=str(error)))
                continue
            new, added, again = new + done.new, added + len(done.times), again + len(done.again)
        if problems:
            raise SquadFileError(problems)
        return [f"imported {added} race time{'s' if added != 1 else ''} ({new} new athlete{'s' if new != 1 else ''}"
                f"); {again} already in the squad"]  # fmt: skip

    return change
