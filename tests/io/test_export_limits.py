"""Exports of what a coach really records: a double tap (a lap in 0.3 s), a FIT field asked to hold more than
it can, `-o` naming a folder, two athletes whose names make one file name."""

from __future__ import annotations

from pathlib import Path

import pytest
from fit_tool.profile.messages.lap_message import LapMessage

from kicktimer.cli import main
from kicktimer.core.language.quantities import tidy_floats
from kicktimer.io.export import export
from kicktimer.io.fit.text import set_fields
from kicktimer.io.recordings import open_recording
from tests.io.consumers import garmin_messages, tcx_problems
from tests.recorded import recorded_events, write_recording

DOUBLE_TAP = """\
name: Double tap
athletes:
  - name: Ana
workout: |
  2x100m R1:00
"""
# leave the hold, then Ana's key twice: the first 100 m "run" in 0.3 s; the second rep in 14 s
DOUBLE_TAP_SCRIPT = [(2, "tap", None), (0.3, "tap", 0), (60, "wait", None), (14, "tap", 0), (1, "end", None)]


@pytest.fixture
def double_tap(tmp_path: Path) -> Path:
    from kicktimer.io.session_file import parse_session

    plan = parse_session(DOUBLE_TAP, "double.session.yaml", None).plan
    return write_recording(tmp_path, recorded_events(plan, DOUBLE_TAP_SCRIPT), DOUBLE_TAP)


def test_a_double_tap_exports_a_fit_file_garmin_reads_with_no_speed_for_that_lap(
    double_tap: Path, tmp_path: Path
) -> None:
    (written,) = export(open_recording(double_tap), "fit", tmp_path / "ana.fit")
    messages = garmin_messages(written.path)  # no errors, integrity checked
    laps = messages["lap_mesgs"]
    assert [round(lap["total_timer_time"], 1) for lap in laps] == [2.0, 0.3, 60.0, 14.0]
    assert laps[1].get("avg_speed") is None and laps[1].get("max_speed") is None
    assert laps[3]["avg_speed"] == pytest.approx(100 / 14, abs=1e-3)
    assert messages["session_mesgs"][0]["max_speed"] == pytest.approx(100 / 14, abs=1e-3)
    (note,) = written.notes
    assert note.startswith("Ana: lap 2 (100m): 100m in 0:00.30") and "faster than anyone runs" in note


def test_a_double_tap_exports_a_tcx_file_that_validates_without_that_speed(double_tap: Path, tmp_path: Path) -> None:
    (written,) = export(open_recording(double_tap), "tcx", tmp_path / "ana.tcx")
    assert tcx_problems(written.path) == []
    text = written.path.read_text(encoding="utf-8")
    assert "333.3" not in text and text.count("<MaximumSpeed>") == 1 and "lap 2 (100m)" in written.notes[0]


def test_the_command_says_which_lap_lost_its_speed_and_succeeds(
    double_tap: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(double_tap), "--format", "fit", "-o", str(tmp_path / "out") + "/"]) == 0
    out, err = capsys.readouterr()
    assert "note: Ana: lap 2 (100m)" in err and "note: note:" not in err and "Traceback" not in err
    assert (tmp_path / "out" / f"{double_tap.name.removesuffix('.kick.jsonl')}-ana.fit").is_file(), out


@pytest.mark.parametrize(
    ("values", "left_out"),
    [
        ({"avg_speed": 70.0, "total_distance": 400.0}, ["avg_speed"]),  # 70 m/s: beyond a uint16 in mm/s
        ({"total_distance": 5e7, "avg_speed": 5.0}, ["total_distance"]),  # 50,000 km: beyond a uint32 in cm
        ({"avg_speed": 65.535}, ["avg_speed"]),  # exactly the field's "invalid" marker: would read as no value
        ({"avg_speed": float("nan"), "total_timer_time": float("inf")}, ["avg_speed", "total_timer_time"]),
        ({"avg_speed": -1.0}, ["avg_speed"]),
    ],
)
def test_a_fit_field_is_never_set_beyond_its_range(values: dict[str, float], left_out: list[str]) -> None:
    message = LapMessage()
    assert set_fields(message, **values) == left_out
    for name, value in values.items():
        assert getattr(message, name) == (None if name in left_out else pytest.approx(value))


