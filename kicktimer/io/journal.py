"""The recording, `*.kick.jsonl`: a header line, then one event per line, each fsynced before it counts.

A line that cannot be written (disk full, device gone) stays in memory and is retried, from the exact byte it
stopped at, before anything newer; nothing is ever rewritten. On reading, a torn last line is dropped and said.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kicktimer import __version__
from kicktimer.core.run.events import Event

FORMAT = "kicktimer-recording"
VERSION = 1
SUFFIX = ".kick.jsonl"


class RecordingError(Exception):
    """A recording that cannot be opened or read; the message names the file and what can be done."""


@dataclass(frozen=True)
class Header:
    session_name: str
    source_text: str  # the session file as it was when recording started: the recording stands alone
    source_path: str | None
    plan: dict[str, Any]
    wall_start: str  # ISO 8601 with offset, for display
    wall_start_unix_s: float
    app_version: str = __version__
    athletes: list[dict[str, Any]] = field(default_factory=list)  # the roster used: [{name, paces}]

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, **self.__dict__}

    @property
    def started_at(self) -> datetime:
        """The start with its fraction of a second, in the recording's UTC offset. `wall_start` is written cut to
        the second; `wall_start_unix_s` keeps the fraction, and is used when both name the same second (a header
        edited by hand, or copied to another date, keeps the date it shows)."""
        shown = datetime.fromisoformat(self.wall_start)
        shown = shown if shown.tzinfo is not None else shown.replace(tzinfo=UTC)
        if shown.microsecond or abs(self.wall_start_unix_s - shown.timestamp()) >= 1.0:
            return shown
        return datetime.fromtimestamp(self.wall_start_unix_s, shown.tzinfo)

    @classmethod
    def from_json(cls, data: Any) -> Header:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise ValueError("the first line is not a kicktimer recording header")
        if data.get("version") != VERSION:
            raise ValueError(f"recording format version {data.get('version')} (this kicktimer reads {VERSION})")
        fields = {k: data[k] for k in cls.__dataclass_fields__ if k in data}
        try:
            return cls(**fields)
        except TypeError as error:
            raise ValueError(f"the header is incomplete: {error}") from None


@dataclass(frozen=True)
class Recording:
    path: Path
    header: Header
    events: list[Event]
    notes: list[str] = field(default_factory=list)  # what was dropped or skipped while reading, for the user

    @property
    def finished(self) -> bool:
        return any(e.type == "end" for e in self.events)


def new_recording_path(directory: Path, session_name: str, now: datetime) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", session_name.lower()).strip("-")[:40] or "session"
    stem = f"{now:%Y-%m-%dT%H-%M-%S}-{slug}"
    path = directory / f"{stem}{SUFFIX}"
    n = 2
    while path.exists():
        path = directory / f"{stem}-{n}{SUFFIX}"
        n += 1
    return path


def check_writable(directory: Path) -> str | None:
    """None if recordings can be written in `directory`, else a message that says what to do."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        probe = directory / f".kicktimer-write-test-{os.getpid()}"
        fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.close(fd)
        probe.unlink()
    except OSError as error:
        return (
            f"cannot write recordings in {directory}: {error.strerror or error}. "
            "Choose another folder with --data-dir DIR (or set KICKTIMER_HOME)."
        )
    return None


class Journal:
    """Append-only writer. `append` returns True once the event is on disk (written, flushed, fsynced)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd
        self._pending: list[bytes] = []
        self._written_of_first = 0  # bytes of _pending[0] already on disk after a partial write
        self.last_error: str | None = None

    @classmethod
    def create(cls, path: Path, header: Header) -> Journal:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o644)
        journal = cls(path, fd)
        if not journal._append_line(header.to_json()):
            os.close(fd)
            raise OSError(f"cannot write the recording header to {path}: {journal.last_error}")
        _fsync_dir(path.parent)
        return journal

    @classmethod
    def reopen(cls, path: Path) -> Journal:
        """Continue a recording: a torn tail (never reported as recorded) is cut at the last whole line."""
        data = path.read_bytes()
        keep = data.rfind(b"\n") + 1
        if keep < len(data):
            os.truncate(path, keep)
        return cls(path, os.open(path, os.O_WRONLY | os.O_APPEND))

    @property
    def unsaved(self) -> int:
        return len(self._pending)

    def append(self, event: Event) -> bool:
        return self._append_line(event.to_json())

    def _append_line(self, data: dict[str, Any]) -> bool:
        self._pending.append((json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode())
        return self.flush()

    def flush(self) -> bool:
        """Write what is pending, in order; True when nothing is left in memory."""
        try:
            while self._pending:
                line = self._pending[0]
                while self._written_of_first < len(line):
                    self._written_of_first += os.write(self._fd, line[self._written_of_first :])
                os.fsync(self._fd)
                self._pending.pop(0)
                self._written_of_first = 0
        except OSError as error:
            self.last_error = error.strerror or str(error)
            return False
        self.last_error = None
        return True

    def close(self) -> None:
        """Flush and close; closing again does nothing (the descriptor's number may belong to another file)."""
        if self._fd < 0:
            return
        self.flush()
        os.close(self._fd)
        self._fd = -1


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_recording(path: Path) -> Recording:
    """Read a recording back; raises RecordingError when nothing usable is there."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise RecordingError(f"{path}: cannot read this recording: {error.strerror or error}") from None
    lines = data.split(b"\n")
    notes: list[str] = []
    if lines and lines[-1]:
        notes.append(f"{path}: the last line was cut off (the program stopped while writing it); it was dropped")
    whole = lines[:-1]
    if not whole:
        raise RecordingError(f"{path}: empty or cut off before its header; nothing can be recovered")
    try:
        header = Header.from_json(json.loads(whole[0]))
    except (ValueError, UnicodeDecodeError) as error:
        raise RecordingError(f"{path}:1: {error}; this is not a kicktimer recording that can be read") from None
    events: list[Event] = []
    for number, raw in enumerate(whole[1:], start=2):
        try:
            events.append(Event.from_json(json.loads(raw)))
        except (ValueError, UnicodeDecodeError) as error:
            notes.append(f"{path}:{number}: not an event ({error}); skipped, the events around it are kept")
    return Recording(path, header, events, notes)


def unfinished_recordings(directory: Path) -> list[Path]:
    """Recordings that started and have no `end` event, newest first: candidates for resume."""
    found = []
    for path in sorted(directory.glob(f"*{SUFFIX}"), reverse=True):
        try:
            recording = read_recording(path)
            if not recording.finished and any(e.type == "start" for e in recording.events):
                found.append(path)
        except RecordingError:
            continue
    return found
