"""SessionEngine: commands in, events out; `snapshot(now)` is a pure function of the events and `now`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from kicktimer.core.language.plan import Plan, PlanStep, describe_where
from kicktimer.core.run.clock import Clock, to_s
from kicktimer.core.run.cues import Cue, Schedule, cue_schedule, schedule_ahead
from kicktimer.core.run.events import SYNCED, Event, EventType, latest_undoable
from kicktimer.core.run.places import Cursor, Split, step_length_ns
from kicktimer.core.run.replay import Replay
from kicktimer.core.run.state import AthleteView, Outcome, Snapshot, Status

if TYPE_CHECKING:
    from kicktimer.core.run.commands import Command

# Rough durations for steps with no clock and no target, for "time left" only (shown as estimated).
_GUESS_S = {"hold": 30.0, "open": 60.0, "count": 30.0}
_GUESS_SPEED_M_S = {"work": 5.0, "recovery": 2.0}


def expected_s(step: PlanStep) -> float:
    """Expected length of a step: its clock, its first athlete's target, or a rough guess."""
    if step.duration_s is not None:  # a timed step, or a range (`8-10s`) that a tap ends by its upper bound
        return step.duration_s
    if step.targets and step.targets[0] is not None:
        return step.targets[0].value
    if step.distance_m is not None:
        return step.distance_m / _GUESS_SPEED_M_S.get(step.phase, 4.0)
    return _GUESS_S.get(step.kind if step.phase != "hold" else "hold", 60.0)


