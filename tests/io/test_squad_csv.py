"""Race times imported from a spreadsheet: rows of name, event, time, date; a row that does not read is said at
its line and column and nothing is imported; the same sheet twice adds nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kicktimer.io.squad import SquadFileError, load_squad
from kicktimer.io.squad_csv import import_times, read_times_csv
from kicktimer.io.squad_edit import change_squad

SHEET = """\
name,event,time,date
Ana,800m,2:08,2026-05-01
Ana,800,2:06,2026-11-05
"Lopez, Mar",5000,16:55,
Ben,mile,4:35,2026-03-01
"""


def write(tmp_path: Path, text: str, name: str = "times.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_sheet_becomes_the_squad_with_its_history(tmp_path: Path) -> None:
    squad_file = tmp_path / "squad.yaml"
    entries = read_times_csv(write(tmp_path, SHEET))
    assert change_squad(squad_file, import_times(entries)) == [
        "imported 4 race times (3 new athletes); 0 already in the squad"]  # fmt: skip
    ana, mar, ben = load_squad(squad_file).athletes
    assert [(t.race, t.time_s, t.on) for t in ana.times] == [("800m", 128.0, date(2026, 5, 1)),
                                                             ("800m", 126.0, date(2026, 11, 5))]  # fmt: skip
    assert (mar.name, mar.paces, mar.times[0].on) == ("Lopez, Mar", {"5k": 1015.0}, None)
    assert ben.paces == {"mile": 275.0}
    assert change_squad(squad_file, import_times(entries)) == [
        "imported 0 race times (0 new athletes); 4 already in the squad"]  # fmt: skip


def test_semicolons_any_column_order_and_race_as_the_header(tmp_path: Path) -> None:
    rows = read_times_csv(write(tmp_path, "date;race;name;time\n2026-05-01;1500;Ana;4:22.5\n"))
    assert [(r.entry.name, r.entry.times[0].race, r.entry.times[0].time_s) for r in rows] == [("Ana", "1500m", 262.5)]


def test_no_header_is_name_event_time_date(tmp_path: Path) -> None:
    (row,) = read_times_csv(write(tmp_path, "Ana,5k,16:40,2026-04-10\n"))
    assert row.entry.times[0].on == date(2026, 4, 10)


def test_every_row_that_does_not_read_is_said_and_nothing_is_imported(tmp_path: Path) -> None:
    bad = SHEET.replace("Ana,800,2:06", "Ana,880y,2:06").replace("Ben,mile,4:35,2026-03-01", "Ben,mile,4:35,1 March")
    bad += "Cleo,400,30.5,2026-01-01\n,5k,17:00,\nDan,5k\n"
    path = write(tmp_path, bad)
    with pytest.raises(SquadFileError) as caught:
        read_times_csv(path)
    assert [str(p) for p in caught.value.problems] == [
        f'{path}:3:5: "880y": not a race; races are 400, 800, 1000, 1500, mile, 3k, 5k, 10k, hm, marathon',
        f'{path}:5:15: "1 March": expected a date like 2026-12-05 (year-month-day)',
        f'{path}:6:10: "30.5" is faster than the 400m world record (0:43.03): write it like 2:08, 4:22.5 or 1:02:30',
        f"{path}:7:1: a name is missing",
        f"{path}:8:1: 2 fields; a row is name, event, time, date (the date may be left empty)",
    ]
    assert not (tmp_path / "squad.yaml").exists()


def test_a_header_without_the_columns_says_which(tmp_path: Path) -> None:
    path = write(tmp_path, "name,distance,time\nAna,800m,2:08\n")
    with pytest.raises(SquadFileError) as caught:
        read_times_csv(path)
    assert str(caught.value.problems[0]) == f"{path}:1:1: the header has no event column; it names name, event, " \
                                            "time, date"  # fmt: skip


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("name,event,time\nRenée,800m,2:20\n".encode("latin-1"), '2:4: byte 0xE9 is not UTF-8 text (in Windows-1252 '
         'or Latin-1, "é"): save the file as UTF-8 (in a spreadsheet: "CSV UTF-8")'),
        ("name,event,time\nZoë,800m,2:20\n".encode("utf-16"), '1:1: this file is UTF-16 text (Windows\' "Unicode '
         'text"): save it as UTF-8'),
        ("name,event,time\nAna,800m,2:20\n".encode("utf-16-be"), '1:1: a zero byte: this looks like UTF-16 text '
         '(Windows\' "Unicode text"); save the file as UTF-8 (in a spreadsheet: "CSV UTF-8")'),
        ("name,event,time\nZoë,800m,2:20\n".encode("utf-16-le"), '1:2: a zero byte: this looks like UTF-16 text '
         '(Windows\' "Unicode text"); save the file as UTF-8 (in a spreadsheet: "CSV UTF-8")'),
        (b"name,event,time\nAna,800m,2:20\n" + b"x" * 1_000_001, "1:1: this file is 1,000,031 bytes; a CSV of race "
         "times is at most 1,000,000"),
    ],
)  # fmt: skip
def test_a_sheet_that_is_not_utf8_text_is_said_at_its_first_byte(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "times.csv"
    path.write_bytes(data)
    with pytest.raises(SquadFileError) as caught:
        read_times_csv(path)
    assert [str(p) for p in caught.value.problems] == [f"{path}:{message}"]


def test_over_long_fields_and_rows_that_are_not_csv_are_said_at_their_place(tmp_path: Path) -> None:
    rows = ["A" * 81 + ",800m,2:10,", "Ben,800m," + "9" * 200 + ",", 'Cy,800m,2:10,"' + "x" * 140_000 + '"',
            "D\x07e,800m,2:10,", "Eve,800m,2:10,2026-11-21"]  # fmt: skip
    path = write(tmp_path, "\n".join(["name,event,time,date", *rows, ""]))
    with pytest.raises(SquadFileError) as caught:
        read_times_csv(path, today=date(2026, 11, 20))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:2:1: this field is 81 characters long; a name is at most 80, a race, a time or a date a few",
        f"{path}:3:10: this field is 200 characters long; a name is at most 80, a race, a time or a date a few",
        f"{path}:4:1: this row does not read as CSV: field larger than field limit (131072)",
        f"{path}:5:1: a name is one line of plain text, without control characters",
        f"{path}:6:15: 2026-11-21 is after today (2026-11-20): a race time is dated the day it was run",
    ]


def test_a_name_alike_someone_in_the_squad_is_said_at_its_row(tmp_path: Path) -> None:
    squad_file = tmp_path / "squad.yaml"
    squad_file.write_text("athletes:\n  - name: Zoë\n", encoding="utf-8")
    path = write(tmp_path, "date;race;name;time\n2026-01-01;800m;ZOË;2:10\n2026-01-02;5k;Zoe;17:00\n")
    with pytest.raises(SquadFileError) as caught:
        change_squad(squad_file, import_times(read_times_csv(path)))
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:3:15: Zoe is not in the squad: did you mean Zoë? (someone else called Zoe is added by writing their "
        "name in squad.yaml)"]  # fmt: skip
    assert squad_file.read_text(encoding="utf-8") == "athletes:\n  - name: Zoë\n"  # the other row neither
