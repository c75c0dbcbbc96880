"""Changing squad.yaml safely: its own size limit (larger than a session file's), refused before writing; two
processes changing it take turns and lose nothing; a read-only file or a failing disk is said and nothing is
lost; the file is written without anchors, line wrapping or a narrower permission than it had."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kicktimer.core.season.squad import StageMark, parse_entry
from kicktimer.io.squad import MAX_SQUAD_BYTES, SquadFileError, load_squad
from kicktimer.io.squad_csv import import_times, read_times_csv
from kicktimer.io.squad_edit import add_entry, add_mark, change_squad
from kicktimer.io.writer_lock import taking_turns
from kicktimer.io.yaml_source import MAX_FILE_BYTES

TODAY = date(2026, 11, 20)
SQUAD = '# our squad\nathletes:\n  - name: Ana\n    times:\n      - {race: 800m, time: "2:08", date: 2026-05-01}\n'


def padded(size_bytes: int) -> str:
    """The squad with a coach's notes (comments) until it is `size_bytes` long."""
    line = "# " + "n" * 97 + "\n"
    notes = line * ((size_bytes - len(SQUAD)) // len(line))
    return notes + "#" * (size_bytes - len(SQUAD) - len(notes) - 1) + "\n" + SQUAD


def error_of(path: Path, change: object) -> str:
    with pytest.raises(SquadFileError) as caught:
        change_squad(path, change)  # type: ignore[arg-type]
    (problem,) = caught.value.problems
    return str(problem)


def test_a_squad_has_its_own_larger_size_limit(tmp_path: Path) -> None:
    assert MAX_SQUAD_BYTES > MAX_FILE_BYTES
    path = tmp_path / "squad.yaml"
    path.write_text(padded(MAX_FILE_BYTES * 2), encoding="utf-8")  # too big for a session file: fine for a squad
    assert [a.name for a in load_squad(path).athletes] == ["Ana"]
    path.write_text(padded(MAX_SQUAD_BYTES + 1), encoding="utf-8")
    with pytest.raises(SquadFileError) as caught:
        load_squad(path)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}:1:1: this file is {MAX_SQUAD_BYTES + 1:,} bytes; a squad file is at most {MAX_SQUAD_BYTES:,}"
    ]


def test_an_import_that_would_grow_the_squad_past_its_limit_is_refused_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(padded(MAX_SQUAD_BYTES - 100), encoding="utf-8")
    before = path.read_bytes()
    sheet = tmp_path / "times.csv"
    sheet.write_text("name,event,time,date\nBen,800m,2:10,2026-01-01\nCleo,5k,17:00,\nDan,mile,4:50,\n", "utf-8")
    message = error_of(path, import_times(read_times_csv(sheet, TODAY)))
    assert message.startswith(f"{path}: the squad would be ")
    assert message.endswith(f" bytes; a squad file is at most {MAX_SQUAD_BYTES:,}: nothing was changed (take out "
                            "athletes who left, or old race times, first)")  # fmt: skip
    assert path.read_bytes() == before
    change_squad(path, import_times(read_times_csv(sheet, TODAY)[:1]))  # one row still fits
    assert [a.name for a in load_squad(path).athletes] == ["Ana", "Ben"]


ADD_ONE = """\
import sys
from datetime import date
from pathlib import Path
from kicktimer.core.season.squad import parse_entry
from kicktimer.io.squad_edit import add_entry, change_squad
for name in sys.argv[2:]:
    change_squad(Path(sys.argv[1]), add_entry(parse_entry(name + " 800m 2:10", date(2026, 1, 1))))
"""


