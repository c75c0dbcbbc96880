"""The command line's words: every command and argument, with its help and the checks a value must pass before
anything runs (a volume is 0-100, a render's open step lasts a sane time, an output is named). Light to import:
`kicktimer check` builds this parser too."""

from __future__ import annotations

import argparse
import math
from pathlib import Path
from typing import TYPE_CHECKING

from kicktimer import __version__
from kicktimer.app.season_cli import add_parsers as add_season_parsers
from kicktimer.app.sound_cli import add_parsers as add_sound_parsers

MAX_OPEN_S = 3600.0  # a step ended by a tap, as `render` assumes it: an hour is longer than any rep or jog
if TYPE_CHECKING:
    Sub = argparse._SubParsersAction[argparse.ArgumentParser]

DATA_DIR_HELP = "the kicktimer data folder to use (default: KICKTIMER_HOME, else the user's data folder)"


def positive_steps(text: str) -> int:
    value = _integer(text, "a number of steps, like 50")
    if value < 2:
        raise argparse.ArgumentTypeError(f"{text}: a workout needs room for at least 2 steps")
    return value


def percent(text: str) -> int:
    value = _integer(text, "a volume is 0 to 100")
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text}: a volume is 0 to 100")
    return value


def open_seconds(text: str) -> float:
    """Seconds a tap-ended step is assumed to last: a finite number above 0, at most an hour."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not (math.isfinite(value) and 0 < value <= MAX_OPEN_S):
        raise argparse.ArgumentTypeError(
            f"{text}: the seconds a tap-ended step lasts, above 0 and at most {MAX_OPEN_S:.0f}, like 60"
        )
    return value


def output_name(text: str) -> str:
    """A file or folder to write: never empty (a trailing / makes it a folder, created when needed)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty name: give a file name, or a folder (ending in / to create it)")
    return text


def _integer(text: str, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text}: not a whole number; {what}") from None


def _add_run(sub: Sub) -> None:
    run = sub.add_parser("run", help="run a session and record it")
    run.add_argument("file", type=Path, nargs="?", help="the session to run (a *.session.yaml file)")
    run.add_argument("--console", action="store_true", help="in the terminal, no window")
    run.add_argument("--resume", nargs="?", const="latest", metavar="RECORDING",
                     help="continue an unfinished recording (one with no end): a *.kick.jsonl file, or, with no "
                          "name, the newest unfinished one no other kicktimer is writing (`kicktimer history` "
                          "lists them)")  # fmt: skip
    run.add_argument("--from", dest="start_at", metavar="BLOCK[.REP]",
                     help="start at a block or one of its reps, as the `from` column of `kicktimer plan` names "
                          "them: 2 (block 2), 2.5 (its rep 5); the steps before are not run")  # fmt: skip
    run.add_argument("--pause-gap", action="store_true", help="with --resume: the time it was stopped is a pause")
    run.add_argument("--data-dir", type=Path, help="where recordings go (default: the kicktimer data folder)")
    run.add_argument("--audio-device", help="output device (number or name; see `kicktimer devices`)")
    run.add_argument("--mute", action="store_true", help="start muted (M turns the cues on)")
    run.add_argument("--volume", type=percent, default=100, help="cue volume, 0-100 (default 100)")


