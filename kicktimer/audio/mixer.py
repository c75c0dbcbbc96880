"""Pure mixing: cues placed at absolute frames of one timeline, written into any frame range.

The same frames come out whatever the block sizes, because every onset is an absolute frame and a block only
says which frames to write. No device here: the stream callback and `kicktimer render` both use it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kicktimer.audio.synth import Samples

# At one instant only the most important cue sounds (two at -1 dBFS together would clip).
PRIORITY = ("done", "set_end", "stop", "go", "gear_hard", "gear_easy", "recovery", "may_stop", "countdown",
            "last10", "pace", "voice")  # fmt: skip
SAME_INSTANT_S = 0.05


def _rank(name: str) -> int:
    return PRIORITY.index("voice" if name.startswith("voice:") else name)


@dataclass
class Placed:
    """Cues for the mixer: onset frames (-1 until fixed) and sound indices, sorted by time. Built outside the
    audio callback; the callback only fills `onset_frame` and reads."""

    t_ns: npt.NDArray[np.int64]
    sound: npt.NDArray[np.int32]
    onset_frame: npt.NDArray[np.int64]
    keys: tuple[tuple[int, str, int], ...]  # (t_ns, sound name, step) to carry fixed onsets across swaps


def place(cues: Sequence[tuple[int, str, int]], names: Sequence[str]) -> Placed:
    """(t_ns, sound name, step) → Placed, keeping one cue per instant (the most important). A cue whose sound
    is not in `names` (a voice clip that could not be made) is left out."""
    known = set(names)
    ordered = sorted(c for c in cues if c[1] in known)
    kept: list[tuple[int, str, int]] = []
    for cue in ordered:
        if kept and cue[0] - kept[-1][0] < SAME_INSTANT_S * 1e9:
            if _rank(cue[1]) < _rank(kept[-1][1]):
                kept[-1] = cue
            continue
        kept.append(cue)
    index = {name: i for i, name in enumerate(names)}
    return Placed(
        np.array([c[0] for c in kept], dtype=np.int64),
        np.array([index[c[1]] for c in kept], dtype=np.int32),
        np.full(len(kept), -1, dtype=np.int64),
        tuple(kept),
    )


def mix_into(out: npt.NDArray[np.float32], start_frame: int, placed: Placed, sounds: Sequence[Samples]) -> None:
    """Add every cue sounding in [start_frame, start_frame + len(out)) into `out` (zeroed by the caller)."""
    end_frame = start_frame + len(out)
    onsets = placed.onset_frame
    for i in range(len(onsets)):
        onset = int(onsets[i])
        if onset < 0 or onset >= end_frame:
            continue
        sound = sounds[int(placed.sound[i])]
        if onset + len(sound) <= start_frame:
            continue
        a = max(onset, start_frame)
        b = min(onset + len(sound), end_frame)
        out[a - start_frame : b - start_frame] += sound[a - onset : b - onset]
    np.clip(out, -1.0, 1.0, out=out)


def fix_ideal(placed: Placed, origin_ns: int, rate: int) -> None:
    """Onsets on an ideal sample clock starting at `origin_ns` (offline rendering)."""
    placed.onset_frame[:] = np.round((placed.t_ns - origin_ns) * rate / 1e9).astype(np.int64)


def blocks(
    placed: Placed, sounds: Sequence[Samples], frames: int, block: int = 4096
) -> Iterator[tuple[int, npt.NDArray[np.float32]]]:
    """(first frame, samples) for every block of a track, in one reused buffer: constant memory, any length."""
    buffer = np.zeros(block, dtype=np.float32)
    for start in range(0, frames, block):
        out = buffer[: min(block, frames - start)]
        out.fill(0.0)
        mix_into(out, start, placed, sounds)
        yield start, out


def render(placed: Placed, sounds: Sequence[Samples], frames: int, block: int = 4096) -> npt.NDArray[np.float32]:
    """The whole track as one array (short tracks: tests, previews)."""
    return np.concatenate([out.copy() for _, out in blocks(placed, sounds, frames, block)] or [np.zeros(0, np.float32)])
