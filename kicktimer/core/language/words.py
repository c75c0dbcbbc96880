"""The words of one step: its quantity (a distance, a duration or a range of durations, a count, open), its
label and gear, its target. Every value is checked against what a session can mean: more than 0, and within
the limits (limits.py)."""

from __future__ import annotations

from dataclasses import replace

from lark import Token

from kicktimer.core.language import wording
from kicktimer.core.language.gears import gear_of
from kicktimer.core.language.limits import MAX_COUNT, MAX_DISTANCE_M, MAX_DURATION_S, MAX_LABEL_CHARS
from kicktimer.core.language.paces import Target, TargetSyntaxError, TimeTarget, parse_target
from kicktimer.core.language.quantities import (
    UNIT_WORDS,
    is_bare_number,
    is_integer,
    is_quantity,
    parse_distance_m,
    parse_duration_range_s,
    parse_duration_s,
)
from kicktimer.core.language.tree import Pos, Step

KEYWORDS = frozenset({"x", "X", "×", "open", "rest"})


class LineError(Exception):
    """The first problem of a line: 0-based column and the message."""

    def __init__(self, col: int, message: str) -> None:
        super().__init__(message)
        self.col = col
        self.message = message


def col(token: Token) -> int:
    return (token.column or 1) - 1


def read_target(token: Token) -> Target:
    try:
        return parse_target(str(token)[1:])
    except TargetSyntaxError as error:
        raise LineError(col(token), str(error)) from None


def read_step(tokens: list[Token], line_no: int, target_problems: list[LineError]) -> Step:
    """A work step from its words and its one target. A target that does not read is added to
    `target_problems` (every one of a line is reported) and the step read without it."""
    targets = [t for t in tokens if t.type == "TARGET"]
    words = [t for t in tokens if t.type == "WORD"]
    if not words:
        raise LineError(col(tokens[0]), f'"{tokens[0]}": a target goes after its step, like 200m {tokens[0]}')
    first, labels = words[0], [str(w) for w in words[1:]]
    check_labels(words[1:])
    text = " ".join(str(t) for t in tokens)
    step = _quantity(first, labels, text, gear_of(labels), Pos(line_no, col(first)))
    if not targets:
        return step
    try:
        return _with_target(step, targets, text, line_no)
    except LineError as problem:
        target_problems.append(problem)
        return step


def _with_target(step: Step, targets: list[Token], text: str, line_no: int) -> Step:
    if len(targets) > 1:
        raise LineError(col(targets[1]), f'"{targets[1]}": one @ per step; this step already has {targets[0]}')
    target = read_target(targets[0])
    if step.kind in ("open", "count"):
        raise LineError(col(targets[0]), wording.target_needs_distance(str(targets[0]), step.kind))
    if step.kind == "duration" and isinstance(target, TimeTarget):
        raise LineError(col(targets[0]), wording.time_on_duration(text, str(targets[0])))
    return replace(step, target=target, target_text=str(targets[0]), target_pos=Pos(line_no, col(targets[0])))


def read_recovery_step(lead: Token, tokens: list[Token], prefix: str, line: str, line_no: int) -> Step:
    """`r90s`, `R open walk`, `rest 3:00`: `lead` is the `r` or `rest` before the words."""
    target = next((t for t in tokens if t.type == "TARGET"), None)
    if target is not None:
        raise LineError(col(target), f'"{target}": a recovery takes no target; targets go on work steps')
    first, labels = tokens[0], [str(t) for t in tokens[1:]]
    written = line[col(lead) : col(first) + len(first)]
    check_labels(tokens[1:])
    text = f"{prefix} " + " ".join(str(t) for t in tokens)
    step = open_distance_or_duration(str(first), text, gear_of(labels), Pos(line_no, col(lead)), col(first))
    if step is None:
        raise LineError(col(lead), wording.bad_recovery(written, str(first)))
    return step


def check_labels(words: list[Token]) -> None:
    for word in words:
        if str(word) in KEYWORDS:
            raise LineError(col(word), wording.keyword_as_label(str(word)))
        if is_quantity(str(word)):
            raise LineError(col(word), wording.second_quantity(str(word)))
    if words and col(words[-1]) + len(words[-1]) - col(words[0]) > MAX_LABEL_CHARS:
        raise LineError(col(words[0]), f"a label of more than {MAX_LABEL_CHARS} characters; keep it short")


def _quantity(first: Token, labels: list[str], text: str, gear: str | None, pos: Pos) -> Step:
    word = str(first)
    step = open_distance_or_duration(word, text, gear, pos, pos.col)
    if step is not None:
        return step
    if is_bare_number(word) and labels and labels[0] in UNIT_WORDS:
        raise LineError(pos.col, wording.unit_after_space(word, labels[0]))
    if is_integer(word) and labels:
        count = int(word) if len(word) <= 6 else MAX_COUNT + 1
        if count < 1:
            raise LineError(pos.col, f'"{word} {labels[0]}": a count needs at least 1')
        if count > MAX_COUNT:
            raise LineError(pos.col, f'"{word}": at most {MAX_COUNT:,} of an exercise; check the number')
        return Step("count", text, gear, pos, count=count)
    raise LineError(pos.col, wording.bad_quantity(word, has_words=bool(labels)))


def open_distance_or_duration(word: str, text: str, gear: str | None, pos: Pos, at: int) -> Step | None:
    """The step forms shared by work and recoveries; None when `word` is none of them. `at`: the word's column."""
    if word == "open":
        return Step("open", text, gear, pos)
    distance_m = parse_distance_m(word)
    if distance_m is not None:
        if not 0 < distance_m <= MAX_DISTANCE_M:
            raise LineError(at, wording.out_of_range(word, "distance", distance_m, f"{MAX_DISTANCE_M / 1000:g} km"))
        return Step("distance", text, gear, pos, distance_m=distance_m)
    duration_s = parse_duration_s(word)
    if duration_s is not None:
        if not 0 < duration_s <= MAX_DURATION_S:
            raise LineError(at, wording.out_of_range(word, "duration", duration_s, "24:00:00"))
        return Step("duration", text, gear, pos, duration_s=duration_s)
    bounds = parse_duration_range_s(word)
    if bounds is not None:
        low_s, high_s = bounds
        if not 0 < low_s < high_s <= MAX_DURATION_S:
            raise LineError(at, wording.bad_range(word, low_s, high_s))
        return Step("duration", text, gear, pos, duration_s=high_s, min_duration_s=low_s)
    return None
