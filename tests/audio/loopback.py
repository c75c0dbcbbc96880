"""Real sound through a private PulseAudio (AUDIO.md), measured absolutely: every onset on the sink's own sample
clock, mapped to the monotonic clock the program plans with, against the instant it was planned for.

* `pulse()` starts a daemon with the null sink `kt` (and, asked for, a "speaker" `spk` that plays what `kt` plays
  `speaker_delay_ms` later through module-loopback, with its monitor as the default microphone). The loopback's
  delay follows the sinks' configured latencies: hold both with the lowest-latency reader for the whole test
  (`Monitor(server, "spk", latency_ms=0.5)`), so that no other reader — the calibration's microphone, the measuring
  one — changes them.
* `Monitor` reads a sink's monitor at low latency from the start: it holds the sink like a sound card (an idle
  null sink renders seconds ahead) and stamps each chunk with `time.monotonic_ns()` as it arrives.
* `Recording.clock()` fits sample index -> monotonic time: a chunk arrives after it was rendered, never before, so
  the earliest arrivals trace the line (the sink runs 90-175 ppm off 48 kHz while a client plays: never assume
  the nominal rate). A null sink renders each block its configured latency before it plays it (module-null-sink
  renders until `now + block`; its reported latency says so): the instant a sample is heard is the line plus
  that latency, read from `pactl` while measuring. (Checked: with readers at 2, 5 and 10 ms the sink's own latency
  reports land 1.97, 5.09 and 10.18 ms after the arrival line.)
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

RATE = 48_000
ROOT = Path(__file__).resolve().parents[2]
READER_LATENCY_MS = 2


class SinkUnavailableError(Exception):
    """The null sink cannot be started here (no PulseAudio, no parec): the test is skipped with the reason."""


@dataclass
class Pulse:
    """A private sound server: its environment for clients, and how to kill it and bring it back."""

    env: dict[str, str]
    runtime: Path
    modules: list[str]
    speaker: bool

    def pid(self) -> int:
        return int(Path(self.runtime, "pulse", "pid").read_text().split()[0])

    def start(self) -> None:
        args = ["pulseaudio", "-n", "--daemonize=yes", "--exit-idle-time=-1", "--log-target=stderr"]
        for module in self.modules:
            args += ["-L", module]
        started = subprocess.run(args, env=self.env, capture_output=True, text=True, timeout=30, check=False)
        if started.returncode != 0:
            raise SinkUnavailableError(f"pulseaudio did not start: {started.stderr.strip()[-300:]}")
        self.pactl("set-default-sink", "kt")
        if self.speaker:
            self.pactl("set-default-source", "spk.monitor")

    def kill(self) -> None:
        """SIGKILL, by its pid (never by name: other programs may run one)."""
        with contextlib.suppress(OSError, ValueError):
            os.kill(self.pid(), signal.SIGKILL)
        with contextlib.suppress(OSError):
            Path(self.runtime, "pulse", "pid").unlink()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            os.kill(self.pid(), signal.SIGTERM)

    def pactl(self, *args: str) -> str:
        return subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, timeout=10, check=True
        ).stdout

    def render_ahead_ns(self, sink: str) -> int:
        """How far ahead of playing it the sink renders: its configured latency (see the module's docstring)."""
        text = self.pactl("list", "sinks")
        block = text.split(f"Name: {sink}\n", 1)[1]
        found = re.search(r"configured (\d+) usec", block)
        return int(found.group(1)) * 1000 if found else 0


@contextlib.contextmanager
def pulse(speaker_delay_ms: int | None = None) -> Iterator[Pulse]:
    missing = [t for t in ("pulseaudio", "pactl", "parec") if shutil.which(t) is None]
    if missing:
        raise SinkUnavailableError(f"missing {', '.join(missing)} (make sysdeps installs them)")
    runtime = Path(tempfile.mkdtemp(prefix="kt-pulse-"))
    env = {k: v for k, v in os.environ.items() if k not in ("PULSE_SERVER", "PULSE_SINK", "PULSE_SOURCE")}
    env["XDG_RUNTIME_DIR"] = str(runtime)
    modules = [f"module-null-sink sink_name=kt rate={RATE}", "module-native-protocol-unix"]
    if speaker_delay_ms is not None:
        # A fixed delay: without rewinds (each new stream or reader made its sink rewind, moving the loopback's delay by
        # milliseconds) and without the loopback's own adjusting (it wanders by ±2 ms): 200 ± 0.03 ms, measured.
        modules[0] += " norewinds=1"
        modules += [
            f"module-null-sink sink_name=spk rate={RATE} norewinds=1",
            f"module-loopback source=kt.monitor sink=spk latency_msec={speaker_delay_ms} adjust_time=0",
        ]
    server = Pulse(env, runtime, modules, speaker_delay_ms is not None)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        time.sleep(0.2)
        shutil.rmtree(runtime, ignore_errors=True)


@dataclass(frozen=True)
class SampleClock:
    """A monitor's sample index -> monotonic ns: where it is heard."""

    t0_ns: float
    ns_per_sample: float
    residual_ns: float  # the spread of the earliest arrivals about the line

    def heard_ns(self, index: float) -> float:
        return self.t0_ns + index * self.ns_per_sample

    @property
    def rate_ppm(self) -> float:
        return (1e9 / self.ns_per_sample / RATE - 1) * 1e6


@dataclass
class Recording:
    samples: npt.NDArray[np.int16]
    points: npt.NDArray[np.float64]  # (arrival ns, samples received so far)
    render_ahead_ns: int

    def clock(self, window_ns: tuple[float, float] | None = None) -> SampleClock:
        """The lower envelope of the arrivals: least squares, then again through the points on or below it."""
        t, n = self.points[:, 0], self.points[:, 1]
        if window_ns is not None:
            inside = (t >= window_ns[0]) & (t <= window_ns[1])
            t, n = t[inside], n[inside]
        if len(t) < 20:
            raise SinkUnavailableError("the monitor delivered almost nothing")
        x = n - n[0]
        keep = np.ones(len(t), dtype=bool)
        for _ in range(6):
            slope, intercept = np.polyfit(x[keep], t[keep], 1)
            residual = t - (intercept + slope * x)
            keep = residual <= np.percentile(residual, 20)
        slope, intercept = np.polyfit(x[keep], t[keep], 1)
        residual = t - (intercept + slope * x)
        lowest = float(residual.min())
        spread = float(np.percentile(residual[keep], 90) - lowest)
        return SampleClock(intercept + lowest - slope * n[0] + self.render_ahead_ns, float(slope), spread)


class Monitor:
    """parec on a sink's monitor, read as it arrives; holds the sink at low latency for as long as it runs."""

    def __init__(self, server: Pulse, sink: str = "kt", latency_ms: float = READER_LATENCY_MS) -> None:
        self.server, self.sink = server, sink
        self.proc = subprocess.Popen(
            ["parec", f"--device={sink}.monitor", "--raw", "--format=s16le", f"--rate={RATE}", "--channels=1",
             f"--latency={round(latency_ms * RATE / 1000) * 2}"],  # bytes: half a millisecond can be asked for
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=server.env,
        )  # fmt: skip
        self.chunks: list[bytes] = []
        self.points: list[tuple[int, int]] = []
        self.render_ahead_ns = 0
        self.thread = threading.Thread(target=self._read, daemon=True)
        self.thread.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        total = 0
        while chunk := self.proc.stdout.read1(65536):
            now = time.monotonic_ns()
            total += len(chunk)
            self.points.append((now, total // 2))
            self.chunks.append(chunk)

    def note_render_ahead(self) -> None:
        """Read the sink's configured latency now (while every client of the measurement is connected)."""
        with contextlib.suppress(subprocess.SubprocessError, IndexError):
            self.render_ahead_ns = self.server.render_ahead_ns(self.sink)

    def stop(self) -> Recording:
        self.proc.terminate()
        self.proc.wait(timeout=10)
        self.thread.join(timeout=10)
        samples = np.frombuffer(b"".join(self.chunks), dtype="<i2").copy()
        points = np.array(self.points, dtype=np.float64).reshape(-1, 2)
        return Recording(samples, points, self.render_ahead_ns)


def onsets(samples: npt.NDArray[np.int16], template: npt.NDArray[np.float32]) -> list[int]:
    """Where each copy of `template` starts: the first sample at least 3 LSB from zero after a silence longer than
    any inside the template, moved back by where the template itself first reaches 3 LSB (its fade-in)."""
    threshold = 3
    quantised = np.abs(np.round(template * 32767)) >= threshold
    lead = int(np.argmax(quantised))
    inside = np.flatnonzero(quantised)
    min_gap = int(np.max(np.diff(inside))) + RATE // 1000 if len(inside) > 1 else RATE // 100
    loud = np.flatnonzero(np.abs(samples.astype(np.int32)) >= threshold)
    if len(loud) == 0:
        return []
    first = np.concatenate([[True], np.diff(loud) > min_gap])
    return [int(i) - lead for i in loud[first]]


@dataclass(frozen=True)
class Errors:
    """Onsets against their planned instants, absolutely, in ms."""

    expected: int
    heard: int
    errors_ms: list[float]
    times_s: list[float] = field(default_factory=list)  # when each was planned (for the trend)

    @property
    def mean_ms(self) -> float:
        return float(np.mean(self.errors_ms)) if self.errors_ms else float("nan")

    @property
    def sd_ms(self) -> float:
        return float(np.std(self.errors_ms)) if self.errors_ms else float("nan")

    @property
    def max_ms(self) -> float:
        return float(np.max(np.abs(self.errors_ms))) if self.errors_ms else float("nan")

    def jitter_ms(self) -> npt.NDArray[np.float64]:
        """What is left after a constant and the linear trend (the sink's rate) are removed."""
        e, t = np.array(self.errors_ms), np.array(self.times_s)
        if len(e) < 3:
            return e - e.mean() if len(e) else e
        return e - np.polyval(np.polyfit(t, e, 1), t)

    def line(self, label: str) -> str:
        jitter = self.jitter_ms()
        return (
            f"{label}: {self.heard}/{self.expected} cues heard; absolute error mean {self.mean_ms:+.3f} ms, "
            f"SD {self.sd_ms:.3f} ms, max |e| {self.max_ms:.3f} ms; jitter SD {float(np.std(jitter)):.3f} ms, "
            f"max {float(np.max(np.abs(jitter))) if len(jitter) else float('nan'):.3f} ms"
        )


def judge(
    recording: Recording, clock: SampleClock, planned_ns: list[int], template: npt.NDArray[np.float32],
    early_ms: float = 100.0, late_ms: float = 100.0,
) -> Errors:  # fmt: skip
    """Each planned instant against the nearest onset heard from `early_ms` before it to `late_ms` after it;
    `heard` counts the onsets in the planned span (a cue heard twice shows as more onsets than cues)."""
    heard = np.array([clock.heard_ns(i) for i in onsets(recording.samples, template)])
    if not planned_ns:
        return Errors(0, 0, [])
    first, last = min(planned_ns), max(planned_ns)
    in_span = heard[(heard > first - early_ms * 1e6) & (heard < last + late_ms * 1e6)]
    errors, times = [], []
    for t in planned_ns:
        candidates = in_span[(in_span >= t - early_ms * 1e6) & (in_span <= t + late_ms * 1e6)]
        if len(candidates):
            nearest = float(candidates[np.argmin(np.abs(candidates - t))])
            errors.append((nearest - t) / 1e6)
            times.append((t - first) / 1e9)
    return Errors(len(planned_ns), len(in_span), errors, times)


def run_player(server: Pulse, *args: str) -> subprocess.Popen[str]:
    """`python -m tests.audio.player ARGS` against this server; its stdout is JSON lines."""
    return subprocess.Popen(
        [sys.executable, "-m", "tests.audio.player", *args],
        env={**server.env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        cwd=ROOT,
    )  # fmt: skip


def played(
    server: Pulse,
    args: Sequence[str],
    during: Callable[[dict[str, Any]], None] | None = None,
    sink: str = "kt",
    timeout_s: float = 900.0,
) -> tuple[Recording, dict[str, Any], dict[str, Any], str]:
    """Run the player while a monitor records `sink`: (recording, its plan, its report, its stderr). `during`
    gets the plan with the player's "pid" once the player has started; a player that fails raises
    SinkUnavailableError with the end of its stderr."""
    monitor = Monitor(server, sink)
    time.sleep(0.3)
    player = run_player(server, *args)
    assert player.stdout is not None
    plan = json.loads(player.stdout.readline())
    time.sleep(1.0)
    monitor.note_render_ahead()
    if during is not None:
        during({**plan, "pid": player.pid})
    out, err = player.communicate(timeout=timeout_s)
    recording = monitor.stop()
    if player.returncode != 0:
        raise SinkUnavailableError(f"the player failed: {err.strip()[-400:]}")
    return recording, plan, json.loads(out.splitlines()[-1]), err


def busy_loops(count: int = 2) -> list[subprocess.Popen[bytes]]:
    return [subprocess.Popen(["sh", "-c", "while :; do :; done"]) for _ in range(count)]


def stop_all(procs: list[subprocess.Popen[bytes]]) -> None:
    for proc in procs:
        proc.kill()  # by the handle we started, never by name
        proc.wait()
