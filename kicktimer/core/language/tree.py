"""The workout tree the notation parses into, before expansion to flat steps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kicktimer.core.language.paces import Target

StepKind = Literal["distance", "duration", "open", "count"]


@dataclass(frozen=True)
class Pos:
    """A place in the workout text: 0-based line, 0-based column."""

    line: int
    col: int


@dataclass(frozen=True)
class Step:
    """One step as written: `200m @800`, `10s hill sprint`, `open`, `10 pogo jumps`, `8-10s hill sprint`."""

    kind: StepKind
    text: str
    gear: str | None
    pos: Pos
    distance_m: float | None = None
    duration_s: float | None = None  # a range's upper bound: the step ends on a tap, "stop" sounds here
    count: int | None = None
    target: Target | None = None
    target_text: str | None = None
    target_pos: Pos | None = None
    min_duration_s: float | None = None  # a range's lower bound (`8-10s`): "may stop" sounds here


@dataclass(frozen=True)
class Rep:
    """Steps joined with `+`: one rep, with a gear change at each join."""

    segments: tuple[Step, ...]


@dataclass(frozen=True)
class Rest:
    """A standalone recovery (`rest 3:00`), kept where it was written."""

    step: Step


@dataclass(frozen=True)
class RecoverySet:
    """`R(…)`: a block of its own scope that runs between passes."""

    body: Group
    pos: Pos


Recovery = Step | RecoverySet


@dataclass(frozen=True)
class Group:
    """Items in order; a line is a group with no recovery."""

    items: tuple[Node, ...]
    recovery: Recovery | None = None
    target: Target | None = None
    target_text: str | None = None
    target_pos: Pos | None = None


@dataclass(frozen=True)
class Repeat:
    """`6x…`; a range `4-5x…` runs `count` passes, those after `min_count` optional."""

    count: int
    body: Node
    recovery: Recovery | None = None
    target: Target | None = None
    target_text: str | None = None
    target_pos: Pos | None = None
    min_count: int | None = None


Node = Rep | Rest | Group | Repeat


@dataclass(frozen=True)
class Block:
    """One line of the workout: the timer holds before it."""

    title: str | None
    body: Group
    text: str
    line: int


@dataclass(frozen=True)
class Workout:
    blocks: tuple[Block, ...]
