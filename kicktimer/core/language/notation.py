"""The workout notation (NOTATION.md): lark parses each line's structure, this module reads its words.

Errors are collected per line (one per line, the first found) with 0-based line/column in the workout text;
`io.session_file` maps them to the YAML file.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from kicktimer.core.language import wording
from kicktimer.core.language.paces import Target, TargetSyntaxError, TimeTarget, parse_target
from kicktimer.core.language.quantities import (
    UNIT_WORDS,
    is_bare_number,
    is_integer,
    is_quantity,
    parse_distance_m,
    parse_duration_s,
)
from kicktimer.core.language.tree import (
    Block,
    Group,
    Node,
    Pos,
    RecoverySet,
    Rep,
    Repeat,
    Rest,
    Step,
    Workout,
    leaf_count,
)

GEAR_WORDS = frozenset(
    {
        "walk", "jog", "easy", "float", "steady", "tempo", "hard", "fast", "race",
        "kick", "sprint", "bound", "accel", "stride", "hill", "uphill", "downhill",
    }
)  # fmt: skip
KEYWORDS = frozenset({"x", "X", "×", "open", "rest"})
MAX_LEAVES = 10_000


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


class _LineError(Exception):
    def __init__(self, col: int, message: str) -> None:
        super().__init__(message)
        self.col = col
        self.message = message


@cache
def _parser() -> Lark:
    grammar = files("kicktimer.core.language").joinpath("grammar.lark").read_text(encoding="utf-8")
    return Lark(grammar, parser="lalr", maybe_placeholders=False)


def gear_of(words: list[str]) -> str | None:
    """A step's gear is its first gear word, in any case."""
    return next((w.lower() for w in words if w.lower() in GEAR_WORDS), None)


def is_content_line(line: str) -> bool:
    return bool(line.split("#", 1)[0].strip())


def parse_workout(text: str) -> Workout:
    """Parse a whole workout; raises NotationError listing one problem per bad line."""
    blocks: list[Block] = []
    problems: list[NotationProblem] = []
    for line_no, line in enumerate(text.splitlines()):
        if not is_content_line(line):
            continue
        try:
            blocks.append(_LineReader(line, line_no).block())
        except _LineError as fail:
            problems.append(NotationProblem(line_no, fail.col, fail.message))
    if not blocks and not problems:
        problems.append(
            NotationProblem(0, 0, "the workout is empty: write at least one line, like 6x60m sprint r open")
        )
    if problems:
        raise NotationError(problems)
    return Workout(tuple(blocks))


