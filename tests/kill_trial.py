"""One crash trial: run `kicktimer run --console` in a subprocess, feed it keys, kill -9 it (at a random moment,
or 0-15 ms after it reported a key as recorded), check that every event it reported as recorded is in the file,
then resume (optionally killing the resume itself once, early) and finish."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from kicktimer.io.journal import RecordingError
from kicktimer.io.reader import read_recording

SESSION = """\
name: Crash test
athletes:
  - name: Ana
  - name: Ben
  - name: Cal
workout: |
  Warm-up: 2x(10s + 5s jog) r5s
  Main: 40x(200m + 100m kick) r open
"""
KEYS = " 123 123 123u+-n"
RECORDED = re.compile(r"^\[recorded (\d+)\] (\S+)")
Mode = Literal["random", "after_key", "during_resume"]


@dataclass
class TrialResult:
    reported: int  # events the runner said were recorded before it died
    lost: list[int]  # reported indices missing or different in the file
    resumed_ok: bool
    detail: str = ""  # what the resume run said, when it did not finish
    notes: tuple[str, ...] = ()  # what the reader said of the killed file (a torn last line at most)


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "KICKTIMER_HOME": str(home), "PYTHONUNBUFFERED": "1"}


def _runner(cmd: list[str], home: Path) -> tuple[subprocess.Popen[bytes], dict[int, str], threading.Event]:
    """The runner, and the events it reports as recorded (filled by a reader thread); the event is set at
    each report."""
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(home))
    reported: dict[int, str] = {}
    said = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            match = RECORDED.match(raw.decode(errors="replace"))
            if match:
                reported[int(match.group(1))] = match.group(2)
            said.set()

    threading.Thread(target=read, daemon=True).start()
    return proc, reported, said


def _type_and_kill(proc: subprocess.Popen[bytes], said: threading.Event, rng: random.Random, kill_after_s: float,
                   after_key: bool) -> None:  # fmt: skip
    assert proc.stdin is not None
    said.wait(timeout=20)  # the kill clock starts once the runner is up
    deadline = time.monotonic() + kill_after_s
    try:
        while time.monotonic() < deadline:
            said.clear()
            proc.stdin.write(rng.choice(KEYS).encode())
            proc.stdin.flush()
            time.sleep(rng.uniform(0.0, 0.03))
        if after_key:  # one more key, and the kill lands 0-15 ms after the runner says it is recorded
            said.clear()
            proc.stdin.write(b" ")
            proc.stdin.flush()
            said.wait(timeout=2)
            time.sleep(rng.uniform(0.0, 0.015))
    except BrokenPipeError:
        pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()


def run_trial(home: Path, seed: int, kill_after_s: float, mode: Mode = "random") -> TrialResult:
    rng = random.Random(seed)
    session = home / "crash.session.yaml"
    home.mkdir(parents=True, exist_ok=True)
    session.write_text(SESSION, encoding="utf-8")
    cmd = [sys.executable, "-m", "kicktimer", "run", str(session), "--console", "--mute"]
    proc, reported, said = _runner(cmd, home)
    _type_and_kill(proc, said, rng, kill_after_s, after_key=mode == "after_key")
    time.sleep(0.05)  # the reader thread takes the last lines the pipe still held
    recording_path = next((home / "recordings").glob("*.kick.jsonl"), None)
    if recording_path is None:  # killed while starting, before the recording existed: nothing was promised
        return TrialResult(len(reported), sorted(reported), resumed_ok=not reported)
    try:
        killed = read_recording(recording_path)
    except RecordingError:  # killed while writing the header: nothing was promised
        return TrialResult(len(reported), sorted(reported), resumed_ok=not reported)
    events = killed.events
    if not killed.started:
        return TrialResult(len(reported), sorted(reported), resumed_ok=not reported)
    lost = [i for i, kind in reported.items() if i >= len(events) or events[i].type != kind]
    resume = [sys.executable, "-m", "kicktimer", "run", "--resume", "--console", "--mute"]
    if mode == "during_resume":  # the resume itself is killed early (while it writes), then resumed again
        proc, _, said = _runner(resume, home)
        said.wait(timeout=20)
        time.sleep(rng.uniform(0.0, 0.05))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    resumed = subprocess.run(resume, input=b" qy", capture_output=True, env=_env(home), timeout=60)
    after = read_recording(recording_path)
    resumed_ok = (
        resumed.returncode == 0
        and after.finished
        and after.events[: len(events)] == events
        and any("resumed" in note for note in after.restarts)
        and not [n for n in after.notes if "cut off" not in n]
    )
    detail = "" if resumed_ok else f"rc={resumed.returncode} {resumed.stdout[-400:]!r} {resumed.stderr[-800:]!r}"
    return TrialResult(len(reported), lost, resumed_ok, detail, tuple(killed.notes))
