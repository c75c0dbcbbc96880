"""One crash trial: run `kicktimer run --console` in a subprocess, feed it keys, kill -9 it at a random
moment, and check that every event it reported as recorded is in the file; then resume and finish."""

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

from kicktimer.io.journal import RecordingError, read_recording

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


@dataclass
class TrialResult:
    reported: int  # events the runner said were recorded before it died
    lost: list[int]  # reported indices missing or different in the file
    resumed_ok: bool
    detail: str = ""  # what the resume run said, when it did not finish


def _env(home: Path) -> dict[str, str]:
    return {**os.environ, "KICKTIMER_HOME": str(home), "PYTHONUNBUFFERED": "1"}


def run_trial(home: Path, seed: int, kill_after_s: float) -> TrialResult:
    rng = random.Random(seed)
    session = home / "crash.session.yaml"
    home.mkdir(parents=True, exist_ok=True)
    session.write_text(SESSION, encoding="utf-8")
    cmd = [sys.executable, "-m", "kicktimer", "run", str(session), "--console", "--mute"]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=_env(home))
    assert proc.stdin is not None and proc.stdout is not None
    reported: dict[int, str] = {}
    ready = threading.Event()

    def read() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            ready.set()
            match = RECORDED.match(raw.decode(errors="replace"))
            if match:
                reported[int(match.group(1))] = match.group(2)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    ready.wait(timeout=20)  # the kill clock starts once the runner is up
    deadline = time.monotonic() + kill_after_s
    try:
        while time.monotonic() < deadline:
            proc.stdin.write(rng.choice(KEYS).encode())
            proc.stdin.flush()
            time.sleep(rng.uniform(0.0, 0.03))
    except BrokenPipeError:
        pass
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    reader.join(timeout=5)
    recording_path = next((home / "recordings").glob("*.kick.jsonl"), None)
    if recording_path is None:  # killed while starting, before the recording existed: nothing was promised
        return TrialResult(len(reported), sorted(reported), resumed_ok=not reported)
    try:
        events = read_recording(recording_path).events
    except RecordingError:  # killed while writing the header: nothing was promised
        events = []
    if not any(e.type == "start" for e in events):
        return TrialResult(len(reported), sorted(reported), resumed_ok=not reported)
    lost = [i for i, kind in reported.items() if i >= len(events) or events[i].type != kind]
    resumed = subprocess.run(
        [sys.executable, "-m", "kicktimer", "run", "--resume", "--console", "--mute"],
        input=b" q",
        capture_output=True,
        env=_env(home),
        timeout=60,
    )
    after = read_recording(recording_path)
    resumed_ok = (
        resumed.returncode == 0
        and after.finished
        and after.events[: len(events)] == events
        and any(e.type == "resume" and e.reason and "interruption" in e.reason for e in after.events)
    )
    detail = "" if resumed_ok else f"rc={resumed.returncode} {resumed.stdout[-400:]!r} {resumed.stderr[-800:]!r}"
    return TrialResult(len(reported), lost, resumed_ok, detail)
