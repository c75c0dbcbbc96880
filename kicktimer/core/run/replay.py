"""Replaying events over a plan: the state every snapshot, cue schedule and split table is derived from.

Time inside a session is *active* time: the monotonic clock minus pauses. Time-ended steps end at
`start + duration + extension` in active time, computed, never ticked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kicktimer.core.language.plan import Plan
from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.corrections import standing_events
from kicktimer.core.run.events import Event
from kicktimer.core.run.places import Cursor, Split, advance, next_cursor, split_points_m

BACK_RESTARTS_AFTER_NS = to_ns(3.0)  # `back` within 3 s of a step's start goes to the previous step


@dataclass
class Replay:
    plan: Plan
    started: bool = False
    ended: bool = False
    paused: bool = False
    t_last_ns: int = 0
    active_ns: int = 0
    cursor: Cursor = field(default_factory=lambda: Cursor(0, 0))
    starts: dict[int, int] = field(default_factory=dict)  # step -> active ns the group entered it
    ends: dict[int, int] = field(default_factory=dict)  # step -> active ns the group last left it forwards
    owed: list[list[int]] = field(default_factory=list)  # per athlete: joined steps the group left before their tap
    finished: set[int] = field(default_factory=set)  # athletes done with the current step
    splits: list[Split] = field(default_factory=list)
    # The splits by (athlete, step), kept with `splits`: a tap looks up its athlete's own, not every split.
    finish_of: dict[tuple[int, int], Split] = field(default_factory=dict)  # the latest finish
    laps_of: dict[tuple[int, int], list[Split]] = field(default_factory=dict)
    last_work: dict[int, Split] = field(default_factory=dict)  # athlete -> their latest split in a work step
    start_t_ns: int = 0
    paused_ns: int = 0
    # A session started at a rep (the start event's `step`) waits at its block's hold, then runs from `first`;
    # the steps before `first`, but for that hold, are not run. Started at the beginning: both 0.
    first: int = 0
    hold: int = 0
    # Where a line was lost and the replay found its place again: (index of the event after it, what was taken).
    found: list[tuple[int, str]] = field(default_factory=list)

    @classmethod
    def of(cls, plan: Plan, events: list[Event]) -> Replay:
        return cls.of_standing(plan, standing_events(events))

    @classmethod
    def of_standing(cls, plan: Plan, standing: list[tuple[int, Event]]) -> Replay:
        """Replay events already resolved by `standing_events` (index in the recording, event)."""
        replay = cls(plan, owed=[[] for _ in plan.athletes])
        for index, event in standing:
            replay.apply(index, event)
        return replay

    # --- the order this session runs the plan in ----------------------------------------------------------
    def following(self, step: int) -> int:
        """The step after `step`: from the hold it waited at, the step the session started at."""
        return self.first if step == self.hold and step < self.first else step + 1

    def preceding(self, step: int) -> int | None:
        """The step before `step` in this session; None at the step it waited at first."""
        if step == self.hold:
            return None
        return self.hold if step == self.first else step - 1

    def _begin(self, step: int | None, begins: int) -> None:
        first = step if step is not None and 0 < step < len(self.plan.steps) else 0
        self.first = first
        self.hold = max(s.index for s in self.plan.steps[: first + 1] if s.phase == "hold" or s.index == 0)
        self.cursor = Cursor(self.hold, begins)  # entered, not arrived at: the steps before it did not run
        self._enter(self.cursor)

    # --- time -------------------------------------------------------------------------------------------
    def active_at(self, t_ns: int) -> int:
        return self.active_ns + (0 if self.paused or not self.started or self.ended else max(0, t_ns - self.t_last_ns))

    def cursor_at(self, t_ns: int) -> Cursor:
        return advance(self.plan, self.cursor, self.active_at(t_ns)) if self.started and not self.ended else self.cursor

    def _move_to(self, t_ns: int) -> int:
        active = self.active_at(t_ns)
        if not self.paused and self.started:
            self.t_last_ns = max(self.t_last_ns, t_ns)
        self.active_ns = active
        while (moved := next_cursor(self.plan, self.cursor, active)) is not None:
            self._enter(moved)  # one step at a time: each records when it started and ended
        return active

    def _enter(self, cursor: Cursor) -> None:
        if cursor.done or cursor.step > self.cursor.step:
            self.ends[self.cursor.step] = cursor.start_ns
        self.cursor = cursor
        self.finished = set()
        if not cursor.done:
            self.starts[cursor.step] = cursor.start_ns

    def _next(self, active: int, to: int | None = None) -> None:
        step, to = self.cursor.step, self.following(self.cursor.step) if to is None else to
        self._enter(Cursor(to, active) if to < len(self.plan.steps) else Cursor(step, active, 0, True))

    def _skip(self, active: int) -> None:
        """N: the next step; at the hold before an optional pass, past the rest of its range (the set ends)."""
        self._next(active, self.plan.steps[self.cursor.step].skip_to)

    # --- events -----------------------------------------------------------------------------------------
    def apply(self, index: int, event: Event) -> None:
        if event.type == "start":
            self.started, self.t_last_ns, self.start_t_ns = True, event.t_ns, event.t_ns
            self._begin(event.step, event.lead_ns or 0)
            return
        if not self.started or self.ended:
            return
        if event.type == "resume":
            if self.paused:
                self.paused_ns += max(0, event.t_ns - self.t_last_ns)
            self.paused, self.t_last_ns = False, max(self.t_last_ns, event.t_ns)
            return
        active = self._found_again(index, event, self._move_to(event.t_ns))
        begins = active + (event.lead_ns or 0)  # a step this event starts begins when its cue is heard
        if event.type == "pause":
            self.paused = True
        elif event.type == "end":
            self.ended = True
        elif event.type == "tap" and not self.paused and not self.cursor.done:
            self._tap(index, event, active, begins)
        elif event.type == "skip" and not self.cursor.done:
            self._skip(begins)
        elif event.type == "back":
            self._back(active, begins)
        elif event.type == "extend" and event.delta_s is not None:
            self._extend(event.delta_s, active)

    def pending(self, athlete: int) -> list[int]:
        """Steps this athlete still owes a tap for, oldest first, including the current tap-ended work step."""
        step = self.plan.steps[self.cursor.step]
        current = [] if self.cursor.done or step.phase != "work" or step.ends != "tap" else [self.cursor.step]
        return self.owed[athlete] + ([] if athlete in self.finished else current)

    def _tap(self, index: int, event: Event, active: int, begins: int) -> None:
        everyone = range(len(self.plan.athletes))
        if event.athlete is None:
            # Space taps all remaining at the group's boundary: those behind it catch up one boundary;
            # when nobody is behind, everyone still on the current step finishes it.
            behind = [a for a in everyone if self.owed[a]]
            for athlete in behind or [a for a in everyone if self.pending(a)]:
                self._settle(athlete, index, event, active)
            if not behind and not self.finished:
                self._tap_step(None, index, event, active, begins)
        elif event.athlete < len(self.plan.athletes) and self._owes(event.athlete, event.for_step):
            self._settle(event.athlete, index, event, active)
        else:
            self._tap_step(event.athlete, index, event, active, begins)
        self._maybe_end_tap_step(begins)

    def _owes(self, athlete: int, for_step: int | None) -> bool:
        """Whether the athlete has a split to make; a tap that says which (`for_step`) settles that one: the
        steps owed before it were settled by taps that were lost."""
        if for_step is not None and for_step in self.pending(athlete):
            self.owed[athlete] = [s for s in self.owed[athlete] if s >= for_step]
        return bool(self.pending(athlete))

    def start_of(self, athlete: int, step: int, default: int) -> int:
        """When this athlete started the step (active ns): the group's start of it, or for a joined segment their
        own finish of the segment before, when later (a Back restarts the segment for everyone, from the Back)."""
        start = self.starts.get(step, default)
        earlier = self.finish_of.get((athlete, step - 1)) if self.plan.steps[step].joined else None
        return start if earlier is None else max(start, earlier.active_ns)

    def _settle(self, athlete: int, index: int, event: Event, active: int) -> None:
        """The athlete's oldest pending boundary: a split point inside the step (a lap), or its finish.
        Both are measured from the athlete's own start of the step (their previous segment's finish)."""
        step = self.owed[athlete][0] if self.owed[athlete] else self.cursor.step
        plan_step = self.plan.steps[step]
        start = self.start_of(athlete, step, active)
        laps = self.laps_of.get((athlete, step), [])
        target = plan_step.targets[athlete]
        points = split_points_m(plan_step, self.plan.settings.split_every_m)
        if len(laps) < len(points):
            since = laps[-1].active_ns if laps else start
            share = (points[len(laps)] - (points[len(laps) - 1] if laps else 0.0)) / (plan_step.distance_m or 1.0)
            lap_target = None if target is None else target.value * share
            self._add(Split(athlete, step, "lap", event.t_ns, active, (active - since) / 1e9, lap_target, index))
            return
        if self.owed[athlete]:
            self.owed[athlete].pop(0)
        if step == self.cursor.step:
            self.finished.add(athlete)
        target_s = None if target is None else target.value
        self._add(Split(athlete, step, "finish", event.t_ns, active, (active - start) / 1e9, target_s, index))

    def _tap_step(self, athlete: int | None, index: int, event: Event, active: int, begins: int) -> None:
        """A tap nobody owes: leaves a hold or ends a tap-ended recovery (Space or any key); laps a timed step."""
        step = self.plan.steps[self.cursor.step]
        if step.ends == "time":
            for a in range(len(self.plan.athletes)) if athlete is None else [athlete]:
                if a < len(self.plan.athletes):
                    self._lap(a, index, event, active)
        elif step.phase == "recovery" or (step.phase == "hold" and athlete is None):
            self._next(begins)

    def _lap(self, athlete: int, index: int, event: Event, active: int) -> None:
        step = self.cursor.step
        laps = [s.active_ns for s in self.laps_of.get((athlete, step), [])]
        since = max([self.starts.get(step, active), *laps])
        self._add(Split(athlete, step, "lap", event.t_ns, active, (active - since) / 1e9, None, index))

    def _add(self, split: Split) -> None:
        self.splits.append(split)
        if self.plan.steps[split.step].phase == "work":  # a lap in a recovery is never the last rep's split
            self.last_work[split.athlete] = split
        if split.kind == "finish":
            self.finish_of[(split.athlete, split.step)] = split
        else:
            self.laps_of.setdefault((split.athlete, split.step), []).append(split)

    def _maybe_end_tap_step(self, begins: int) -> None:
        step = self.plan.steps[self.cursor.step]
        if self.cursor.done or step.phase != "work" or step.ends != "tap" or not self.finished:
            return
        following = self.plan.steps[self.cursor.step + 1] if self.cursor.step + 1 < len(self.plan.steps) else None
        everyone = set(range(len(self.plan.athletes)))
        if following is not None and following.joined:
            for athlete in everyone - self.finished:  # the first tap is the group's gear change
                self.owed[athlete].append(self.cursor.step)
            self._next(begins)
        elif self.finished == everyone and not any(self.owed):
            self._next(begins)

    def _back(self, active: int, begins: int) -> None:
        cursor = self.cursor
        target, before = cursor.step, self.preceding(cursor.step)
        if not cursor.done and active - cursor.start_ns < BACK_RESTARTS_AFTER_NS and before is not None:
            target = before
        self._back_to(target, Cursor(target, begins))

    def _back_to(self, target: int, cursor: Cursor) -> None:
        kept = [s for s in self.splits if s.step < target]
        self.splits, self.finish_of, self.laps_of, self.last_work = [], {}, {}, {}
        for split in kept:
            self._add(split)
        self.owed = [[s for s in owed if s < target] for owed in self.owed]
        self.ends = {s: end for s, end in self.ends.items() if s < target}
        self._enter(cursor)

    def _found_again(self, index: int, event: Event, active: int) -> int:
        """A line was lost before `event` when the group was elsewhere than the replay: the replay goes where the
        event says it was made (`in_step`, `into_ns`), so the lost event's own effect is all that is lost. Older
        events do not say: a numbered tap at a hold shows the Space that left it was lost."""
        steps, at = self.plan.steps, event.in_step
        if at is None or event.into_ns is None:
            if self._left_hold_unseen(event):
                self._next(active)
                self.found.append((index, "the hold was taken as left at the next tap"))
            return active
        if self.paused and event.type in ("tap", "pause"):  # made while running: the resume was lost
            self.paused, self.t_last_ns = False, event.t_ns
            if at == self.cursor.step and not self.cursor.done:
                self.active_ns = active = self.cursor.start_ns + event.into_ns
            self.found.append((index, "the pause was taken as ended at the next event"))
        where = len(steps) if self.cursor.done else self.cursor.step
        start = max(0, active - event.into_ns)
        if at == where and not self.cursor.done and start != self.cursor.start_ns:  # a lost Back, pause or resume
            self.cursor = Cursor(at, start, self.cursor.extension_ns)
            self.starts[at] = start
            self.found.append((index, f'"{steps[at].label}" was taken as begun when the next event says'))
        if at == where or at > len(steps):
            return active
        cursor = Cursor(at, start) if at < len(steps) else Cursor(len(steps) - 1, start, 0, True)
        rep = steps[at].rep if at < len(steps) else None
        self.owed = [[s for s in owed if rep is not None and steps[s].rep == rep] for owed in self.owed]
        if at < where:
            self._back_to(at, cursor)
        else:
            left = [s for s in range(where, at) if rep is not None and steps[s].rep == rep and s in self.starts]
            self.owed = [[*o, *(s for s in left if (a, s) not in self.finish_of and s not in o and steps[s].phase
                                == "work" and steps[s].ends == "tap")] for a, o in enumerate(self.owed)]  # fmt: skip
            self._enter(cursor)
        name = "the end" if cursor.done else f'"{steps[at].label}"'
        self.found.append((index, f"the group was found again at {name} by the next event"))
        return active

    def _left_hold_unseen(self, event: Event) -> bool:
        """A numbered tap at a hold, in a recording whose events do not say where they were made: the engine
        records no tap that changes nothing, so the Space that left the hold was lost."""
        who = event.athlete
        if event.type != "tap" or who is None or who >= len(self.owed) or self.owed[who] or self.paused:
            return False
        return not self.cursor.done and self.plan.steps[self.cursor.step].phase == "hold"

    def _extend(self, delta_s: float, active: int) -> None:
        step = self.plan.steps[self.cursor.step]
        if self.cursor.done or step.phase != "recovery" or step.ends != "time" or step.duration_s is None:
            return
        extension = self.cursor.extension_ns + to_ns(delta_s)
        earliest = active - self.cursor.start_ns - to_ns(step.duration_s)  # never end in the past
        self.cursor = Cursor(self.cursor.step, self.cursor.start_ns, max(extension, earliest))
        self._move_to(self.t_last_ns)
