"""The audio interface, and the silent backend (no device, --mute, tests): same calls, no sound."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

CueSound = tuple[int, str, int]  # (t_ns on the engine's clock when it is heard, palette name, step index)


class AudioOutput(Protocol):
    state: str  # "playing", "no sound", "lost", "stopped"
    reason: str | None  # shown to the coach when there is no sound, in plain words
    detail: str | None  # the library's own words, for diagnostics

    def start(self) -> bool: ...
    def set_cues(self, cues: Sequence[CueSound]) -> None: ...
    def lead_ns(self) -> int: ...  # from now until a cue published now can be heard
    def poll(self) -> None: ...
    def close(self) -> None: ...


class NullOutput:
    def __init__(self, reason: str = "sound is off", detail: str | None = None) -> None:
        self.state = "no sound"
        self.reason: str | None = reason
        self.detail = detail
        self.cues: tuple[CueSound, ...] = ()

    def start(self) -> bool:
        return False

    def set_cues(self, cues: Sequence[CueSound]) -> None:
        self.cues = tuple(cues)

    def lead_ns(self) -> int:
        return 0  # nothing is heard: a step starts at its key

    def poll(self) -> None:
        return None

    def close(self) -> None:
        return None
