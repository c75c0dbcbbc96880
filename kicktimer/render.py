"""`kicktimer render`: a session's whole cue track through the same mixer, on an ideal sample clock."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import numpy as np

from kicktimer.audio.mixer import fix_ideal, place, render
from kicktimer.audio.synth import RATE, palette, sound_name
from kicktimer.core.plan import Settings, build_plan
from kicktimer.core.quantities import format_clock
from kicktimer.core.simulate import simulate_cues
from kicktimer.io.session_file import Session

TAIL_S = 0.5


def render_session(session: Session, wav: Path, cues_json: Path | None, open_s: float) -> str:
    from kicktimer.core.notation import parse_workout

    base = session.plan
    settings = Settings(base.settings.countdown_s, "target", base.settings.split_every_m, base.settings.voice)
    plan = build_plan(base.name, parse_workout(session.workout), base.athletes, settings)
    cues = simulate_cues(plan, open_s)
    sounds = palette(RATE)
    names = list(sounds)
    placed = place([(c.t_ns, sound_name(c.kind, plan.steps[c.step_index].gear), c.step_index) for c in cues], names)
    fix_ideal(placed, 0, RATE)
    last = max((int(f) + len(sounds[names[int(s)]]) for f, s in zip(placed.onset_frame, placed.sound, strict=True)),
               default=0)  # fmt: skip
    samples = render(placed, [sounds[n] for n in names], last + int(TAIL_S * RATE))
    with wave.open(str(wav), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes((np.round(samples * 32767)).astype("<i2").tobytes())
    if cues_json is not None:
        listing = [
            {"t_s": int(t) / 1e9, "frame": int(f), "kind": key[1], "step": key[2], "label": plan.steps[key[2]].label}
            for t, f, key in zip(placed.t_ns, placed.onset_frame, placed.keys, strict=True)
        ]
        cues_json.write_text(json.dumps({"rate": RATE, "cues": listing}, indent=1), encoding="utf-8")
    return f"{wav}: {len(placed.keys)} cues, {format_clock(len(samples) / RATE)} at {RATE} Hz"
