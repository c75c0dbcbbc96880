"""The console runner stops cleanly: signals on a real terminal (pty), a closed output, and quitting while the
disk still refuses events (keep trying, save elsewhere, or lose them only when told)."""

from __future__ import annotations

import errno
import io
import os
import pty
import select
import signal
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest

from kicktimer.app.console import run_console
from kicktimer.app.session import LiveSession
from kicktimer.io.reader import read_recording, unfinished_recordings
from kicktimer.io.session_file import load_session
from tests.conftest import SESSIONS
from tests.io.syscalls import Disk, Fault
from tests.support.clock import FakeClock

SESSION = str(SESSIONS / "kick-500s.session.yaml")


def read_until(fd: int, needle: bytes, timeout_s: float = 20.0) -> bytes:
    seen = b""
    deadline = time.monotonic() + timeout_s
    while needle not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen


def echo_on(fd: int) -> bool:
    lflag = termios.tcgetattr(fd)[3]
    return bool(lflag & termios.ECHO) and bool(lflag & termios.ICANON)


def spawn_on_pty(home: Path, stdout: int | None = None) -> tuple[subprocess.Popen[bytes], int, int]:
    master, slave = pty.openpty()
    env = {**os.environ, "KICKTIMER_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kicktimer", "run", SESSION, "--console", "--mute"],
        stdin=slave, stdout=slave if stdout is None else stdout, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    return proc, master, slave


@pytest.mark.parametrize(
    ("sig", "code", "why"),
    [(signal.SIGINT, 130, "interrupted (Ctrl+C)"), (signal.SIGTERM, 143, "stopped (SIGTERM)"),
     (signal.SIGHUP, 129, "the terminal closed (SIGHUP)")],
)  # fmt: skip
def test_a_signal_ends_cleanly_with_the_terminal_restored(tmp_path: Path, sig: int, code: int, why: str) -> None:
    proc, master, slave = spawn_on_pty(tmp_path)
    try:
        assert b"keys:" in read_until(master, b"keys:")
        read_until(master, b"Space to start")
        assert not echo_on(slave)  # keys are read one at a time while it runs
        os.write(master, b" ")
        assert b"[recorded 1]" in read_until(master, b"[recorded 1]")
        proc.send_signal(sig)
        out = read_until(master, b"--resume", 10)
        assert proc.wait(10) == code
        err = proc.stderr.read().decode() if proc.stderr else ""
        assert "Traceback" not in out.decode(errors="replace") + err, err
        assert why.encode() in out and b"is kept; continue it with `kicktimer run --resume`" in out
        assert echo_on(slave)  # the terminal is as it was
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
        os.close(slave)
    (path,) = unfinished_recordings(tmp_path / "recordings")  # resumable: unfinished, and its lock released
    assert [e.type for e in read_recording(path).events] == ["start", "tap"]


def test_a_closed_output_ends_cleanly(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()
    proc, master, slave = spawn_on_pty(tmp_path, stdout=write_end)
    os.close(write_end)
    try:
        assert b"keys:" in read_until(read_end, b"keys:")
        os.close(read_end)  # `| head`: the reader goes away
        os.write(master, b" ")
        assert proc.wait(10) == 0
        err = proc.stderr.read().decode() if proc.stderr else ""
        assert "Traceback" not in err and "BrokenPipe" not in err, err
        assert "the output closed: the recording" in err and "--resume" in err
        assert echo_on(slave)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
        os.close(slave)


def failing_session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, heals_after: int = 10**9) -> LiveSession:
    """A session whose disk fails from the first event after the start (header, start, heartbeat made it)."""
    Disk(Fault("write", 3, errno.ENOSPC, times=heals_after, under=tmp_path / "recordings")).install(monkeypatch)
    return LiveSession.start_new(load_session(Path(SESSION)), tmp_path / "recordings", FakeClock())


def console(live: LiveSession, keys: list[tuple[float, bytes]], close_after: bool = False) -> tuple[int, str]:
    """Run the console on a pipe, typing `keys` (delay, bytes) from another thread."""
    read_end, write_end = os.pipe()

    def typist() -> None:
        for delay, data in keys:
            time.sleep(delay)
            os.write(write_end, data)
        if close_after:
            os.close(write_end)

    out = io.StringIO()
    thread = threading.Thread(target=typist)
    thread.start()
    try:
        code = run_console(live, read_end, out)
    finally:
        thread.join()
        os.close(read_end)
        if not close_after:
            os.close(write_end)
        live.close()
    return code, out.getvalue()


def test_quit_while_the_disk_refuses_offers_the_home_folder_and_saves_everything_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    live = failing_session(tmp_path, monkeypatch)
    code, out = console(live, [(0.1, b" 1"), (0.1, b"qy"), (0.5, b"h")])
    assert code == 0
    assert "[NOT SAVED YET" in out and "are not on disk yet (the disk is full)" in out and "h: save" in out
    (copy,) = (tmp_path / "home").glob("*.kick.jsonl")
    assert f"is saved as {copy}" in out
    assert read_recording(copy).events == live.engine.events and live.engine.events[-1].type == "end"


def test_quit_while_the_disk_refuses_keeps_trying_and_says_when_it_accepts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = failing_session(tmp_path, monkeypatch, heals_after=5)
    code, out = console(live, [(0.1, b" qy")])
    assert code == 0 and "the disk accepted the" in out and "everything is recorded" in out
    assert read_recording(live.journal.path).events == live.engine.events


def test_events_are_lost_only_when_the_coach_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    live = failing_session(tmp_path, monkeypatch)
    code, out = console(live, [(0.1, b" qy"), (0.3, b"x")])
    assert code == 1 and "quitting: 2 event(s) are lost" in out


def test_with_nobody_to_answer_the_events_go_to_a_fallback_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    live = failing_session(tmp_path, monkeypatch)
    code, out = console(live, [(0.1, b" qy")], close_after=True)
    (copy,) = (tmp_path / "home").glob("*.kick.jsonl")
    assert code == 1 and f"is saved as {copy}" in out and "input closed" in out
    assert read_recording(copy).events == live.engine.events
