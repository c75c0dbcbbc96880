"""Measuring a speaker's unreported latency: from a microphone's recording of a click train, or from taps."""

from __future__ import annotations

import numpy as np
import pytest

from kicktimer.audio.calibrate import (
    CLICKS,
    TAP_EVERY_S,
    click,
    click_train,
    from_recording,
    from_taps,
    tap_train,
)
from kicktimer.audio.synth import RATE

CLICK = click()
T0 = 5_000_000_000  # the recording's first sample, on the monotonic clock


def recording(lag_ms: float, noise: float = 0.02, knocks: int = 0, gain: float = 0.3, heard: int = CLICKS,
              ns_per_sample: float = 1e9 / RATE) -> tuple[np.ndarray, list[int]]:  # fmt: skip
    """What a microphone records: each click `lag_ms` after it was planned, quieter, in noise; knocks are loud
    clicks at wrong moments."""
    planned = click_train(T0 + 1_000_000_000)
    samples = np.random.default_rng(3).normal(0, noise, int(12 * RATE)).astype(np.float32)
    for t in planned[:heard]:
        at = round((t + lag_ms * 1e6 - T0) / ns_per_sample)
        samples[at : at + len(CLICK)] += gain * CLICK
    for k in range(knocks):
        at = round((planned[k] + 130e6 - T0) / ns_per_sample)
        samples[at : at + len(CLICK)] += 3 * CLICK
    return samples, planned


@pytest.mark.parametrize("lag_ms", [0.0, 37.3, 200.0, 312.6, 870.0])
def test_the_lag_of_a_click_train_is_found_to_a_sample(lag_ms: float) -> None:
    samples, planned = recording(lag_ms)
    found = from_recording(samples, T0, 1e9 / RATE, planned, CLICK)
    assert found is not None and found.used == found.of == CLICKS
    assert found.offset_ms == pytest.approx(lag_ms, abs=1e3 / RATE)
    assert found.spread_ms < 0.05 and "of 12 clicks heard" in found.summary()


def test_a_recording_clock_off_its_nominal_rate_is_followed() -> None:
    slow = 1e9 / RATE * (1 + 300e-6)  # the microphone's samples are 300 ppm longer than nominal
    samples, planned = recording(200.0, ns_per_sample=slow)
    found = from_recording(samples, T0, slow, planned, CLICK)
    assert found is not None and found.offset_ms == pytest.approx(200.0, abs=0.05)


def test_knocks_at_wrong_moments_are_left_out_and_too_few_clicks_is_no_answer() -> None:
    samples, planned = recording(150.0, knocks=3, gain=0.1, noise=0.01)
    found = from_recording(samples, T0, 1e9 / RATE, planned, CLICK)
    assert found is not None and found.offset_ms == pytest.approx(150.0, abs=0.05)
    quiet, planned = recording(150.0, heard=4)  # the speaker went off after 4 clicks
    assert from_recording(quiet, T0, 1e9 / RATE, planned, CLICK) is None
    silent = np.zeros(12 * RATE, dtype=np.float32)
    assert from_recording(silent, T0, 1e9 / RATE, planned, CLICK) is None
    assert from_recording(samples[:RATE], T0, 1e9 / RATE, planned, CLICK) is None  # too short to hold the train


def test_taps_along_the_beat_give_the_speakers_lag_with_their_spread() -> None:
    planned = tap_train(T0)
    rng = np.random.default_rng(5)
    # the coach taps on each click as heard (180 ms late), give or take 20 ms; the first two taps hunt for the beat
    taps = [round(t + 180e6 + rng.normal(0, 20e6)) for t in planned]
    taps[0], taps[1] = taps[0] + 300_000_000, taps[1] - 250_000_000
    found = from_taps(planned, taps)
    assert found is not None and found.how == "taps" and found.of == len(planned) - 2
    assert found.offset_ms == pytest.approx(180, abs=15) and 5 < found.spread_ms < 40
    assert from_taps(planned, taps[:5]) is None  # most clicks without a tap: no answer
    assert from_taps(planned, []) is None
    late = [round(t + 0.7 * TAP_EVERY_S * 1e9) for t in planned]  # up to three quarters of a beat late is a lag
    assert from_taps(planned, late) is not None and from_taps(planned, late).offset_ms == pytest.approx(700, abs=1)  # type: ignore[union-attr]
