"""`kicktimer render`: every cue of every library session lands on its planned frame, to the sample."""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from kicktimer.app.render import cue_track
from kicktimer.audio.synth import RATE, palette
from kicktimer.io.session_file import load_session
from tests.audio.onsets import detect
from tests.conftest import library_files

SOUNDS = palette()


@pytest.mark.parametrize("path", library_files(), ids=lambda p: p.name.removesuffix(".session.yaml"))
def test_library_session_onsets_match_the_plan(path: Path) -> None:
    track = cue_track(load_session(path), open_s=20.0)
    planned = [(int(f), track.names[int(s)]) for f, s in zip(track.onsets, track.placed.sound, strict=True)]
    assert planned, "a session with no cues"
    assert detect(track.blocks(), dict(zip(track.names, track.sounds, strict=True))) == planned
    # and the planned frames are the cue times on the ideal clock
    assert all(int(f) == round(int(t) * RATE / 1e9) for f, t in zip(track.onsets, track.placed.t_ns,
                                                                      strict=True))  # fmt: skip


def test_render_command_writes_the_wav_and_the_cue_list(tmp_path: Path) -> None:
    session = tmp_path / "short.session.yaml"
    session.write_text(
        "name: Short\nathletes: [{name: Ana, paces: {800m: '2:00'}}]\nsettings: {countdown_s: 3}\n"
        "workout: |\n  2x(10s hill sprint + 20s jog) r15s\n  2x200m @800 r20s\n",
        encoding="utf-8",
    )
    wav, cues = tmp_path / "cues.wav", tmp_path / "cues.json"
    result = subprocess.run(
        [sys.executable, "-m", "kicktimer", "render", str(session), "-o", str(wav), "--cues", str(cues),
         "--open-s", "4"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    listing = json.loads(cues.read_text())["cues"]
    with wave.open(str(wav)) as f:
        assert (f.getframerate(), f.getnchannels(), f.getsampwidth()) == (RATE, 1, 2)
        samples = np.frombuffer(f.readframes(f.getnframes()), dtype="<i2")
    found = detect([(0, samples)], SOUNDS)
    assert [f for f, _ in found] == [c["frame"] for c in listing]
    kinds = [c["kind"] for c in listing]
    assert kinds[:4] == ["go", "gear_easy", "recovery", "last10"]  # hill sprint, into the jog, the r15s
    assert kinds.count("countdown") == 3 + 3 and "pace" in kinds and kinds[-1] == "done"
    assert listing[0]["t_s"] == 4.0  # Space after --open-s at the hold
