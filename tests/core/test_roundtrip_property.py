"""Random workout trees, printed in the notation, parsed back and expanded, against a reference model.

The reference model implements NOTATION.md's recovery rule in a different way from core/plan.py: it lists every
leaf with its path of (node, branch) from the line down, finds the node that separates two neighbours as the
deepest common node of their paths, then walks up for the nearest recovery.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from tests.core.helpers import expand


@dataclass
class GRep:
    steps: list[str]  # segments joined with +


@dataclass
class GRest:
    text: str


@dataclass
class GRec:
    text: str | None = None
    block: GGroup | None = None  # R(…)


@dataclass
class GGroup:
    items: list[GNode]
    rec: GRec | None = None
    target: str | None = None


@dataclass
class GRepeat:
    n: int
    body: GNode
    rec: GRec | None = None
    target: str | None = None


GNode = GRep | GRest | GGroup | GRepeat

DISTANCE_STEPS = ["200m", "60m", "1k", "mile", "30yd", "200m hill", "150m KICK", "400m @800", "300m fast @5k-2s/400m"]
OTHER_STEPS = ["10s", "1:30 jog", "open", "10 pogo jumps", "20s hill sprint", "5min @5k"]
RECOVERIES = ["r1:00", "r90s", "r open", "R open walk", "r200m jog", "r 45s"]


@dataclass
class Leaf:
    node: GRep | GRest
    path: list[tuple[int, int]]  # (id of the node, branch taken), from the top down
    nodes: list[GGroup | GRepeat] = field(default_factory=list)
    target: str | None = None


def step_strategy() -> st.SearchStrategy[str]:
    return st.sampled_from(DISTANCE_STEPS + OTHER_STEPS)


def rec_strategy(depth: int) -> st.SearchStrategy[GRec]:
    simple = st.builds(GRec, text=st.sampled_from(RECOVERIES))
    if depth <= 0:
        return simple
    block = st.builds(GRec, block=group_strategy(depth - 1, allow_rec=True))
    return st.one_of(simple, simple, block)


def group_strategy(depth: int, allow_rec: bool) -> st.SearchStrategy[GGroup]:
    items = st.lists(node_strategy(depth), min_size=2, max_size=3)
    recs = st.none() | rec_strategy(depth) if allow_rec else st.none()
    return st.builds(GGroup, items=items, rec=recs, target=st.none() | st.sampled_from(["@1500", "@68s"]))


def node_strategy(depth: int) -> st.SearchStrategy[GNode]:
    rep = st.builds(GRep, steps=st.lists(step_strategy(), min_size=1, max_size=3))
    if depth <= 0:
        return rep
    repeat = st.builds(
        GRepeat,
        n=st.integers(1, 3),
        body=st.deferred(lambda: node_strategy(depth - 1)),
        rec=st.none() | rec_strategy(depth - 1),
        target=st.none() | st.sampled_from(["@3k"]),
    )
    rest = st.builds(GRest, text=st.sampled_from(["rest 3:00", "rest open", "rest 200m walk"]))
    return st.one_of(rep, rep, repeat, repeat, rest, st.deferred(lambda: group_strategy(depth - 1, allow_rec=True)))


def show(node: GNode | GRec) -> str:
    if isinstance(node, GRep):
        return " + ".join(node.steps)
    if isinstance(node, GRest):
        return node.text
    if isinstance(node, GRec):
        return node.text if node.block is None else f"R({', '.join(show(i) for i in node.block.items)})"
    tail = "".join(f" {x}" for x in (node.target, show(node.rec) if node.rec else None) if x)
    if isinstance(node, GRepeat):
        return f"{node.n}x({show(node.body)}){tail}"
    return f"({', '.join(show(i) for i in node.items)}){tail}"


def leaves(node: GNode, path: list[tuple[int, int]], nodes: list[GGroup | GRepeat], target: str | None) -> list[Leaf]:
    if isinstance(node, GRep | GRest):
        return [Leaf(node, path, nodes, target)]
    target = node.target or target
    children = list(enumerate(node.items)) if isinstance(node, GGroup) else [(n, node.body) for n in range(node.n)]
    out: list[Leaf] = []
    for branch, child in children:
        out += leaves(child, [*path, (id(node), branch)], [*nodes, node], target)
    return out


def is_distance(step: str) -> bool:
    word = step.split()[0]
    return word.endswith(("m", "k", "yd")) or word == "mile"


def reference(group: GGroup) -> list[tuple[str, str]]:
    """(phase, label) for every step of one line or recovery set, from the leaf paths."""
    out: list[tuple[str, str]] = []
    found = leaves(group, [], [], None)
    for i, leaf in enumerate(found):
        if i:
            prev = found[i - 1]
            depth = next(d for d, (a, b) in enumerate(zip(prev.path, leaf.path, strict=False)) if a != b)
            rec = next((n.rec for n in reversed(leaf.nodes[: depth + 1]) if n.rec is not None), None)
            if rec is not None and not isinstance(prev.node, GRest) and not isinstance(leaf.node, GRest):
                if rec.block is not None:
                    out += reference(GGroup(rec.block.items))  # its own scope
                else:
                    out.append(("recovery", "R " + rec.text[1:].strip()))
        if isinstance(leaf.node, GRest):
            out.append(("recovery", "Rest " + leaf.node.text[5:]))
            continue
        for step in leaf.node.steps:
            own_target = "@" in step
            label = step if own_target or not leaf.target or not is_distance(step) else f"{step} {leaf.target}"
            out.append(("work", label))
    return out


def work_count(node: GNode) -> int:
    """Work steps from the counts alone: segments times the product of the enclosing repeat counts."""
    if isinstance(node, GRep):
        return len(node.steps)
    if isinstance(node, GRest):
        return 0
    if isinstance(node, GRepeat):
        return node.n * work_count(node.body)
    return sum(work_count(i) for i in node.items)


lines_strategy = st.lists(group_strategy(2, allow_rec=False), min_size=1, max_size=3)


@settings(max_examples=150, deadline=None)
@given(lines_strategy)
def test_round_trip_matches_reference(lines: list[GGroup]) -> None:
    text = "\n".join(", ".join(show(item) for item in line.items) for line in lines)
    plan = expand(text)
    holds = [i for i, s in enumerate(plan.steps) if s.phase == "hold"]
    assert len(holds) == len(lines)
    for block, line in enumerate(lines):
        start = holds[block] + 1
        end = holds[block + 1] if block + 1 < len(holds) else len(plan.steps)
        got = [(s.phase, s.label, s.joined) for s in plan.steps[start:end]]
        steps = reference(GGroup(line.items))
        # joined: a work step that follows a work step, across recovery-set edges too
        expected = [
            (p, label, p == "work" and i > 0 and steps[i - 1][0] == "work") for i, (p, label) in enumerate(steps)
        ]
        assert got == expected, text
        # Nothing follows the last rep of a block, unless a rest was written there.
        last_leaf = leaves(GGroup(line.items), [], [], None)[-1]
        assert (got[-1][0] == "work") == isinstance(last_leaf.node, GRep)
        assert all(s.block == block for s in plan.steps[start - 1 : end])


@settings(max_examples=200, deadline=None)
@given(st.lists(node_strategy(2), min_size=1, max_size=3))
def test_work_steps_are_products_of_repeat_counts(items: list[GNode]) -> None:
    # No recovery sets here, so every work step comes from the counts.
    def strip_sets(node: GNode) -> GNode:
        if isinstance(node, GRepeat):
            rec = node.rec if node.rec is None or node.rec.block is None else GRec("r1:00")
            return GRepeat(node.n, strip_sets(node.body), rec, node.target)
        if isinstance(node, GGroup):
            rec = node.rec if node.rec is None or node.rec.block is None else GRec("r1:00")
            return GGroup([strip_sets(i) for i in node.items], rec, node.target)
        return node

    items = [strip_sets(i) for i in items]
    plan = expand(", ".join(show(i) for i in items))
    assert sum(s.phase == "work" for s in plan.steps) == sum(work_count(i) for i in items)
    # joined exactly where no recovery step stands between two work steps
    for prev, step in zip(plan.steps, plan.steps[1:], strict=False):
        assert step.joined == (step.phase == "work" and prev.phase == "work")
    # where counters run 1..n for each repeat level
    for step in plan.steps:
        assert all(1 <= n <= of for n, of in step.where)
    # holds: exactly one, first
    assert [s.phase for s in plan.steps].count("hold") == 1 and plan.steps[0].phase == "hold"
