"""The command line where a tester pushed it: no display, no keys, a reader that leaves a pipe early, values
that make no sense, a file where a folder should be, options that contradict. One clear line, never a traceback,
nothing left behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kicktimer.cli import BROKEN_PIPE_STATUS, main
from kicktimer.core.run.commands import key_help
from tests.conftest import SESSIONS
from tests.recorded import write_recording

DEMO = str(SESSIONS / "kick-500s.session.yaml")


def run(*args: str, env: dict[str, str] | None = None, stdin: int | None = subprocess.DEVNULL,
        stdout: int | None = subprocess.PIPE) -> subprocess.CompletedProcess[str]:  # fmt: skip
    return subprocess.run([sys.executable, "-m", "kicktimer", *args], stdin=stdin, stdout=stdout,
                          stderr=subprocess.PIPE, text=True, check=False, env=env, timeout=120)  # fmt: skip


def no_display(home: Path, **more: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return {**env, "KICKTIMER_HOME": str(home), **more}


@pytest.mark.parametrize("display", [None, ":79"])  # none at all; one named that does not answer
def test_no_display_ends_gui_and_run_with_one_line_and_no_recording(tmp_path: Path, display: str | None) -> None:
    env = no_display(tmp_path, **({"DISPLAY": display} if display else {}))
    for args in (["gui"], ["run", DEMO], ["gui", "--data-dir", str(tmp_path / "other")]):
        result = run(*args, env=env)
        assert result.returncode == 1, (args, result.stderr)
        assert "no display: use --console" in result.stderr and "Traceback" not in result.stderr, result.stderr
        assert "Aborted" not in result.stderr and "qt.qpa" not in result.stderr, result.stderr
    assert not list(tmp_path.rglob("*.kick.jsonl"))


def test_selftest_says_fail_for_the_windows_without_a_display(tmp_path: Path) -> None:
    result = run("selftest", env=no_display(tmp_path))
    assert result.returncode == 1
    assert "FAIL  windows: no display" in result.stdout and "ok    library" in result.stdout, result.stdout


def test_a_console_run_that_can_get_no_key_records_nothing(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    env = no_display(tmp_path)
    with empty.open() as keys:
        for stdin in (subprocess.DEVNULL, keys.fileno()):
            result = run("run", DEMO, "--console", "--mute", stdin=stdin, env=env)
            assert result.returncode == 1 and "nothing was started" in result.stderr, result.stderr
    assert not list(tmp_path.rglob("*.kick.jsonl"))


@pytest.mark.parametrize("value", ["-1", "0", "nan", "inf", "1e9", "abc", "-nan"])
def test_render_refuses_an_open_step_time_that_makes_no_sense(tmp_path: Path, value: str) -> None:
    result = run("render", DEMO, "-o", str(tmp_path / "cues.wav"), f"--open-s={value}")
    assert result.returncode == 2, result.stderr
    assert f"--open-s: {value}: the seconds a tap-ended step lasts, above 0 and at most 3600" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "cues.wav").exists()


def test_render_that_cannot_write_says_why_and_leaves_no_half_file(tmp_path: Path) -> None:
    for target, why in ((tmp_path / "missing" / "cues.wav", "no such file or folder"), (tmp_path, "it is a folder")):
        result = run("render", DEMO, "-o", str(target))
        assert result.returncode == 1 and f"kicktimer render: cannot write {target}: {why}" in result.stderr
        assert "Traceback" not in result.stderr and "Exception ignored" not in result.stderr, result.stderr
    assert [p.name for p in tmp_path.iterdir()] == []


def test_every_command_whose_reader_left_ends_quietly(tmp_path: Path) -> None:
    (tmp_path / "recordings").mkdir()
    recording = write_recording(tmp_path / "recordings")
    data = ["--data-dir", str(tmp_path)]
    commands = [["check", DEMO], ["plan", DEMO], ["plan", DEMO, "--json"], ["history", *data],
                ["review", "latest", *data], ["export", str(recording), "--format", "csv", "-o", str(tmp_path / "x")],
                ["squad", *data], ["athlete", "Ana", *data], ["--help"], ["run", "--help"], ["devices"]]  # fmt: skip
    for command in commands:
        reader, writer = os.pipe()
        os.close(reader)  # the reader left before a word was written: `kicktimer … | head -0`
        try:
            result = run(*command, stdout=writer, env=no_display(tmp_path))
        finally:
            os.close(writer)
        assert "Traceback" not in result.stderr and "Broken pipe" not in result.stderr, (command, result.stderr)
        assert result.returncode in (0, BROKEN_PIPE_STATUS), (command, result.returncode, result.stderr)


def test_history_of_a_file_and_review_of_a_folder_are_said_plainly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    not_a_folder = tmp_path / "notes.txt"
    not_a_folder.write_text("x")
    assert main(["history", "--data-dir", str(not_a_folder)]) == 1
    assert f"{not_a_folder} is a file, not a folder: give a folder with --data-dir" in capsys.readouterr().err
    assert main(["review", str(tmp_path), "--data-dir", str(tmp_path)]) == 1
    assert f"{tmp_path} is a folder: name a recording in it" in capsys.readouterr().err


def test_pause_gap_needs_resume_and_the_help_names_what_a_coach_looks_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["run", DEMO, "--pause-gap", "--console"]) == 2
    assert "--pause-gap counts the time a recording was stopped as a pause: use it with --resume" in (
        capsys.readouterr().err
    )
    for args, words in ((["--help"], ["NOTATION", "docs/notation.md"]), (["gui", "--help"], ["--data-dir"]),
                        (["run", "--help"], ["newest unfinished one"])):  # fmt: skip
        with pytest.raises(SystemExit):
            main(args)
        out = " ".join(capsys.readouterr().out.split())
        assert all(word in out for word in words), (args, out)
    console = {keys: what for keys, _, what in key_help("console")}
    assert "g" in console and "asleep as a pause" in console["g"]
    assert all(keys for keys, _, _ in key_help("window"))


def test_tables_line_up_on_screen_whatever_script_a_name_is_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from wcwidth import wcswidth

    session = tmp_path / "names.session.yaml"
    session.write_text('name: Names\nathletes:\n  - name: 李娜\n  - name: "Zoe\\u0308"\n  - name: Ana\n'
                       "workout: |\n  2x200m R1:00\n", encoding="utf-8")  # fmt: skip
    for command in (["plan", str(session)], ["squad", "--data-dir", str(tmp_path)]):
        if command[0] == "squad":
            assert main(["squad", "--data-dir", str(tmp_path), "add", "李娜 800m 2:20", "Zoe\u0308 800m 2:10"]) == 0
            capsys.readouterr()
        assert main(command) == 0
        table = capsys.readouterr().out.split("\n\n")[-2 if command[0] == "plan" else 0].splitlines()
        rule = next(line for line in table if set(line) <= {"-", " "})
        starts = [k for k in range(1, len(rule)) if rule[k] == "-" and rule[k - 1] == " "]
        for line in table:  # every cell starts where the rule's column does, counted in screen columns
            cells = [wcswidth(line[: m.start()]) for m in re.finditer(r"(?<=  )\S", line)]
            assert set(cells) <= set(starts), (line, cells, starts)


def test_import_keeps_miles_in_miles(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "miles.session.yaml"
    session.write_text("name: Miles\nathletes:\n  - name: Ana\nworkout: |\n  2mile, 1mi, 400yd, 1500m, 10mi, 1.5mi\n",
                       encoding="utf-8")  # fmt: skip
    assert main(["export-plan", str(session), "--format", "fit", "-o", str(tmp_path / "watch") + "/"]) == 0
    (fit,) = (tmp_path / "watch").iterdir()
    back = tmp_path / "back.session.yaml"
    assert main(["import", str(fit), "-o", str(back)]) == 0
    assert back.read_text(encoding="utf-8").splitlines()[-1].strip() == "2mi, mile, 400yd, 1500m, 10mi, 1.5mi"
    assert main(["check", str(back)]) == 0


def test_import_of_a_folder_takes_every_fit_workout_in_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = tmp_path / "two.session.yaml"
    session.write_text("name: Two\nathletes:\n  - name: Ana\n  - name: Ben\nworkout: |\n  3x400m R1:00\n",
                       encoding="utf-8")  # fmt: skip
    watch = tmp_path / "watch"
    assert main(["export-plan", str(session), "--format", "fit", "-o", str(watch) + "/"]) == 0
    capsys.readouterr()
    out = tmp_path / "sessions"
    assert main(["import", str(watch), "-o", str(out) + "/"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["two-ana.session.yaml", "two-ben.session.yaml"]
    assert main(["import", str(watch), "-o", str(tmp_path / "one.session.yaml")]) == 2
    assert "2 workouts in" in capsys.readouterr().err and not (tmp_path / "one.session.yaml").exists()
    assert main(["import", str(out)]) == 1
    assert f"{out} is a folder with no .fit file in it" in capsys.readouterr().err