def adding(path: Path, *names: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-c", ADD_ONE, str(path), *names])


def test_a_change_waits_for_the_one_being_made(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(SQUAD, encoding="utf-8")
    with taking_turns(path):  # another process is reading, changing and writing the squad
        other = adding(path, "Ben")
        time.sleep(1.5)
        assert other.poll() is None and path.read_text(encoding="utf-8") == SQUAD  # it waits its turn
    assert other.wait(timeout=30) == 0
    assert [a.name for a in load_squad(path).athletes] == ["Ana", "Ben"]


def test_processes_adding_athletes_at_once_lose_nothing(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(SQUAD, encoding="utf-8")
    names = [[f"P{p}x{k}" for k in range(8)] for p in range(4)]
    workers = [adding(path, *mine) for mine in names]
    assert [w.wait(timeout=120) for w in workers] == [0] * 4
    squad = load_squad(path)
    assert sorted(a.name for a in squad.athletes) == sorted(["Ana", *(n for mine in names for n in mine)])


def test_a_read_only_squad_is_said_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(SQUAD, encoding="utf-8")
    path.chmod(0o444)
    sheet = tmp_path / "times.csv"
    sheet.write_text("Ben,800m,2:10\n", encoding="utf-8")
    assert error_of(path, import_times(read_times_csv(sheet, TODAY))) == (
        f"{path}: this file is read-only: make it writable to change the squad (chmod u+w, or untick Read-only in "
        "its properties); nothing was changed")  # fmt: skip
    assert path.read_text(encoding="utf-8") == SQUAD and stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_disk_that_refuses_the_write_is_said_and_the_squad_kept(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    path = tmp_path / "squad.yaml"
    path.write_text(SQUAD, encoding="utf-8")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")  # where a full disk says so: the data did not fit

    monkeypatch.setattr(os, "fsync", full)
    assert error_of(path, add_entry(parse_entry("Ben 800m 2:10", TODAY))) == (
        f"{path}: cannot change this file: the disk is full: free some space, or write to another disk; "
        "nothing was changed"
    )
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == SQUAD
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".squad-")] == []  # no half-written file left


def test_the_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    change_squad(path, add_entry(parse_entry("Ana 800m 2:08", TODAY)))
    assert stat.S_IMODE(path.stat().st_mode) == 0o644  # a new squad: readable, as any document
    path.chmod(0o640)
    change_squad(path, add_entry(parse_entry("Ben 800m 2:10", TODAY)))
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_times_of_one_day_are_each_written_with_their_date_not_an_alias(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    change_squad(path, add_entry(parse_entry("Siobhán 1500m 4:30, 5k 16:05", TODAY)))  # one date for both
    text = path.read_text(encoding="utf-8")
    assert '      - {race: 1500m, time: "4:30", date: 2026-11-20}\n' in text
    assert '      - {race: 5k, time: "16:05", date: 2026-11-20}\n' in text
    assert [t.on for t in load_squad(path).athletes[0].times] == [TODAY, TODAY]


def test_a_mark_is_written_on_one_line_however_long(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(SQUAD.replace("Ana", "Maximiliana Fitzgerald-Oyelaran-Castillo"), encoding="utf-8")
    at = datetime(2026, 11, 20, 18, 30, tzinfo=UTC).astimezone()
    change_squad(path, add_mark("Maximiliana Fitzgerald-Oyelaran-Castillo",
                                StageMark("sprint-progression-for-the-800-group", 1, "repeat", at)))  # fmt: skip
    moment = at.replace(tzinfo=None).isoformat(timespec="minutes")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[-2:] == ["    stages:", "      - {progression: sprint-progression-for-the-800-group, stage: 1, mark: "
                                        f"repeat, date: {moment}}}"]  # fmt: skip


def test_a_squad_saved_on_windows_is_changed_with_one_kind_of_line_break(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + SQUAD.replace("\n", "\r\n").encode("utf-8"))  # a byte-order mark and CRLF
    change_squad(path, add_entry(parse_entry("Ana 5k 17:00", TODAY)))
    assert path.read_bytes() == (SQUAD + '      - {race: 5k, time: "17:00", date: 2026-11-20}\n').encode("utf-8")
