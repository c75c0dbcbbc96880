"""Error messages for the notation: each names the text, says what is wrong and what would be right."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from lark import Token, Tree

from kicktimer.core.language.quantities import UNIT_WORDS

STEP_FORMS = "a distance (200m), a duration (90s, 1:30), a count (10 hops) or open"
EMPTY_RECOVERY = (
    '"r": a recovery needs a duration (r90s, r1:30), open (r open), a distance (r200m jog) or a set in '
    "parentheses, R(4x200m hill r open)"
)
_TOKEN_NAMES = {
    "RPAR": '")"',
    "LPAR": '"("',
    "COMMA": '","',
    "PLUS": '"+"',
    "TARGET": "a target",
    "REC": "a recovery",
    "REPEAT": "a repeat",
    "REST": "rest",
    "WORD": "a word",
    "TITLE": "a title",
}


_KINDS_OF_UNREADABLE = {
    "Cc": "a control character",
    "Cf": "an invisible formatting character",
    "Cs": "a broken character (half of a surrogate pair)",
    "Zl": "a line separator; use a plain line break",
    "Zp": "a paragraph separator; use a plain line break",
}
_FRACTIONAL_REPEAT = re.compile(r"[0-9]*\.[0-9]+ ?[xX×]")
_DISTANCE_RANGE = re.compile(r"[0-9.]+[-–][0-9.]+(m|km|k|mi|mile|yd)")
_BARE_RANGE = re.compile(r"[0-9]+(?:\.[0-9]+)?[-–][0-9]+(?:\.[0-9]+)?")  # `60-90`: a range of seconds, unit left off


def printable(text: str) -> str:
    """`text` safe to quote in a one-line message: control and invisible characters as U+XXXX."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c == " " else f"U+{ord(c):04X}" for c in text)


def shorten(word: str, max_chars: int = 24) -> str:
    """A word as quoted in a message: a 300-digit number shows its ends, not all of it."""
    word = printable(word)
    return word if len(word) <= max_chars else f"{word[: max_chars // 2]}…{word[-(max_chars // 2) :]}"


def unreadable_character(content: str) -> tuple[int, str] | None:
    """The column and message of the first character no session text may hold (tabs and spaces may)."""
    if content.isprintable():
        return None
    for col, char in enumerate(content):
        kind = _KINDS_OF_UNREADABLE.get(unicodedata.category(char))
        if kind is not None and char != "\t":
            return col, f"U+{ord(char):04X} ({kind}) cannot be read here: delete it"
    return None


def check_parentheses(line: str, fail: Callable[[int, str], Exception], max_depth: int) -> None:
    """Unbalanced parentheses get a message pointing at the one that has no partner; nesting past
    `max_depth` points at the first parenthesis too deep."""
    opened: list[int] = []
    for col, char in enumerate(line.split("#", 1)[0]):
        if char == "(":
            opened.append(col)
            if len(opened) > max_depth:
                raise fail(col, too_deep(max_depth))
        elif char == ")":
            if not opened:
                raise fail(col, '")" closes nothing: remove it or add the "(" it belongs to')
            opened.pop()
    if opened:
        raise fail(opened[-1], '"(" is never closed: add ")" where the group ends')


def early_end(content: str) -> str:
    """The line ended while the grammar still wanted something."""
    last = content.split()[-1] if content.split() else ""
    if content.endswith(":"):
        return f'title "{content}" has no steps: write them after the colon, like {content} 15min jog'
    if content.endswith("+"):
        return '"+" needs a step after it, like 200m @800 + 100m bound'
    if content.endswith(","):
        return '"," needs an item after it; remove the trailing comma'
    if last[:1].isdigit() and last[-1:] in "xX×":
        return f'"{last}": a repeat needs something to repeat, like {last}200m or {last}(…)'
    if last == "rest":
        return '"rest" needs a duration (rest 3:00), open (rest open) or a distance (rest 200m jog)'
    return f'the line ends too early after "{last}"'


def too_deep(max_depth: int) -> str:
    return f"more than {max_depth} repeats and parentheses inside each other; write the session more simply"


def line_too_long(length: int, max_chars: int) -> str:
    return f"this line is {length:,} characters long; a line is at most {max_chars:,}: split it into several lines"


