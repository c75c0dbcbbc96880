"""One clock for everything: monotonic nanoseconds, injected (never read from a global)."""

from __future__ import annotations

import time
from typing import Protocol

NS_PER_S = 1_000_000_000


def to_ns(seconds: float) -> int:
    return round(seconds * NS_PER_S)


def to_s(ns: int) -> float:
    return ns / NS_PER_S


class Clock(Protocol):
    def now_ns(self) -> int: ...


class MonotonicClock:
    def now_ns(self) -> int:
        return time.monotonic_ns()


class OffsetClock:
    """Another clock shifted by a constant: a resumed recording continues its own timeline."""

    def __init__(self, inner: Clock, offset_ns: int) -> None:
        self.inner = inner
        self.offset_ns = offset_ns

    def now_ns(self) -> int:
        return self.inner.now_ns() + self.offset_ns
