"""Reading a session file's YAML without ever crashing: bytes to text, characters YAML (or an editor) would
misread, a pass over the parser's events for the shapes a session never has, and ruamel's errors reworded into
one line at the real place.

The document is built here from ruamel's parser events, not by ruamel's constructors: the parser is iterative
(building nested objects recursively overflows the stack), complex keys, `!!set` or `!!omap` crash the
round-trip constructor, and this is four times faster. Every value keeps the character index it is written at.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
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

MAX_FILE_BYTES = 100_000  # the library's largest session is 2 kB; ruamel reads ~100 kB/s of dense YAML
MAX_YAML_DEPTH = 10  # mappings and lists inside each other (a session needs 4)
_ALLOWED_TAGS = {"tag:yaml.org,2002:str"}
# What ruamel's reader refuses, and the line breaks YAML 1.1 knows but an editor does not draw (NEL, LS, PS).
_UNREADABLE = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029]")


class SourceError(Exception):
    """One problem with the file as text or YAML, at a character index of the decoded text (for bytes that do
    not decode: of `text`, the part before them)."""

    def __init__(self, index: int, message: str, text: str | None = None) -> None:
        super().__init__(message)
        self.index = index
        self.message = message
        self.text = text


def decode(data: bytes, max_bytes: int = MAX_FILE_BYTES, kind: str = "a session file") -> str:
    """UTF-8 text (a byte-order mark dropped); raises SourceError at the first byte that is not UTF-8, or when
    there are more than `max_bytes` (`kind` names such a file in the message)."""
    if len(data) > max_bytes:
        raise SourceError(0, f"this file is {len(data):,} bytes; {kind} is at most {max_bytes:,}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # the byte-order mark of UTF-16
        raise SourceError(0, 'this file is UTF-16 text (Windows\' "Unicode text"): save it as UTF-8')
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


Path = tuple[Any, ...]  # keys and list indices from the top: ("athletes", 0, "paces", "800m")
_NO_KEY = object()
_NULL = re.compile(r"~|null|Null|NULL|")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
# YAML 1.1 (a file that starts `%YAML 1.1`) also reads yes/no/on/off and base-60 numbers: `4:35` is 275.
_BOOL_1_1 = {**_BOOL, **{w: True for w in ("yes", "Yes", "YES", "on", "On", "ON", "y", "Y")},
             **{w: False for w in ("no", "No", "NO", "off", "Off", "OFF", "n", "N")}}  # fmt: skip
MAX_ALIASED_CHARS = 40  # a date, a time, a name: what a hand or an older writer shares; never a workout
_SEXAGESIMAL = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_INT = re.compile(r"[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+")
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    **{f"{sign}.{inf}": math.inf for sign in ("", "+") for inf in ("inf", "Inf", "INF")},
    **{f"-.{inf}": -math.inf for inf in ("inf", "Inf", "INF")},
    **{f".{nan}": math.nan for nan in ("nan", "NaN", "NAN")},
}


@dataclass
class Document:
    """The file as plain dicts, lists and scalars, with where each thing is written: `places[path]` is the index
    of its key (for an item of a list, of the item) and of its value; `scalars[path]` the span of a scalar."""

    data: Any
    places: dict[Path, tuple[int, int]]
    scalars: dict[Path, ScalarSpan]

    def index_of(self, path: Path, value: bool = False) -> int:
        """Where `path` is written, or the nearest thing above it that is (0: the top)."""
        while path:
            if path in self.places:
                key_index, value_index = self.places[path]
                return value_index if value else key_index
            path = path[:-1]
        return 0


@dataclass
class _Frame:
    container: dict[Any, Any] | list[Any]
    path: Path
    key: Any = _NO_KEY  # a mapping's key, read, waiting for its value
    key_index: int = 0


def load(text: str, lines: LineIndex) -> Document:
    """The single YAML document in `text`, built from the parser's events (iteratively: no depth can overflow
    the stack; no constructor to crash). Raises SourceError, or MarkedYAMLError for a syntax error."""
    document = Document(None, {}, {})
    stack: list[_Frame] = []
    documents = 0
    version: tuple[int, int] | None = None
    anchored: dict[str, Any] = {}  # short scalars under an anchor, by name
    for event in YAML(typ="safe", pure=True).parse(text):
        at = event.start_mark.index
        if isinstance(event, DocumentStartEvent):
            documents += 1
            version = event.version
            if documents > 1:
                raise SourceError(at, 'a second document ("---"): a session file holds one')
        elif isinstance(event, CollectionEndEvent):
            stack.pop()
        elif isinstance(event, NodeEvent):
            _check_node(event, stack)
            value = _value(event, version == (1, 1), anchored)
            at_key = bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is _NO_KEY
            if at_key and isinstance(event, ScalarEvent):
                _key(document, lines, stack[-1], value, at)
                continue
            path = _attach(document, stack, value, at)
            if isinstance(event, ScalarEvent):
                document.scalars[path] = ScalarSpan(at, event.end_mark.index, event.style)
            if isinstance(event, CollectionStartEvent):
                stack.append(_Frame(value, path))
                if len(stack) > MAX_YAML_DEPTH:
                    raise SourceError(at, f"more than {MAX_YAML_DEPTH} levels of nesting")
    return document


def _check_node(event: NodeEvent, stack: list[_Frame]) -> None:
    at = event.start_mark.index
    tag = getattr(event, "tag", None)
    if tag is not None and str(tag) not in _ALLOWED_TAGS:
        shown = str(tag).replace("tag:yaml.org,2002:", "!!")
        raise SourceError(at, f'the tag "{shorten(shown, 40)}": a session file uses plain values, no tags')
    at_key = bool(stack) and isinstance(stack[-1].container, dict) and stack[-1].key is _NO_KEY
    if at_key and not isinstance(event, ScalarEvent):
        what = "an alias" if isinstance(event, AliasEvent) else "a list or mapping"
        raise SourceError(at, f"{what} as a key: a key is a plain word, like name:")


def _value(event: NodeEvent, yaml_1_1: bool, anchored: dict[str, Any]) -> Any:
    """A node's value; an alias repeats a short scalar (older kicktimer wrote one date for two times as
    &id001 … *id001). An anchored list or mapping is refused: shared between places, ten lines of them make a
    billion laughs."""
    anchor = None if event.anchor is None else str(event.anchor)
    if isinstance(event, AliasEvent):
        if anchor in anchored:
            return anchored[anchor]
        raise SourceError(event.start_mark.index, f'the alias "*{shorten(str(anchor))}": only a short value '
                                                  "written before with its anchor is repeated; write the value "
                                                  "itself here")  # fmt: skip
    if anchor is not None and not (isinstance(event, ScalarEvent) and len(event.value) <= MAX_ALIASED_CHARS):
        raise SourceError(event.start_mark.index, f'the anchor "&{shorten(anchor)}": a list, a mapping or a '
                                                  "long value is not shared between places; write it itself in "
                                                  "each place")  # fmt: skip
    if anchor is not None:
        assert isinstance(event, ScalarEvent)
        anchored[anchor] = _scalar(event, yaml_1_1)
        return anchored[anchor]
    if isinstance(event, MappingStartEvent):
        return {}
    if isinstance(event, CollectionStartEvent):
        return []
    assert isinstance(event, ScalarEvent)
    return _scalar(event, yaml_1_1)


def _scalar(event: ScalarEvent, yaml_1_1: bool) -> Any:
    """YAML 1.2's core schema for plain scalars (`2:08` is text, `08` the number 8); anything quoted is text.
    A date stays text: no session field is a date."""
    text = str(event.value)
    if event.style is not None or event.tag is not None:
        return text
    if _NULL.fullmatch(text):
        return None
    booleans = _BOOL_1_1 if yaml_1_1 else _BOOL
    if text in booleans:
        return booleans[text]
    if yaml_1_1 and _SEXAGESIMAL.fullmatch(text) and len(text) < 100:
        sign, parts = (-1 if text[0] == "-" else 1), text.lstrip("+-").replace("_", "").split(":")
        total = 0.0
        for part in parts:
            total = total * 60 + float(part)
        return sign * (int(total) if total.is_integer() and "." not in text else total)
    digits = text.replace("_", "")
    try:
        if _INT.fullmatch(text):
            return int(digits, 0) if digits[:2] in ("0o", "0x") else int(digits) if len(digits) < 4000 else math.inf
        if _FLOAT.fullmatch(text):
            return float(digits)
    except ValueError:  # `0o_`: the pattern's underscores allow it, no number reads it
        return text
    return _SPECIAL_FLOATS.get(text, text)


def _key(document: Document, lines: LineIndex, frame: _Frame, key: Any, at: int) -> None:
    assert isinstance(frame.container, dict)
    if key in frame.container:
        first_line, _ = lines.place(document.places[(*frame.path, key)][0])
        raise SourceError(at, f'"{shorten(str(key), 40)}" is given twice (first on line {first_line}): keep one')
    frame.key, frame.key_index = key, at


def _attach(document: Document, stack: list[_Frame], value: Any, at: int) -> Path:
    """Put `value` in its container (or at the top) and note where it is written; its path."""
    if not stack:
        document.data = value
        return ()
    frame = stack[-1]
    if isinstance(frame.container, dict):
        path = (*frame.path, frame.key)
        frame.container[frame.key] = value
        document.places[path] = (frame.key_index, at)
        frame.key = _NO_KEY
    else:
        path = (*frame.path, len(frame.container))
        frame.container.append(value)
        document.places[path] = (at, at)
    return path