class _LineReader:
    def __init__(self, line: str, line_no: int) -> None:
        self.line = line
        self.line_no = line_no

    def pos(self, token: Token) -> Pos:
        return Pos(self.line_no, self._col(token))

    @staticmethod
    def _col(token: Token) -> int:
        return (token.column or 1) - 1

    def block(self) -> Block:
        wording.check_parentheses(self.line, _LineError)
        try:
            tree = _parser().parse(self.line)
        except UnexpectedInput as error:
            raise self._syntax_failure(error) from None
        title: str | None = None
        children = list(tree.children)
        if isinstance(children[0], Token):
            title = str(children.pop(0)).rstrip(":").strip()
        seq = children[0]
        assert isinstance(seq, Tree)
        body = Group(tuple(self.seq(seq)))
        if leaf_count(body) > MAX_LEAVES:
            raise _LineError(0, f"this line expands to more than {MAX_LEAVES:,} steps: check the repeat counts")
        text = " ".join(self.line.split("#", 1)[0].split())
        return Block(title, body, text, self.line_no)

    def _syntax_failure(self, error: UnexpectedInput) -> _LineError:
        if isinstance(error, UnexpectedToken) and error.token.type == "$END":
            content = self.line.split("#", 1)[0].rstrip()
            return _LineError(len(content), wording.early_end(content))
        if isinstance(error, UnexpectedToken):
            token = error.token
            return _LineError(
                self._col(token), wording.unexpected(str(token), token.type, self.line[: self._col(token)])
            )
        if isinstance(error, UnexpectedCharacters):
            return _LineError(error.column - 1, f'"{self.line[error.column - 1]}": unexpected character')
        return _LineError(0, str(error))

    def seq(self, tree: Tree[Token]) -> list[Node]:
        nodes: list[Node] = []
        for child in tree.children:
            assert isinstance(child, Tree)
            if child.data == "rest":
                rest_token, words = child.children
                assert isinstance(rest_token, Token) and isinstance(words, Tree)
                nodes.append(Rest(self.recovery_step(rest_token, words, "Rest")))
            else:
                nodes.append(self.chain(child, tree))
        return nodes

    def chain(self, tree: Tree[Token], seq: Tree[Token]) -> Node:
        repeats: list[Token] = []
        recoveries: list[Tree[Token]] = []
        target_token: Token | None = None
        body: Node | None = None
        for child in tree.children:
            if isinstance(child, Token) and child.type == "REPEAT":
                repeats.append(child)
            elif isinstance(child, Token):
                target_token = child
            elif child.data in ("group", "rep"):
                body = self.body(child)
            elif child.data == "stray":
                self.stray(child)
            else:
                recoveries.append(child)
        assert body is not None
        if target_token is not None and isinstance(body, Group):
            target = self.target(target_token)
            body = Group(body.items, target=target, target_text=str(target_token))
        recs = [self.recovery(r) for r in recoveries]
        # Recovery levels, innermost first: the group (if it separates anything), then each repeat.
        # The last recovery written belongs to the outermost level, earlier ones to the levels inside it.
        levels = (1 if isinstance(body, Group) and len(body.items) > 1 else 0) + len(repeats)
        if len(recs) > levels:
            extra = recoveries[levels]
            start = self._col(extra.children[0]) if isinstance(extra.children[0], Token) else 0
            raise _LineError(start, wording.orphan_recovery(self.line, seq, tree, start, levels))
        assigned: list[Step | RecoverySet | None] = [None] * (levels - len(recs)) + list(recs)
        if isinstance(body, Group) and len(body.items) > 1:
            body = Group(body.items, assigned.pop(0), body.target, body.target_text)
        node: Node = body
        for token, recovery in zip(reversed(repeats), assigned, strict=True):
            count_text = str(token).rstrip("xX×").strip()
            if int(count_text) < 1:
                raise _LineError(self._col(token), f'"{token}": a repeat needs a count of at least 1, like 3x')
            node = Repeat(int(count_text), node, recovery)
        return node

    def stray(self, tree: Tree[Token]) -> None:
        first = tree.children[0]
        assert isinstance(first, Token)
        raise _LineError(
            self._col(first),
            f'"{first}": labels after ")" are an error: labels belong to steps; write "{first}" on a step '
            "inside the parentheses",
        )

    def body(self, tree: Tree[Token]) -> Node:
        if tree.data == "group":
            seq = tree.children[0]
            assert isinstance(seq, Tree)
            return Group(tuple(self.seq(seq)))
        steps = []
        for child in tree.children:
            assert isinstance(child, Tree)
            steps.append(self.step([t for t in child.children if isinstance(t, Token)]))
        return Rep(tuple(steps))

    def target(self, token: Token) -> Target:
        try:
            return parse_target(str(token)[1:])
        except TargetSyntaxError as error:
            raise _LineError(self._col(token), str(error)) from None

    def step(self, tokens: list[Token]) -> Step:
        targets = [t for t in tokens if t.type == "TARGET"]
        words = [t for t in tokens if t.type == "WORD"]
        if len(targets) > 1:
            raise _LineError(
                self._col(targets[1]), f'"{targets[1]}": one @ per step; this step already has {targets[0]}'
            )
        if not words:
            raise _LineError(
                self._col(tokens[0]), f'"{tokens[0]}": a target goes after its step, like 200m {tokens[0]}'
            )
        first, labels = words[0], [str(w) for w in words[1:]]
        self.check_labels(words[1:])
        text = " ".join(str(t) for t in tokens)
        gear = gear_of(labels)
        step = self.quantity(first, labels, text, gear)
        if not targets:
            return step
        target = self.target(targets[0])
        if step.kind in ("open", "count"):
            raise _LineError(self._col(targets[0]), wording.target_needs_distance(str(targets[0]), step.kind))
        if step.kind == "duration" and isinstance(target, TimeTarget):
            raise _LineError(self._col(targets[0]), wording.time_on_duration(text, str(targets[0])))
        return replace(step, target=target, target_text=str(targets[0]))

    def check_labels(self, words: list[Token]) -> None:
        for word in words:
            if str(word) in KEYWORDS:
                raise _LineError(self._col(word), wording.keyword_as_label(str(word)))
            if is_quantity(str(word)):
                raise _LineError(self._col(word), wording.second_quantity(str(word)))

    def quantity(self, first: Token, labels: list[str], text: str, gear: str | None) -> Step:
        word, pos = str(first), self.pos(first)
        step = _open_distance_or_duration(word, text, gear, pos)
        if step is not None:
            return step
        if is_bare_number(word) and labels and labels[0] in UNIT_WORDS:
            raise _LineError(pos.col, wording.unit_after_space(word, labels[0]))
        if is_integer(word) and labels:
            if int(word) < 1:
                raise _LineError(pos.col, f'"{word} {labels[0]}": a count needs at least 1')
            return Step("count", text, gear, pos, count=int(word))
        raise _LineError(pos.col, wording.bad_quantity(word, has_words=bool(labels)))

    def recovery(self, tree: Tree[Token]) -> Step | RecoverySet:
        rec_token = tree.children[0]
        assert isinstance(rec_token, Token)
        if tree.data == "rec_empty":
            raise _LineError(self._col(rec_token), wording.EMPTY_RECOVERY)
        body = tree.children[1]
        assert isinstance(body, Tree)
        if tree.data == "rec_set":
            if len(tree.children) > 2:
                stray = tree.children[2]
                assert isinstance(stray, Tree)
                self.stray(stray)
            return RecoverySet(Group(tuple(self.seq(body))), self.pos(rec_token))
        return self.recovery_step(rec_token, body, "R")

    def recovery_step(self, lead: Token, words_tree: Tree[Token], prefix: str) -> Step:
        tokens = [t for t in words_tree.children if isinstance(t, Token)]
        target = next((t for t in tokens if t.type == "TARGET"), None)
        if target is not None:
            raise _LineError(self._col(target), f'"{target}": a recovery takes no target; targets go on work steps')
        first, labels = tokens[0], [str(t) for t in tokens[1:]]
        written = self.line[self._col(lead) : self._col(first) + len(first)]
        self.check_labels(tokens[1:])
        text = f"{prefix} " + " ".join(str(t) for t in tokens)
        gear = gear_of(labels)
        step = _open_distance_or_duration(str(first), text, gear, self.pos(lead))
        if step is None:
            raise _LineError(self._col(lead), wording.bad_recovery(written, str(first)))
        return step


def _open_distance_or_duration(word: str, text: str, gear: str | None, pos: Pos) -> Step | None:
    """The step forms shared by work and recoveries; None when `word` is none of them."""
    if word == "open":
        return Step("open", text, gear, pos)
    distance_m = parse_distance_m(word)
    if distance_m is not None:
        return Step("distance", text, gear, pos, distance_m=distance_m)
    duration_s = parse_duration_s(word)
    if duration_s is not None:
        return Step("duration", text, gear, pos, duration_s=duration_s)
    return None
