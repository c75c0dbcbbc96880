"""A block's tree laid out in order: reps, the recoveries between them, and the holds before optional reps.

`planned_steps` counts what `lay_out` would produce without producing it, so a workout that would expand to
millions of steps is refused before anything is built.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise
from typing import Literal, NamedTuple

from kicktimer.core.language.paces import Target
from kicktimer.core.language.tree import Group, Node, Pos, Recovery, RecoverySet, Rep, Repeat, Rest, Step

Phase = Literal["hold", "work", "recovery"]
Where = tuple[tuple[int, int], ...]
LEVEL_NAMES = ("Rep", "Set", "Round", "Cycle")


class _Optional(NamedTuple):
    """The hold before an optional pass of a range repeat; `end` (one cell, filled when the repeat is laid out)
    is where its expansion ends: N at the hold goes there."""

    label: str
    end: list[int]


class _Target(NamedTuple):
    """A target written after a group: it reaches every distance step inside that has none of its own."""

    target: Target
    text: str | None
    pos: Pos | None


class _Leaf(NamedTuple):  # NamedTuples: built once per step, and cheaper than frozen dataclasses
    node: Rep | Rest
    where: Where
    target: _Target | None


class _Gap(NamedTuple):
    recovery: Recovery | None
    where: Where  # for a repeat, includes the pass that just ended: a recovery set runs "in" it
    optional: _Optional | None = None


class Raw(NamedTuple):
    """A step laid out in order, before indices and per-athlete figures."""

    phase: Phase
    step: Step | None  # None for a hold
    where: Where
    target: Target | None = None
    target_text: str | None = None
    target_pos: Pos | None = None
    rep: int | None = None
    segment: int = 0
    segments: int = 1
    label: str = ""  # a hold's
    skip_to: int | None = None  # a hold before an optional pass: the raw index N goes to


def _levels_below(node: Node) -> int:
    """How many repeats lie between `node` and its first rep: 0 for `4-5x50m`, 1 for `1-3x(4x200m)`."""
    levels = 0
    while not isinstance(node, Rep | Rest):
        if isinstance(node, Repeat):
            levels += 1
            node = node.body
        else:
            node = node.items[0]
    return levels


def _optional_label(node: Repeat, n: int) -> str:
    level = LEVEL_NAMES[min(_levels_below(node.body), len(LEVEL_NAMES) - 1)].lower()
    return f"Optional {level} {n}: Space runs it, N moves on"  # short: it is read across a track


def _expand(node: Node, rec: Recovery | None, target: _Target | None, where: Where, out: list[_Leaf | _Gap]) -> None:
    """Leaves in order; a gap between neighbours carries the recovery of the node that separates them."""
    if isinstance(node, Rep | Rest):
        out.append(_Leaf(node, where, target))
        return
    rec = node.recovery if node.recovery is not None else rec
    if node.target is not None:
        target = _Target(node.target, node.target_text, node.target_pos)
    if isinstance(node, Group):
        for i, item in enumerate(node.items):
            if i:
                out.append(_Gap(rec, where))
            _expand(item, rec, target, where, out)
        return
    end: list[int] = []
    for n in range(1, node.count + 1):
        if n > 1:
            optional = None
            if node.min_count is not None and n > node.min_count:
                optional = _Optional(_optional_label(node, n), end)
            out.append(_Gap(rec, ((n - 1, node.count), *where), optional))
        _expand(node.body, rec, target, ((n, node.count), *where), out)
    end.append(len(out))


def lay_out(body: Node, out: list[Raw], rep_ids: Iterator[int], where: Where = ()) -> None:
    """Append the steps of `body` (a block, or a recovery set in its own scope, inside `where`) to `out`."""
    items: list[_Leaf | _Gap] = []
    _expand(body, None, None, where, items)
    starts: list[int] = []  # where each item's steps begin in `out`
    holds: list[tuple[int, _Optional]] = []
    for i, item in enumerate(items):
        starts.append(len(out))
        if isinstance(item, _Leaf):
            _leaf(item, out, rep_ids)
            continue
        before, after = items[i - 1], items[i + 1]
        assert isinstance(before, _Leaf) and isinstance(after, _Leaf)
        if item.optional is not None:
            holds.append((len(out), item.optional))
            out.append(Raw("hold", None, after.where, label=item.optional.label))
        if isinstance(before.node, Rest) or isinstance(after.node, Rest) or item.recovery is None:
            continue  # a written rest replaces the recovery at its place; no recovery means back-to-back
        if isinstance(item.recovery, RecoverySet):
            lay_out(item.recovery.body, out, rep_ids, item.where)  # its own scope: no recovery or target from outside
        else:
            out.append(Raw("recovery", item.recovery, before.where))
    starts.append(len(out))
    for index, optional in holds:
        out[index] = out[index]._replace(skip_to=starts[optional.end[0]])


def _leaf(item: _Leaf, out: list[Raw], rep_ids: Iterator[int]) -> None:
    if isinstance(item.node, Rest):
        out.append(Raw("recovery", item.node.step, item.where))
        return
    rep_id, segments = next(rep_ids), len(item.node.segments)
    for k, step in enumerate(item.node.segments):
        inherited = item.target if step.target is None and step.kind == "distance" else None  # the group's
        if inherited is not None:
            out.append(Raw("work", step, item.where, *inherited, rep_id, k, segments))
        else:
            out.append(Raw("work", step, item.where, step.target, None, step.target_pos, rep_id, k, segments))


class _Size(NamedTuple):
    steps: int
    starts_with_rest: bool
    ends_with_rest: bool


def planned_steps(body: Group) -> int:
    """How many steps `lay_out(body)` appends, computed from the tree (a `1000x(1000x60m)` costs nothing)."""
    return _size(body, None).steps


def _size(node: Node, rec: Recovery | None) -> _Size:
    if isinstance(node, Rep):
        return _Size(len(node.segments), False, False)
    if isinstance(node, Rest):
        return _Size(1, True, True)
    rec = node.recovery if node.recovery is not None else rec
    if isinstance(node, Group):
        sizes = [_size(item, rec) for item in node.items]
        gaps = sum(_gap_steps(rec, a.ends_with_rest, b.starts_with_rest) for a, b in pairwise(sizes))
        return _Size(sum(s.steps for s in sizes) + gaps, sizes[0].starts_with_rest, sizes[-1].ends_with_rest)
    body = _size(node.body, rec)
    gap = _gap_steps(rec, body.ends_with_rest, body.starts_with_rest)
    holds = node.count - node.min_count if node.min_count is not None else 0
    return _Size(node.count * body.steps + (node.count - 1) * gap + holds, body.starts_with_rest,
                 body.ends_with_rest)  # fmt: skip


def _gap_steps(rec: Recovery | None, after_rest: bool, before_rest: bool) -> int:
    if rec is None or after_rest or before_rest:
        return 0
    return 1 if isinstance(rec, Step) else planned_steps(rec.body)
