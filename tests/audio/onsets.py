"""Blind onset detection on exact digital audio: a cue starts where silence ends, moved back by however many of
its first samples round to zero; each candidate is confirmed by matching a palette sound sample for sample."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np
import numpy.typing as npt

from kicktimer.audio.synth import Samples

Block = tuple[int, npt.NDArray[np.int16]]


def quantised(sound: Samples) -> npt.NDArray[np.int16]:
    return np.round(sound * 32767).astype(np.int16)


def _segments(blocks: Iterable[Block]) -> Iterator[Block]:
    """Runs of consecutive blocks that are not silent, each preceded and followed by silence."""
    run: list[npt.NDArray[np.int16]] = []
    run_start = end = 0
    for start, block in blocks:
        if np.any(block):
            if not run or start != end:
                if run:
                    yield run_start, np.concatenate(run)
                run, run_start = [], start
            run.append(block)
            end = start + len(block)
        elif run:
            yield run_start, np.concatenate(run)
            run = []
    if run:
        yield run_start, np.concatenate(run)


def detect(blocks: Iterable[Block], sounds: dict[str, Samples]) -> list[tuple[int, str]]:
    """(onset frame, sound name) for every cue in a track given as (first frame, samples) blocks."""
    templates = {name: quantised(s) for name, s in sounds.items()}
    leads = {name: int(np.argmax(t != 0)) for name, t in templates.items()}
    pad = max(leads.values())
    found: list[tuple[int, str]] = []
    for start, segment in _segments(blocks):
        data = np.concatenate([np.zeros(pad, dtype=np.int16), segment, np.zeros(max(map(len, templates.values())),
                                                                                 dtype=np.int16)])  # fmt: skip
        busy_until = 0
        for index in np.flatnonzero(data):
            if index < busy_until:
                continue
            match = next(
                (
                    n
                    for n, t in templates.items()
                    if np.array_equal(data[index - leads[n] : index - leads[n] + len(t)], t)
                ),
                None,
            )
            if match is None:
                found.append((start + int(index) - pad, "?"))
                busy_until = int(index) + 1
                continue
            onset = int(index) - leads[match]
            found.append((start + onset - pad, match))
            busy_until = onset + len(templates[match])
    return found
