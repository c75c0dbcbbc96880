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
Ana,800,2:06,2026-12-05
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
                                                             ("800m", 126.0, date(2026, 12, 5))]  # fmt: skip
    assert (mar.name, mar.paces, mar.times[0].on) == ("Lopez, Mar", {"5k": 1015.0}, None)
    assert ben.paces == {"mile": 275.0}
    assert change_squad(squad_file, import_times(entries)) == [
        "imported 0 race times (0 new athletes); 4 already in the squad"]  # fmt: skip


def test_semicolons_any_column_order_and_race_as_the_header(tmp_path: Path) -> None:
    entries = read_times_csv(write(tmp_path, "date;race;name;time\n2026-05-01;1500;Ana;4:22.5\n"))
    assert [(e.name, e.times[0].race, e.times[0].time_s) for e in entries] == [("Ana", "1500m", 262.5)]


def test_no_header_is_name_event_time_date(tmp_path: Path) -> None:
    (entry,) = read_times_csv(write(tmp_path, "Ana,5k,16:40,2026-04-10\n"))
    assert entry.times[0].on == date(2026, 4, 10)


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
