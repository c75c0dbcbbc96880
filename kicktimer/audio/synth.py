"""The cue palette, rendered once before any stream starts: distinct sounds in the 1.5-3.5 kHz band that carries
outdoors, peaks at -1 dBFS, raised-cosine fades of 5 ms so nothing clicks."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float32]
PEAK = 10 ** (-1 / 20)  # -1 dBFS
FADE_S = 0.005
RATE = 48_000
HARD_GEARS = frozenset({"kick", "sprint", "race", "hard", "fast", "accel", "bound", "stride", "hill", "uphill"})


def faded(samples: npt.NDArray[np.float64], rate: int) -> npt.NDArray[np.float64]:
    n = min(int(FADE_S * rate), len(samples) // 2)
    ramp = 0.5 * (1 - np.cos(np.pi * np.arange(n) / n))
    samples[:n] *= ramp
    samples[len(samples) - n :] *= ramp[::-1]
    return samples


def tone(freq_hz: float, seconds: float, rate: int = RATE, end_hz: float | None = None) -> npt.NDArray[np.float64]:
    """A sine (or a linear chirp to `end_hz`) with a touch of its octave for presence, faded in and out."""
    t = np.arange(int(seconds * rate)) / rate
    end = freq_hz if end_hz is None else end_hz
    phase = 2 * np.pi * (freq_hz * t + (end - freq_hz) * t * t / (2 * seconds))
    return faded(np.sin(phase) + 0.25 * np.sin(2 * phase), rate)


def _seq(parts: list[tuple[npt.NDArray[np.float64], float]], rate: int) -> npt.NDArray[np.float64]:
    """Sounds separated by gaps (seconds)."""
    out: list[npt.NDArray[np.float64]] = []
    for sound, gap_s in parts:
        out += [sound, np.zeros(int(gap_s * rate))]
    return np.concatenate(out)


def _normalise(samples: npt.NDArray[np.float64]) -> Samples:
    scaled: Samples = (samples * (PEAK / np.max(np.abs(samples)))).astype(np.float32)
    return scaled


def scaled(sounds: dict[str, Samples], volume: float) -> dict[str, Samples]:
    """The bank at a volume from 0 to 1 (1 = -1 dBFS peaks), made before the stream starts."""
    gain = np.float32(min(max(volume, 0.0), 1.0))
    return {name: samples * gain for name, samples in sounds.items()}


def palette(rate: int = RATE) -> dict[str, Samples]:
    """Every cue sound, by name. Gear changes into hard gears rise in three steps; into easy gears they fall."""
    sounds = {
        "countdown": tone(2200, 0.09, rate),
        "go": tone(2600, 0.45, rate),
        "gear_hard": _seq([(tone(1900, 0.07, rate, 3000), 0.03), (tone(2300, 0.07, rate, 3400), 0.03),
                           (tone(2700, 0.07, rate, 3500), 0.0)], rate),
        "gear_easy": _seq([(tone(2800, 0.09, rate, 1800), 0.04), (tone(2400, 0.09, rate, 1600), 0.0)], rate),
        "recovery": tone(3000, 0.40, rate, 1600),
        "last10": tone(3200, 0.03, rate),
        "set_end": _seq([(tone(2400, 0.15, rate), 0.05), (tone(1800, 0.25, rate), 0.0)], rate),
        "done": _seq([(tone(1800, 0.15, rate), 0.05), (tone(2400, 0.15, rate), 0.05), (tone(3000, 0.4, rate), 0.0)],
                     rate),
        "pace": tone(1600, 0.06, rate),
        "may_stop": _seq([(tone(2000, 0.08, rate), 0.08), (tone(2000, 0.08, rate), 0.0)], rate),
        "stop": _seq([(tone(3000, 0.12, rate), 0.04), (tone(3000, 0.12, rate), 0.04), (tone(3000, 0.3, rate), 0.0)],
                     rate),
    }  # fmt: skip
    return {name: _normalise(samples) for name, samples in sounds.items()}


def sound_name(kind: str, gear: str | None, step: int = -1) -> str:
    """The palette entry for a cue; a gear change sounds by the gear it changes into; an announcement is the
    voice clip made for its step."""
    if kind == "announce":
        return f"voice:{step}"
    if kind == "gear":
        return "gear_hard" if gear in HARD_GEARS else "gear_easy"
    return kind
