"""The terminal's commands on files: the history of a folder, a recording found by name (or `latest`) and opened
for review, its exports, the plan for each athlete's watch or intervals.icu, a FIT workout imported. Each prints
what it wrote (and what was done to it), or what stopped it."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kicktimer.io.session_file import Session, SessionFileError, load_session

if TYPE_CHECKING:
    from kicktimer.io.recordings import Opened


def load_or_report(path: Path) -> Session | None:
    """The session, or None after printing every problem as file:line:col."""
    try:
        return load_session(path)
    except SessionFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None


def recordings_folder(data_dir: Path | None) -> Path:
    from kicktimer.io.paths import recordings_dir

    return data_dir / "recordings" if data_dir else recordings_dir()


def not_a_folder(folder: Path) -> str | None:
    """Why `folder` (or the first part of it that exists) cannot hold recordings: a file where a folder should be."""
    for part in (folder, *folder.parents):
        if part.exists():
            return None if part.is_dir() else f"{part} is a file, not a folder: give a folder with --data-dir"
    return None


def find_recording(name: str, data_dir: Path | None) -> Path | None:
    """A path, a file name in the recordings folder, or `latest`; None (after saying why) when not found."""
    from kicktimer.io.recordings import history

    folder = recordings_folder(data_dir)
    problem = not_a_folder(folder)
    if problem:
        print(f"kicktimer: {problem}", file=sys.stderr)
        return None
    if name == "latest":
        entries = [e for e in history(folder) if e.status != "unreadable"]
        if entries:
            return entries[0].path
        print(f"kicktimer: no recordings in {folder}", file=sys.stderr)
        return None
    for path in (Path(name), folder / name):
        if path.is_file():
            return path
    if Path(name).is_dir():
        print(f"kicktimer: {name} is a folder: name a recording in it (*.kick.jsonl)", file=sys.stderr)
        return None
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


def history_command(args: argparse.Namespace) -> int:
    from kicktimer.app.terminal import text_table
    from kicktimer.io.recordings import HISTORY_HEADER, history, history_cells

    folder = recordings_folder(args.data_dir)
    problem = not_a_folder(folder)
    if problem:
        print(f"kicktimer history: {problem}", file=sys.stderr)
        return 1
    entries = [e for e in history(folder) if e.matches(args.session, args.athlete)]
    if not entries:
        print(f"no recordings{' that match' if args.session or args.athlete else ''} in {folder}")
        return 0
    rows = [[*cells[:3], entry.status, *cells[4:]] for entry, cells in ((e, history_cells(e)) for e in entries)]
    print("\n".join(text_table(HISTORY_HEADER, rows)))
    unreadable = [e for e in entries if e.problem]
    if unreadable:  # the reasons on their own lines: one long reason must not widen every row
        print("\nunreadable:\n" + "\n".join(f"  {e.problem}" for e in unreadable))
    return 0


def review_command(args: argparse.Namespace) -> int:
    from kicktimer.app.terminal import text_table
    from kicktimer.core.language.roster import name_key
    from kicktimer.core.review.review_table import REP_HEADER, rep_cells, summary_lines

    opened = open_or_report(args.recording, args.data_dir)
    if opened is None:
        return 1
    header = opened.recording.header
    print(f"{header.session_name} · {header.wall_start[:16].replace('T', ' ')} · {opened.status}")
    titles = opened.session.plan.block_titles
    shown = [a for a in opened.review.athletes if not args.athlete or name_key(a.name) == name_key(args.athlete)]
    if not shown:
        print(f"kicktimer review: no athlete {args.athlete!r} in this recording", file=sys.stderr)
        return 1
    for athlete in shown:
        print(f"\n{athlete.name}")
        print("\n".join(text_table(REP_HEADER, rep_cells(athlete, titles))))
        print("\n".join(summary_lines(athlete, titles)))
    return 0


def output_path(text: str | None) -> Path | None:
    """`-o` as typed: a trailing separator makes it a folder, created here (files go inside it)."""
    if text is None:
        return None
    path = Path(text)
    if text.endswith(tuple(s for s in (os.sep, os.altsep) if s)):
        path.mkdir(parents=True, exist_ok=True)
    return path


def export_command(args: argparse.Namespace) -> int:
    from kicktimer.io.export import export

    opened = open_or_report(args.recording, args.data_dir)
    if opened is None:
        return 1
    if args.excel and args.format != "csv":
        print("kicktimer export: --excel is a CSV flavour: use it with --format csv", file=sys.stderr)
        return 2

    def write() -> tuple[Sequence[object], list[str]]:
        written = export(opened, args.format, output_path(args.output), args.athlete, args.overwrite, args.excel)
        return written, [note for w in written for note in w.notes]

    return write_files("export", write)


def write_files(command: str, write: Callable[[], tuple[Sequence[object], list[str]]]) -> int:
    """0 after printing each file written; 1 after saying what stopped it (`kicktimer COMMAND: …`)."""
    from kicktimer.io.disk import os_error_advice

    try:
        written, notes = write()
    except ValueError as error:
        print(f"kicktimer {command}: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"kicktimer {command}: cannot write {error.filename or ''}: {os_error_advice(error)}", file=sys.stderr)
        return 1
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    print("\n".join(str(w) for w in written))
    return 0


def export_plan_command(args: argparse.Namespace) -> int:
    from kicktimer.io.plan_export import export_plan

    session = load_or_report(args.file)
    if session is None:
        return 1

    def write() -> tuple[Sequence[object], list[str]]:
        done = export_plan(session, args.format, output_path(args.output), args.athlete, args.overwrite,
                           args.max_steps, args.ascii_names)  # fmt: skip
        return done.written, done.notes

    return write_files("export-plan", write)


def import_command(args: argparse.Namespace) -> int:
    """One FIT workout, or every one in a folder (a watch's GARMIN/Workouts): each its own session file."""
    from kicktimer.io.plan_export import import_workout

    path: Path = args.file
    files = sorted(p for p in path.iterdir() if p.suffix.lower() == ".fit") if path.is_dir() else [path]
    if not files:
        print(f"kicktimer import: {path} is a folder with no .fit file in it: name a FIT workout", file=sys.stderr)
        return 1
    output = output_path(args.output)
    if len(files) > 1 and output is not None and not output.is_dir():
        print(f"kicktimer import: {len(files)} workouts in {path}: -o must be a folder (end it with / to create "
              "it)", file=sys.stderr)  # fmt: skip
        return 2
    status = 0
    for file in files:

        def write(file: Path = file) -> tuple[Sequence[object], list[str]]:
            done = import_workout(file, output, args.overwrite)
            return done.written, [f"{file.name}: {n}" if len(files) > 1 else n for n in done.notes]

        status = max(status, write_files("import", write))
    return status