class SessionEngine:
    def __init__(self, plan: Plan, clock: Clock, events: list[Event] | None = None) -> None:
        self.plan = plan
        self.clock = clock
        self.lead: Callable[[], int] = lambda: 0  # until a cue published now is heard (the output's latency)
        self.events: list[Event] = list(events or [])
        self._replay = Replay.of(plan, self.events)
        self._expected_after = self._suffix_sums()
        self._rep_steps: dict[int, tuple[int, ...]] = {}  # a joined rep's segments, found once, not per repaint
        for step in plan.steps:
            if step.rep is not None:
                self._rep_steps[step.rep] = (*self._rep_steps.get(step.rep, ()), step.index)

    def _suffix_sums(self) -> list[float]:
        sums = [0.0] * (len(self.plan.steps) + 1)
        for i in range(len(self.plan.steps) - 1, -1, -1):
            sums[i] = sums[i + 1] + expected_s(self.plan.steps[i])
        return sums

    # --- commands: each returns the event to record, or None when it would change nothing -----------------
    def execute(self, command: Command, athlete: int | None = None, t_ns: int | None = None) -> Outcome:
        """A command from the table, stamped `t_ns` (the key's time), with what it changed."""
        stamp, call = self.clock.now_ns() if t_ns is None else t_ns, command.call
        return Outcome(None) if call is None else self.apply(lambda: call(self, athlete, stamp))

    def apply(self, action: Callable[[], Event | None]) -> Outcome:
        """Run one command and say what it changed: the splits it made or took back, the step it left and entered."""
        now = self.clock.now_ns()
        splits, count, step = self._replay.splits, len(self._replay.splits), self._replay.cursor_at(now)
        event = action()
        if event is None:
            return Outcome(None)
        after, moved = self._replay.splits, self._replay.cursor_at(max(now, self.clock.now_ns()))
        made: tuple[Split, ...]
        removed: tuple[Split, ...] = ()
        if after is splits:  # splits were only added
            made = tuple(after[count:])
        else:  # undo and back rebuild them
            old, new = set(splits[:count]), set(after)
            made, removed = tuple(s for s in after if s not in old), tuple(s for s in splits[:count] if s not in new)
        changed = (moved.step, moved.done) != (step.step, step.done)
        undone = self.events[event.ref] if event.type == "undo" and event.ref is not None else None
        return Outcome(event, len(self.events) - 1, made, removed, step.step if changed else None,
                       moved.step if changed and not moved.done else None, undone=undone)  # fmt: skip

    def start(self, at_step: int = 0, t_ns: int | None = None) -> Event | None:
        """Start the session, at the beginning or at `at_step` (a block's hold or a rep's first segment, from
        `start_points`): the session waits at that block's hold, then runs from it; the steps before are not run,
        and the start event says so. `t_ns`: the instant the recording's wall-clock start was read."""
        if not 0 <= at_step < len(self.plan.steps):
            raise ValueError(f"step {at_step} is not in this plan of {len(self.plan.steps)} steps")
        if self._replay.started:
            return None
        return self._append(self._leading(self.clock.now_ns() if t_ns is None else t_ns, "start", step=at_step))

    def tap(self, athlete: int | None = None, t_ns: int | None = None) -> Event | None:
        """A split tap for one athlete (0-based) or all (Space). Stamp `t_ns` at the top of the key handler.

        While paused, a tap that finishes someone's run of a tap-ended segment shows they kept running: the pause
        is cancelled (a resume at the pause's own moment is recorded first) and the split counts the time. Any
        other tap while paused changes nothing."""
        if not self._live():
            return None
        if athlete is not None and not 0 <= athlete < len(self.plan.athletes):
            return None
        event = self._leading(self.clock.now_ns() if t_ns is None else t_ns, "tap", athlete)
        if athlete is None and self._nobody_runs(event.t_ns):
            return None
        if self._replay.paused:
            if not self._runs_on(athlete):
                return None
            self._append(Event(self._replay.t_last_ns, "resume", reason="a tap while paused: they kept running"))
        event = self._placed(event)
        before = (len(self._replay.splits), self._replay.cursor)
        self.events.append(event)
        self._replay.apply(len(self.events) - 1, event)
        if (len(self._replay.splits), self._replay.cursor) == before:
            self.events.pop()  # a tap that changes nothing is not recorded
            return None
        made = self._replay.splits[before[0] :]
        if athlete is not None and made:  # the step it made a split of: a reader that lost a tap keeps count
            self.events[-1] = event = replace(event, for_step=made[0].step)
        return event

    def _nobody_runs(self, t_ns: int) -> bool:
        """Space in a timed recovery: it taps everyone still running, and nobody runs there (a lap for each
        athlete would be noise). 1-9 still lap one athlete; someone still owing a joined segment is still tapped.
        Recordings made before this rule keep their laps: the replay reads them as they were."""
        step = self.plan.steps[self._replay.cursor_at(t_ns).step]
        return step.phase == "recovery" and step.ends == "time" and not any(self._replay.owed)

    def _runs_on(self, athlete: int | None) -> bool:
        """Whether `athlete` (None: anyone) still owes a tap in the tap-ended work segment the group is on."""
        cursor = self._cursor()
        step = self.plan.steps[cursor.step]
        if cursor.done or step.phase != "work" or step.ends != "tap":
            return False
        everyone = range(len(self.plan.athletes))
        return any(self._replay.pending(a) for a in (everyone if athlete is None else [athlete]))

    def pause(self) -> Event | None:
        return self._command("pause") if self._live() and not self._replay.paused else None

    def resume(self) -> Event | None:
        return self._command("resume") if self._live() and self._replay.paused else None

    def toggle_pause(self) -> Event | None:
        return self.resume() if self._replay.paused else self.pause()

    def pause_between(self, from_ns: int, to_ns: int, reason: str) -> list[Event]:
        """A gap already past (the program was down, the computer asleep) counted as a pause: a pause where it
        began (none if paused already: the pause simply went on) and a resume at its end; [] if paused."""
        if not self._live() or self._replay.paused:
            return []
        start = max(from_ns, self._replay.t_last_ns)  # never before what is recorded already
        return [
            self._append(Event(start, "pause", reason=f"interrupted: {reason}")),
            self._append(Event(max(start, to_ns), "resume", reason=f"resumed: {reason}, counted as a pause")),
        ]

    def skip(self) -> Event | None:
        return self._command("skip") if self._live() and not self._cursor().done else None

    def back(self) -> Event | None:
        return self._command("back") if self._live() else None

    def extend(self, delta_s: float) -> Event | None:
        cursor = self._cursor()
        step = self.plan.steps[cursor.step]
        if not self._live() or cursor.done or step.phase != "recovery" or step.ends != "time":
            return None
        return self._append(Event(self.clock.now_ns(), "extend", delta_s=delta_s))

    def undo(self) -> Event | None:
        """Take back the latest tap, Back or Skip still standing; the undo names it (`ref`)."""
        target = latest_undoable(self.events) if self._live() else None
        return None if target is None else self._append(Event(self.clock.now_ns(), "undo", ref=target))

    def end(self) -> Event | None:
        """End the session; the event says whether every step was run (`complete`) or not (`ended early`)."""
        if not self._replay.started or self._replay.ended:
            return None
        reason = "complete" if self._cursor().done else "ended early"
        return self._append(Event(self.clock.now_ns(), "end", reason=reason))

    def _live(self) -> bool:
        return self._replay.started and not self._replay.ended

    def _cursor(self) -> Cursor:
        return self._replay.cursor_at(self.clock.now_ns())

    def _leading(self, t_ns: int, kind: EventType, athlete: int | None = None, step: int = 0) -> Event:
        lead = self.lead() if kind in ("start", "tap", "skip", "back") else 0  # a step it begins: when its cue is heard
        lead_ns = max(0, self.clock.now_ns() + lead - t_ns) if lead > 0 else None
        return Event(t_ns, kind, athlete, step=step or None, lead_ns=lead_ns)

    def _command(self, kind: EventType) -> Event:
        return self._append(self._leading(self.clock.now_ns(), kind))

    def _placed(self, event: Event) -> Event:
        """The event with where the group is when it is made (`in_step`, `into_ns`): a reader that lost a line
        finds its place again at the next event."""
        if event.type not in SYNCED:
            return event
        cursor = self._replay.cursor_at(event.t_ns)
        into = max(0, self._replay.active_at(event.t_ns) - cursor.start_ns)
        return replace(event, in_step=len(self.plan.steps) if cursor.done else cursor.step, into_ns=into)

    def _append(self, event: Event) -> Event:
        event = self._placed(event)
        self.events.append(event)
        if event.type == "undo":
            self._replay = Replay.of(self.plan, self.events)
        else:
            self._replay.apply(len(self.events) - 1, event)
        return event

    # --- reading -------------------------------------------------------------------------------------------
    def cues(self, now_ns: int | None = None) -> tuple[Cue, ...]:
        """The known future's cues on the monotonic clock; recompute after every event."""
        return cue_schedule(self._replay, self.clock.now_ns() if now_ns is None else now_ns)

    def cues_ahead(self, horizon_ns: int, previous: Schedule | None = None) -> Schedule:  # whole steps; until when
        return schedule_ahead(self._replay, self.clock.now_ns(), horizon_ns, previous)

    @property
    def splits(self) -> list[Split]:
        return list(self._replay.splits)

    def finish(self, athlete: int, step: int) -> Split | None:
        """The athlete's latest finish of a step: a look-up, so a repaint never walks every split."""
        return self._replay.finish_of.get((athlete, step))

    @property
    def started(self) -> bool:
        return self._replay.started

    @property
    def finished(self) -> bool:
        return self._replay.ended or self._cursor().done

    def snapshot(self, now_ns: int | None = None) -> Snapshot:
        now = self.clock.now_ns() if now_ns is None else now_ns
        replay = self._replay
        cursor = replay.cursor_at(now)
        active = cursor.start_ns if cursor.done else replay.active_at(now)  # session time stops at the finish
        step = self.plan.steps[cursor.step]
        length = step_length_ns(step, cursor.extension_ns)
        elapsed = max(0, active - cursor.start_ns)
        if cursor.done:
            elapsed = length or 0
        status: Status = (
            "ready"
            if not replay.started
            else "ended"
            if replay.ended
            else "complete"
            if cursor.done
            else ("paused" if replay.paused else "running")
        )
        remaining = None if length is None else max(0.0, to_s(length - elapsed))
        left = 0.0 if cursor.done or replay.ended else self._left_s(cursor, step, elapsed, remaining)
        done_s = to_s(active)
        views = []
        for a, athlete in enumerate(self.plan.athletes):
            last = replay.last_work.get(a)  # a rep's split, never a lap tapped near the end of a recovery
            pending = tuple(replay.pending(a)) if cursor.step == replay.cursor.step else tuple(replay.owed[a])
            views.append(AthleteView(athlete.name, pending, last))
        following = replay.following(cursor.step)
        nxt = self.plan.steps[following] if following < len(self.plan.steps) else None
        return Snapshot(
            status=status,
            now_ns=now,
            active_s=done_s,
            paused_s=to_s(replay.paused_ns + (now - replay.t_last_ns if replay.paused else 0)),
            step_index=cursor.step,
            step=step,
            step_elapsed_s=to_s(elapsed),
            step_length_s=None if length is None else to_s(length),
            remaining_s=remaining,
            extension_s=to_s(cursor.extension_ns),
            next_step=None if cursor.done else nxt,
            counters=self._counters(cursor.step, nxt),
            rep_steps=self._rep_steps.get(step.rep, (step.index,)) if step.rep is not None else (step.index,),
            gear_change=step.joined and replay.preceding(cursor.step) == cursor.step - 1,
            athletes=tuple(views),
            left_s=left,
            progress=1.0 if cursor.done or replay.ended else done_s / max(done_s + left, 1e-9),
            all_steps_run=cursor.done,
        )

    def _counters(self, index: int, nxt: PlanStep | None) -> str:
        """Where the group is ("Rep 2/3 · Set 1/3"); at the hold of a session started at a rep, where it starts."""
        replay = self._replay
        if index == replay.hold and replay.first > index and nxt is not None and nxt.where:
            return f"from {describe_where(nxt.where)}"
        return describe_where(self.plan.steps[index].where)

    def _left_s(self, cursor: Cursor, step: PlanStep, elapsed_ns: int, remaining: float | None) -> float:
        """Time left in the session; a hold's guess stays whole while it waits (the wait is the coach's)."""
        after = self._expected_after[self._replay.following(cursor.step)]
        if step.phase == "hold":
            return expected_s(step) + after
        current = remaining if remaining is not None else max(0.0, expected_s(step) - to_s(elapsed_ns))
        return current + after
