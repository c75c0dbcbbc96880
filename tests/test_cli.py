"""`kicktimer check` and `kicktimer plan` as a coach runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kicktimer.cli import main
from tests.conftest import SESSIONS, library_files


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kicktimer", *args], capture_output=True, text=True, check=False)


def test_every_library_session_passes_check() -> None:
    result = run("check", *map(str, library_files()))
    assert result.returncode == 0, result.stderr
    assert f"{len(library_files())} session files OK" in result.stdout


def test_library_holds_the_sprint_progression_in_order() -> None:
    stages = sorted((SESSIONS / "sprint-progression").glob("*.session.yaml"))
    assert [p.name[:2] for p in stages] == [f"{i:02d}" for i in range(1, 13)]
    assert len(library_files()) >= 30


def test_check_reports_file_line_col_and_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.session.yaml"
    bad.write_text("name: x\nworkout: |\n  6x60m sprint\n  4x200m r1;30\n", encoding="utf-8")
    good = SESSIONS / "kick-500s.session.yaml"
    assert main(["check", str(good), str(bad)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f'{bad}:4:10: "r1;30": expected a duration like 1:30 or 90s']


def test_plan_json_shape() -> None:
    result = run("plan", str(SESSIONS / "800s-with-hill-sprints.session.yaml"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["name", "athletes", "steps", "total_fixed_s", "work_distance_m"]
    assert data["athletes"] == ["Ana", "Cal"]
    assert data["work_distance_m"] == 8800
    main_set = [s for s in data["steps"] if s["block"] == 1]
    assert main_set[0]["phase"] == "hold" and len(main_set) == 30


def test_plan_table_shows_targets_clock_and_totals() -> None:
    result = run("plan", str(SESSIONS / "kick-500s.session.yaml"))
    assert result.returncode == 0
    out = result.stdout
    assert "Ana" in out and "Ben" in out
    assert "0:32" in out  # Ana: 200 m at 2:08 800 pace
    assert "0:32.8*" in out  # Ben's 800 is estimated from his mile
    assert "→ 100m bound" in out  # gear change inside the rep
    assert "fixed time 35:00" in out and "work distance 1500m" in out
    assert "* estimated" in out


def test_plan_of_a_bad_file_exits_1() -> None:
    result = run("plan", "/nonexistent.session.yaml")
    assert result.returncode == 1 and "cannot read this file" in result.stderr and "Traceback" not in result.stderr


def test_core_imports_neither_qt_nor_sound() -> None:
    code = (
        "import sys, importlib, pkgutil, kicktimer.core as core;"
        "[importlib.import_module(m.name) for m in pkgutil.walk_packages(core.__path__, 'kicktimer.core.')];"
        "bad = [m for m in ('PySide6', 'sounddevice', 'numpy', 'pyqtgraph') if m in sys.modules];"
        "print(bad); sys.exit(bool(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_run_from_a_rep_records_where_it_started_and_the_review_says_so(tmp_path: Path) -> None:
    kick = str(SESSIONS / "kick-500s.session.yaml")
    assert "from  #   phase" in run("plan", kick).stdout  # where --from takes its names
    result = subprocess.run(
        [sys.executable, "-m", "kicktimer", "run", kick, "--from", "2.3", "--console", "--mute",
         "--data-dir", str(tmp_path)],
        capture_output=True, text=True, input=" ", check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "note: starting at Main set, rep 3 (Rep 3/3): 200m @800 + 100m bound + 200m kick" in result.stdout
    assert "next: 200m @800" in result.stdout  # waiting at the Main set's hold, then straight into rep 3
    (recording,) = (tmp_path / "recordings").glob("*.kick.jsonl")
    start = json.loads(recording.read_text(encoding="utf-8").splitlines()[1])
    assert (start["type"], start["step"]) == ("start", 11)
    review = run("review", str(recording))
    assert "note: started at Main set, rep 3" in review.stderr and "the steps before it were not run" in review.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2.4"], 'kicktimer run: --from "2.4": Main set has reps 2.1 to 2.3'),
        (["--from", "9"], "no such block; write a block, or a block and a rep, like 2 or 2.5 (the blocks: 1 Warm-up"),
        (["--from", "2", "--resume"], "--from starts a new recording"),
    ],
)
def test_run_from_somewhere_not_in_the_session_says_where_it_can_start(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    result = run("run", str(SESSIONS / "kick-500s.session.yaml"), *extra, "--console", "--data-dir", str(tmp_path))
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.kick.jsonl"))  # nothing was started


def test_export_plan_and_import_from_the_terminal(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = SESSIONS / "kick-500s.session.yaml"
    assert main(["export-plan", str(session), "--format", "fit", "-o", str(tmp_path)]) == 0
    assert capsys.readouterr().out.split() == ["wrote", str(tmp_path / "kick-500s-ana.fit"),
                                               "wrote", str(tmp_path / "kick-500s-ben.fit")]  # fmt: skip
    assert (
        main(["export-plan", str(session), "--format", "icu", "--athlete", "ben", "-o", str(tmp_path / "b.txt")]) == 0
    )
    assert "2x" in (tmp_path / "b.txt").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["export-plan", str(session), "--format", "fit", "-o", str(tmp_path), "--max-steps", "4"]) == 0
    assert "written as" in capsys.readouterr().err  # the plan was split for the watch, and it says so
    target = tmp_path / "back.session.yaml"
    assert main(["import", str(tmp_path / "kick-500s-ana.fit"), "-o", str(target)]) == 0
    assert main(["check", str(target)]) == 0
    assert "3x(200m @0:32 + 100m bound + 200m kick) r5:00" in target.read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["import", str(session)]) == 1
    assert "not a FIT file" in capsys.readouterr().err
    assert main(["export-plan", str(session), "--format", "fit", "--athlete", "Zed"]) == 1
    assert 'no athlete "Zed"' in capsys.readouterr().err


def test_export_keeps_a_file_that_exists_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.recorded import write_recording

    folder = tmp_path / "recordings"
    folder.mkdir()
    write_recording(folder)
    target = tmp_path / "s.csv"
    target.write_text("mine\n", encoding="utf-8")
    args = ["export", "latest", "--data-dir", str(tmp_path), "--format", "csv", "-o", str(target)]
    assert main(args) == 0
    assert capsys.readouterr().out.strip() == f"wrote {tmp_path / 's-2.csv'} (s.csv exists and was kept)"
    assert main([*args, "--overwrite", "--excel"]) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbfathlete;block;")
    assert main([*args[:-2], "--format", "fit", "--excel"]) == 2


def test_check_of_the_issue_14_reproducers_is_one_line_each_with_a_place() -> None:
    import re

    corpus = sorted((Path(__file__).parent / "fuzz_corpus").glob("*.session.yaml"))
    result = run("check", *map(str, corpus))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines and all(re.match(r"^\S+\.session\.yaml:[1-9][0-9]*:[1-9][0-9]*: \S", line) for line in lines), lines
    named = {line.split(":")[0] for line in lines}
    accepted = {"counted-repeat-in-rep", "duration-range", "repeat-range", "ten-thousand-steps"}
    assert {Path(p).name.removesuffix(".session.yaml") for p in named} == {
        p.name.removesuffix(".session.yaml") for p in corpus
    } - accepted


def test_plan_of_a_ten_thousand_step_session_is_valid_json_one_step_a_line() -> None:
    path = Path(__file__).parent / "fuzz_corpus" / "ten-thousand-steps.session.yaml"
    result = run("plan", str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["steps"]) == 9696 and len(result.stdout.splitlines()) == 9696 + 2
    table = run("plan", str(path))
    assert len(table.stdout) < 200 * 9696  # each row its own width: no column padded to the longest label


def test_a_latency_offset_is_checked_and_a_calibration_without_sound_says_why(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for bad in ("fast", "5000", "1e3"):
        with pytest.raises(SystemExit):
            main(["run", str(SESSIONS / "kick-500s.session.yaml"), "--latency-offset", bad])
        assert f"{bad}: a latency offset is milliseconds from -500 to 2000, like 180" in capsys.readouterr().err
    monkeypatch.setenv("PULSE_SERVER", "unix:/nonexistent")  # no sound server: no output device
    result = run("calibrate", "--audio-device", "no such speaker")
    assert result.returncode == 1 and result.stderr.startswith("kicktimer calibrate: no sound:")
    assert "PortAudio" not in result.stderr and "ALSA lib" not in result.stderr