def too_many_steps(here: int, total: int, max_steps: int) -> str:
    if here > max_steps:
        return f"this line comes to {here:,} steps; a session is at most {max_steps:,}: check the repeat counts"
    return (
        f"the workout comes to {total:,} steps with this line; a session is at most {max_steps:,}: "
        "check the repeat counts, or split it into two sessions"
    )


def checking_stopped(count: int) -> str:
    return f"checking stopped here after {count} problems: fix those first"


def digit_title(title: str) -> str:
    return (
        f'"{printable(title)}" is read as a step, not a title: a title starts with a letter; '
        f'write it like "Set of {printable(title)}" or "Main set:"'
    )


def unexpected_character(char: str) -> str:
    if char.isspace():
        return f"U+{ord(char):04X} (an unusual space or line break) cannot be read here: use a plain space"
    return f'"{printable(char)}": unexpected character'


def label_after_group(word: str) -> str:
    return (
        f'"{printable(word)}": labels after ")" are an error: labels belong to steps; write "{printable(word)}" on '
        "a step inside the parentheses"
    )


def range_in_rep(token: str) -> str:
    return (
        f'"{token}": a range of repeats cannot be a segment of a + rep; write the count you mean, like 2x, '
        "or put the range on the whole rep, like 4-5x(…)"
    )


def bad_repeat_range(token: str, low: int, high: int) -> str:
    if low == high:
        return f'"{token}": a range from {low} to {low} is {low}; write {low}x'
    return f'"{token}": a range goes from the smaller count to the larger, like {high}-{low}x'


def out_of_range(word: str, what: str, value: float, most: str) -> str:
    word = shorten(word)
    if value <= 0:
        return f'"{word}": a {what} must be more than 0'
    return f'"{word}": a {what} of more than {most}; check the number'


def bad_range(word: str, low_s: float, high_s: float) -> str:
    word = shorten(word)
    if low_s <= 0:
        return f'"{word}": a range starts above 0, like 8-10s'
    if low_s == high_s:
        return f'"{word}": both ends are the same; write one duration'
    if low_s > high_s:
        return f'"{word}": a range goes from the shorter time to the longer, like 8-10s'
    return f'"{word}": a duration of more than 24:00:00; check the number'


def unexpected(text: str, kind: str, before: str) -> str:
    before = before.rstrip()
    fractional = _FRACTIONAL_REPEAT.search(before.split()[-1] if before.split() else "")
    if kind == "LPAR" and fractional is not None:
        return f'"{fractional.group(0)}": a repeat count is a whole number, like 2x'
    if kind == "RPAR" and before.endswith("("):
        return '"()" is empty: put the steps inside the parentheses'
    if kind == "COMMA" and (before.endswith((",", "(")) or not before):
        return '",": an empty item; remove the extra comma'
    if kind == "PLUS" and before.endswith("+"):
        return '"+" twice: one "+" joins two steps, like 200m + 100m; remove the extra one'
    if kind == "PLUS" and not before:
        return '"+" needs a step before it: it joins two steps, like 200m + 100m'
    if kind == "PLUS":
        return (
            '"+" joins steps into one rep, not groups or repeats: '
            "put the whole rep in parentheses, like 3x(200m + 100m)"
        )
    if kind == "TARGET":
        return f'"{text}": a target goes on a step (200m {text}) or straight after ")", before any recovery'
    if kind == "REPEAT":
        return f'"{text}": a repeat starts an item; separate items with ","'
    if kind == "LPAR":
        return '"(": a group starts an item; separate items with "," or write a repeat like 3x(…)'
    if kind == "REST":
        return '"rest" is an item of its own: separate it with ",", like 400m, rest 3:00, 400m'
    if kind == "REC":
        return '"r" starts a recovery, which goes after a repeat or a group, like 4x200m r1:00'
    return f'"{text}": {_TOKEN_NAMES.get(kind, "this")} is not expected here'


def _span(tree: Tree[Token]) -> tuple[int, int]:
    """Start and end offsets of a subtree, from its tokens (the parser keeps no positions on trees: speed)."""
    tokens = list(tree.scan_values(lambda v: isinstance(v, Token)))
    return tokens[0].start_pos or 0, tokens[-1].end_pos or 0


