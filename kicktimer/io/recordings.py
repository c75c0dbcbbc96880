"""Recordings read back for review: the session they ran, the history of a folder, corrections appended."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kicktimer.core.language.plan import Athlete
from kicktimer.core.language.quantities import count_of, format_clock
from kicktimer.core.language.roster import name_key
from kicktimer.core.review.analysis import Review, review
from kicktimer.core.review.review_table import history_matches
from kicktimer.core.run.events import Event, run_status
from kicktimer.io.journal import Journal, RecordingError
from kicktimer.io.reader import Recording, read_recording, writer_of
from kicktimer.io.recording_lines import SUFFIX
from kicktimer.io.session_file import Session, SessionFileError, parse_session, with_athletes
from kicktimer.io.writer_lock import holder_of


def session_of(recording: Recording, parsed: dict[str, Session] | None = None) -> Session:
    """The session as it ran: the text kept in the header, with the roster used (edits included). `parsed` keeps
    each text read once, for the next recording of the same session."""
    path, text = recording.path, recording.header.source_text
    session = None if parsed is None else parsed.get(text)
    if session is None:
        try:
            session = parse_session(text, f"{path} (session)", None)
        except SessionFileError as error:
            why = error.problems[0] if error.problems else "it is not a session"
            raise RecordingError(
                f"{path}: its session no longer reads ({why}); the events in the file are intact"
            ) from None
        if parsed is not None:
            parsed[text] = session
    if recording.header.athletes:
        roster = tuple(Athlete(str(a["name"]), dict(a.get("paces", {}))) for a in recording.header.athletes)
        if roster != session.plan.athletes:  # edited before the start: the plan again, with the roster used
            try:
                session = with_athletes(session, roster)
            except SessionFileError as error:
                raise RecordingError(f"{path}: {error.problems[0]}; the events in the file are intact") from None
    return session


@dataclass(frozen=True)
class Opened:
    recording: Recording
    session: Session
    review: Review
    notes: list[str] = field(default_factory=list)  # what the coach should know: lines dropped, unfinished…
    status: str = ""  # as it stood when opened (`standing_of`): complete, aborted, unfinished, being recorded now
    standing_note: str | None = None  # the note among `notes` that says so


def open_recording(
    path: Path, session_for: Callable[[Recording], Session] = session_of, athlete: str | None = None
) -> Opened:
    """A recording ready for review (of `athlete` alone, by name ignoring case, when one is named); raises
    RecordingError with what is wrong and what could be recovered."""
    recording = read_recording(path)
    session = session_for(recording)
    notes = list(recording.notes)
    recorded = recording.header.plan.get("steps", [])
    if recorded and [s.get("label") for s in recorded] != [s.label for s in session.plan.steps]:
        notes.append(f"{path.name}: the session reads differently in this version of kicktimer than when it "
                     "was recorded; splits follow the plan as it reads now")  # fmt: skip
    starts = [e for e in recording.events if e.type == "start"]
    if not starts:
        raise RecordingError(f"{path}: the session was never started; there are no splits to review")
    named = (
        None
        if athlete is None
        else [i for i, a in enumerate(session.plan.athletes) if name_key(a.name) == name_key(athlete)]
    )
    result = review(session.plan, recording.events, recording.header.started_at, named)
    for index, taken in result.replay.found:
        at = result.wall(recording.events[index].t_ns).strftime("%H:%M:%S")
        notes.append(f"{path.name}: a line was lost before the event at {at}: {taken}; the events after it count")
    if result.started_at is not None:
        notes.append(f"started at {result.started_at}; the steps before it were not run")
    status, note = standing_of(recording, result)
    return Opened(recording, session, result, [*notes, *([note] if note else [])], status, note)


RECORDING_NOW = "being recorded now"


def standing_of(recording: Recording, result: Review) -> tuple[str, str | None]:
    """How a recording stands as of now, and what to say of it: the one answer review, export, the review window
    and its corrections give. Without an `end` it is being recorded now when a program holds its writer lock
    (by whom: it asks the lock, not the file), else unfinished, and it can be resumed."""
    writer = writer_of(recording)
    if writer is None:
        return result.status, None if recording.finished else unfinished_note(recording, result)
    return RECORDING_NOW, (f"{recording.path.name}: {RECORDING_NOW} (by {writer}); what was recorded up to now "
                           "is shown: open it again for the newest")  # fmt: skip


def unfinished_note(recording: Recording, result: Review) -> str:
    """What the review says of a recording that did not finish: where it stops, and that it can be resumed."""
    taps = sum(e.type == "tap" for e in recording.events)
    last = max(e.t_ns for e in recording.events if e.type != "correct")
    stopped = result.wall(last).strftime("%H:%M:%S")
    return (f"{recording.path.name}: this session did not finish (the recording stops at {stopped}, after "
            f"{count_of(taps, 'tap')}); what was recorded up to then is shown, and it can still be "
            "resumed")  # fmt: skip


def recording_now_notes(opened: Opened) -> tuple[str, tuple[str, ...]]:
    """The status and notes of an opened recording as of now (`standing_of`): a cached one is asked again."""
    status, note = standing_of(opened.recording, opened.review)
    kept = (n for n in opened.notes if n != opened.standing_note)
    return status, (*kept, *([note] if note else []))


def append_correction(path: Path, correction: Event) -> None:
    """Add one correction to the end of a recording (fsynced); the lines before it are never touched.
    Refused (RecordingError) while a runner writes the recording."""
    journal = Journal.reopen(path)
    try:
        if not journal.append(correction):
            raise RecordingError(f"cannot save the correction to {path}: {journal.last_error}")
    finally:
        journal.close()


@dataclass(frozen=True)
class HistoryEntry:
    path: Path
    wall_start: str  # ISO 8601 with offset; sorts as time
    session_name: str
    athletes: tuple[str, ...]
    status: str  # "complete", "aborted" (ended early), "unfinished" (no end: resumable), "recording" (being
    # written right now by a runner), "unreadable"
    taps: int = 0
    duration_s: float | None = None  # start to the last event, pauses included
    problem: str | None = None
    source_path: str | None = None  # the session file it was started from (its progression stage, if numbered)

    @property
    def instant(self) -> datetime | None:
        """When it started, as a moment (a recording made in another time zone sorts by when it really was)."""
        try:
            moment = datetime.fromisoformat(self.wall_start)
        except ValueError:
            return None
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)

    def matches(self, session: str | None = None, athlete: str | None = None) -> bool:
        return history_matches(self.session_name, self.athletes, session, athlete)


def history_entry(path: Path) -> HistoryEntry:
    """What the history shows of one recording; a damaged one is listed as unreadable, with why."""
    try:
        recording = read_recording(path)
    except RecordingError as error:
        return HistoryEntry(path, "", path.name, (), "unreadable", problem=str(error).replace(str(path), path.name))
    header, events = recording.header, recording.events
    names = tuple(str(a["name"]) for a in header.athletes)
    planned = header.plan.get("athletes", [])
    names = names or tuple(n for n in planned if isinstance(n, str)) if isinstance(planned, list) else names
    timed = [e.t_ns for e in events if e.type != "correct"]
    start = next((e.t_ns for e in events if e.type == "start"), None)
    duration = (max(timed) - start) / 1e9 if start is not None else None
    ran = run_status(events)
    status = "recording" if ran == "unfinished" and holder_of(path) is not None else ran
    return HistoryEntry(path, header.wall_start, header.session_name, names, status,
                        sum(e.type == "tap" for e in events), duration, source_path=header.source_path)  # fmt: skip


def history(directory: Path, entry_of: Callable[[Path], HistoryEntry] = history_entry) -> list[HistoryEntry]:
    """Every recording in `directory`, newest first (by the moment it started, whatever the time zone);
    unreadable ones are listed last, with their problem."""
    paths = directory.glob(f"*{SUFFIX}") if directory.is_dir() else []
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted((entry_of(p) for p in paths), key=lambda e: (e.instant or oldest, e.path.name), reverse=True)


HISTORY_HEADER = ["Date", "Session", "Athletes", "Status", "Taps", "Length", "File"]


def history_cells(entry: HistoryEntry) -> list[str]:
    """A history row as text: what the terminal prints and the review window lists."""
    date = entry.wall_start[:16].replace("T", " ")
    length = "" if entry.duration_s is None else format_clock(round(entry.duration_s))
    status = entry.status if entry.problem is None else f"unreadable: {entry.problem}"
    return [date, entry.session_name, ", ".join(entry.athletes), status, str(entry.taps), length, entry.path.name]


TrendPoint = tuple[datetime, float | None, float | None]  # when, average main rep (s), average kick (s)


class RecordingCache:
    """Recordings opened for review, kept while their file is unchanged; sessions parsed once per text."""

    def __init__(self) -> None:
        self._opened: dict[tuple[Path, str | None], tuple[tuple[int, int], Opened]] = {}
        self._sessions: dict[tuple[str, str], Session] = {}
        self._parsed: dict[str, Session] = {}  # by text: a session run with many rosters is read once
        self._entries: dict[Path, tuple[tuple[int, int], HistoryEntry]] = {}

    def _session(self, recording: Recording) -> Session:
        key = (recording.header.source_text, json.dumps(recording.header.athletes, sort_keys=True))
        if key not in self._sessions:
            self._sessions[key] = session_of(recording, self._parsed)
        return self._sessions[key]

    def history(self, directory: Path) -> list[HistoryEntry]:
        """The history of `directory`, each file read again only when it has changed."""
        return history(directory, self._entry)

    def _entry(self, path: Path) -> HistoryEntry:
        try:
            stat = path.stat()
        except OSError:
            return history_entry(path)  # says why
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._entries.get(path)
        if cached is None or cached[0] != stamp:
            cached = (stamp, history_entry(path))
            self._entries[path] = cached
        return cached[1]

    def open(self, path: Path, athlete: str | None = None) -> Opened:
        """The recording reviewed (for `athlete` alone when one is named: an athlete's season reads faster)."""
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        key = (path, None if athlete is None else name_key(athlete))
        cached = self._opened.get(key)
        if cached is None or cached[0] != stamp:
            cached = (stamp, open_recording(path, self._session, athlete))
            self._opened[key] = cached
        return cached[1]

    def trend(self, entries: list[HistoryEntry], session_name: str, athlete: str) -> list[TrendPoint]:
        """The athlete's average main rep and average kick in every readable recording of the session."""
        points = []
        key = name_key(athlete)
        for entry in entries:
            if entry.session_name != session_name or key not in (name_key(a) for a in entry.athletes):
                continue
            try:
                opened = self.open(entry.path)
            except (RecordingError, OSError):
                continue
            for one in opened.review.athletes:
                if name_key(one.name) == key and (one.average_rep_s is not None or one.average_kick_s is not None):
                    points.append((opened.review.wall_start, one.average_rep_s, one.average_kick_s))
        return sorted(points)
