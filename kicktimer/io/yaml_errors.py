"""ruamel's syntax errors, reworded: its messages come in two parts over several lines, and often point
where it noticed the mistake (the next line) rather than where it is (a `}` or a `:` missing at the end of this
one). Each becomes one line at the place to fix."""

from __future__ import annotations

import re

from ruamel.yaml.error import MarkedYAMLError, StreamMark, YAMLError

from kicktimer.io.source_map import LineIndex
from kicktimer.io.yaml_source import Document, SourceError, load, unreadable_characters


def reworded(error: MarkedYAMLError, text: str) -> SourceError:
    """ruamel's two-part, multi-line message as one line at the place the mistake is."""
    problem = " ".join(str(error.problem or "").split())
    context = " ".join(str(error.context or "").split())
    mark: StreamMark | None = error.problem_mark or error.context_mark
    at = mark.index if mark is not None else 0
    context_at = error.context_mark.index if error.context_mark is not None else at
    lines = LineIndex(text)
    opener = text[context_at : context_at + 1]  # the bracket or quote the context started at
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
            return SourceError(end, f'"{opener}" (at {opener_line}:{opener_col}) is never closed: add "{closer}"')
        return SourceError(
            at, f'a "," or "{closer}" is missing here: separate entries with ",", like {{800m: "2:08", 5k: "16:40"}}'
        )
    if context == "while scanning a quoted scalar":
        return SourceError(context_at, f"this {opener} quote is never closed: close it at the end of the value")
    if "'\\t' that cannot start any token" in problem:
        line, col = lines.place(at)
        if lines.line_text(line)[: col - 1].strip(" \t"):
            return SourceError(
                at, 'a tab here: YAML reads only spaces after a key\'s colon, a "-" or a value; replace it with a space'
            )
        return SourceError(at, "a tab in the indentation: YAML indents with spaces; replace the tab with spaces")
    if problem.startswith("expected <block end>"):
        return SourceError(at, _INDENT)
    return SourceError(at, f"YAML: {'; '.join(p for p in (context, problem) if p)}; check the indentation and quoting")


WRITE_WORKOUT = 'write "workout: |" and the workout\'s lines below it, indented'
_BARE_WORKOUT = re.compile(r"workout:\s*(#.*)?")


def _bare_workout_above(lines: LineIndex, index: int) -> int | None:
    """The index of a `workout:` with nothing after it that holds the line of `index` (the first line above it
    that is indented less), or None."""
    line, _ = lines.place(index)
    text = lines.line_text(line)
    indent = len(text) - len(text.lstrip(" "))
    for above in range(line - 1, 0, -1):
        written = _strip_comment(lines.line_text(above))
        if written.strip() and len(written) - len(written.lstrip(" ")) < indent:
            return lines.starts[above - 1] if _BARE_WORKOUT.fullmatch(written.rstrip()) else None
    return None


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


def mapping_or_problems(text: str, lines: LineIndex, shape: str) -> Document | list[SourceError]:
    """The file's one document when it is a mapping (a session, the squad); else what is wrong, each at its index:
    every unreadable character, or the YAML's first mistake reworded, or what was found instead (`shape` says
    what the file should be)."""
    unreadable = unreadable_characters(text)
    if unreadable:
        return unreadable
    try:
        document = load(text, lines)
    except SourceError as error:
        return [error]
    except MarkedYAMLError as error:
        said = reworded(error, text)
        workout_key = _bare_workout_above(lines, said.index)
        if workout_key is not None:  # the workout's lines, read as YAML: the fix is the `|`, not what YAML says
            return [SourceError(workout_key, f"workout: its lines are read as YAML here; {WRITE_WORKOUT}")]
        return [said]
    except YAMLError as error:  # ruamel's errors without a place; still one line, never a traceback
        return [SourceError(0, f"YAML: {error}")]
    if not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else f"a {type(document.data).__name__}"
        return [SourceError(0, f"found {found}; {shape}")]
    return document
