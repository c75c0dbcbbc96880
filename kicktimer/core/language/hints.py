"""Messages that read what the coach meant from the line as written, where the parser alone would give the
wrong fix: a title without its colon (`Main set 6x60m`) or starting with a digit (`500s: …`), a recovery
written where an item goes (`r open` alone, `6x60m sprint, r open`), a space after `@` (`3x200m @ 800`) or
around an offset's sign (`@5k + 2s/400m`)."""

from __future__ import annotations

import re

from kicktimer.core.language import wording
from kicktimer.core.language.quantities import is_bare_number, is_quantity
from kicktimer.core.language.wording import STEP_FORMS, shorten
from kicktimer.core.language.words import KEYWORDS, LineError

_DIGIT_TITLE = re.compile(r"\s*([0-9][^:#\n]*:)(?=\s|$)")
# Up to six words that start with a letter, then what starts a step or a repeat: `Main set 6x60m`.
_UNTITLED = re.compile(r"\s*([^\W\d_][^\s:,()+@]*(?:\s+[^\W\d_][^\s:,()+@]*){0,5})\s+(?=[0-9(])")
_SPACED_TARGET = re.compile(r"@[ \t]+([^\s,()+@]+)")
# `@5k + 2s/400m`: an offset with spaces around its sign, read as a join and a step that does not read.
_SPACED_OFFSET = re.compile(r"@([^\s,()+@-]+)([ \t]*[+-][ \t]*)([0-9][0-9:.]*s?/[^\s,()+@]+)")
# `r`, `R`, `r90s`, `R5:00`, `r60-90`: a recovery, read as a step because no repeat or group comes before it.
RECOVERY_WORD = re.compile(r"[rR](?:[0-9].*)?")
_REPEAT_START = re.compile(r"[0-9]+(?:[-–][0-9]+)? ?[xX×]")
_TITLE = re.compile(r"\s*[^\W\d_][^:#\n]*:(?=\s|$)")  # as the grammar reads one
_LONE_R = re.compile(r"(?:^|[\s,(+])([rR]) ?$")
_HAS_RECOVERY = re.compile(r"(?:^|[\s)])[rR](?=[0-9\s(]|$)")


def title_or_step(content: str, fail: LineError) -> LineError:
    """The line's first mistake, or, when the line starts with what looks like a title, how to write the title
    (the words before its first step are read as a step otherwise)."""
    digit_title = _DIGIT_TITLE.match(content)
    if digit_title is not None and fail.col >= digit_title.start(1):
        return LineError(digit_title.start(1), wording.digit_title(digit_title.group(1)))
    untitled = _UNTITLED.match(content)
    if untitled is None:
        return fail
    words = untitled.group(1).split()
    if any(w in KEYWORDS or RECOVERY_WORD.fullmatch(w) or is_quantity(w) for w in words):
        return fail
    title, steps = " ".join(words), shorten(content[untitled.end() :].strip(), 40)
    return LineError(
        untitled.start(1),
        f'"{shorten(title, 40)}": a block title ends with a colon, like {shorten(title, 40)}: {steps}; a step '
        f"starts with {STEP_FORMS}",
    )


def spaced_targets(content: str) -> list[LineError]:
    """Each `@ 800` and `@5k + 2s/400m` of the line, in order: a target is written without spaces."""
    found = [
        LineError(
            m.start(), f'"@ {shorten(m.group(1))}": write the target straight after @, like @{shorten(m.group(1))}'
        )
        for m in _SPACED_TARGET.finditer(content)
    ]
    for m in _SPACED_OFFSET.finditer(content):
        if m.group(2).strip() != m.group(2):
            joined = shorten(f"@{m.group(1)}{m.group(2).strip()}{m.group(3)}")
            found.append(
                LineError(m.start(), f'"{shorten(m.group(0))}": write the offset without spaces, like {joined}')
            )
    return sorted(found, key=lambda problem: problem.col)


def recovery_as_item(recovery: str, before: str) -> str:
    """`r open` written where an item goes: alone, after a title, or after a comma (`before`: the line up to
    it). A recovery follows the repeat or group it belongs to; a rest of its own is written `rest`."""
    recovery = shorten(" ".join(recovery.split()), 40)
    previous = _item_before_comma(before)
    belongs = previous and (_REPEAT_START.match(previous) or previous.endswith(")"))
    if belongs and not _HAS_RECOVERY.search(previous):
        return (
            f'"{recovery}": a recovery follows its repeat or group with no comma between them: write '
            f"{shorten(previous, 40)} {recovery}"
        )
    rest = recovery[1:].strip()
    first = rest.split()[0] if rest.split() else ""
    reads = first == "open" or (is_quantity(first) and not is_bare_number(first))  # a rest only as it would read
    alone = f"; a rest of its own is written rest {rest}" if reads else ""
    return f'"{recovery}": a recovery follows a repeat or a group, like 6x60m sprint r open{alone}'


def recovery_set_as_item(line: str, paren_col: int) -> LineError | None:
    """`R(4x200m hill)` where an item goes (the parser stops at its `(`), or None when no lone r is before it."""
    lone_r = _LONE_R.search(line[:paren_col])
    if lone_r is None:
        return None
    depth, end = 0, len(line)
    for at in range(paren_col, len(line)):
        depth += {"(": 1, ")": -1}.get(line[at], 0)
        if depth == 0:
            end = at + 1
            break
    written = line[lone_r.start(1) : end]
    return LineError(lone_r.start(1), recovery_as_item(written, line[: lone_r.start(1)]))


def _item_before_comma(before: str) -> str:
    """The item written before the comma that ends `before`, or "" when `before` does not end with a comma."""
    text = before.rstrip()
    if not text.endswith(","):
        return ""
    text = text[:-1].rstrip()
    depth = 0
    for at in range(len(text) - 1, -1, -1):
        char = text[at]
        depth += {")": 1, "(": -1}.get(char, 0)
        if depth < 0 or (depth == 0 and char == ","):
            return text[at + 1 :].strip()
    title = _TITLE.match(text)
    return text[title.end() :].strip() if title else text
