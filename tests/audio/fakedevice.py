"""A sound card in software, to drive a stream callback as a real one would — and misbehave on purpose.

The card plays `speed` × the nominal rate from a buffer of `buffer` frames and asks for `period` frames whenever
that much room is free. A callback comes when asked or later (`late_ns(k)`: scheduling delays, stalls); one that
comes after its first frame was due finds the buffer dry: the card has played silence meanwhile and the timeline
jumps (the underflow flag is set). Every frame's true time of being heard is known, so a test can say exactly when
each cue was heard. The latency report is the truth unless `report(k, now_ns, true_s)` says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from kicktimer.audio.synth import RATE, Samples

Fill = Callable[[npt.NDArray[np.float32], int, float, bool], None]  # (out, now_ns, report_s, underflow)


@dataclass
class Written:
    frame: int
    heard_ns: float  # when its first sample is heard
    ns_per_frame: float
    samples: npt.NDArray[np.float32]


@dataclass
class FakeCard:
    t0_ns: int
    period: int = 1200
    buffer: int = 4800
    speed: float = 1.0
    restart_ns: float = 1_000_000.0  # after a dry buffer, the first new frame is heard this long after it is written
    late_ns: Callable[[int, float], float] = lambda k, now: 0.0
    report: Callable[[int, float, float], float] = lambda k, now, true_s: true_s
    # As PulseAudio's ALSA plugin does: the first callback after a dry buffer is not told (its report is the last
    # one from before), and its frames are lost while the device recovers; the next callback is told.
    stale_after_dry: bool = False
    written: list[Written] = field(default_factory=list)
    underflows: int = 0
    callbacks: int = 0

    def __post_init__(self) -> None:
        self.ns_per_frame = 1e9 / (RATE * self.speed)
        self.last_report_s = 0.0
        self.segment_frame = 0
        self.segment_ns = self.t0_ns + self.buffer * self.ns_per_frame  # plays once the buffer is full
        self.next_frame = 0
        self.now_ns = float(self.t0_ns)

    def heard_ns(self, frame: int) -> float:
        return self.segment_ns + (frame - self.segment_frame) * self.ns_per_frame

    def run_until(self, end_ns: float, fill: Fill, set_clock: Callable[[int], None]) -> None:
        """Call back until the card's clock reaches `end_ns`."""
        out = np.zeros(self.period, dtype=np.float32)
        while self.now_ns < end_ns:
            frame = self.next_frame
            asked = self.heard_ns(frame + self.period - self.buffer)
            now = max(asked, self.now_ns) + self.late_ns(self.callbacks, max(asked, self.now_ns))
            dry = now > self.heard_ns(frame)
            self.now_ns = now
            set_clock(round(now))
            if dry and self.stale_after_dry:
                fill(out, round(now), self.last_report_s, False)
                self.written.append(Written(frame, float("nan"), self.ns_per_frame, np.zeros_like(out)))  # lost
                self.next_frame, self.callbacks = frame + self.period, self.callbacks + 1
                frame = self.next_frame
            if dry:
                self.segment_frame, self.segment_ns = frame, now + self.restart_ns
                self.underflows += 1
            true_s = (self.heard_ns(frame) - now) / 1e9
            self.last_report_s = self.report(self.callbacks, now, true_s)
            fill(out, round(now), self.last_report_s, dry)
            self.written.append(Written(frame, self.heard_ns(frame), self.ns_per_frame, out.copy()))
            self.next_frame = frame + self.period
            self.callbacks += 1

    def onsets(self, sounds: dict[str, Samples]) -> list[tuple[float, str, bool]]:
        """(heard ns, sound name, whole) for every sound that starts after silence, recognised by its exact first
        samples (a sum of two is "?"); `whole` when its first 5 ms (the fade-in) came out unbroken."""
        found: list[tuple[float, str, bool]] = []
        before = np.float32(0.0)
        for piece in self.written:
            s = piece.samples
            previous = np.concatenate([[before], s[:-1]])
            for index in np.flatnonzero((s != 0) & (previous == 0)):
                name, lead = _which(s[index:], sounds)
                onset = int(index) - lead  # a faded sound's first samples are exactly 0
                whole = name in sounds and self._matches(piece.frame + onset, sounds[name][: int(0.005 * RATE)])
                found.append((piece.heard_ns + onset * piece.ns_per_frame, name, whole))
            before = s[-1]
        return found

    def _matches(self, frame: int, head: Samples) -> bool:
        """The frames from `frame` on (across buffers) are exactly `head`."""
        got = np.zeros(len(head), dtype=np.float32)
        for i in range(frame // self.period, (frame + len(head)) // self.period + 1):
            if i >= len(self.written):
                break
            piece = self.written[i]
            a, b = max(frame, piece.frame), min(frame + len(head), piece.frame + len(piece.samples))
            if a < b:
                got[a - frame : b - frame] = piece.samples[a - piece.frame : b - piece.frame]
        return bool(np.array_equal(got, head))


def _which(samples: npt.NDArray[np.float32], sounds: dict[str, Samples]) -> tuple[str, int]:
    """The sound these samples begin (from its first non-zero sample), and how many zeros it starts with."""
    for name, sound in sounds.items():
        lead = int(np.argmax(sound != 0))
        n = min(len(samples), len(sound) - lead, 64)
        if n > 0 and np.array_equal(samples[:n], sound[lead : lead + n]):
            return name, lead
    return "?", 0
