"""How late a speaker really is: what it adds to the latency the device reports (a Bluetooth speaker: 100-300 ms
that the driver often does not report), measured with the laptop's microphone or, without one, by tapping along.

Microphone: a train of clicks at irregular intervals (one lag fits it, no other) is played; the recording is
cross-correlated with the train as planned — coarsely over the whole train, then click by click — and each click's
lag is when it was heard minus when the device said it would be. The median of the lags is the offset to save; their
spread says how far to trust it. Tap-along: each tap against the click it follows, the same way.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kicktimer.audio.synth import PEAK, RATE, Samples, faded

CLICKS = 12
MAX_LATENCY_S = 1.0  # a speaker later than this is not worth calibrating
AGREE_MS = 20.0  # a click whose lag is this far from the others' median was something else (a knock, a word)
CLEAR = 8.0  # a click is heard when its correlation peak stands this far above the correlation's typical level
TAP_EVERY_S = 1.0  # a tap places itself from a quarter beat early to three quarters late
TAPS_SKIPPED = 2  # the first taps find the beat; they are not counted


@dataclass(frozen=True)
class Calibration:
    offset_ms: float  # to add to every onset: what the speaker adds to the reported latency
    spread_ms: float  # the lags' standard deviation
    used: int  # clicks (or taps) that agreed
    of: int
    how: str  # "microphone" or "taps"

    def summary(self) -> str:
        return (
            f"{self.offset_ms:.0f} ms later than reported (spread ±{self.spread_ms:.1f} ms, {self.used} of "
            f"{self.of} {'clicks heard' if self.how == 'microphone' else 'taps'})"
        )


def click(rate: int = RATE) -> Samples:
    """10 ms rising from 1 to 5 kHz: sharp in time, so its correlation peak is narrow."""
    t = np.arange(int(0.010 * rate)) / rate
    sweep = np.sin(2 * np.pi * (1000 * t + 4000 / 0.010 * t * t / 2))
    shaped = faded(sweep * np.hanning(len(t)), rate)
    samples: Samples = (shaped * (PEAK / np.max(np.abs(shaped)))).astype(np.float32)
    return samples


def click_train(first_ns: int, count: int = CLICKS, seed: int = 16) -> list[int]:
    """When each click is to be heard: 0.45-0.75 s apart, irregularly (a regular train fits several lags)."""
    rng = random.Random(seed)
    times, t = [], first_ns
    for _ in range(count):
        times.append(t)
        t += round(rng.uniform(0.45, 0.75) * 1e9)
    return times


def from_recording(
    samples: npt.NDArray[np.float32], t0_ns: float, ns_per_sample: float, planned_ns: Sequence[int],
    sound: Samples, rate: int = RATE,
) -> Calibration | None:  # fmt: skip
    """The offset from a recording whose sample i was captured at `t0_ns + i * ns_per_sample`; None when fewer than
    half the clicks were heard clearly."""
    index = [round((t - t0_ns) / ns_per_sample) for t in planned_ns]
    longest = int(MAX_LATENCY_S * rate)
    if not index or index[0] < 0 or index[-1] + longest + len(sound) > len(samples):
        return None
    coarse = _coarse_lag(samples, index, sound, longest)
    lags, window = [], int(0.015 * rate)
    for i in index:
        lo = max(0, i + coarse - window)
        piece = samples[lo : i + coarse + window + len(sound)]
        correlation = np.correlate(piece, sound, mode="valid")
        peak = int(np.argmax(np.abs(correlation)))
        typical = float(np.median(np.abs(correlation))) + 1e-12
        if abs(float(correlation[peak])) > CLEAR * typical:
            lags.append((lo + peak - i) * ns_per_sample / 1e6)
    return _agreed(lags, len(planned_ns), "microphone")


def _coarse_lag(samples: npt.NDArray[np.float32], index: list[int], sound: Samples, longest: int) -> int:
    """The one lag (0 .. `longest` samples) most clicks agree on: each click's correlation over every lag, scaled to
    its own peak (a loud knock near one click is one vote, not the answer), summed over the train."""
    size = 1 << (longest + 2 * len(sound)).bit_length()
    template = np.conj(np.fft.rfft(sound.astype(np.float64), size))
    votes = np.zeros(longest + 1)
    for i in index:
        piece = samples[i : i + longest + len(sound)].astype(np.float64)
        correlation = np.abs(np.fft.irfft(np.fft.rfft(piece, size) * template, size)[: longest + 1])
        votes += correlation / (correlation.max() + 1e-12)
    return int(np.argmax(votes))


def tap_train(first_ns: int, count: int = CLICKS, every_s: float = TAP_EVERY_S) -> list[int]:
    """Clicks to tap along with: a steady beat (a coach taps on the beat, not after each click)."""
    return [first_ns + round(k * every_s * 1e9) for k in range(count)]


def from_taps(planned_ns: Sequence[int], taps_ns: Sequence[int], every_s: float = TAP_EVERY_S) -> Calibration | None:
    """The offset from taps along with a steady beat of clicks (`tap_train`): each tap's place in the beat, from a
    quarter beat early to three quarters late; the first taps find the beat and are not counted."""
    period = every_s * 1e9
    counted = len(planned_ns) - TAPS_SKIPPED
    start = planned_ns[TAPS_SKIPPED] - period / 4
    end = planned_ns[-1] + 3 * period / 4
    lags = [((tap - planned_ns[0] + period / 4) % period - period / 4) / 1e6 for tap in taps_ns if start <= tap < end]
    found = _agreed(lags, counted, "taps")
    return None if found is None else Calibration(found.offset_ms, found.spread_ms, min(found.used, counted), counted,
                                                    "taps")  # fmt: skip


def lower_line(x: npt.NDArray[np.float64], t: npt.NDArray[np.float64]) -> tuple[float, float]:
    """(slope, intercept) of the line under points that can only be late, never early (buffers delivered after
    they exist): least squares, refitted through the lowest fifth, then lowered onto the lowest point."""
    keep = np.ones(len(x), dtype=bool)
    slope, intercept = 0.0, float(t.min())
    for _ in range(6):
        slope, intercept = (float(v) for v in np.polyfit(x[keep], t[keep], 1))
        residual = t - (intercept + slope * x)
        keep = residual <= np.percentile(residual, 20)
    return slope, intercept + float(residual.min())


def _agreed(lags: list[float], of: int, how: str) -> Calibration | None:
    if not lags:
        return None
    middle = float(np.median(lags))
    kept = [lag for lag in lags if abs(lag - middle) <= AGREE_MS]
    if len(kept) * 2 < of:
        return None
    return Calibration(float(np.median(kept)), float(np.std(kept)), len(kept), of, how)
