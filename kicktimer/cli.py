"""Command line: `kicktimer` (GUI), `check`, `plan`, `run`, `render`, `devices`, `sound-check`, `calibrate`,
`history`, `review`, `export`, `export-plan`, `import`, `squad`, `athlete`.
Parses (the words are in app/arguments.py), then hands over to the app package (the GUI is built in app/gui.py).
An output closed early (`kicktimer plan X | head -5`) ends any command quietly, as a pipe's reader expects."""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kicktimer.app.arguments import build_parser
from kicktimer.app.files import load_or_report
from kicktimer.app.season_cli import athlete_command, squad_command
from kicktimer.app.sound_cli import sound_command
from kicktimer.core.language.plan_table import plan_json
from kicktimer.core.language.start_points import find_start

if TYPE_CHECKING:  # numpy and sound only when a command needs them: `check` stays quick
    from kicktimer.app.session import LiveSession

__all__ = ["build_parser", "gui_main", "main"]
BROKEN_PIPE_STATUS = 128 + getattr(signal, "SIGPIPE", 13)  # what a shell shows for a writer whose reader left


def _check(args: argparse.Namespace) -> int:
    paths: list[Path] = args.files
    failed = sum(load_or_report(path) is None for path in paths)
    if failed == 0:
        print(f"{len(paths)} session file{'s' if len(paths) != 1 else ''} OK")
    return 1 if failed else 0


def _plan(args: argparse.Namespace) -> int:
    session = load_or_report(args.file)
    if session is None:
        return 1
    if args.json:
        print(plan_json(session.plan.to_json()))
    else:
        if session.about:
            print(session.about, end="\n\n")
        from kicktimer.app.terminal import plan_text

        print(plan_text(session.plan))
    return 0


def _refused(args: argparse.Namespace) -> str | None:
    """Options of `run` that contradict each other: said before anything is read or created."""
    if args.resume and args.start_at:
        return "--from starts a new recording; a resumed one carries on where it stopped"
    if args.pause_gap and not args.resume:
        return "--pause-gap counts the time a recording was stopped as a pause: use it with --resume"
    if not args.resume and args.file is None:
        return "name a session file, or --resume"
    return None


def _cannot_run(console: bool) -> str | None:
    """No keys for the console, no display for the window: found before a recording is created, so that
    nothing is left that nobody ran."""
    from kicktimer.app.preflight import display_problem, input_problem

    return input_problem(sys.stdin) if console else display_problem()


def _run(args: argparse.Namespace) -> int:
    from kicktimer.app.files import recordings_folder
    from kicktimer.app.session import LiveSession
    from kicktimer.io.disk import check_writable
    from kicktimer.io.journal import RecordingError
    from kicktimer.io.reader import recording_to_resume

    refused = _refused(args)
    if refused is not None:
        print(f"kicktimer run: {refused}", file=sys.stderr)
        return 2
    recordings = recordings_folder(args.data_dir)
    problem = check_writable(recordings)
    if problem:
        print(f"kicktimer run: {problem}", file=sys.stderr)
        return 2
    session = None if args.resume else load_or_report(args.file)
    if session is None and not args.resume:
        return 1
    try:
        at_step = find_start(session.plan, args.start_at).step if session and args.start_at else 0
    except ValueError as error:
        print(f"kicktimer run: --from {error}", file=sys.stderr)
        return 2
    problem = _cannot_run(args.console)
    if problem is not None:
        print(f"kicktimer run: {problem}", file=sys.stderr)
        return 1
    if not args.console:
        from kicktimer.app.preflight import start_qt

        _app = start_qt()  # kept alive; before the recording: a platform that fails to start leaves nothing behind
    try:
        if session is None:
            live = LiveSession.resume(recording_to_resume(args.resume, recordings), gap_as_pause=args.pause_gap)
        else:
            live = LiveSession.start_new(session, recordings, at_step=at_step)
    except RecordingError as error:
        print(f"kicktimer run: {error}", file=sys.stderr)
        return 1 if session is None else 2
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
    from kicktimer.io.disk import os_error_advice

    session = load_or_report(args.file)
    if session is None:
        return 1
    try:
        summary = render_session(session, args.output, args.cues, args.open_s, args.volume / 100)
    except ValueError as error:
        print(f"kicktimer render: {error}", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"kicktimer render: cannot write {error.filename or args.output}: {os_error_advice(error)}",
              file=sys.stderr)  # fmt: skip
        return 1
    print(summary)
    return 0


def _gui(args: argparse.Namespace) -> int:
    from kicktimer.app.preflight import display_problem

    problem = display_problem()
    if problem is not None:
        print(f"kicktimer: {problem}", file=sys.stderr)
        return 1
    if getattr(args, "data_dir", None) is not None:  # everything the windows read and write follows it
        os.environ["KICKTIMER_HOME"] = str(args.data_dir)
    from kicktimer.app.gui import run_gui  # Qt only when the GUI is wanted

    result: int = run_gui(getattr(args, "file", None))
    return result


def _selftest(_args: argparse.Namespace) -> int:
    from kicktimer.app.selftest import selftest

    return selftest()


def _files(name: str) -> Callable[[argparse.Namespace], int]:
    def command(args: argparse.Namespace) -> int:
        from kicktimer.app import files

        result: int = getattr(files, f"{name}_command")(args)
        return result

    return command


COMMANDS: dict[str | None, Callable[[argparse.Namespace], int]] = {
    "check": _check, "plan": _plan, "run": _run, "render": _render, "selftest": _selftest,
    "devices": lambda args: sound_command("devices", args), "calibrate": lambda args: sound_command("calibrate", args),
    "sound-check": lambda args: sound_command("sound-check", args),
    "history": _files("history"), "review": _files("review"), "export": _files("export"),
    "export-plan": _files("export_plan"), "import": _files("import"), "squad": squad_command,
    "athlete": athlete_command, "gui": _gui, None: _gui,
}  # fmt: skip


def _quiet_stdout() -> None:
    """Python's recipe for a reader that left: stdout pointed at /dev/null, so the final flush says nothing."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        status = COMMANDS[args.command](args)
        sys.stdout.flush()  # here, where a closed pipe can still be answered
    except BrokenPipeError:
        _quiet_stdout()
        return BROKEN_PIPE_STATUS
    return status


def gui_main() -> int:
    return main(["gui", *sys.argv[1:]])