def orphan_recovery(line: str, seq: Tree[Token], chain: Tree[Token], rec_col: int, levels: int) -> str:
    chain_start, chain_end = _span(chain)
    rec_text = line[rec_col:chain_end].strip()
    if levels:
        return f'"{rec_text}": more recoveries than repeats to put them on; one recovery per repeat or group'
    items = [c for c in seq.children if isinstance(c, Tree)]
    if len(items) > 1:
        group_text = line[_span(seq)[0] : rec_col].strip()
        return (
            f'"{rec_text}": a recovery after a single step; to rest between all of them write ({group_text}) {rec_text}'
        )
    step_text = line[chain_start:rec_col].strip()
    return (
        f'"{rec_text}": a recovery after a single step goes nowhere; '
        f"write a repeat (4x{step_text} {rec_text}), "
        f"a group in parentheses, or a standalone rest ({step_text}, rest {rec_text[1:].strip()})"
    )


def target_needs_distance(target: str, kind: str) -> str:
    what = "a counted exercise" if kind == "count" else "an open step"
    return f'"{target}": {what} cannot have a target; targets go on distance steps (200m {target}) or durations'


def time_on_duration(step: str, target: str) -> str:
    return (
        f'"{step}": an absolute time makes no sense on a duration step; use a pace such as @5k or '
        f"@72s/400m (it gives the expected distance), or make it a distance step like 400m {target}"
    )


def keyword_as_label(word: str) -> str:
    if word == "open":
        return '"open" is a step of its own, never a label: write it as a step, or use r open for a recovery'
    if word == "rest":
        return '"rest" is an item of its own, never a label: separate it with ",", like 400m, rest 3:00'
    return f'"{word}": x is for repeats, never a label: write 3x200m'


def second_quantity(word: str) -> str:
    return f'"{word}": a second quantity in one step; separate steps with "," (in order) or " + " (joined)'


def unit_after_space(number: str, unit: str) -> str:
    return f'"{number} {unit}": write the unit straight after its number, like {number}{unit}'


def bad_quantity(word: str, has_words: bool) -> str:
    word = shorten(word)
    fractional = _FRACTIONAL_REPEAT.match(word)
    if fractional is not None:
        return f'"{fractional.group(0)}": a repeat count is a whole number, like 2x'
    if _DISTANCE_RANGE.fullmatch(word):
        return (
            f'"{word}": a step runs one distance; write the one you plan, like {word.split("-")[-1]} '
            "(ranges are for repeats, 4-5x50m, and durations, 8-10s)"
        )
    if _BARE_RANGE.fullmatch(word):
        return f'"{word}": did you mean {word}s? (a range of durations; distances have no ranges)'
    if word.replace(".", "", 1).isdigit():
        if has_words:
            return f'"{word}": a count is a whole number, like 10 pogo jumps'
        return f'"{word}": did you mean {word}m or {word}s?'
    if word[:1].isdigit():
        if any(c in word for c in ":;,."):
            return f'"{word}": expected a duration like 1:30 or 90s'
        unit = word.lstrip("0123456789.")
        if unit.isalpha():
            known = ", ".join(sorted(u for u in UNIT_WORDS if u in ("m", "km", "k", "mi", "mile", "yd", "s", "min")))
            return f'"{word}": unknown unit "{unit}"; units are {known}'
        return f'"{word}": expected {STEP_FORMS}'
    if word.lower() in ("open", "mile", "rest"):
        return f'"{word}": keywords are lowercase; write {word.lower()}'
    return f'"{word}": a step starts with {STEP_FORMS}'


def bad_recovery(written: str, word: str) -> str:
    written, word = shorten(written, 40), shorten(word)
    if _BARE_RANGE.fullmatch(word):
        return f'"{written}": did you mean {written}s? (a range of durations, ended by a tap)'
    if word.replace(".", "", 1).isdigit():
        return f'"{written}": did you mean {written}s or {written}m?'
    if word[:1].isdigit() and any(c in word for c in ":;,"):
        return f'"{written}": expected a duration like 1:30 or 90s'
    if word[:1].isdigit():
        return f'"{written}": expected a duration like 1:30 or 90s, or a distance like 200m'
    return f'"{written}": a recovery is a duration (r90s, r1:30), open, a distance (r200m jog) or R(…)'
