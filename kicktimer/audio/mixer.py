"""Pure mixing: cues placed at absolute frames of one timeline, written into any frame range.

The same frames come out whatever the block sizes, because every onset is an absolute frame and a block only
says which frames to write. No device here: the stream's player (`audio.player`) and `kicktimer render` both add
sounds with `add_sound`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from kicktimer.audio.synth import Samples

# At one instant only the most important cue sounds (two at -1 dBFS together would clip).
PRIORITY = ("done", "set_end", "stop", "go", "gear_hard", "gear_easy", "recovery", "may_stop", "countdown",
            "last10", "pace", "voice")  # fmt: skip
SAME_INSTANT_S = 0.05

Cue = tuple[int, str, int]  # (t_ns heard, sound name, step)


def _rank(name: str) -> int:
    kind = "voice" if name.startswith("voice:") else name
    return PRIORITY.index(kind) if kind in PRIORITY else len(PRIORITY)


@dataclass(frozen=True)
class Placed:
    """A cue schedule, immutable once built: times (when each cue is to be heard), sound indices and identities,
    sorted by time. Plain tuples: the audio callback reads them without making a number object per read."""

    t_ns: tuple[int, ...]
    sound: tuple[int, ...]
    ids: tuple[int, ...]  # one number per cue (t_ns, name, step): the same cue in the next schedule has the same
    keys: tuple[Cue, ...]


EMPTY = Placed((), (), (), ())


def place(cues: Sequence[Cue], names: Sequence[str]) -> Placed:
    """(t_ns, sound name, step) → Placed, keeping one cue per instant (the most important). A cue whose sound
    is not in `names` (a voice clip that could not be made) is left out."""
    known = set(names)
    ordered = sorted(c for c in cues if c[1] in known)
    kept: list[Cue] = []
    for cue in ordered:
        if kept and cue[0] - kept[-1][0] < SAME_INSTANT_S * 1e9:
            if _rank(cue[1]) < _rank(kept[-1][1]):
                kept[-1] = cue
            continue
        kept.append(cue)
    index = {name: i for i, name in enumerate(names)}
    return Placed(
        tuple(c[0] for c in kept), tuple(index[c[1]] for c in kept), tuple(hash(c) for c in kept), tuple(kept)
    )


def first_due(placed: Placed, t_ns: int) -> int:
    """Index of the first cue at or after `t_ns`."""
    return bisect_left(placed.t_ns, t_ns)


def add_sound(out: npt.NDArray[np.float32], start_frame: int, onset: int, sound: Samples) -> bool:
    """Add the part of `sound` (starting at frame `onset`) that falls in `out` (frames from `start_frame`).
    False once the sound has ended before the end of `out`: nothing of it is left to play."""
    end_frame = start_frame + len(out)
    a, b = max(onset, start_frame), min(onset + len(sound), end_frame)
    if a < b:
        out[a - start_frame : b - start_frame] += sound[a - onset : b - onset]
    return onset + len(sound) > end_frame


def fix_ideal(placed: Placed, origin_ns: int, rate: int) -> npt.NDArray[np.int64]:
    """Onsets on an ideal sample clock starting at `origin_ns` (offline rendering)."""
    times = np.array(placed.t_ns, dtype=np.int64)
    onsets: npt.NDArray[np.int64] = np.round((times - origin_ns) * rate / 1e9).astype(np.int64)
    return onsets


def mix_into(
    out: npt.NDArray[np.float32], start_frame: int, onsets: npt.NDArray[np.int64], sound: Sequence[int],
    sounds: Sequence[Samples],
) -> None:  # fmt: skip
    """Add every cue sounding in [start_frame, start_frame + len(out)) into `out` (zeroed by the caller); `onsets`
    ascending. Only the cues that can sound here are visited (the longest sound bounds how far back to look)."""
    longest = max((len(s) for s in sounds), default=0)
    end_frame = start_frame + len(out)
    i = int(np.searchsorted(onsets, start_frame - longest, side="right"))
    while i < len(onsets) and onsets[i] < end_frame:
        add_sound(out, start_frame, int(onsets[i]), sounds[sound[i]])
        i += 1
    np.clip(out, -1.0, 1.0, out=out)


def blocks(
    onsets: npt.NDArray[np.int64], sound: Sequence[int], sounds: Sequence[Samples], frames: int, block: int = 4096
) -> Iterator[tuple[int, npt.NDArray[np.float32]]]:
    """(first frame, samples) for every block of a track, in one reused buffer: constant memory, any length."""
    buffer = np.zeros(block, dtype=np.float32)
    for start in range(0, frames, block):
        out = buffer[: min(block, frames - start)]
        out.fill(0.0)
        mix_into(out, start, onsets, sound, sounds)
        yield start, out


def render(
    onsets: npt.NDArray[np.int64], sound: Sequence[int], sounds: Sequence[Samples], frames: int, block: int = 4096
) -> npt.NDArray[np.float32]:
    """The whole track as one array (short tracks: tests, previews)."""
    parts = [out.copy() for _, out in blocks(onsets, sound, sounds, frames, block)]
    return np.concatenate(parts or [np.zeros(0, np.float32)])
