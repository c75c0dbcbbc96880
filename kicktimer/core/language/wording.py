"""Error messages for the notation: each names the text, says what is wrong and what would be right."""

from __future__ import annotations

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


def check_parentheses(line: str, fail: Callable[[int, str], Exception]) -> None:
    """Unbalanced parentheses get a message pointing at the one that has no partner."""
    opened: list[int] = []
    for col, char in enumerate(line.split("#", 1)[0]):
        if char == "(":
            opened.append(col)
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


def unexpected(text: str, kind: str, before: str) -> str:
    before = before.rstrip()
    if kind == "RPAR" and before.endswith("("):
        return '"()" is empty: put the steps inside the parentheses'
    if kind == "COMMA" and (before.endswith((",", "(")) or not before):
        return '",": an empty item; remove the extra comma'
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
    if word.replace(".", "", 1).isdigit():
        return f'"{written}": did you mean {word}m or {word}s?'
    if word[:1].isdigit() and any(c in word for c in ":;,"):
        return f'"{written}": expected a duration like 1:30 or 90s'
    if word[:1].isdigit():
        return f'"{written}": expected a duration like 1:30 or 90s, or a distance like 200m'
    return f'"{written}": a recovery is a duration (r90s, r1:30), open, a distance (r200m jog) or R(…)'