def test_export_into_a_folder_uses_the_default_name_and_an_empty_name_is_refused(
    double_tap: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    stem = double_tap.name.removesuffix(".kick.jsonl")
    assert main(["export", str(double_tap), "--format", "csv", "-o", str(folder)]) == 0
    assert (folder / f"{stem}.csv").is_file() and not (tmp_path / f"{stem}.csv").exists()
    assert main(["export", str(double_tap), "--format", "json", "-o", str(tmp_path / "new") + "/"]) == 0
    assert (tmp_path / "new" / f"{stem}.json").is_file()
    capsys.readouterr()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as raised:
        main(["export", str(double_tap), "--format", "csv", "-o", ""])
    assert raised.value.code == 2
    err = capsys.readouterr().err
    assert "an empty name: give a file name, or a folder" in err and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".csv") == []


NAMESAKES = """\
name: Names
athletes:
  - name: Zoë
    paces: {800m: "2:08"}
  - name: Zoé
    paces: {800m: "2:10"}
workout: |
  2x200m @800 R1:00
"""


def test_athletes_whose_names_make_one_file_name_are_numbered_and_told_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = tmp_path / "names.session.yaml"
    session.write_text(NAMESAKES, encoding="utf-8")
    out = tmp_path / "watch"
    assert main(["export-plan", str(session), "--format", "fit", "--ascii-names", "-o", str(out) + "/"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines == [f"wrote {out / 'names-zoe.fit'}", f"wrote {out / 'names-zoe-2.fit'}: Zoé (Zoë has names-zoe.fit)"]
    assert sorted(p.name for p in out.iterdir()) == ["names-zoe-2.fit", "names-zoe.fit"]


FORMULAS = """\
name: Formulas
athletes:
  - name: "=HYPERLINK(\\"http://x\\",\\"y\\")"
  - name: "+Ana"
  - name: "-Ben"
  - name: "@Cleo"
  - name: "Dee"
workout: |
  2x100m R1:00
"""


def test_csv_cells_a_spreadsheet_would_run_as_formulas_are_made_text(tmp_path: Path) -> None:
    import csv

    from kicktimer.io.session_file import parse_session

    plan = parse_session(FORMULAS, "f.session.yaml", None).plan
    script = [(2, "tap", None), (15, "tap", None), (60, "wait", None), (15.5, "tap", None), (1, "end", None)]
    path = write_recording(tmp_path, recorded_events(plan, script), FORMULAS)
    for excel in (False, True):
        (written,) = export(open_recording(path), "csv", tmp_path / f"out-{excel}.csv", excel=excel)
        with written.path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter=";" if excel else ","))
        names = {row["athlete"] for row in rows}
        assert names == {'\'=HYPERLINK("http://x","y")', "'+Ana", "'-Ben", "'@Cleo", "Dee"}
        assert not any(value.startswith(("=", "+", "@")) for row in rows for value in row.values())
        assert {row["delta"] for row in rows if row["athlete"] == "Dee"} <= {""}  # no target: nothing to compare


def test_json_floats_are_rounded_and_a_count_of_one_reads_right(
    double_tap: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json
    import re

    (written,) = export(open_recording(double_tap), "json", tmp_path / "out.json")
    text = written.path.read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{7,}", text), re.findall(r"\d+\.\d{7,}", text)[:3]
    assert json.loads(text)["athletes"][0]["name"] == "Ana"
    assert tidy_floats({"t_s": [0.1 * 123, 1 / 3], "n": 2, "text": "0.1"}) == {"t_s": [12.3, 0.333333], "n": 2,
                                                                             "text": "0.1"}  # fmt: skip
    assert main(["squad", "--data-dir", str(tmp_path), "add", "Ana 800m 2:06"]) == 0
    assert main(["squad", "--data-dir", str(tmp_path)]) == 0
    assert "1 athlete in" in capsys.readouterr().out
