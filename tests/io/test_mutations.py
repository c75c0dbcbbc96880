"""Mutated session files never raise anything but a reported SessionFileError: no traceback reaches a user."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kicktimer.io.session_file import SessionFileError, parse_session
from tests.conftest import library_files

TEXTS = [p.read_text(encoding="utf-8") for p in library_files()]
NASTY = [
    *list("()[]{},:+@#xXr×-. \t\n'\"|>&*!%"),
    "R(",
    "rest",
    "open",
    "0x",
    "99999x",
    "r1;30",
    "%YAML 1.1\n",
    "\ufeff",
]


@st.composite
def mutated(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        kind = draw(st.sampled_from(["insert", "delete", "replace", "dup-line", "swap"]))
        if kind == "insert":
            text = text[:at] + draw(st.sampled_from(NASTY) | st.text(max_size=3)) + text[at:]
        elif kind == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 12)) :]
        elif kind == "replace" and at < len(text):
            text = text[:at] + draw(st.sampled_from(NASTY)) + text[at + 1 :]
        elif kind == "dup-line":
            lines = text.splitlines(keepends=True)
            k = draw(st.integers(0, len(lines) - 1))
            lines.insert(k, lines[k])
            text = "".join(lines)
        elif kind == "swap" and 0 < at < len(text):
            text = text[: at - 1] + text[at] + text[at - 1] + text[at + 1 :]
    return text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutations_report_or_load(text: str) -> None:
    try:
        session = parse_session(text, "m.session.yaml")
    except SessionFileError as error:
        assert error.problems
        for problem in error.problems:
            assert re.fullmatch(r"m\.session\.yaml:\d+:\d+: .+", str(problem), re.S), str(problem)
            assert problem.line >= 1 and problem.col >= 1
            assert problem.line <= text.count("\n") + 2
    else:
        assert session.plan.steps


def test_cli_check_on_garbage_prints_no_traceback(tmp_path: Path) -> None:
    samples = [
        "name: [\n",
        "\x00\x01",
        "workout: |\n  3x(((\n",
        "- a\n- b\n",
        "name: x\nworkout: 5\n",
        "name: x\nworkout:\n",
    ]
    files = []
    for i, sample in enumerate(samples):
        path = tmp_path / f"g{i}.session.yaml"
        path.write_text(sample, encoding="utf-8")
        files.append(str(path))
    result = subprocess.run([sys.executable, "-m", "kicktimer", "check", *files], capture_output=True, text=True)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) >= len(samples)
