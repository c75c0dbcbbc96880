"""What the review window reads and writes: history, recordings, trends, corrections and exports, from files."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from kicktimer.core.run.correction_checks import correction_problem
from kicktimer.core.run.events import Event
from kicktimer.io.export import export
from kicktimer.io.journal import RecordingError
from kicktimer.io.recordings import (
    HISTORY_HEADER,
    RECORDING_NOW,
    HistoryEntry,
    RecordingCache,
    append_correction,
    history,
    history_cells,
    recording_now_notes,
)
from kicktimer.ui.recording_panel import Shown
from kicktimer.ui.review_view import HistoryRow, ReviewSource


def review_source(directory: Path) -> ReviewSource:
    """What the review window reads and writes, from the recordings in `directory`."""
    cache = RecordingCache()
    entries: list[HistoryEntry] = []  # as the window last listed them: the trend reads the same

    def rows() -> list[HistoryRow]:
        entries[:] = history(directory)
        out = []
        for entry in entries:
            cells = tuple(history_cells(entry))
            when = entry.instant.astimezone(UTC).isoformat() if entry.instant else ""  # the moment, any time zone
            keys = (when, entry.session_name.casefold(), cells[2].casefold(), entry.status, entry.taps,
                    -1.0 if entry.duration_s is None else entry.duration_s, entry.path.name)  # fmt: skip
            out.append(HistoryRow(entry.path, cells, keys, entry.session_name, entry.athletes))
        return out

    def open_shown(path: Path) -> Shown | str:
        try:
            opened = cache.open(path)
        except (RecordingError, OSError) as error:
            return str(error)
        header = opened.recording.header
        status, notes = recording_now_notes(opened)
        title = f"{header.session_name} · {header.wall_start[:16].replace('T', ' ')} · {status}"
        return Shown(path, title, notes, opened.review)

    def trend(path: Path, athlete: str) -> list[tuple[datetime, float | None, float | None]]:
        try:
            name = cache.open(path).session.name
        except (RecordingError, OSError):
            return []
        return cache.trend(entries, name, athlete)

    def correct(path: Path, correction: Event) -> str | None:
        try:
            opened = cache.open(path)
            status, _ = recording_now_notes(opened)
            problem = (
                f"{path.name} is {RECORDING_NOW} by another session: correct it once that session has ended"
                if status == RECORDING_NOW
                else correction_problem(opened.session.plan, opened.recording.events, correction)
            )
            if problem is None:
                append_correction(path, correction)
        except (RecordingError, OSError) as error:
            return str(error)
        return problem

    def export_to(path: Path, fmt: str, target: Path) -> list[Path]:
        try:
            opened = cache.open(path)
            # the save dialog asked before replacing the file it names; per-athlete files are numbered instead
            named = fmt in ("csv", "excel", "json") or len(opened.review.athletes) == 1
            excel = fmt == "excel"  # CSV for Excel, as the CLI's --excel
            written = export(opened, "csv" if excel else fmt, target, overwrite=named, excel=excel)  # type: ignore[arg-type]
            return [w.path for w in written]
        except RecordingError as error:
            raise ValueError(str(error)) from None

    return ReviewSource(HISTORY_HEADER, rows, open_shown, trend, correct, export_to)
