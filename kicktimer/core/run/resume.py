"""Resuming an interrupted recording, and a suspend noticed while running: how long the session was gone.

Splits live on the recording's own monotonic timeline. A monotonic clock does not survive a restart (and on
Linux stops while the computer sleeps), so the gap alone is measured on the wall clock, from the latest moment
known on both clocks (a heartbeat, else the start) to now. Two ways to continue:

- continue the clock (default): the athletes kept running; the timeline moves on by the whole gap, so steps
  that would have ended meanwhile have ended (and their cues are in the past, never replayed);
- count the gap as a pause: the same timeline, with a pause from where it stopped to now.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime

from kicktimer.core.language.plan import Plan
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.run.clock import NS_PER_S, to_ns, to_s
from kicktimer.core.run.events import Event
from kicktimer.core.run.state import Snapshot

MAX_CONTINUE_GAP_S = 6 * 3600.0  # longer than any session: continuing the clock over it is not what happened


@dataclass(frozen=True)
class Anchor:
    """One moment on both clocks: the recording's timeline and the wall clock (Unix seconds)."""

    t_ns: int
    wall_s: float


@dataclass(frozen=True)
class Gap:
    stopped_ns: int  # the last sign of life on the recording's timeline: an event or a heartbeat
    stopped_wall_s: float
    gap_s: float  # from then to now on the wall clock; never negative
    problem: str | None = None  # a negative or absurd gap, said in words

    @property
    def resumed_ns(self) -> int:
        """Where the timeline is now, had the program never stopped."""
        return self.stopped_ns + to_ns(self.gap_s)


def last_sign_of_life(events: list[Event], anchors: list[Anchor]) -> int:
    times = [e.t_ns for e in events if e.type != "correct"] + [a.t_ns for a in anchors]
    return max(times)


def measure_gap(events: list[Event], anchors: list[Anchor], now_wall_s: float) -> Gap:
    """`anchors` holds at least the start (its wall time from the header); the latest one is used."""
    anchor = max(anchors, key=lambda a: a.t_ns)
    stopped_ns = last_sign_of_life(events, anchors)
    stopped_wall = anchor.wall_s + to_s(stopped_ns - anchor.t_ns)
    raw = now_wall_s - stopped_wall
    problem = None
    if raw < -1.0:
        problem = (f"this computer's clock has been set back: it is {human_span(-raw)} earlier now than when the "
                   "recording stopped, so how long it was stopped cannot be known; it carries on as if no time had "
                   "passed")  # fmt: skip
    elif raw > MAX_CONTINUE_GAP_S:
        problem = f"the recording stopped {human_span(raw)} ago, longer than any session"
    return Gap(stopped_ns, stopped_wall, max(0.0, raw), problem)


@dataclass(frozen=True)
class Resumption:
    offset_ns: int  # add to the new monotonic clock to continue the recording's own timeline
    gap: Gap


def resumption(events: list[Event], anchors: list[Anchor], now_wall_s: float, now_mono_ns: int) -> Resumption:
    """The new clock's offset: both choices put "now" at the same place on the timeline; they differ only in
    whether the engine is told the gap was a pause (`SessionEngine.pause_between`)."""
    gap = measure_gap(events, anchors, now_wall_s)
    return Resumption(gap.resumed_ns - now_mono_ns, gap)


@dataclass
class SuspendWatch:
    """Notices the computer sleeping while the session runs: the boot-time clock counts the sleep, the
    monotonic clock does not (Linux), so their difference grows by exactly the time asleep."""

    boot_minus_mono_ns: int
    min_gap_ns: int = 2 * NS_PER_S  # scheduling jitter is far below this; a sleep is seconds at least

    def slept_ns(self, boot_minus_mono_ns: int) -> int:
        """How long the computer slept since the last call (0 if it did not)."""
        grown = boot_minus_mono_ns - self.boot_minus_mono_ns
        self.boot_minus_mono_ns = boot_minus_mono_ns
        return grown if grown >= self.min_gap_ns else 0


def human_span(seconds: float) -> str:
    """`42 s`, `4 min`, `1 h 05 min`, `3 days`: how long ago, for a person."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min"
    if s < 2 * 86_400:
        return f"{s // 3600} h {s % 3600 // 60:02d} min"
    return f"{s // 86_400} days"


def human_when(moment: datetime, now: datetime) -> str:
    """`today at 14:20`, `yesterday at 18:05`, `Tue 12 May at 17:30` (the year when it is not this one)."""
    days = (now.date() - moment.date()).days
    clock = f"{moment:%H:%M}"
    if days == 0:
        return f"today at {clock}"
    if days == 1:
        return f"yesterday at {clock}"
    day = f"{moment:%a} {moment.day} {moment:%b}" + ("" if moment.year == now.year else f" {moment.year}")
    return f"{day} at {clock}"


def where_text(snap: Snapshot, plan: Plan) -> str:
    """Where a snapshot is, as the coach reads it: `Rep 3/8 of Main set, R1:30 — 0:42 left`."""
    if snap.status in ("complete", "ended"):
        return "the session had finished"
    step = snap.step
    title = plan.block_titles[step.block] if step.block < len(plan.block_titles) else None
    place = f"{snap.counters} of {title}" if snap.counters and title else snap.counters or title or ""
    if snap.remaining_s is not None:
        clock = f"{format_clock(math.ceil(snap.remaining_s))} left"
    elif step.phase == "hold":
        clock = "waiting for Space"
    else:
        clock = f"{format_clock(math.floor(snap.step_elapsed_s))} into it"
    paused = " (paused)" if snap.status == "paused" else ""
    # a hold named as its block is named once: "Main set", "from Rep 2/3 of Then", never "…Then, Then"
    named = title is not None and step.label.casefold() == title.casefold() and place.endswith(title)
    said = ", ".join(p for p in (place, "" if named else step.label) if p)
    return f"{said} — {clock}{paused}"


def resume_summary(stopped: Snapshot, now: Snapshot, plan: Plan, gap: Gap, wall_now: datetime) -> list[str]:
    """What the resume offer and `--resume` say: when and where it stopped, where it is now."""
    when = datetime.fromtimestamp(gap.stopped_wall_s, wall_now.tzinfo)
    lines = [f"stopped {human_span(gap.gap_s)} ago ({human_when(when, wall_now)}), at {where_text(stopped, plan)}"]
    lines.append(f"now, had the clock gone on: {where_text(now, plan)}")
    if gap.problem:
        lines.append(gap.problem)  # said as a note by whoever shows the lines
    return lines