def _add_files(sub: Sub) -> None:
    hist = sub.add_parser("history", help="list recordings: date, session, athletes, complete/aborted/unfinished")
    hist.add_argument("--session", help="only sessions whose name contains this")
    hist.add_argument("--athlete", help="only recordings with this athlete")
    rev = sub.add_parser("review", help="print a recording's reps against targets, fade and kick")
    exp = sub.add_parser("export", help="export a recording: csv, json, tcx or fit")
    for command in (rev, exp):
        command.add_argument("recording", help="a *.kick.jsonl file, its name in the recordings folder, or latest")
        command.add_argument("--athlete", help="only this athlete")
    exp.add_argument("--format", choices=("csv", "json", "tcx", "fit"), required=True,
                     help="csv, json: every split; tcx, fit: an activity per athlete, for training "
                          "software")  # fmt: skip
    exp.add_argument("-o", "--output", type=output_name, metavar="FILE_OR_FOLDER",
                     help="the file to write, or a folder to write in (a trailing / creates it); tcx and fit "
                          "write one file per athlete, named after them")  # fmt: skip
    exp.add_argument("--excel", action="store_true", help="CSV for Excel: UTF-8 with BOM, `;` and decimal commas")
    exp.add_argument("--overwrite", action="store_true", help="replace files that exist (else: numbered, kept)")
    for command in (hist, rev, exp):
        command.add_argument("--data-dir", type=Path, help="where recordings are (default: the kicktimer data folder)")
    plan_out = sub.add_parser("export-plan", help="the plan for each athlete's watch (FIT workout) or intervals.icu")
    plan_out.add_argument("file", type=Path, help="the session file")
    plan_out.add_argument("--format", choices=("fit", "icu"), required=True, help="fit: a FIT workout; icu: text")
    plan_out.add_argument("--athlete", help="only this athlete (default: one file per athlete)")
    plan_out.add_argument("-o", "--output", type=output_name, metavar="FILE_OR_FOLDER",
                          help="a folder (a watch's GARMIN/NewFiles; a trailing / creates it), or one athlete's "
                               "file")  # fmt: skip
    plan_out.add_argument("--max-steps", type=positive_steps, default=50,
                          help="steps a workout may have on the watch (50)")  # fmt: skip
    plan_out.add_argument("--ascii-names", action="store_true", help="file names in ASCII (transliterated)")
    plan_out.add_argument("--overwrite", action="store_true", help="replace files that exist (else: numbered, kept)")
    imp = sub.add_parser("import", help="turn a FIT workout (from a watch or Garmin Connect) into a session file")
    imp.add_argument("file", type=Path, help="a FIT workout file")
    imp.add_argument("-o", "--output", type=output_name, metavar="FILE_OR_FOLDER",
                     help="the *.session.yaml to write, or a folder to write it in (default: named after the "
                          "workout, here)")  # fmt: skip
    imp.add_argument("--overwrite", action="store_true", help="replace the file if it exists")


def build_parser() -> argparse.ArgumentParser:
    from kicktimer.io.paths import bundled_sessions_dir

    notation = (f"Session files (*.session.yaml) are written in kicktimer's notation: NOTATION, in docs/notation.md "
                f"of kicktimer's source; the sessions in {bundled_sessions_dir()} show every form. `kicktimer check "
                "FILE` says what is wrong, and where.")  # fmt: skip
    parser = argparse.ArgumentParser(prog="kicktimer", description="Track-side session timer.", epilog=notation)
    parser.add_argument("--version", action="version", version=f"kicktimer {__version__}")
    sub = parser.add_subparsers(dest="command")
    check = sub.add_parser("check", help="validate session files; exit 1 with file:line:col messages",
                           epilog=notation)  # fmt: skip
    check.add_argument("files", nargs="+", type=Path, metavar="FILE", help="session files (*.session.yaml)")
    plan = sub.add_parser("plan", help="print the expanded plan of a session")
    plan.add_argument("file", type=Path, help="the session file (*.session.yaml)")
    plan.add_argument("--json", action="store_true", help="the plan as JSON, in the shape docs/notation.md gives")
    _add_run(sub)
    render = sub.add_parser("render", help="write a session's cue track (self-timing mode) to a WAV file")
    render.add_argument("file", type=Path, help="the session file (*.session.yaml)")
    render.add_argument("-o", "--output", type=Path, required=True, help="the WAV file to write")
    render.add_argument("--cues", type=Path, help="also write the cue list (time, frame, kind) as JSON")
    render.add_argument("--open-s", type=open_seconds, default=60.0, metavar="SECONDS",
                        help=f"seconds assumed for each step ended by a tap (above 0, at most {MAX_OPEN_S:.0f}; "
                             "default 60)")  # fmt: skip
    render.add_argument("--volume", type=percent, default=100, help="cue volume, 0-100 (default 100)")
    add_sound_parsers(sub)
    sub.add_parser("selftest", help="check this installation: library, windows, cue track, sound, data folder")
    _add_files(sub)
    add_season_parsers(sub)
    gui = sub.add_parser("gui", help="open the main window (the default)")
    gui.add_argument("file", type=Path, nargs="?", help="a session to select")
    gui.add_argument("--data-dir", type=Path, help=DATA_DIR_HELP)
    return parser
