"""Resuming an interrupted recording: the gap counts as a pause, and the timeline carries on."""

from __future__ import annotations

from dataclasses import dataclass

from kicktimer.core.run.clock import to_ns, to_s
from kicktimer.core.run.events import Event


@dataclass(frozen=True)
class Resumption:
    offset_ns: int  # add to the new monotonic clock to continue the recording's own timeline
    events: list[Event]  # to append: a pause where the recording stopped, a resume now
    gap_s: float


def resumption(events: list[Event], wall_start_unix_s: float, now_wall_s: float, now_mono_ns: int) -> Resumption:
    """Monotonic clocks do not survive a reboot, so the gap is measured on the wall clock: the recording's
    start (wall) plus its last event's offset on its own timeline, to now."""
    start = next(e for e in events if e.type == "start")
    last_t = max(e.t_ns for e in events)
    last_wall_s = wall_start_unix_s + to_s(last_t - start.t_ns)
    gap_ns = max(0, to_ns(now_wall_s - last_wall_s))
    resume_t = last_t + gap_ns
    paused = False
    for event in events:
        paused = True if event.type == "pause" else False if event.type == "resume" else paused
    gap_s = to_s(gap_ns)
    new = [] if paused else [Event(last_t, "pause", reason="interrupted: the recording stopped here")]
    new.append(Event(resume_t, "resume", reason=f"resumed after an interruption of {gap_s:.0f} s"))
    return Resumption(resume_t - now_mono_ns, new, gap_s)
