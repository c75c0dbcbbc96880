"""The cue schedule: every sound the known future holds, as (t_ns, kind, step_index) on the monotonic clock.

"Known" ends at the first step whose end waits for a tap. The schedule is an immutable tuple recomputed after
every event (a pause empties it: nothing is due while paused); the audio callback only reads it. A running
session asks only for the next `horizon_ns` (`schedule_ahead`): an event costs the same at step 10 of 1,000 as at
step 990, and the session asks again, from its main loop, well before the horizon is reached.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kicktimer.core.language.plan import Plan, PlanStep
from kicktimer.core.run.clock import NS_PER_S, to_ns
from kicktimer.core.run.places import step_length_ns
from kicktimer.core.run.replay import Replay

CueKind = Literal[
    "countdown", "go", "gear", "recovery", "last10", "set_end", "done", "pace", "announce", "may_stop", "stop"
]
LAST_TICKS_S = 10  # ticks over a recovery's last 10 s, handing over to the countdown pips
PACE_EVERY_M = 100.0
GRACE_NS = NS_PER_S // 4  # a cue this late is still due: the tap that caused it happened a moment ago
ANNOUNCE_AFTER_NS = 600_000_000  # spoken after the hold/recovery sound, ahead of what it announces
ANNOUNCE_MIN_RECOVERY_S = 16.0  # a shorter timed recovery has no room before its last-10-s ticks


@dataclass(frozen=True, order=True)
class Cue:
    t_ns: int
    kind: CueKind
    step_index: int


def _start_cues(replay: Replay, k: int, t: int) -> list[tuple[int, CueKind, int]]:
    """The sounds as step `k` starts, in the order this session runs (started at a rep: from its block's hold)."""
    plan, following = replay.plan, replay.following(k)
    step = plan.steps[k]
    if step.phase == "work":
        return [(t, "gear" if step.joined and replay.preceding(k) == k - 1 else "go", k)]
    cues: list[tuple[int, CueKind, int]] = [(t, "recovery", k)] if step.phase == "recovery" else []
    nxt = plan.steps[following] if following < len(plan.steps) else None
    roomy = step.ends == "tap" or (step.duration_s or 0.0) >= ANNOUNCE_MIN_RECOVERY_S
    if plan.settings.voice and nxt is not None and nxt.phase == "work" and roomy:
        cues.append((t + ANNOUNCE_AFTER_NS, "announce", following))
    return cues


def _within_cues(plan: Plan, k: int, start: int, length: int) -> list[tuple[int, CueKind, int]]:
    step, end = plan.steps[k], start + length
    nxt = plan.steps[k + 1] if k + 1 < len(plan.steps) else None
    cues: list[tuple[int, CueKind, int]] = []
    if step.phase == "recovery" and nxt is not None and nxt.phase == "work":
        countdown = int(plan.settings.countdown_s)
        for s in range(1, LAST_TICKS_S + 1):
            t = end - s * NS_PER_S
            if t >= start:
                cues.append((t, "countdown" if s <= countdown else "last10", k))
    if step.phase == "work" and step.distance_m and step.duration_s:  # self-timing: beeps at target split points
        every = plan.settings.split_every_m or PACE_EVERY_M
        for n in range(1, int((step.distance_m - 1e-6) // every) + 1):
            cues.append((start + to_ns(step.duration_s * n * every / step.distance_m), "pace", k))
    return cues


def _range_cues(plan: Plan, k: int, start: int) -> list[tuple[int, CueKind, int]]:
    """A duration range (`8-10s`) ends on a tap: "may stop" at its lower bound, "stop" at its upper."""
    step = plan.steps[k]
    if step.min_duration_s is None or step.duration_s is None:
        return []
    return [(start + to_ns(step.min_duration_s), "may_stop", k), (start + to_ns(step.duration_s), "stop", k)]


def _end_cues(plan: Plan, k: int, end: int) -> list[tuple[int, CueKind, int]]:
    step = plan.steps[k]
    if k + 1 >= len(plan.steps):
        return [(end, "done", k)]
    nxt = plan.steps[k + 1]
    if step.phase == "work" and _ends_a_set(plan, step, nxt):
        return [(end, "set_end", k)]
    return []


def _ends_a_set(plan: Plan, step: PlanStep, nxt: PlanStep) -> bool:
    """The last work step before a hold, or before the outer counters move on (the next set)."""
    if nxt.phase == "hold":
        return True
    following = next((s for s in plan.steps[step.index + 1 :] if s.phase == "work"), None)
    return following is not None and len(step.where) > 1 and following.where[1:] != step.where[1:]


@dataclass(frozen=True)
class Schedule:
    cues: tuple[Cue, ...]
    until_ns: int | None  # complete up to here (later steps are left for the next call); None: all that is known
    made_of: tuple[object, ...] = ()  # the step, its start and extension, pause, end, clock offset: all it depends on


def cue_schedule(replay: Replay, now_ns: int) -> tuple[Cue, ...]:
    """Cues from the start of the current step to the end of what is known, in time order."""
    return schedule_ahead(replay, now_ns, None).cues


def schedule_ahead(replay: Replay, now_ns: int, horizon_ns: int | None, previous: Schedule | None = None) -> Schedule:
    """Cues from the start of the current step on, up to the first step that starts more than `horizon_ns` after
    `now_ns` (None: to the end of what is known), in time order; `previous` itself when nothing it was made of has
    changed (a lap tap, an undo): the same future, not computed again."""
    plan, cursor = replay.plan, replay.cursor_at(now_ns)
    offset = replay.t_last_ns - replay.active_ns  # active time -> the clock: valid while running
    made_of = (cursor, replay.started, replay.paused, replay.ended, offset)
    if previous is not None and previous.made_of == made_of:
        return previous
    if not replay.started or replay.ended or replay.paused:
        return Schedule((), None, made_of)
    due = now_ns - GRACE_NS
    if cursor.done:  # finished just now by a tap: the done cue is still due
        done = _end_cues(plan, cursor.step, cursor.start_ns)
        return Schedule(tuple(Cue(t + offset, kind, i) for t, kind, i in done if t + offset >= due), None, made_of)
    k, start, extension = cursor.step, cursor.start_ns, cursor.extension_ns
    before = replay.preceding(k)
    raw = (_end_cues(plan, before, start) if before is not None else []) + _start_cues(replay, k, start)
    until = None
    while True:
        length = step_length_ns(plan.steps[k], extension)
        if length is None:
            raw += _range_cues(plan, k, start)
            break
        raw += _within_cues(plan, k, start, length)
        if k + 1 >= len(plan.steps):
            raw += _end_cues(plan, k, start + length)
            break
        if horizon_ns is not None and start + length + offset > now_ns + horizon_ns:
            until = start + length + offset  # the next step and its end cue are left for later
            break
        raw += _end_cues(plan, k, start + length)
        k, start, extension = k + 1, start + length, 0
        raw += _start_cues(replay, k, start)
    ordered = sorted(raw)  # as tuples: the same order as the Cues, sorted at C speed
    return Schedule(tuple(Cue(t + offset, kind, i) for t, kind, i in ordered if t + offset >= due), until, made_of)
