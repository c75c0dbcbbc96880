"""Hand-edited YAML files (sessions, the squad) read the same way: ruamel.yaml round-trip, so `2:08` stays text
and every node knows its line, then pydantic; every problem comes back as `file:line:col: message`, with what
would be right, never a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

from kicktimer.core.language.roster import same_names


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file; line and col are 1-based, 0 when the problem has no place."""

    file: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        if self.line:
            return f"{self.file}:{self.line}:{self.col}: {self.message}"
        return f"{self.file}: {self.message}"


class YamlFileError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def round_trip() -> YAML:
    """Reads any layout; writes lists indented under their key (`  - name: Ana`), as the files are written."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def read_mapping(text: str, label: str, shape: str) -> CommentedMap:
    """The file's top-level mapping; YamlFileError for YAML that does not read, or anything but a mapping (`shape`
    says what the file should be: "a session is a mapping with at least name: and workout: |")."""
    try:
        data = round_trip().load(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = " ".join(str(p) for p in (error.context, error.problem) if p)
        raise YamlFileError([Problem(label, line, col, f"YAML: {what}; check the indentation and quoting")]) from None
    except YAMLError as error:
        raise YamlFileError([Problem(label, 1, 1, f"YAML: {error}")]) from None
    except ValueError as error:  # a scalar that looks like a date and is none (2026-15-01): ruamel gives no place
        line, col, text = _impossible_date(text)
        raise YamlFileError([Problem(label, line, col, f'"{text}" is not a date ({error}); write a date like '
                                                       "2026-12-05 (year-month-day)")]) from None  # fmt: skip
    if not isinstance(data, CommentedMap):
        found = "an empty file" if data is None else f"a {type(data).__name__}"
        raise YamlFileError([Problem(label, 1, 1, f"found {found}; {shape}")])
    return data


def repeated_names(data: CommentedMap, names: list[str], label: str, why: Callable[[str, str, int], str]
                   ) -> list[Problem]:  # fmt: skip
    """Each `athletes[i].name` that repeats an earlier one ignoring case, at its place; `why(name, the earlier
    name, its line)` says what is wrong and what would be right."""
    problems = []
    for first, second in same_names(names):
        line, col = place(data, ("athletes", second), "name", value=True)
        earlier, _ = place(data, ("athletes", first), "name", value=True)
        said = why(names[second], names[first], earlier)
        problems.append(Problem(label, line, col, f"athletes[{second}].name: {said}"))
    return problems


def _impossible_date(text: str) -> tuple[int, int, str]:
    """The first date-like scalar that is no date, with its 1-based place."""
    yaml = round_trip()
    nodes = [yaml.compose(text)]
    while nodes:
        node = nodes.pop(0)
        if isinstance(node, ScalarNode) and str(node.tag).endswith(":timestamp"):
            try:
                yaml.constructor.construct_yaml_timestamp(node)
            except ValueError:
                return node.start_mark.line + 1, node.start_mark.column + 1, str(node.value)
        elif isinstance(node, MappingNode):
            nodes.extend(v for pair in node.value for v in pair)
        elif isinstance(node, SequenceNode):
            nodes.extend(node.value)
    return 1, 1, "?"


def validation_problems(
    error: ValidationError, data: CommentedMap, label: str, fields_at: Callable[[tuple[Any, ...]], list[str]]
) -> list[Problem]:
    """pydantic's errors at their places: a misspelt key once (with the closest known key), a missing key, a value
    that does not read (with what would)."""
    errors = error.errors(include_url=False)
    extras = {tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"}
    problems: list[Problem] = []
    for e in errors:
        loc = tuple(e["loc"])
        parent, key = loc[:-1], loc[-1] if loc else ""
        if e["type"] == "missing":
            near = [x[-1] for x in extras if x[:-1] == parent and difflib.get_close_matches(str(x[-1]), [str(key)])]
            if near:
                continue  # reported once, as the misspelt key
            line, col = place(data, parent, None)
            problems.append(Problem(label, line, col, f"missing key: {dotted((*parent, key))}"))
            continue
        if e["type"] == "extra_forbidden":
            allowed = fields_at(parent)
            close = difflib.get_close_matches(str(key), allowed, n=1)
            hint = f"did you mean {close[0]}?" if close else f"known keys here: {', '.join(allowed)}"
            line, col = place(data, parent, key)
            problems.append(Problem(label, line, col, f'unknown key "{key}": {hint}'))
            continue
        is_key = bool(loc) and loc[-1] == "[key]"
        if is_key:
            loc = loc[:-1]
        line, col = place(data, loc[:-1], loc[-1] if loc else None, value=not is_key)
        problems.append(Problem(label, line, col, f"{dotted(loc)}: {_reason(e)}"))
    return problems


def dotted(loc: tuple[Any, ...]) -> str:
    """("athletes", 0, "name") → `athletes[0].name`."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "file"


def _reason(e: Mapping[str, Any]) -> str:
    kind, ctx = e["type"], e.get("ctx", {})
    if kind == "value_error":
        return str(ctx.get("error", e["msg"]))
    if kind == "literal_error":
        return f"expected one of {ctx.get('expected')}"
    if kind.startswith("bool"):
        return "expected true or false"
    if kind.startswith(("float", "int")):
        return "expected a number, like 3"
    if kind.startswith("string"):
        return "expected text; use quotes if it starts with a special character"
    if kind in ("greater_than_equal", "less_than_equal"):
        bound = "at least" if kind == "greater_than_equal" else "at most"
        return f"must be {bound} {ctx.get('ge', ctx.get('le')):g}"
    if kind == "too_long":
        return f"at most {ctx.get('max_length')} (one per key 1-9)"
    if kind in ("list_type", "dict_type", "model_type"):
        return {
            "list_type": "expected a list (lines starting with -)",
            "dict_type": 'expected a mapping like {800m: "2:08"}',
            "model_type": "expected a mapping of keys",
        }[kind]
    return str(e["msg"])


def place(data: Any, parent: tuple[Any, ...], key: Any, value: bool = False) -> tuple[int, int]:
    """1-based line and column of `key` (or its value) inside the mapping at `parent`."""
    node = data
    for part in parent:
        try:
            child = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if not isinstance(child, CommentedMap | CommentedSeq):
            break
        node = child
    try:
        if isinstance(node, CommentedSeq) and isinstance(key, int):
            line, col = node.lc.item(key)
        elif isinstance(node, CommentedMap) and key in node:
            line, col = node.lc.value(key) if value else node.lc.key(key)
        else:
            line, col = node.lc.line, node.lc.col
    except (AttributeError, KeyError, IndexError, TypeError):
        line, col = 0, 0
    return int(line) + 1, int(col) + 1
