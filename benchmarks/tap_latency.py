"""Tap handling time, key read → fsync done: in-process (the runner's own work) and end to end (a key written
to the console runner's stdin → its `[recorded N]` line read back), p50/p99 over one run each."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kicktimer.app.session import LiveSession
from kicktimer.core.run.clock import MonotonicClock
from kicktimer.io.session_file import parse_session

TAPS = 400
# Every athlete key finishes that athlete's 200: each tap changes something and is recorded.
SESSION = "name: Tap bench\nathletes: [{name: Ana}, {name: Ben}, {name: Cal}]\nworkout: 500x200m\n"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def in_process(home: Path) -> list[float]:
    live = LiveSession.start_new(parse_session(SESSION, "bench"), home / "recordings", MonotonicClock())
    keys = " " + "123" * (TAPS // 3)
    times = []
    for key in keys:
        t0 = time.perf_counter_ns()
        outcome = live.press(key, live.engine.clock.now_ns())
        times.append((time.perf_counter_ns() - t0) / 1e6)
        assert outcome.saved
    live.close()
    return times[1:]


def end_to_end(home: Path) -> list[float]:
    home.mkdir(parents=True)
    session = home / "bench.session.yaml"
    session.write_text(SESSION, encoding="utf-8")
    env = {**os.environ, "KICKTIMER_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kicktimer", "run", str(session), "--console"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert proc.stdin is not None and proc.stdout is not None
    times = []

    def send(key: bytes) -> float:
        t0 = time.perf_counter()
        proc.stdin.write(key)  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        while not proc.stdout.readline().startswith(b"[recorded"):  # type: ignore[union-attr]
            pass
        return (time.perf_counter() - t0) * 1000

    for _ in range(3):  # header lines
        proc.stdout.readline()
    send(b" ")
    for i in range(TAPS // 2):
        times.append(send(b"123"[i % 3 : i % 3 + 1]))
    proc.stdin.write(b"qy")
    proc.stdin.close()
    proc.wait(timeout=30)
    return times


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        local = in_process(Path(tmp) / "a")
        piped = end_to_end(Path(tmp) / "b")
    for name, values in (
        ("in-process (engine + journal write + fsync)", local),
        ("end to end via the console runner", piped),
    ):
        print(
            f"tap {name}: p50 {statistics.median(values):.2f} ms, p99 {percentile(values, 0.99):.2f} ms, "
            f"max {max(values):.2f} ms over {len(values)} taps"
        )


if __name__ == "__main__":
    main()
