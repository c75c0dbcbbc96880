"""Voice clips: made with espeak-ng before the stream starts, at the stream's rate, mixed like any cue."""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from kicktimer.audio import voice
from kicktimer.audio.mixer import place
from kicktimer.audio.synth import PEAK, RATE
from kicktimer.core.language.plan import Settings
from tests.core.helpers import ANA, expand

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")


@needs_espeak
def test_speak_resamples_to_the_stream_rate() -> None:
    clip = voice.speak("Rep three of eight.")
    assert clip is not None and clip.dtype == np.float32
    assert 0.5 * RATE < len(clip) < 4 * RATE
    assert np.max(np.abs(clip)) == np.float32(PEAK) and abs(clip[0]) < 1e-3 and abs(clip[-1]) < 1e-3
    spectrum = np.abs(np.fft.rfft(clip))
    speech_band = spectrum[: int(4000 * len(clip) / RATE)].sum() / spectrum.sum()
    assert speech_band > 0.8  # espeak's 22050 Hz voice, resampled: nothing invented above it


@needs_espeak
def test_clips_for_every_announced_step_and_mixed_by_name() -> None:
    plan = expand("3x400m @1500 r1:00", (ANA,), Settings(voice=True))
    clips, notice = voice.voice_clips(plan)
    assert notice is None and set(clips) == {"voice:1", "voice:3", "voice:5"}
    placed = place([(0, "voice:3", 3), (5_000_000_000, "voice:9", 9), (9_000_000_000, "go", 5)], ["go", *clips])
    assert [k[1] for k in placed.keys] == ["voice:3", "go"]  # a clip that could not be made is left out


def test_voice_off_or_no_engine_means_beeps_and_one_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    assert voice.voice_clips(expand("2x200m r1:00")) == ({}, None)
    monkeypatch.setattr(voice.shutil, "which", lambda name: None)
    clips, notice = voice.voice_clips(expand("2x200m r1:00", settings=Settings(voice=True)))
    assert clips == {} and notice is not None and "espeak-ng" in notice
    assert voice.speak("hello") is None
