"""Where a session can start: at a block, or at a rep of a block, named as the review numbers them.

A rep is addressed `BLOCK.REP` ("2.5": block 2, rep 5), its number counting every rep of the block in order, as
the review's Rep column does; a block alone ("2") starts at its hold. The block may also be named by its title
("main set.5"). A session started past its beginning waits at the block's hold, then runs from the rep.
"""

from __future__ import annotations

from dataclasses import dataclass

from kicktimer.core.language.plan import Plan, describe_where


@dataclass(frozen=True)
class StartPoint:
    step: int  # the plan step the session starts at: a block's hold, or the first segment of a rep
    block: int  # 0-based
    rep: int | None  # 1-based within the block; None: the block's start
    code: str  # what `--from` takes: "2" or "2.5"
    text: str  # "Main set, rep 5 (Rep 1/4 · Set 2/3): 200m @800"


def block_name(plan: Plan, block: int) -> str:
    return plan.block_titles[block] or f"Block {block + 1}"


def start_points(plan: Plan) -> list[StartPoint]:
    """Every block's start and every rep's first segment, in the order the session runs them."""
    points: list[StartPoint] = []
    reps_in_block: dict[int, int] = {}
    labels: dict[int, list[str]] = {}
    for step in plan.steps:
        if step.rep is not None:
            labels.setdefault(step.rep, []).append(step.label)
    for step in plan.steps:
        name = block_name(plan, step.block)
        if step.phase == "hold" and step.skip_to is None:  # a block's hold, not one before an optional rep
            points.append(StartPoint(step.index, step.block, None, str(step.block + 1), f"{name}, from its start"))
        elif step.rep is not None and step.segment == 0:
            rep = reps_in_block[step.block] = reps_in_block.get(step.block, 0) + 1
            where = f" ({describe_where(step.where)})" if step.where else ""
            label = " + ".join(labels[step.rep])
            points.append(StartPoint(step.index, step.block, rep, f"{step.block + 1}.{rep}",
                                     f"{name}, rep {rep}{where}: {label}"))  # fmt: skip
    return points


def start_point_at(plan: Plan, step: int) -> StartPoint | None:
    return next((p for p in start_points(plan) if p.step == step), None)


def find_start(plan: Plan, text: str) -> StartPoint:
    """`2`, `2.5`, `main set.5` → where to start; ValueError says what would be right."""
    points = start_points(plan)
    blocks = [(b, block_name(plan, b)) for b in range(len(plan.block_titles))]
    listed = ", ".join(f"{b + 1} {name}" for b, name in blocks)

    def block_of(words: str) -> int | None:
        words = words.strip().casefold()
        return next((b for b, name in blocks if words in (str(b + 1), name.casefold())), None)

    head, tail = text, ""
    if block_of(text) is None and "." in text:  # a title may hold a dot: the whole text is tried first
        head, _, tail = text.rpartition(".")
    block = block_of(head)
    if block is None:
        raise ValueError(f'"{text}": no such block; write a block, or a block and a rep, like 2 or 2.5 '
                         f"(the blocks: {listed})")  # fmt: skip
    if not tail.strip():
        return next(p for p in points if p.block == block and p.rep is None)
    reps = [p for p in points if p.block == block and p.rep is not None]
    found = next((p for p in reps if str(p.rep) == tail.strip()), None)
    if found is None:
        have = f"reps {block + 1}.1 to {block + 1}.{len(reps)}" if reps else "no reps to start at"
        raise ValueError(f'"{text}": {block_name(plan, block)} has {have}')
    return found
