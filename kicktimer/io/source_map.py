"""Places in a session file: a character index to the line and column an editor shows, and the workout
string's characters back to the file, whatever its YAML style (`|`, `>`, quoted, plain).

Lines break at \\n, \\r\\n and \\r only: an editor does not start a new line at U+2028 or U+0085, so neither do
these columns (Python's str.splitlines would).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPE_LENGTHS = {"x": 4, "u": 6, "U": 10}
_ESCAPES = {"0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
            "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
            "P": "\u2029"}  # fmt: skip


class LineIndex:
    """1-based line and column of a character index in `text`."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]

    def place(self, index: int) -> tuple[int, int]:
        index = max(0, min(index, len(self.text)))
        line = bisect_right(self.starts, index) - 1
        return line + 1, index - self.starts[line] + 1

    def line_text(self, line: int) -> str:
        """The text of 1-based `line`, without its line break."""
        start = self.starts[line - 1]
        end = self.starts[line] if line < len(self.starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


@dataclass(frozen=True)
class ScalarSpan:
    """Where a scalar value is written: its first and past-last character in the file, and its YAML style
    (None plain, `'`, `"`, `|`, `>`)."""

    start: int
    end: int
    style: str | None


class WorkoutPlaces:
    """(line, col) inside the workout string, 0-based, → (line, col) in the file, 1-based."""

    def __init__(self, value: str, span: ScalarSpan, lines: LineIndex) -> None:
        self.value = value
        self.span = span
        self.lines = lines
        self.value_starts = [0] + [m.end() for m in _LINE_BREAK.finditer(value)]
        self._map: list[int] | None = None

    def place(self, line: int, col: int) -> tuple[int, int]:
        if not self.value.strip() or line >= len(self.value_starts):
            return self.lines.place(self.span.start)
        index = self.value_starts[line] + col
        positions = self._positions()
        if index < len(positions) and not self.value[index].isspace():
            return self.lines.place(positions[index])
        # just past a character (the end of a line): one after the last one written before it
        before = index - 1
        while before >= 0 and (before >= len(positions) or self.value[before].isspace()):
            before -= 1
        return self.lines.place(positions[before] + 1 if before >= 0 else self.span.start)

    def _positions(self) -> list[int]:
        if self._map is None:
            self._map = _align(self.value, self.lines.text, self.span)
        return self._map


def _content_start(text: str, span: ScalarSpan) -> int:
    """The first character of the value itself: after the quote, or after a block scalar's header line."""
    if span.style in ('"', "'"):
        return span.start + 1
    if span.style in ("|", ">"):
        match = _LINE_BREAK.search(text, span.start, span.end)
        return match.end() if match is not None else span.end
    return span.start


def _unit(text: str, i: int, style: str | None) -> tuple[str, int]:
    """The character that the source at `i` stands for in the value, and how many source characters it takes."""
    char = text[i]
    if style == '"' and char == "\\" and i + 1 < len(text):
        code = text[i + 1]
        if code in _ESCAPE_LENGTHS:
            length = _ESCAPE_LENGTHS[code]
            try:
                return chr(int(text[i + 2 : i + length], 16)), length
            except ValueError:
                return "", 2
        if code in "\r\n":
            return "", 2  # an escaped line break joins the lines
        return _ESCAPES.get(code, ""), 2
    if style == "'" and text.startswith("''", i):
        return "'", 2
    return char, 1


def _align(value: str, text: str, span: ScalarSpan) -> list[int]:
    """The file index of each character of `value`. YAML only folds whitespace and decodes escapes, so every
    other character is found in order; whitespace maps to where the source stands."""
    positions: list[int] = []
    i, end = _content_start(text, span), span.end
    for char in value:
        if i < end:
            unit, length = _unit(text, i, span.style)
            if unit == char:
                positions.append(i)
                i += length
                continue
        if char.isspace():
            positions.append(min(i, max(end - 1, 0)))
            continue
        k = i
        while k < end:
            unit, length = _unit(text, k, span.style)
            if unit == char:
                break
            k += length
        if k >= end:  # cannot happen for text YAML read; stop rather than search again for every character
            positions += [min(i, max(end - 1, 0))] * (len(value) - len(positions))
            break
        positions.append(k)
        i = k + length
    return positions
