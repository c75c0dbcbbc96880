"""A damaged header line read for what it still holds: its fields are found one by one, so a broken byte in one
of them loses that field, not the recording. The session text is the one field a replay cannot do without."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError

from kicktimer.io.recording_lines import HEADER, READABLE_VERSIONS, VERSION, AliveLine, EventLine, Header, Line

# The header's fields in the order they are written. The plan comes before the roster and may hold keys of the
# same names: a field is taken where it is last found, but for those written before the plan.
_BEFORE_PLAN = ("session_name", "source_text", "source_path", "plan")
_AFTER_PLAN = ("wall_start", "wall_start_unix_s", "app_version", "athletes", "recording_id", "version")


def salvage_header(raw: bytes, lines: list[Line], mtime_s: float) -> tuple[Header, int, str]:
    """The header rebuilt from the fields still readable, its format version and what was assumed; ValueError
    saying why when the session text cannot be read."""
    text = raw.decode("utf-8", errors="replace")
    found = {key: _value(text, key, last=key not in _BEFORE_PLAN) for key in (*_BEFORE_PLAN, *_AFTER_PLAN)}
    fields = {key: value for key, value in found.items() if value is not None}
    if not isinstance(fields.get("source_text"), str):
        raise ValueError("its session text cannot be read, and a recording cannot be replayed without its session")
    assumed: list[str] = []
    version = fields.pop("version", None)
    if version not in READABLE_VERSIONS:
        version = VERSION
    ids = Counter(line.rec for line in lines if line.rec is not None)
    if "recording_id" not in fields and ids:
        fields["recording_id"] = ids.most_common(1)[0][0]
    kept: dict[str, Any] = {"source_text": fields.pop("source_text")}
    for key, value in fields.items():  # each field that reads, one at a time: a damaged one is left out
        if _valid({**kept, key: value}, lines, mtime_s, []) is not None:
            kept[key] = value
    header = _valid(kept, lines, mtime_s, assumed)
    if header is None:
        raise ValueError("its session text cannot be read, and a recording cannot be replayed without its session")
    lost = [key for key in (*_BEFORE_PLAN, *_AFTER_PLAN) if key not in kept and key != "version"]
    if lost:
        assumed.insert(0, f"unreadable: {', '.join(lost)}")
    return header, int(version), "; ".join(assumed) or "every field but its framing was read"


def _valid(fields: dict[str, Any], lines: list[Line], mtime_s: float, assumed: list[str]) -> Header | None:
    try:
        return HEADER.validate_json(json.dumps(_with_start(fields, lines, mtime_s, assumed)))
    except ValidationError:
        return None


def _value(text: str, key: str, last: bool) -> Any:
    """The JSON value after `"key":`, where one can be read (the last one, or the first)."""
    decoder = json.JSONDecoder()
    matches = list(re.finditer(rf'"{key}"\s*:\s*', text))
    for match in reversed(matches) if last else matches:
        try:
            return decoder.raw_decode(text, match.end())[0]
        except (ValueError, RecursionError):
            continue
    return None


def _with_start(fields: dict[str, Any], lines: list[Line], mtime_s: float, assumed: list[str]) -> dict[str, Any]:
    """The fields, with a start time when the header lost it: from the seconds it kept, a heartbeat (the wall
    clock at a moment of the recording's timeline), else the file's last change."""
    out = {"session_name": "(session name unreadable)", "source_path": None, "plan": {}, **fields}
    if "wall_start" in fields and "wall_start_unix_s" in fields:
        return out
    start = next((line.t_ns for line in lines if isinstance(line, EventLine) and line.type == "start"), None)
    beat = next((line for line in lines if isinstance(line, AliveLine)), None)
    if isinstance(fields.get("wall_start_unix_s"), float):
        unix_s, why = fields["wall_start_unix_s"], "the start time from its seconds since 1970"
    elif start is not None and beat is not None:
        unix_s, why = beat.wall_s - (beat.t_ns - start) / 1e9, "the start time from a heartbeat"
    else:
        unix_s, why = mtime_s, "the start time from the file's last change"
    if why not in assumed:
        assumed.append(why)
    when = datetime.fromtimestamp(unix_s, UTC).astimezone()
    return out | {"wall_start": when.isoformat(timespec="seconds"), "wall_start_unix_s": unix_s}
