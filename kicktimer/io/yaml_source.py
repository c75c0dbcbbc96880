"""Reading a session file's YAML without ever crashing: bytes to text, characters YAML (or an editor) would
misread, a pass over the parser's events for the shapes a session never has, and ruamel's errors reworded into
one line at the real place.

The events pass runs before anything is built: ruamel's parser is iterative, while building nested objects
recurses, and complex keys, `!!set` or `!!omap` crash ruamel's round-trip constructor.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, StreamMark
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)

from kicktimer.core.language.wording import shorten
from kicktimer.io.source_map import LineIndex, ScalarSpan

MAX_FILE_BYTES = 1_000_000  # the library's largest session is 2 kB
MAX_YAML_DEPTH = 10  # mappings and lists inside each other (a session needs 4)
_ALLOWED_TAGS = {"tag:yaml.org,2002:str"}
# What ruamel's reader refuses, and the line breaks YAML 1.1 knows but an editor does not draw (NEL, LS, PS).
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")
_DUPLICATE = re.compile(r'found duplicate key "(.*?)" with value')


class SourceError(Exception):
    """One problem with the file as text or YAML, at a character index of the decoded text (for bytes that do
    not decode: of `text`, the part before them)."""

    def __init__(self, index: int, message: str, text: str | None = None) -> None:
        super().__init__(message)
        self.index = index
        self.message = message
        self.text = text


def decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark dropped); raises SourceError at the first byte that is not UTF-8."""
    if len(data) > MAX_FILE_BYTES:
        raise SourceError(0, f"this file is {len(data):,} bytes; a session file is at most {MAX_FILE_BYTES:,}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        start = 3 if data.startswith(b"\xef\xbb\xbf") else 0
        before = data[start : error.start].decode("utf-8")
        message = f"byte 0x{data[error.start]:02X} is not UTF-8 text: save the file as UTF-8"
        raise SourceError(len(before), message, before) from None


def unreadable_characters(text: str) -> list[SourceError]:
    """The first unreadable character of each line it occurs on (at most 10 lines): each is one problem."""
    problems: list[SourceError] = []
    seen_lines: set[int] = set()
    lines = LineIndex(text)
    for match in _UNREADABLE.finditer(text):
        line, _ = lines.place(match.start())
        if line in seen_lines:
            continue
        seen_lines.add(line)
        problems.append(SourceError(match.start(), _character_message(match.group())))
        if len(problems) == 10:
            break
    return problems


def _character_message(char: str) -> str:
    name = unicodedata.name(char, "")
    if char in "\x85\u2028\u2029":
        return (
            f"U+{ord(char):04X} ({name.lower() or 'next line'}) is not a line break a session file uses: "
            "replace it with a plain line break or a space"
        )
    kind = "a control character" if unicodedata.category(char) == "Cc" else "a character that is not text"
    return f"U+{ord(char):04X} ({kind}) cannot be in a session file: delete it"


@dataclass
class _Level:
    mapping: bool
    expecting_key: bool = True
    key: str | None = None


def scan(yaml: YAML, text: str) -> ScalarSpan | None:
    """Check the shapes of the document; the span of the top-level `workout` when it is text.
    Raises SourceError, or MarkedYAMLError for a syntax error (see `reworded`)."""
    levels: list[_Level] = []
    documents = 0
    workout: ScalarSpan | None = None
    for event in yaml.parse(text):
        if isinstance(event, DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise SourceError(event.start_mark.index, 'a second document ("---"): a session file holds one')
        if isinstance(event, CollectionEndEvent):
            levels.pop()
            _value_done(levels)
            continue
        if not isinstance(event, NodeEvent):
            continue
        _check_node(event, levels)
        if isinstance(event, ScalarEvent) and len(levels) == 1 and levels[0].key == "workout":
            workout = ScalarSpan(event.start_mark.index, event.end_mark.index, event.style)
        if isinstance(event, CollectionStartEvent):
            levels.append(_Level(isinstance(event, MappingStartEvent)))
            if len(levels) > MAX_YAML_DEPTH:
                raise SourceError(event.start_mark.index, f"more than {MAX_YAML_DEPTH} levels of nesting")
            continue
        at_key = bool(levels) and levels[-1].mapping and levels[-1].expecting_key
        if at_key and isinstance(event, ScalarEvent):
            levels[-1].key = event.value
            levels[-1].expecting_key = False
        else:
            _value_done(levels)
    return workout


def _check_node(event: NodeEvent, levels: list[_Level]) -> None:
    at = event.start_mark.index
    tag = getattr(event, "tag", None)
    if tag is not None and str(tag) not in _ALLOWED_TAGS:
        shown = str(tag).replace("tag:yaml.org,2002:", "!!")
        raise SourceError(at, f'the tag "{shorten(shown, 40)}": a session file uses plain values, no tags')
    if levels and levels[-1].mapping and levels[-1].expecting_key and not isinstance(event, ScalarEvent):
        what = "an alias" if isinstance(event, AliasEvent) else "a list or mapping"
        raise SourceError(at, f"{what} as a key: a key is a plain word, like name:")


def _value_done(levels: list[_Level]) -> None:
    if levels and levels[-1].mapping:
        levels[-1].expecting_key = True
        levels[-1].key = None


def reworded(error: MarkedYAMLError, text: str) -> SourceError:
    """ruamel's two-part, multi-line message as one line at the place the mistake is."""
    problem = " ".join(str(error.problem or "").split())
    context = " ".join(str(error.context or "").split())
    mark: StreamMark | None = error.problem_mark or error.context_mark
    at = mark.index if mark is not None else 0
    context_at = error.context_mark.index if error.context_mark is not None else at
    lines = LineIndex(text)
    if "could not find expected ':'" in problem:
        return SourceError(_end_of_content(lines, context_at), _NO_COLON)
    if problem == "mapping values are not allowed here":
        previous = _previous_content_line(lines, at)
        if previous is not None and ":" not in _strip_comment(lines.line_text(previous)):
            return SourceError(lines.starts[previous - 1] + len(_strip_comment(lines.line_text(previous))), _NO_COLON)
        return SourceError(at, 'a ": " inside a value: put the value in quotes, like name: "Set: 500s"')
    if context.startswith("while parsing a flow") and problem.startswith("expected ','"):
        closer = "}" if "mapping" in context else "]"
        end = _end_of_content(lines, _last_content_before(lines, at))
        if lines.place(end)[0] < lines.place(at)[0]:
            opener_line, opener_col = lines.place(context_at)
            return SourceError(
                end, f'"{text[context_at]}" (at {opener_line}:{opener_col}) is never closed: add "{closer}"'
            )
        return SourceError(
            at, f'a "," or "{closer}" is missing here: separate entries with ",", like {{800m: "2:08", 5k: "16:40"}}'
        )
    if context == "while scanning a quoted scalar":
        return SourceError(
            context_at, f"this {text[context_at]} quote is never closed: close it at the end of the value"
        )
    if "'\\t' that cannot start any token" in problem:
        return SourceError(at, "a tab: YAML indents with spaces; replace the tab with spaces")
    if problem.startswith("expected <block end>"):
        return SourceError(at, _INDENT)
    duplicate = _DUPLICATE.search(problem)
    if duplicate is not None:
        first_line = lines.place(context_at)[0]
        return SourceError(
            at, f'"{shorten(duplicate.group(1), 40)}" is given twice (first on line {first_line}): keep one'
        )
    return SourceError(at, f"YAML: {'; '.join(p for p in (context, problem) if p)}; check the indentation and quoting")


_NO_COLON = 'this line has no ":"; write a key, a colon and its value, like name: Kick 500s'
_INDENT = (
    "unexpected text here: the keys of one mapping line up under each other, and a value that holds a colon "
    "or starts with a quote is written in quotes"
)


def _strip_comment(line: str) -> str:
    """The line without a comment (a # at its start or after a space) and trailing space."""
    match = re.search(r"(^|\s)#", line)
    return (line[: match.start()] if match else line).rstrip()


def _previous_content_line(lines: LineIndex, index: int) -> int | None:
    line = lines.place(index)[0] - 1
    while line >= 1 and not _strip_comment(lines.line_text(line)).strip():
        line -= 1
    return line if line >= 1 else None


def _last_content_before(lines: LineIndex, index: int) -> int:
    """The index of the last character written (not space, not comment) before `index`."""
    line, col = lines.place(index)
    before = _strip_comment(lines.line_text(line)[: col - 1])
    if before.strip():
        return lines.starts[line - 1] + len(before) - 1
    previous = _previous_content_line(lines, index)
    if previous is None:
        return index
    return lines.starts[previous - 1] + len(_strip_comment(lines.line_text(previous))) - 1


def _end_of_content(lines: LineIndex, index: int) -> int:
    """Just past the last character written on the line of `index`."""
    line, _ = lines.place(index)
    return lines.starts[line - 1] + len(_strip_comment(lines.line_text(line)))
