"""A whole session's cues as they would sound in self-timing mode, on an ideal clock (for `kicktimer render`)."""

from __future__ import annotations

from kicktimer.core.language.plan import Plan
from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.cues import Cue
from kicktimer.core.run.engine import SessionEngine

MAX_EVENTS = 100_000


class IdealClock:
    """The simulation's own clock: it reads what the simulation last set, to the nanosecond."""

    def __init__(self, t_ns: int) -> None:
        self.t_ns = t_ns

    def now_ns(self) -> int:
        return self.t_ns


def simulate_cues(plan: Plan, open_s: float, start_ns: int = 0) -> list[Cue]:
    """Run the plan with no one at the keys: every step that waits for a tap gets Space after `open_s` (a duration
    range, `8-10s`, at its upper bound).
    Cues are collected from the schedule after every event, exactly as the audio would receive them."""
    clock = IdealClock(start_ns)
    engine = SessionEngine(plan, clock)
    engine.start()
    seen: dict[Cue, None] = {}
    for _ in range(MAX_EVENTS):
        seen.update(dict.fromkeys(engine.cues()))
        snap = engine.snapshot()
        if snap.status != "running":
            break
        if snap.remaining_s is None:
            ranged = snap.step  # a duration range (`8-10s`) is tapped at its "stop"
            wait_s = ranged.duration_s if ranged.min_duration_s is not None and ranged.duration_s else open_s
            clock.t_ns += to_ns(wait_s)
            engine.tap()
        else:
            step = snap.step_index
            clock.t_ns += max(1, to_ns(snap.remaining_s))
            while engine.snapshot().step_index == step and engine.snapshot().status == "running":
                clock.t_ns += 1
    return sorted(seen)
