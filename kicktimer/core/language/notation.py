"""The workout notation (NOTATION.md): lark parses each line's structure, this module reads its words.

Errors are collected per line (one per line, the first found) with 0-based line/column in the workout text;
`io.session_file` maps them to the YAML file. No input crashes or hangs it: lines, labels, nesting, numbers and
the whole plan have limits (limits.py), each with its own message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from kicktimer.core.language import hints, wording
from kicktimer.core.language.expand import planned_steps
from kicktimer.core.language.gears import gear_of
from kicktimer.core.language.limits import (
    MAX_DEPTH,
    MAX_LINE_CHARS,
    MAX_PROBLEMS,
    MAX_REPEAT,
    MAX_STEPS,
)
from kicktimer.core.language.tree import Block, Group, Node, Pos, RecoverySet, Rep, Repeat, Rest, Step, Workout
from kicktimer.core.language.words import LineError, col, read_recovery_step, read_step, read_target

__all__ = ["NotationError", "NotationProblem", "gear_of", "is_content_line", "parse_workout", "split_lines"]

_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # YAML's line breaks, and an editor's: never U+2028 or U+0085
_SPACES = re.compile(r"[^\S\t\n\r\x0b\x0c\x1c-\x1f\x85\u2028\u2029]")  # no-break and other spaces: a space


@dataclass(frozen=True)
class NotationProblem:
    """One error: 0-based line and column in the workout text, and a message that says what would be right."""

    line: int
    col: int
    message: str


class NotationError(ValueError):
    def __init__(self, problems: list[NotationProblem]) -> None:
        super().__init__("; ".join(f"{p.line + 1}:{p.col + 1}: {p.message}" for p in problems))
        self.problems = problems


@cache
def _parser() -> Lark:
    grammar = files("kicktimer.core.language").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", maybe_placeholders=False)


def split_lines(text: str) -> list[str]:
    """The workout's lines as an editor shows them (Python's splitlines also breaks at U+2028, U+0085…)."""
    return _LINE_BREAK.split(text)


def is_content_line(line: str) -> bool:
    return bool(line.split("#", 1)[0].strip())


def parse_workout(text: str) -> Workout:
    """Parse a whole workout; raises NotationError listing one problem per bad line."""
    blocks: list[Block] = []
    problems: list[NotationProblem] = []
    total = 0
    for line_no, line in enumerate(split_lines(text)):
        if not is_content_line(line):
            continue
        if len(problems) >= MAX_PROBLEMS:
            problems.append(NotationProblem(line_no, 0, wording.checking_stopped(MAX_PROBLEMS)))
            break
        block, failures = _LineReader(line, line_no).read()
        problems += [NotationProblem(line_no, fail.col, fail.message) for fail in failures]
        if block is None:
            continue
        steps = 1 + planned_steps(block.body)  # its hold, then its steps
        total += steps
        if total > MAX_STEPS:
            problems.append(NotationProblem(line_no, 0, wording.too_many_steps(steps, total, MAX_STEPS)))
            break  # every later line is over too
        blocks.append(block)
    if not blocks and not problems:
        problems.append(
            NotationProblem(0, 0, "the workout is empty: write at least one line, like 6x60m sprint r open")
        )
    if len(problems) > MAX_PROBLEMS:  # the last line read had several: the cap falls inside it
        stop = problems[MAX_PROBLEMS]
        problems[MAX_PROBLEMS:] = [NotationProblem(stop.line, stop.col, wording.checking_stopped(MAX_PROBLEMS))]
    if problems:
        raise NotationError(problems)
    return Workout(tuple(blocks))


class _LineReader:
    def __init__(self, line: str, line_no: int) -> None:
        self.line = _SPACES.sub(" ", line)  # same length: every column stays where it was
        self.line_no = line_no
        self.target_problems: list[LineError] = []  # each target that does not read, the line read on

    def pos(self, token: Token) -> Pos:
        return Pos(self.line_no, col(token))

    def read(self) -> tuple[Block | None, list[LineError]]:
        """The line's block, or its problems: its first mistake, and every target of it that does not read."""
        try:
            block: Block | None = self.block()
        except LineError as fail:
            block, self.target_problems = None, [*self.target_problems, fail]
        if self.target_problems:
            return None, sorted(self.target_problems, key=lambda p: p.col)
        return block, []

    def block(self) -> Block:
        content = self.line.split("#", 1)[0]
        if len(content.rstrip()) > MAX_LINE_CHARS:
            raise LineError(MAX_LINE_CHARS, wording.line_too_long(len(content.rstrip()), MAX_LINE_CHARS))
        unreadable = wording.unreadable_character(content)
        if unreadable is not None:
            raise LineError(*unreadable)
        wording.check_parentheses(content, LineError, MAX_DEPTH)
        spaced = hints.spaced_targets(content)
        if spaced:  # `@ 800`: each is a target that does not read
            self.target_problems = spaced[:-1]
            raise spaced[-1]
        try:
            return self._block()
        except LineError as fail:
            raise hints.title_or_step(content, fail) from None

    def _block(self) -> Block:
        try:
            tree = _parser().parse(self.line)
        except UnexpectedInput as error:
            raise self._syntax_failure(error) from None
        title: str | None = None
        children = list(tree.children)
        if isinstance(children[0], Token):  # a title is as long as its line allows: a hold shows the whole line
            title = str(children.pop(0)).rstrip(":").strip()
        seq = children[0]
        assert isinstance(seq, Tree)
        body = Group(tuple(self.seq(seq, 0)))
        text = " ".join(self.line.split("#", 1)[0].split())
        return Block(title, body, text, self.line_no)

    def _syntax_failure(self, error: UnexpectedInput) -> LineError:
        if isinstance(error, UnexpectedToken) and error.token.type == "$END":
            content = self.line.split("#", 1)[0].rstrip()
            return LineError(len(content), wording.early_end(content))
        if isinstance(error, UnexpectedToken) and error.token.type == "LPAR":
            recovery_set = hints.recovery_set_as_item(self.line, col(error.token))
            if recovery_set is not None:
                return recovery_set
        if isinstance(error, UnexpectedToken):
            token = error.token
            return LineError(col(token), wording.unexpected(str(token), token.type, self.line[: col(token)]))
        if isinstance(error, UnexpectedCharacters):
            return LineError(error.column - 1, wording.unexpected_character(self.line[error.column - 1]))
        return LineError(0, str(error))

    def seq(self, tree: Tree[Token], depth: int) -> list[Node]:
        nodes: list[Node] = []
        for child in tree.children:
            assert isinstance(child, Tree)
            if child.data == "rest":
                rest_token, words = child.children
                assert isinstance(rest_token, Token) and isinstance(words, Tree)
                tokens = [t for t in words.children if isinstance(t, Token)]
                nodes.append(Rest(read_recovery_step(rest_token, tokens, "Rest", self.line, self.line_no)))
            else:
                nodes.append(self.chain(child, tree, depth))
        return nodes

    def chain(self, tree: Tree[Token], seq: Tree[Token], depth: int) -> Node:
        repeats: list[Token] = []
        recoveries: list[Tree[Token]] = []
        target_token: Token | None = None
        body_tree: Tree[Token] | None = None
        for child in tree.children:
            if isinstance(child, Token) and child.type == "REPEAT":
                repeats.append(child)
                if depth + len(repeats) > MAX_DEPTH:
                    raise LineError(col(child), wording.too_deep(MAX_DEPTH))
            elif isinstance(child, Token):
                target_token = child
            elif child.data in ("group", "rep"):
                body_tree = child
            elif child.data == "stray":
                self.stray(child)
            else:
                recoveries.append(child)
        assert body_tree is not None
        body = self.body(body_tree, depth + len(repeats))
        if target_token is not None and isinstance(body, Group):
            try:
                target = read_target(target_token)
                body = Group(body.items, None, target, str(target_token), self.pos(target_token))
            except LineError as problem:
                self.target_problems.append(problem)
        recs = [self.recovery(r, depth + len(repeats)) for r in recoveries]
        # Recovery levels, innermost first: the group (if it separates anything), then each repeat.
        # The last recovery written belongs to the outermost level, earlier ones to the levels inside it.
        levels = (1 if isinstance(body, Group) and len(body.items) > 1 else 0) + len(repeats)
        if len(recs) > levels:
            extra = recoveries[levels]
            start = col(extra.children[0]) if isinstance(extra.children[0], Token) else 0
            raise LineError(start, wording.orphan_recovery(self.line, seq, tree, start, levels))
        assigned: list[Step | RecoverySet | None] = [None] * (levels - len(recs)) + list(recs)
        if isinstance(body, Group) and len(body.items) > 1:
            body = Group(body.items, assigned.pop(0), body.target, body.target_text, body.target_pos)
        node: Node = body
        for token, recovery in zip(reversed(repeats), assigned, strict=True):
            low, high = _repeat_counts(token)
            node = Repeat(high, node, recovery, min_count=low)
        return node

    def stray(self, tree: Tree[Token]) -> None:
        first = tree.children[0]
        assert isinstance(first, Token)
        raise LineError(col(first), wording.label_after_group(str(first)))

    def body(self, tree: Tree[Token], depth: int) -> Node:
        if tree.data == "group":
            seq = tree.children[0]
            assert isinstance(seq, Tree)
            return Group(tuple(self.seq(seq, depth + 1)))
        steps: list[Step] = []
        for child in tree.children:
            assert isinstance(child, Tree)
            if child.data == "seg_repeat":  # `20 squats + 2x11 lunges`: that segment, twice, joined
                token, words = child.children
                assert isinstance(token, Token) and isinstance(words, Tree)
                low, high = _repeat_counts(token)
                if low is not None:
                    raise LineError(col(token), wording.range_in_rep(str(token)))
                steps += [self.step(words)] * high
            else:
                steps.append(self.step(child))
        return Rep(tuple(steps))

    def step(self, tree: Tree[Token]) -> Step:
        tokens = [t for t in tree.children if isinstance(t, Token)]
        first = tokens[0]
        if first.type == "WORD" and hints.RECOVERY_WORD.fullmatch(str(first)):  # `r open` where an item goes
            written = self.line[col(first) : col(tokens[-1]) + len(tokens[-1])]
            raise LineError(col(first), hints.recovery_as_item(written, self.line[: col(first)]))
        return read_step(tokens, self.line_no, self.target_problems)

    def recovery(self, tree: Tree[Token], depth: int) -> Step | RecoverySet:
        rec_token = tree.children[0]
        assert isinstance(rec_token, Token)
        if tree.data == "rec_empty":
            raise LineError(col(rec_token), wording.EMPTY_RECOVERY)
        body = tree.children[1]
        assert isinstance(body, Tree)
        if tree.data == "rec_set":
            if len(tree.children) > 2:
                stray = tree.children[2]
                assert isinstance(stray, Tree)
                self.stray(stray)
            return RecoverySet(Group(tuple(self.seq(body, depth + 1))), self.pos(rec_token))
        tokens = [t for t in body.children if isinstance(t, Token)]
        return read_recovery_step(rec_token, tokens, "R", self.line, self.line_no)


def _repeat_counts(token: Token) -> tuple[int | None, int]:
    """`6x` → (None, 6); `4-5x` → (4, 5): the lower count, then the upper; errors for 0, ranges out of order,
    and counts past the limit."""
    text = str(token).rstrip("xX× ")
    low_text, _, high_text = text.replace("–", "-").rpartition("-")
    counts = [int(t) if len(t) <= 6 else MAX_REPEAT + 1 for t in (low_text, high_text) if t]
    if any(c > MAX_REPEAT for c in counts):
        raise LineError(col(token), f'"{token}": at most {MAX_REPEAT:,} repeats; check the count')
    if counts[0] < 1:
        raise LineError(col(token), f'"{token}": a repeat needs a count of at least 1, like 3x')
    if len(counts) == 1:
        return None, counts[0]
    if counts[0] >= counts[1]:
        raise LineError(col(token), wording.bad_repeat_range(str(token), counts[0], counts[1]))
    return counts[0], counts[1]
