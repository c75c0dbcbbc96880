"""One writer per recording; nothing of a recording is ever written or read through a symlink."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path

import pytest

from kicktimer.cli import main
from kicktimer.io.disk import check_writable
from kicktimer.io.journal import Journal, RecordingError, new_recording_path
from kicktimer.io.reader import read_recording, unfinished_recordings
from kicktimer.io.recordings import history
from kicktimer.io.writer_lock import holder_of, note_path
from tests.conftest import SESSIONS
from tests.recorded import recorded_events, scenario_plan, write_recording


def unfinished(tmp_path: Path) -> Path:
    return write_recording(tmp_path, recorded_events(scenario_plan())[:12])


def test_a_recording_being_written_cannot_be_opened_for_writing_again(tmp_path: Path) -> None:
    path = unfinished(tmp_path)
    first = Journal.reopen(path)
    assert holder_of(path) is not None and note_path(path).exists()
    with pytest.raises(RecordingError, match="is being written by this program"):
        Journal.reopen(path)
    assert unfinished_recordings(tmp_path) == []  # not offered for resume while it runs
    assert [e.status for e in history(tmp_path)] == ["recording"]
    first.close()
    assert holder_of(path) is None and not note_path(path).exists()
    assert unfinished_recordings(tmp_path) == [path]
    Journal.reopen(path).close()


def start_runner(home: Path) -> tuple[subprocess.Popen[bytes], Path]:
    env = {**os.environ, "KICKTIMER_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kicktimer", "run", str(SESSIONS / "kick-500s.session.yaml"), "--console", "--mute"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(b" ")
    proc.stdin.flush()
    while b"[recorded 1]" not in proc.stdout.readline():
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
    (path,) = (home / "recordings").glob("*.kick.jsonl")
    return proc, path


def test_a_second_runner_is_refused_and_told_which_process_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KICKTIMER_HOME", str(tmp_path))
    keys, typing = os.pipe()  # a console that could get keys: only the lock refuses it
    monkeypatch.setattr(sys, "stdin", os.fdopen(keys))
    proc, path = start_runner(tmp_path)
    try:
        assert main(["run", "--resume", str(path), "--console", "--mute"]) == 1
        err = capsys.readouterr().err
        who = f"kicktimer, process {proc.pid} (kicktimer run {SESSIONS / 'kick-500s.session.yaml'} --console --mute)"
        assert f"is being written by {who}, since " in err and "Traceback" not in err
        assert main(["run", "--resume", "--console", "--mute"]) == 1  # latest: there is none to take over
        err = capsys.readouterr().err
        assert "no unfinished recording to resume" in err
        assert f"{path.name} is being recorded right now by {who}, since " in err  # which process, and how started
        assert main(["history"]) == 0
        assert "recording" in capsys.readouterr().out
    finally:
        os.kill(proc.pid, signal.SIGKILL)  # the kernel releases the lock of a killed writer
        proc.wait()
        sys.stdin.close()
        os.close(typing)
    deadline = time.monotonic() + 5
    while holder_of(path) is not None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert unfinished_recordings(tmp_path / "recordings") == [path]


def test_the_write_probe_never_follows_a_planted_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    folder = tmp_path / "recordings"
    folder.mkdir()
    (folder / f".kicktimer-write-test-{os.getpid()}").symlink_to(victim)  # the old fixed name
    assert check_writable(folder) is None
    assert victim.read_text() == "keep me"
    assert [p.name for p in folder.iterdir()] == [f".kicktimer-write-test-{os.getpid()}"]


def test_recordings_are_never_written_or_read_through_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    real = unfinished(tmp_path / "elsewhere")
    folder = tmp_path / "recordings"
    folder.mkdir()
    link = folder / real.name
    link.symlink_to(real)
    with pytest.raises(RecordingError, match="cannot continue"):
        Journal.reopen(link)
    with pytest.raises(RecordingError, match="symbolic link"):
        read_recording(link)
    (entry,) = history(folder)
    assert entry.status == "unreadable" and entry.problem is not None and "symbolic link" in entry.problem
    planted = new_recording_path(folder, "x", datetime(2026, 1, 1))
    planted.symlink_to(victim)  # a dangling-or-not link where the next recording would go is skipped
    assert new_recording_path(folder, "x", datetime(2026, 1, 1)) != planted
    assert victim.read_text() == "keep me"


def test_the_writer_note_replaces_a_planted_symlink_instead_of_writing_through_it(tmp_path: Path) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me")
    path = unfinished(tmp_path)
    note_path(path).symlink_to(victim)
    journal = Journal.reopen(path)
    assert victim.read_text() == "keep me" and not note_path(path).is_symlink()
    journal.close()


def test_a_recording_another_process_writes_is_said_to_be_recorded_now_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kicktimer.app.review import review_source
    from kicktimer.core.run.events import Event

    proc, path = start_runner(tmp_path)
    try:
        who = f"being recorded now (by kicktimer, process {proc.pid} "
        assert main(["review", str(path)]) == 0
        out, err = capsys.readouterr()
        assert out.splitlines()[0].endswith("· being recorded now") and who in err
        assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0
        err = capsys.readouterr().err
        assert who in err
        for said in (out, err):
            assert "did not finish" not in said and "resumed" not in said and "unfinished" not in said
        source = review_source(path.parent)
        shown = source.open(path)
        assert not isinstance(shown, str) and shown.title.endswith("· being recorded now")
        assert any(who in note for note in shown.notes) and not any("resumed" in n for n in shown.notes)
        problem = source.correct(path, Event(path.stat().st_mtime_ns, "correct", op="delete", ref=1))
        assert problem is not None and "being recorded now" in problem and "resume" not in problem
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
