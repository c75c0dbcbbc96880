"""The terminal's commands on files: a recording found by name (or `latest`) and opened, its exports, the plan for
each athlete's watch or intervals.icu, a FIT workout imported. Each prints what it wrote (and what was done to
it), or what stopped it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from kicktimer.io.plan_export import PlanExport, PlanFormat, export_plan, import_workout
from kicktimer.io.recordings import Opened
from kicktimer.io.session_file import Session


def recordings_folder(data_dir: Path | None) -> Path:
    from kicktimer.io.paths import recordings_dir

    return data_dir / "recordings" if data_dir else recordings_dir()


def find_recording(name: str, data_dir: Path | None) -> Path | None:
    """A path, a file name in the recordings folder, or `latest`; None (after saying why) when not found."""
    from kicktimer.io.recordings import history

    folder = recordings_folder(data_dir)
    if name == "latest":
        entries = [e for e in history(folder) if e.status != "unreadable"]
        if entries:
            return entries[0].path
        print(f"kicktimer: no recordings in {folder}", file=sys.stderr)
        return None
    for path in (Path(name), folder / name):
        if path.is_file():
            return path
    print(f"kicktimer: {name}: no such recording (see `kicktimer history` for the files in {folder})", file=sys.stderr)
    return None


def open_or_report(name: str, data_dir: Path | None) -> Opened | None:
    from kicktimer.io.journal import RecordingError
    from kicktimer.io.recordings import open_recording

    path = find_recording(name, data_dir)
    if path is None:
        return None
    try:
        opened = open_recording(path)
    except RecordingError as error:
        print(f"kicktimer: {error}", file=sys.stderr)
        return None
    for note in opened.notes:
        print(f"note: {note}", file=sys.stderr)
    return opened


def write_files(command: str, write: Callable[[], tuple[Sequence[object], list[str]]]) -> int:
    """0 after printing each file written; 1 after saying what stopped it (`kicktimer COMMAND: …`)."""
    try:
        written, notes = write()
    except ValueError as error:
        print(f"kicktimer {command}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"kicktimer {command}: cannot write {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print("\n".join(str(w) for w in written))
    return 0


def _said(done: PlanExport) -> tuple[Sequence[object], list[str]]:
    return done.written, done.notes


def export_plan_command(session: Session, fmt: PlanFormat, output: Path | None, athlete: str | None,
                        overwrite: bool, max_steps: int, ascii_names: bool) -> int:  # fmt: skip
    return write_files("export-plan", lambda: _said(export_plan(session, fmt, output, athlete, overwrite, max_steps,
                                                                ascii_names)))  # fmt: skip


def import_command(path: Path, output: Path | None, overwrite: bool) -> int:
    return write_files("import", lambda: _said(import_workout(path, output, overwrite)))
