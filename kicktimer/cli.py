"""Command line: `kicktimer` (GUI), `check`, `plan`, `run`, `render`, `devices`, `sound-check`, `calibrate`,
`history`, `review`, `export`, `export-plan`, `import`, `squad`, `athlete`.
Parses, then hands over to the app package (the GUI is built in app/gui.py)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kicktimer import __version__
from kicktimer.app.season_cli import add_parsers as add_season_parsers
from kicktimer.app.season_cli import athlete_command, squad_command
from kicktimer.app.sound_cli import add_parsers as add_sound_parsers
from kicktimer.app.sound_cli import sound_command
from kicktimer.core.language.plan_table import plan_json, render_table
from kicktimer.core.language.roster import name_key
from kicktimer.core.language.start_points import find_start
from kicktimer.io.session_file import Session, SessionFileError, load_session

if TYPE_CHECKING:  # numpy and sound only when a command needs them: `check` stays quick
    from kicktimer.app.session import LiveSession


def _load_or_report(path: Path) -> Session | None:
    """The session, or None after printing every problem as file:line:col."""
    try:
        return load_session(path)
    except SessionFileError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return None


def _check(paths: list[Path]) -> int:
    failed = sum(_load_or_report(path) is None for path in paths)
    if failed == 0:
        print(f"{len(paths)} session file{'s' if len(paths) != 1 else ''} OK")
    return 1 if failed else 0


def _plan(path: Path, as_json: bool) -> int:
    session = _load_or_report(path)
    if session is None:
        return 1
    if as_json:
        print(plan_json(session.plan.to_json()))
    else:
        if session.about:
            print(session.about, end="\n\n")
        print(render_table(session.plan))
    return 0


def _run(args: argparse.Namespace) -> int:
    from kicktimer.app.session import LiveSession
    from kicktimer.io.disk import check_writable
    from kicktimer.io.journal import RecordingError
    from kicktimer.io.paths import recordings_dir
    from kicktimer.io.reader import recording_to_resume

    recordings = args.data_dir / "recordings" if args.data_dir else recordings_dir()
    problem = check_writable(recordings)
    if problem:
        print(f"kicktimer run: {problem}", file=sys.stderr)
        return 2
    if args.resume and args.start_at:
        print("kicktimer run: --from starts a new recording; a resumed one carries on where it stopped",
              file=sys.stderr)  # fmt: skip
        return 2
    if args.resume:
        try:
            live = LiveSession.resume(recording_to_resume(args.resume, recordings), gap_as_pause=args.pause_gap)
        except RecordingError as error:
            print(f"kicktimer run: {error}", file=sys.stderr)
            return 1
        return _start(_with_audio(live, args), args.console)
    if args.file is None:
        print("kicktimer run: name a session file, or --resume", file=sys.stderr)
        return 2
    session = _load_or_report(args.file)
    if session is None:
        return 1
    try:
        at_step = find_start(session.plan, args.start_at).step if args.start_at else 0
    except ValueError as error:
        print(f"kicktimer run: --from {error}", file=sys.stderr)
        return 2
    try:
        live = LiveSession.start_new(session, recordings, at_step=at_step)
    except RecordingError as error:
        print(f"kicktimer run: {error}", file=sys.stderr)
        return 2
    return _start(_with_audio(live, args), args.console)


def _start(live: LiveSession, console: bool) -> int:
    from kicktimer.app.console import main_console

    if console:
        return main_console(live)
    from kicktimer.app.gui import run_live

    for note in [*live.resume_text, *live.notes]:
        print(f"note: {note}", file=sys.stderr)
    result: int = run_live(live)
    return result


def _with_audio(live: LiveSession, args: argparse.Namespace) -> LiveSession:
    from kicktimer.app.sound import attach_sound, device_of

    attach_sound(live, mute=args.mute, volume=args.volume / 100, device=device_of(args.audio_device),
                 offset_ms=args.latency_offset)  # fmt: skip
    return live


def _render(args: argparse.Namespace) -> int:
    from kicktimer.app.render import render_session

    session = _load_or_report(args.file)
    if session is None:
        return 1
    try:
        summary = render_session(session, args.output, args.cues, args.open_s, args.volume / 100)
    except OSError as error:
        print(f"kicktimer render: cannot write {error.filename}: {error.strerror}", file=sys.stderr)
        return 1
    print(summary)
    return 0


def _history(args: argparse.Namespace) -> int:
    from kicktimer.app.files import recordings_folder
    from kicktimer.core.language.plan_table import text_table
    from kicktimer.io.recordings import HISTORY_HEADER, history, history_cells

    folder = recordings_folder(args.data_dir)
    entries = [e for e in history(folder) if e.matches(args.session, args.athlete)]
    if not entries:
        print(f"no recordings{' that match' if args.session or args.athlete else ''} in {folder}")
        return 0
    print("\n".join(text_table(HISTORY_HEADER, [history_cells(e) for e in entries])))
    return 0


def _review(args: argparse.Namespace) -> int:
    from kicktimer.app.files import open_or_report
    from kicktimer.core.language.plan_table import text_table
    from kicktimer.core.review.review_table import REP_HEADER, rep_cells, summary_lines

    opened = open_or_report(args.recording, args.data_dir)
    if opened is None:
        return 1
    header = opened.recording.header
    print(f"{header.session_name} · {header.wall_start[:16].replace('T', ' ')} · "
          f"{opened.review.status}")  # fmt: skip
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


def _export(args: argparse.Namespace) -> int:
    from kicktimer.app.files import open_or_report, write_files
    from kicktimer.io.export import export

    opened = open_or_report(args.recording, args.data_dir)
    if opened is None:
        return 1
    if args.excel and args.format != "csv":
        print("kicktimer export: --excel is a CSV flavour: use it with --format csv", file=sys.stderr)
        return 2
    return write_files(
        "export", lambda: (export(opened, args.format, args.output, args.athlete, args.overwrite, args.excel), [])
    )


def _export_plan(args: argparse.Namespace) -> int:
    from kicktimer.app.files import export_plan_command

    session = _load_or_report(args.file)
    if session is None:
        return 1
    return export_plan_command(session, args.format, args.output, args.athlete, args.overwrite, args.max_steps,
                               args.ascii_names)  # fmt: skip


def _import(args: argparse.Namespace) -> int:
    from kicktimer.app.files import import_command

    return import_command(args.file, args.output, args.overwrite)


def _positive(text: str) -> int:
    value = int(text)
    if value < 2:
        raise argparse.ArgumentTypeError(f"{text}: a workout needs room for at least 2 steps")
    return value


def _percent(text: str) -> int:
    value = int(text)
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text}: a volume is 0 to 100")
    return value


def _add_run(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    run = sub.add_parser("run", help="run a session and record it")
    run.add_argument("file", type=Path, nargs="?", help="the session to run")
    run.add_argument("--console", action="store_true", help="in the terminal, no window")
    run.add_argument("--resume", nargs="?", const="latest", metavar="RECORDING", help="continue a recording")
    run.add_argument("--from", dest="start_at", metavar="BLOCK[.REP]",
                     help="start at a block or one of its reps, as the `from` column of `kicktimer plan` names "
                          "them: 2 (block 2), 2.5 (its rep 5); the steps before are not run")  # fmt: skip
    run.add_argument("--pause-gap", action="store_true", help="with --resume: the time it was stopped is a pause")
    run.add_argument("--data-dir", type=Path, help="where recordings go (default: the kicktimer data folder)")
    run.add_argument("--audio-device", help="output device (number or name; see `kicktimer devices`)")
    run.add_argument("--mute", action="store_true", help="no sound")
    run.add_argument("--volume", type=_percent, default=100, help="cue volume, 0-100 (default 100)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kicktimer", description="Track-side session timer.")
    parser.add_argument("--version", action="version", version=f"kicktimer {__version__}")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="validate session files; exit 1 with file:line:col messages")
    check.add_argument("files", nargs="+", type=Path)
    plan = sub.add_parser("plan", help="print the expanded plan of a session")
    plan.add_argument("file", type=Path)
    plan.add_argument("--json", action="store_true", help="the NOTATION.md JSON shape")
    _add_run(sub)
    render = sub.add_parser("render", help="write a session's cue track (self-timing mode) to a WAV file")
    render.add_argument("file", type=Path)
    render.add_argument("-o", "--output", type=Path, required=True, help="the WAV file to write")
    render.add_argument("--cues", type=Path, help="also write the cue list (time, frame, kind) as JSON")
    render.add_argument("--open-s", type=float, default=60.0, help="seconds assumed for each step ended by a tap")
    render.add_argument("--volume", type=_percent, default=100, help="cue volume, 0-100 (default 100)")
    add_sound_parsers(sub)
    sub.add_parser("selftest", help="check this installation: library, windows, cue track, sound, data folder")
    hist = sub.add_parser("history", help="list recordings: date, session, athletes, complete/aborted/unfinished")
    hist.add_argument("--session", help="only sessions whose name contains this")
    hist.add_argument("--athlete", help="only recordings with this athlete")
    rev = sub.add_parser("review", help="print a recording's reps against targets, fade and kick")
    exp = sub.add_parser("export", help="export a recording: csv, json, tcx or fit")
    for command in (rev, exp):
        command.add_argument("recording", help="a *.kick.jsonl file, its name in the recordings folder, or latest")
        command.add_argument("--athlete", help="only this athlete")
    exp.add_argument("--format", choices=("csv", "json", "tcx", "fit"), required=True)
    exp.add_argument("-o", "--output", type=Path, help="the file to write (tcx/fit: one per athlete, named after it)")
    exp.add_argument("--excel", action="store_true", help="CSV for Excel: UTF-8 with BOM, `;` and decimal commas")
    exp.add_argument("--overwrite", action="store_true", help="replace files that exist (else: numbered, kept)")
    for command in (hist, rev, exp):
        command.add_argument("--data-dir", type=Path, help="where recordings are (default: the kicktimer data folder)")
    plan_out = sub.add_parser("export-plan", help="the plan for each athlete's watch (FIT workout) or intervals.icu")
    plan_out.add_argument("file", type=Path, help="the session file")
    plan_out.add_argument("--format", choices=("fit", "icu"), required=True, help="fit: a FIT workout; icu: text")
    plan_out.add_argument("--athlete", help="only this athlete (default: one file per athlete)")
    plan_out.add_argument(
        "-o", "--output", type=Path, help="a folder (a watch's GARMIN/NewFiles), or one athlete's file"
    )
    plan_out.add_argument("--max-steps", type=_positive, default=50, help="steps a workout may have on the watch (50)")
    plan_out.add_argument("--ascii-names", action="store_true", help="file names in ASCII (transliterated)")
    plan_out.add_argument("--overwrite", action="store_true", help="replace files that exist (else: numbered, kept)")
    imp = sub.add_parser("import", help="turn a FIT workout (from a watch or Garmin Connect) into a session file")
    imp.add_argument("file", type=Path, help="a FIT workout file")
    imp.add_argument("-o", "--output", type=Path, help="the *.session.yaml to write (default: named after it)")
    imp.add_argument("--overwrite", action="store_true", help="replace the file if it exists")
    add_season_parsers(sub)
    gui = sub.add_parser("gui", help="open the main window (the default)")
    gui.add_argument("file", type=Path, nargs="?", help="a session to select")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        return _check(args.files)
    if args.command == "plan":
        return _plan(args.file, args.json)
    if args.command == "run":
        return _run(args)
    if args.command == "render":
        return _render(args)
    if args.command in ("devices", "calibrate", "sound-check"):
        return sound_command(args.command, args)
    if args.command == "selftest":
        from kicktimer.app.selftest import selftest

        return selftest()
    if args.command in ("history", "review", "export", "export-plan", "import", "squad", "athlete"):
        commands = {"history": _history, "review": _review, "export": _export, "export-plan": _export_plan,
                    "import": _import, "squad": squad_command, "athlete": athlete_command}  # fmt: skip
        return commands[args.command](args)
    from kicktimer.app.gui import run_gui  # Qt only when the GUI is wanted

    result: int = run_gui(getattr(args, "file", None))
    return result


def gui_main() -> int:
    return main(["gui", *sys.argv[1:]])
