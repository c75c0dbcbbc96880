"""Real sound through a PulseAudio null sink (AUDIO.md): start a private daemon, play, record the monitor,
measure each onset against the schedule."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RATE = 48_000
ROOT = Path(__file__).resolve().parents[2]


class SinkUnavailableError(Exception):
    """The null sink cannot be started here (no PulseAudio, no parec): the test is skipped with the reason."""


@contextlib.contextmanager
def null_sink() -> Iterator[dict[str, str]]:
    missing = [t for t in ("pulseaudio", "pactl", "parec") if shutil.which(t) is None]
    if missing:
        raise SinkUnavailableError(f"missing {', '.join(missing)} (make sysdeps installs them)")
    runtime = tempfile.mkdtemp(prefix="kt-pulse-")
    env = {k: v for k, v in os.environ.items() if k not in ("PULSE_SERVER", "PULSE_SINK")}
    env["XDG_RUNTIME_DIR"] = runtime
    started = subprocess.run(
        ["pulseaudio", "-n", "--daemonize=yes", "--exit-idle-time=-1",
         "-L", f"module-null-sink sink_name=kt rate={RATE}", "-L", "module-native-protocol-unix"],
        env=env, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    if started.returncode != 0:
        shutil.rmtree(runtime, ignore_errors=True)
        raise SinkUnavailableError(f"pulseaudio did not start: {started.stderr.strip()[-300:]}")
    try:
        subprocess.run(["pactl", "set-default-sink", "kt"], env=env, capture_output=True, timeout=10, check=True)
        yield env
    finally:
        pid_file = Path(runtime, "pulse", "pid")
        with contextlib.suppress(OSError, ValueError):
            os.kill(int(pid_file.read_text().split()[0]), signal.SIGTERM)  # by its pid, never by name
        time.sleep(0.2)
        shutil.rmtree(runtime, ignore_errors=True)


@dataclass(frozen=True)
class Measurement:
    mode: str
    cues: int
    detected: int
    errors_ms: list[float]  # each onset vs the schedule, after aligning the first
    latency_s: float | None
    sink_rate_hz: float  # the monitor's true sample rate against the monotonic clock (its own clock is off)

    @property
    def mean_ms(self) -> float:
        return float(np.mean(self.errors_ms))

    @property
    def sd_ms(self) -> float:
        return float(np.std(self.errors_ms))

    @property
    def max_ms(self) -> float:
        return float(np.max(np.abs(self.errors_ms)))

    @property
    def drift_ms_per_cue(self) -> float:
        times = np.arange(len(self.errors_ms))
        return 0.0 if len(times) < 2 else float(np.polyfit(times, self.errors_ms, 1)[0])


def detect_onsets(samples: np.ndarray, min_gap_s: float = 0.2) -> list[int]:
    """First sample where the level crosses -30 dB of the loudest cue, at least `min_gap_s` after the last."""
    level = np.abs(samples)
    threshold = level.max() * 10 ** (-30 / 20)
    loud = np.flatnonzero(level > threshold)
    gap = int(min_gap_s * RATE)
    return [int(i) for k, i in enumerate(loud) if k == 0 or i - loud[k - 1] > gap]


class _Recorder:
    """parec from the sink's monitor, read as it arrives: samples, and (monotonic time, samples so far) points
    that calibrate the sink's sample clock against the monotonic clock the schedule uses."""

    def __init__(self, env: dict[str, str]) -> None:
        self.proc = subprocess.Popen(
            ["parec", "--device=kt.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             "--latency-msec=10"],
            stdout=subprocess.PIPE, env=env,
        )  # fmt: skip
        self.chunks: list[bytes] = []
        self.points: list[tuple[int, int]] = []
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        total = 0
        while chunk := self.proc.stdout.read1(4096):
            total += len(chunk)
            self.points.append((time.monotonic_ns(), total // 2))
            self.chunks.append(chunk)

    def stop(self, window_ns: tuple[int, int]) -> tuple[np.ndarray, float]:
        """The samples, and the sink's rate fitted inside `window_ns`: a null sink renders at its nominal rate
        when idle and ~0.2 ‰ fast while a client is connected, so only the connected stretch calibrates."""
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.thread.join(timeout=10)
        samples = np.frombuffer(b"".join(self.chunks), dtype="<i2").astype(np.float64) / 32768
        inside = [p for p in self.points if window_ns[0] <= p[0] <= window_ns[1]]
        return samples, sink_rate(np.array(inside, dtype=np.float64))


def sink_rate(points: np.ndarray) -> float:
    """Samples per monotonic second. A read's time is only an upper bound on when its samples existed (reads
    come late and in bursts), so fit the upper envelope: the least-delayed read early on and late on."""
    if len(points) < 20:
        return float(RATE)
    t, n = points[:, 0] / 1e9, points[:, 1]
    quarter = len(points) // 4
    ahead = n - RATE * (t - t[0])  # how far each read is ahead of a nominal clock: the largest is least delayed
    first = int(np.argmax(ahead[:quarter]))
    last = len(points) - quarter + int(np.argmax(ahead[-quarter:]))
    return float((n[last] - n[first]) / (t[last] - t[first]))


def measure(env: dict[str, str], mode: str, count: int = 40, gap_s: float = 0.5) -> Measurement:
    recorder = _Recorder(env)
    time.sleep(0.5)
    started = time.monotonic_ns()
    played = subprocess.run(
        [sys.executable, "-m", "tests.audio.player", mode, str(count), str(gap_s)],
        env={**env, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=count * 4 + 60,
        check=False, cwd=ROOT,
    )  # fmt: skip
    ended = time.monotonic_ns()
    time.sleep(0.5)
    # the player connects within ~1 s of starting and stays until 1 s after its last cue
    samples, rate = recorder.stop((started + 1_500_000_000, ended - 800_000_000))
    if played.returncode != 0:
        raise SinkUnavailableError(f"the player failed: {played.stderr.strip()[-400:]}")
    schedule = json.loads(played.stdout)
    due = np.array(schedule["due_ns"], dtype=np.float64)
    onsets = np.array(detect_onsets(samples), dtype=np.float64)
    n = min(len(onsets), len(due))
    errors = ((onsets[:n] - onsets[0]) / rate - (due[:n] - due[0]) / 1e9) * 1000
    return Measurement(mode, count, len(onsets), [float(e) for e in errors], schedule["latency_s"], rate)
