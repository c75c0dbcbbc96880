"""Reading a recording back: the header and every line validated with the models that wrote them.

A damaged recording is read for what it still holds, and every problem is said once, with what was kept:
a torn last line, a line that is not an event, lines from another recording, repeated or out-of-order
sequence numbers, missing ones. What cannot be read at all raises RecordingError saying why.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path

from kicktimer.core.language.quantities import count_of
from kicktimer.core.run.events import UNDOABLE, Event, run_status
from kicktimer.core.run.resume import Anchor
from kicktimer.io.disk import describe_os_error, read_all
from kicktimer.io.header_salvage import salvage_header
from kicktimer.io.journal import RecordingError
from kicktimer.io.recording_lines import (
    MAX_RECORDING_BYTES,
    MAX_SPAN_NS,
    SUFFIX,
    AliveLine,
    EventLine,
    Header,
    HeaderDamagedError,
    Line,
    decode,
)
from kicktimer.io.writer_lock import holder_of, open_no_follow

MAX_NOTES_PER_KIND = 5  # a file full of damage is summed up, not listed line by line


@dataclass(frozen=True)
class Recording:
    path: Path
    header: Header
    events: list[Event]
    notes: list[str] = field(default_factory=list)  # what was dropped or skipped while reading, for the user
    anchors: list[Anchor] = field(default_factory=list)  # heartbeats, and the start as the header has it
    restarts: list[str] = field(default_factory=list)  # the notes of resumes ("resumed after 4 min: …")

    @property
    def finished(self) -> bool:
        return run_status(self.events) != "unfinished"

    @property
    def started(self) -> bool:
        return any(e.type == "start" for e in self.events)


def read_bytes(path: Path) -> bytes:
    """The file's bytes: never through a symlink, never more than a recording can be, never a device or pipe."""
    try:
        fd = open_no_follow(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if path.is_symlink():
            raise RecordingError(f"{path}: a symbolic link; recordings are only read as real files") from None
        raise RecordingError(f"{path}: cannot read this recording: {describe_os_error(error)}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RecordingError(f"{path}: not a regular file")
        if info.st_size > MAX_RECORDING_BYTES:
            raise RecordingError(f"{path}: {info.st_size / 1e6:.0f} MB, far larger than any recording "
                                 f"(kicktimer writes at most {MAX_RECORDING_BYTES // 2**20} MB); not read")  # fmt: skip
        return read_all(fd)
    except OSError as error:
        raise RecordingError(f"{path}: cannot read this recording: {describe_os_error(error)}") from None
    finally:
        os.close(fd)


def read_recording(path: Path) -> Recording:
    """Read a recording back; raises RecordingError when nothing usable is there."""
    lines = read_bytes(path).split(b"\n")
    notes = Notes(path)
    if lines[-1]:
        notes.add("torn", "the last line was cut off (the program stopped while writing it); it was dropped")
    whole = lines[:-1]
    if not whole:
        raise RecordingError(f"{path}: empty or cut off before its header; nothing can be recovered")
    parsed: list[tuple[int, bytes, Line]] = []
    for number, raw in enumerate(whole[1:], start=2):
        if not raw.strip():
            continue
        try:
            parsed.append((number, raw, decode(raw)))
        except ValueError as error:
            notes.add("bad", f"not an event ({error}); skipped, the events around it are kept", number)
    try:
        header, version = Header.read(whole[0])
    except HeaderDamagedError as error:
        header, version = _salvaged(path, whole[0], error, [line for _, _, line in parsed], notes)
    except ValueError as error:
        raise RecordingError(f"{path}:1: {error}; this is not a kicktimer recording that can be read") from None
    if version >= 2:
        parsed = _in_sequence(parsed, header.recording_id, notes)
    events, anchors, restarts = _split(parsed, notes)
    start = next((e for e in events if e.type == "start"), None)
    if start is not None:
        anchors.insert(0, Anchor(start.t_ns, header.wall_start_unix_s))
    return Recording(path, header, events, notes.lines(), anchors, restarts)


def _salvaged(path: Path, raw: bytes, error: ValueError, lines: list[Line], notes: Notes) -> tuple[Header, int]:
    """A header line that does not read, over event lines that do: damage to the header, not another file."""
    if not any(isinstance(line, EventLine) for line in lines):
        raise RecordingError(f"{path}:1: {error}; this is not a kicktimer recording that can be read")
    intact = f"the {count_of(len(lines), 'line')} after it are intact"
    try:
        header, version, assumed = salvage_header(raw, lines, path.stat().st_mtime)
    except ValueError as why:
        raise RecordingError(f"{path}:1: the header line is damaged ({error}); {intact}, but {why}") from None
    notes.add("header", f"the header line is damaged ({error}); {intact} and were read ({assumed})", 1)
    return header, version


def _in_sequence(parsed: list[tuple[int, bytes, Line]], rec: str, notes: Notes) -> list[tuple[int, bytes, Line]]:
    """Lines of this recording in the order they were written (by sequence number), each number once."""
    ours = [p for p in parsed if p[2].rec == rec]
    if parsed and not ours:
        raise RecordingError(f"{notes.path}: its header belongs to another recording than its events (the "
                             "file was put together from two); it cannot be read safely")  # fmt: skip
    for number, _, line in parsed:
        if line.rec != rec:
            notes.add("foreign", f"from another recording (id {line.rec}); skipped", number)
    first: dict[int, tuple[int, bytes, Line]] = {}
    highest = 0
    late: list[int] = []
    for number, raw, line in ours:
        seq = line.seq or 0
        if seq in first:
            same = "the same line again" if raw == first[seq][1] else "a different line with the same number"
            notes.add("dup", f"{same} (sequence {seq}, as line {first[seq][0]}); the first is kept", number)
            continue
        if seq < highest:
            late.append(number)
        highest = max(highest, seq)
        first[seq] = (number, raw, line)
    if late:
        lines = ("line " if len(late) == 1 else "lines ") + ", ".join(map(str, late[:10]))
        notes.add("order", f"{lines} out of order; all are kept, put back in the "
                           "order they were written (by sequence number)")  # fmt: skip
    missing = highest - len(first)
    if missing:
        gaps = [s for s in range(1, highest + 1) if s not in first]
        notes.add("gap", f"{count_of(missing, 'line')} missing (sequence {_ranges(gaps)}); an event may have been lost "
                         "there, the events around it are kept")  # fmt: skip
    return [first[seq] for seq in sorted(first)]


def _split(parsed: list[tuple[int, bytes, Line]], notes: Notes) -> tuple[list[Event], list[Anchor], list[str]]:
    events: list[Event] = []
    anchors: list[Anchor] = []
    restarts: list[str] = []
    start_ns: int | None = None
    latest_ns: int | None = None  # of the events so far (a correction may name an earlier moment: not counted)
    lost: list[int] = []  # per event: the lines missing before it (by sequence number)
    kept = 0
    for number, _, line in parsed:
        if start_ns is not None and not -MAX_SPAN_NS < line.t_ns - start_ns < MAX_SPAN_NS:
            days = (line.t_ns - start_ns) / 8.64e13
            notes.add("time", f"its time is {days:.0f} days from the start; skipped as damage", number)
            continue
        if isinstance(line, AliveLine):
            anchors.append(Anchor(line.t_ns, line.wall_s))
            if line.note:
                restarts.append(line.note)
        elif isinstance(line, EventLine):
            if line.type == "start" and start_ns is None:
                start_ns = line.t_ns
            if line.type != "correct":
                if latest_ns is not None and line.t_ns < latest_ns:
                    notes.add("back", f"its time is {(latest_ns - line.t_ns) / 1e9:.3f} s before the event written "
                                      "above it: time went backwards (a damaged or edited file?); kept, but the "
                                      "splits around it may be wrong", number)  # fmt: skip
                latest_ns = line.t_ns if latest_ns is None else max(latest_ns, line.t_ns)
            events.append(line.event())
            lost.append(0 if line.seq is None else line.seq - 1 - kept)
        kept += 1
    return repointed(events, lost), anchors, restarts


def repointed(events: list[Event], lost: list[int]) -> list[Event]:
    """An undo's or a correction's `ref` is an index among the events as written: after lost lines it names an
    event up to that many places later than it meant. It is pointed at the nearest one it can name: for an undo
    a tap, Back or Skip, for a correction a tap (or an added one) before it."""
    out = list(events)
    taken: set[int] = set()  # what the undos so far took back: a later one names something else
    for index, event in enumerate(events):
        if event.ref is None or event.type not in ("undo", "correct"):
            continue
        for k in range(event.ref, max(-1, event.ref - lost[index] - 1), -1):
            if 0 <= k < index and _names(event, events[k]) and not (event.type == "undo" and k in taken):
                out[index] = replace(event, ref=k)
                break
        if event.type == "undo":
            taken.add(out[index].ref or 0)
    return out


def _names(event: Event, target: Event) -> bool:
    if event.type == "undo":
        return target.type in UNDOABLE
    return target.type == "tap" or (target.type == "correct" and target.op == "add")


def _ranges(numbers: list[int]) -> str:
    spans: list[str] = []
    for n in numbers:
        if spans and spans[-1].split("–")[-1] == str(n - 1):
            spans[-1] = f"{spans[-1].split('–')[0]}–{n}"
        else:
            spans.append(str(n))
    return ", ".join(spans[:5]) + (", …" if len(spans) > 5 else "")


class Notes:
    """What was wrong while reading, a few of each kind (the rest counted)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kinds: dict[str, list[tuple[int | None, str]]] = {}

    def add(self, kind: str, text: str, line: int | None = None) -> None:
        self._kinds.setdefault(kind, []).append((line, text))

    def lines(self) -> list[str]:
        """`file:LINE: what` for a note on one line, `file: what` for the rest (a count is never a line)."""
        out = []
        for said in self._kinds.values():
            out += [f"{self.path}: {t}" if n is None else f"{self.path}:{n}: {t}" for n, t in said[:MAX_NOTES_PER_KIND]]
            if len(said) > MAX_NOTES_PER_KIND:
                out.append(f"{self.path}: … and {len(said) - MAX_NOTES_PER_KIND} more like these")
        return out


def writer_of(recording: Recording) -> str | None:
    """Who writes it right now (asked of its writer lock): only a recording without an end can be written."""
    return None if recording.finished else holder_of(recording.path)


def unfinished_recordings(directory: Path) -> list[Path]:
    """Recordings that started and have no `end`, newest first, that no program is writing: for resume."""
    found = []
    for path in sorted(directory.glob(f"*{SUFFIX}"), reverse=True):
        try:
            recording = read_recording(path)
        except RecordingError:
            continue
        if recording.started and not recording.finished and writer_of(recording) is None:
            found.append(path)
    return found


def recording_to_resume(name: str, folder: Path) -> Path:
    """What `--resume NAME` means: a path, or (`latest`) the newest unfinished recording nobody is writing.
    RecordingError says why there is none, naming any that another kicktimer is recording right now."""
    if name != "latest":
        return Path(name)
    found = unfinished_recordings(folder)
    if found:
        return found[0]
    raise nothing_to_resume(folder)


def nothing_to_resume(folder: Path) -> RecordingError:
    """Why there is nothing to resume, naming any recording another kicktimer writes right now."""
    holders = [(p.name, holder_of(p)) for p in sorted(folder.glob(f"*{SUFFIX}"))]
    busy = [f"{name} is being recorded right now by {who}" for name, who in holders if who is not None]
    running = f" ({'; '.join(busy)})" if busy else ""
    return RecordingError(f"no unfinished recording to resume in {folder}{running}")
