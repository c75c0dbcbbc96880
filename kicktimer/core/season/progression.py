"""Progressions: a folder of numbered sessions (`01-hill-sprints-6.session.yaml`, `02-…`) is a progression, run
stage by stage over a season.

Where an athlete stands is read from what happened, in time order: a recording of a stage that ran to its end with
the athlete in it completes that stage (their current stage is the last one completed, whichever it was); a
`skip` mark counts a stage as done without running it (never moving anyone back); a `repeat` mark proposes that
stage again. The next stage is the one after the current one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from kicktimer.core.language.roster import name_key
from kicktimer.core.season.squad import StageMark

_NUMBERED = re.compile(r"(\d+)[-_ .]")


def stage_number(file_name: str) -> int | None:
    """`01-hill-sprints-6.session.yaml` → 1; None for a file whose name does not start with a number."""
    found = _NUMBERED.match(file_name)
    return int(found.group(1)) if found else None


def stage_of(source_path: str) -> tuple[str, int] | None:
    """(progression, stage) of a session file's path, as a recording keeps it: its folder's name and the number
    its name starts with; None for a session that is not numbered."""
    parts = [p for p in re.split(r"[\\/]", source_path) if p]
    number = stage_number(parts[-1]) if len(parts) >= 2 else None
    return None if number is None else (parts[-2], number)


def progression_title(folder: str) -> str:
    """`sprint-progression` → `Sprint progression`."""
    return folder.replace("-", " ").replace("_", " ").capitalize()


@dataclass(frozen=True)
class Stage:
    number: int
    name: str  # the session's name
    file: str  # the session file, to show it


@dataclass(frozen=True)
class Progression:
    id: str  # the folder's name: recordings and marks name the progression by it
    stages: tuple[Stage, ...]  # by number, each number once

    @property
    def title(self) -> str:
        return progression_title(self.id)

    def position(self, number: int) -> int | None:
        return next((k for k, s in enumerate(self.stages) if s.number == number), None)

    def stage(self, number: int) -> Stage | None:
        k = self.position(number)
        return None if k is None else self.stages[k]

    def after(self, number: int | None) -> Stage | None:
        """The stage after `number` (the first one after None); None after the last."""
        k = -1 if number is None else self.position(number)
        return None if k is None or k + 1 >= len(self.stages) else self.stages[k + 1]


def progression(folder: str, files: Iterable[tuple[str, str]]) -> Progression | None:
    """The progression of a folder from its session files as (file, session name): the numbered ones, in number
    order (a number used twice keeps its first file by name); None unless at least two stages are numbered."""
    stages: dict[int, Stage] = {}
    for file, name in sorted(files):
        number = stage_number(re.split(r"[\\/]", file)[-1])
        if number is not None and number not in stages:
            stages[number] = Stage(number, name, file)
    if len(stages) < 2:
        return None
    return Progression(folder, tuple(stages[n] for n in sorted(stages)))


@dataclass(frozen=True)
class Done:
    """A recording of a stage that ran to its end, with the athlete in it."""

    athlete: str
    progression: str
    stage: int
    at: datetime  # aware


@dataclass(frozen=True)
class Standing:
    athlete: str
    current: int | None  # the stage they stand on (completed or skipped); None before the first
    next: Stage | None  # None: the progression is done
    why: str  # what the current stage comes from, in words
    started: bool = True  # anything run or marked in this progression


def standing(prog: Progression, athlete: str, done: Iterable[Done], marks: Iterable[StageMark]) -> Standing:
    """Where one athlete stands: the events of this progression's stages, folded in time order (a recording and a
    mark at the same moment: the recording first)."""
    events: list[tuple[datetime, int, int, str]] = []
    for d in done:
        if name_key(d.athlete) == name_key(athlete) and d.progression == prog.id and prog.stage(d.stage) is not None:
            events.append((d.at, 0, d.stage, "done"))
    for m in marks:
        if m.progression == prog.id and prog.stage(m.stage) is not None:
            events.append((m.at, 1, m.stage, m.mark))
    current: int | None = None
    why = "not started"
    for at, _, number, what in sorted(events):
        when = f"{at:%a %-d %b}"
        if what == "done":
            current, why = number, f"ran stage {number} on {when}"
        elif what == "skip" and (current is None or _pos(prog, number) > _pos(prog, current)):
            current, why = number, f"stage {number} skipped ({when})"
        elif what == "repeat":
            k = _pos(prog, number)
            current, why = (prog.stages[k - 1].number if k else None), f"stage {number} to repeat ({when})"
    return Standing(athlete, current, prog.after(current), why, bool(events))


def _pos(prog: Progression, number: int) -> int:
    return prog.position(number) or 0


@dataclass(frozen=True)
class Proposal:
    stage: Stage | None  # for today's group; None when there is no one, or everyone has finished
    standings: tuple[Standing, ...]

    @property
    def text(self) -> str:
        """`Proposed: stage 4 (Ana, Ben); Cleo is due stage 2`, or why there is nothing to propose."""
        if not self.standings:
            return "Tick today's athletes to see where they stand."
        if self.stage is None:
            return "Everyone ticked has finished this progression."
        due = [s.athlete for s in self.standings if s.next == self.stage]
        text = f"Proposed: stage {self.stage.number}, {self.stage.name} ({', '.join(due)})"
        others = [s for s in self.standings if s.next != self.stage]
        due_else = [f"{s.athlete} {'has finished' if s.next is None else f'is due stage {s.next.number}'}"
                    for s in others]  # fmt: skip
        return text + (f"; {', '.join(due_else)}" if due_else else "")


def propose(prog: Progression, athletes: Sequence[str], done: Sequence[Done], marks: dict[str, tuple[StageMark, ...]]
            ) -> Proposal:  # fmt: skip
    """The stage for today's group: the one most of them are due (a tie: the earlier), so that one athlete new to
    the progression does not take the group back to its start; who is due another one is said."""
    standings = tuple(standing(prog, a, done, marks.get(name_key(a), ())) for a in athletes)
    due = Counter(s.next.number for s in standings if s.next is not None)
    if not due:
        return Proposal(None, standings)
    number = min(due, key=lambda n: (-due[n], _pos(prog, n)))
    return Proposal(prog.stage(number), standings)


@dataclass(frozen=True)
class StageToday:
    """A session shown as a stage of its progression, and the stage proposed for today's athletes."""

    progression: str
    number: int
    proposal: Proposal

    @property
    def title(self) -> str:
        return progression_title(self.progression)
