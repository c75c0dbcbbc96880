"""`kicktimer render`: a session's whole cue track through the same mixer, on an ideal sample clock.

The track is produced in fixed blocks (constant memory: a session with a long warm-up is 40 minutes of audio).
"""

from __future__ import annotations

import json
import wave
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from kicktimer.audio.mixer import Placed, blocks, fix_ideal, place
from kicktimer.audio.synth import RATE, Samples, palette, scaled, sound_name
from kicktimer.audio.voice import voice_clips
from kicktimer.core.language.notation import parse_workout
from kicktimer.core.language.plan import Plan, Settings, build_plan
from kicktimer.core.language.quantities import count_of, format_clock, tidy_floats
from kicktimer.core.run.simulate import simulate_cues
from kicktimer.io.session_file import Session

TAIL_S = 0.5
BLOCK = RATE


@dataclass(frozen=True)
class CueTrack:
    plan: Plan  # the session in self-timing mode
    placed: Placed
    onsets: npt.NDArray[np.int64]  # each cue's frame on an ideal sample clock
    names: list[str]
    sounds: list[Samples]
    frames: int

    def blocks(self) -> Iterator[tuple[int, npt.NDArray[np.int16]]]:
        """(first frame, 16-bit samples) for every block of the track, through the live mixer."""
        for start, out in blocks(self.onsets, self.placed.sound, self.sounds, self.frames, BLOCK):
            yield start, np.round(out * 32767).astype("<i2")


def cue_track(session: Session, open_s: float, volume: float = 1.0) -> CueTrack:
    base = session.plan
    settings = Settings(base.settings.countdown_s, "target", base.settings.split_every_m, base.settings.voice)
    plan = build_plan(base.name, parse_workout(session.workout), base.athletes, settings)
    cues = simulate_cues(plan, open_s)
    bank = scaled({**palette(RATE), **voice_clips(plan, RATE)[0]}, volume)
    names = list(bank)
    placed = place(
        [(c.t_ns, sound_name(c.kind, plan.steps[c.step_index].gear, c.step_index), c.step_index) for c in cues], names
    )
    onsets = fix_ideal(placed, 0, RATE)
    sounds = [bank[n] for n in names]
    last = max((int(f) + len(sounds[s]) for f, s in zip(onsets, placed.sound, strict=True)), default=0)
    return CueTrack(plan, placed, onsets, names, sounds, last + int(TAIL_S * RATE))


def render_session(session: Session, wav: Path, cues_json: Path | None, open_s: float, volume: float = 1.0) -> str:
    """Write the cue track to `wav` (whole, or not at all: a failed write leaves no half file and no file named
    `wav`); OSError says what the disk refused."""
    track = cue_track(session, open_s, volume)
    part = wav.with_name(f".{wav.name}.part")
    try:
        with part.open("wb") as file, wave.open(file, "wb") as out:  # the file first: wave's own open fails badly
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            for _, block in track.blocks():
                out.writeframes(block.tobytes())
        part.replace(wav)
    except OSError as error:
        part.unlink(missing_ok=True)
        error.filename = str(wav) if error.filename in (None, str(part)) else error.filename
        raise
    if cues_json is not None:
        steps = track.plan.steps
        listing = [
            {"t_s": int(t) / 1e9, "frame": int(f), "kind": key[1], "step": key[2], "label": steps[key[2]].label}
            for t, f, key in zip(track.placed.t_ns, track.onsets, track.placed.keys, strict=True)
        ]
        cues_json.write_text(json.dumps(tidy_floats({"rate": RATE, "cues": listing}), indent=1), encoding="utf-8")
    return f"{wav}: {count_of(len(track.placed.keys), 'cue')}, {format_clock(track.frames / RATE)} at {RATE} Hz"
