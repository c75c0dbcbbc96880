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
