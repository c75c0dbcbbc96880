"""`kicktimer squad` and `kicktimer athlete` as a coach types them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kicktimer.cli import main
from kicktimer.io.session_file import load_session, with_athletes
from kicktimer.io.squad import load_squad
from tests.conftest import SESSIONS
from tests.support.recording_gen import record


def squad(data: Path, *args: str) -> int:
    return main(["squad", "--data-dir", str(data), *args])


def test_a_new_time_keeps_the_old_one_in_the_history(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert squad(tmp_path, "add", "Ana 800m 2:08, 2026-05-01", "Ben mile 4:35, 2026-03-01", "--group", "800 group") == 0
    assert squad(tmp_path, "add", "ana 800m 2:06, 2026-11-05") == 0
    out = capsys.readouterr().out
    assert "Ana: 800m 2:06 (2026-11-05)" in out
    assert squad(tmp_path) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[2].split() == ["Ana", "800", "group", "800m", "2:06", "(2026-11-05)"]
    assert listed[-1] == f"2 athletes in {tmp_path / 'squad.yaml'}; groups: 800 group (2)"
    ana = load_squad(tmp_path / "squad.yaml").athletes[0]
    assert [(t.time_s, str(t.on)) for t in ana.times] == [(128.0, "2026-05-01"), (126.0, "2026-11-05")]


def test_a_line_that_does_not_read_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert squad(tmp_path, "add", "Ana 800m 2:08", "Ben 800m 12:08") == 1
    assert capsys.readouterr().err.strip() == ('kicktimer squad: "12:08" is slower than walking it (12:00 for the '
                                               "800m): write it like 2:08, 4:22.5 or 1:02:30")  # fmt: skip
    assert not (tmp_path / "squad.yaml").exists()
    assert squad(tmp_path, "add", "Ana", "Ben", "--key", "1") == 1
    assert "--key 1 is one athlete's key; add them one at a time" in capsys.readouterr().err


def test_a_squad_file_with_a_mistake_is_said_at_its_place(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text("athletes:\n  - name: Ana\n    kee: 2\n", encoding="utf-8")
    assert squad(tmp_path) == 1
    assert squad(tmp_path, "add", "Ben") == 1
    assert capsys.readouterr().err.splitlines() == [f'{path}:3:5: unknown key "kee": did you mean key?'] * 2
    assert path.read_text(encoding="utf-8") == "athletes:\n  - name: Ana\n    kee: 2\n"


def test_edit_import_and_mark(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = tmp_path / "times.csv"
    sheet.write_text("name,event,time,date\nAna,800,2:08,2026-05-01\nBen,5k,16:30,\n", encoding="utf-8")
    assert squad(tmp_path, "import", str(sheet)) == 0
    assert squad(tmp_path, "edit", "Ben", "--key", "1", "--join", "distance") == 0
    assert squad(tmp_path, "mark", "sprint-progression", "3", "repeat", "distance", "Ana") == 0
    assert capsys.readouterr().out.splitlines() == [
        "imported 2 race times (2 new athletes); 0 already in the squad", "Ben: key 1", "Ben: groups distance",
        "Ben: sprint-progression stage 3: repeat", "Ana: sprint-progression stage 3: repeat"]  # fmt: skip
    ben = load_squad(tmp_path / "squad.yaml").find("Ben")
    assert ben is not None and ben.key == 1 and [(m.stage, m.mark) for m in ben.marks] == [(3, "repeat")]
    assert squad(tmp_path, "mark", "hill-progression", "3", "skip", "Ana") == 1
    assert squad(tmp_path, "mark", "sprint-progression", "13", "skip", "Ana") == 1
    assert capsys.readouterr().err.splitlines() == [
        "kicktimer squad: no progression 'hill-progression'; there are sprint-progression",
        "kicktimer squad: sprint-progression has stages 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, not 13"]  # fmt: skip


def test_the_athlete_in_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert squad(tmp_path, "add", "Ana 800m 2:08, 2026-03-01") == 0
    kicks = load_session(SESSIONS / "kick-500s.session.yaml")
    first = datetime(2026, 4, 7, 17, 30, tzinfo=UTC)
    for week in range(3):
        record(kicks, tmp_path / "recordings" / f"k{week}.kick.jsonl", first + timedelta(weeks=week), week)
    (stage,) = (SESSIONS / "sprint-progression").glob("02-*.session.yaml")
    ana = with_athletes(load_session(stage), kicks.plan.athletes[:1])
    record(ana, tmp_path / "recordings" / "stage2.kick.jsonl", first + timedelta(days=1))
    capsys.readouterr()
    assert main(["athlete", "ana", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ana · 4 recordings · in the squad\n")
    assert "200m race + 100m bound + 200m kick: 3 dates, 9 reps; vs target " in out
    assert "Sprint progression: ran stage 2 on Wed 8 Apr; next: stage 3, Sprint progression 3: 10 hill sprints" in out
    assert main(["athlete", "Zed", "--data-dir", str(tmp_path)]) == 1
    assert "kicktimer athlete: no 'Zed' in the squad or in the recordings" in capsys.readouterr().err


def test_names_alike_but_for_accents_are_asked_about(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert squad(tmp_path, "add", "Zoë 800m 2:15, 2026-05-01", "--group", "800 group") == 0
    assert squad(tmp_path, "mark", "sprint-progression", "3", "repeat", "Zoe") == 1
    assert main(["athlete", "zoe", "--data-dir", str(tmp_path)]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "kicktimer squad: Zoe is neither an athlete nor a group of the squad: did you mean Zoë?",
        f"kicktimer athlete: no 'zoe' in the squad or in the recordings in {tmp_path / 'recordings'}: did you mean "
        "Zoë?"]  # fmt: skip


def test_an_import_into_a_read_only_squad_loses_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert squad(tmp_path, "add", "Ana 800m 2:08, 2026-05-01") == 0
    path = tmp_path / "squad.yaml"
    before = path.read_bytes()
    path.chmod(0o444)
    sheet = tmp_path / "times.csv"
    sheet.write_text("Ben,800m,2:10\n", encoding="utf-8")
    capsys.readouterr()
    assert squad(tmp_path, "import", str(sheet)) == 1
    assert capsys.readouterr().err == (
        f"{path}: this file is read-only: make it writable to change the squad (chmod u+w, or untick Read-only in its "
        "properties); nothing was changed\n"
    )
    assert path.read_bytes() == before and sheet.read_text(encoding="utf-8") == "Ben,800m,2:10\n"


def test_edit_finds_a_name_however_its_accents_and_case_are_typed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert squad(tmp_path, "add", "Zoë", "Sinéad", "René") == 0
    capsys.readouterr()
    assert squad(tmp_path, "edit", "zoe", "--key", "3") == 0
    assert squad(tmp_path, "edit", "SINEAD", "--join", "distance") == 0
    assert squad(tmp_path, "edit", "rené", "--key", "4") == 0
    assert capsys.readouterr().out.splitlines() == ["Zoë: key 3", "Sinéad: groups distance", "René: key 4"]
    (tmp_path / "squad.yaml").write_text(
        (tmp_path / "squad.yaml").read_text(encoding="utf-8") + "  - name: Zoé\n", encoding="utf-8"
    )  # two athletes alike: an edit asks which, it never guesses
    assert squad(tmp_path, "edit", "Zoe", "--key", "6") == 1
    assert "Zoe is not in the squad: did you mean Zoë or Zoé?" in capsys.readouterr().err
    zoe = load_squad(tmp_path / "squad.yaml").find("Zoë")
    assert zoe is not None and zoe.key == 3
