"""Voice clips from espeak-ng, made before the stream starts and mixed like any cue (never spoken "live":
a speech engine that plays by itself cannot be placed to the sample)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import wave
from pathlib import Path

import numpy as np

from kicktimer.audio.synth import PEAK, RATE, Samples, faded
from kicktimer.core.language.announce import announcement
from kicktimer.core.language.plan import Plan

ENGINE = "espeak-ng"


def speak(text: str, rate: int = RATE) -> Samples | None:
    """`text` as samples at `rate`; None when espeak-ng is missing or fails."""
    if shutil.which(ENGINE) is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "say.wav"
        try:
            subprocess.run([ENGINE, "-w", str(out), text], check=True, capture_output=True, timeout=20)
            with wave.open(str(out)) as clip:
                source_rate = clip.getframerate()
                raw = np.frombuffer(clip.readframes(clip.getnframes()), dtype="<i2").astype(np.float64)
        except (OSError, subprocess.SubprocessError, wave.Error):
            return None
    if raw.size == 0 or not np.any(raw):
        return None
    length = round(len(raw) * rate / source_rate)
    resampled = np.fft.irfft(np.fft.rfft(raw), n=length) * (length / len(raw))  # FFT resampling
    resampled = faded(resampled, rate)
    clip_samples: Samples = (resampled * (PEAK / np.max(np.abs(resampled)))).astype(np.float32)
    return clip_samples


def voice_clips(plan: Plan, rate: int = RATE) -> tuple[dict[str, Samples], str | None]:
    """A clip per announced step (`voice:<index>`), and a notice for the user when voice is on but impossible."""
    if not plan.settings.voice:
        return {}, None
    if shutil.which(ENGINE) is None:
        return {}, "voice is on, but espeak-ng is not installed: beeps only (apt-get install espeak-ng)"
    clips: dict[str, Samples] = {}
    said: dict[str, Samples | None] = {}
    for step in plan.steps:
        if step.phase != "work" or step.joined:
            continue
        text = announcement(plan, step)
        if text not in said:
            said[text] = speak(text, rate)
        clip = said[text]
        if clip is not None:
            clips[f"voice:{step.index}"] = clip
    return clips, None if clips else "voice is on, but espeak-ng made no sound: beeps only"
