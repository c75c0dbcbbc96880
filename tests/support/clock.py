"""A clock that moves only when a test says so."""

from __future__ import annotations

from kicktimer.core.run.clock import NS_PER_S, to_ns


class FakeClock:
    def __init__(self, start_ns: int = 1_000 * NS_PER_S) -> None:
        self.t_ns = start_ns

    def now_ns(self) -> int:
        return self.t_ns

    def advance(self, seconds: float = 0.0, ns: int = 0) -> int:
        self.t_ns += to_ns(seconds) + ns
        return self.t_ns
