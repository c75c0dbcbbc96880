"""`kicktimer squad` (list, add race times, edit, import a CSV, mark a progression stage) and `kicktimer athlete
NAME` (one athlete across the season), as the terminal prints them."""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from kicktimer.core.language.paces import format_paces
from kicktimer.core.language.quantities import count_of
from kicktimer.core.season.athlete_table import (
    KIND_HEADER,
    RUN_HEADER,
    TIME_HEADER,
    kind_cells,
    kind_summary,
    run_cells,
    time_cells,
)
from kicktimer.core.season.squad import Squad, StageMark, did_you_mean, parse_entry
from kicktimer.io.squad import SquadFileError, load_squad
from kicktimer.io.squad_csv import import_times, read_times_csv
from kicktimer.io.squad_edit import Change, add_entry, add_mark, all_of, change_squad, edit_athlete

SQUAD_HEADER = ["Name", "Key", "Groups", "Race times (the newest of each)"]


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    squad = sub.add_parser("squad", help="the squad: list it, add race times, edit, import a CSV, mark a stage")
    squad.add_argument("--data-dir", type=Path, help="where squad.yaml is (default: the kicktimer data folder)")
    actions = squad.add_subparsers(dest="squad_command")
    add = actions.add_parser("add", help='athletes or new race times, as said: "Ana 800m 2:06, 2026-12-05" (no '
                                         "date: today); an older time stays in the athlete's history")  # fmt: skip
    add.add_argument("lines", nargs="+", metavar="LINE",
                     help='an athlete and race times, like "Ana 800m 2:06, 2026-12-05" (quoted: one '
                          "per LINE)")  # fmt: skip
    add.add_argument("--group", action="append", default=[], help="put them in this group (again for more)")
    add.add_argument("--key", type=int, choices=range(1, 10), metavar="1-9", help="the key they would like")
    edit = actions.add_parser("edit", help="rename an athlete, set their key, join or leave a group, or remove them")
    edit.add_argument("name", help="the athlete, as the squad names them")
    edit.add_argument("--rename", metavar="NEW_NAME", help="their new name (recordings keep the name they ran with)")
    edit.add_argument("--key", type=int, choices=range(10), metavar="0-9", help="the key they would like (0: none)")
    edit.add_argument(
        "--join", action="append", default=[], metavar="GROUP", help="put them in this group (again for more)"
    )
    edit.add_argument("--leave", action="append", default=[], metavar="GROUP", help="take them out of this group")
    edit.add_argument("--remove", action="store_true", help="take them out of the squad (recordings are kept)")
    imp = actions.add_parser("import", help="race times from a CSV file: name, event, time, date")
    imp.add_argument("csv", type=Path, help="the CSV file (a header row: name, event, time, date)")
    mark = actions.add_parser("mark", help="mark a progression stage: skip (counts as done) or repeat (proposed "
                                           "again), for athletes or a group")  # fmt: skip
    mark.add_argument("progression", help="the progression's folder name, e.g. sprint-progression")
    mark.add_argument("stage", type=int, help="the stage's number (its file name starts with it: 03-…)")
    mark.add_argument("mark", choices=("skip", "repeat"), help="skip: counts as done; repeat: proposed again")
    mark.add_argument("names", nargs="+", metavar="NAME_OR_GROUP", help="athletes or groups it is for")
    athlete = sub.add_parser("athlete", help="one athlete across the season: recordings, race times, each kind of "
                                             "rep against target with fade and kick, progressions")  # fmt: skip
    athlete.add_argument("name", help="the athlete, as the squad or the recordings name them")
    athlete.add_argument("--data-dir", type=Path, help="where recordings and squad.yaml are")


def _data(data_dir: Path | None) -> Path:
    from kicktimer.io.paths import data_dir as default

    return data_dir or default()


def _libraries(data_dir: Path | None) -> list[Path]:
    from kicktimer.io.paths import bundled_sessions_dir

    return [bundled_sessions_dir(), _data(data_dir) / "sessions"]


def squad_command(args: argparse.Namespace) -> int:
    path = _data(args.data_dir) / "squad.yaml"
    try:
        if args.squad_command is None:
            return _list(path, load_squad(path))
        said = change_squad(path, _change(args, path))
    except SquadFileError as error:
        print("\n".join(str(p) for p in error.problems), file=sys.stderr)
        return 1
    except ValueError as error:
        print(f"kicktimer squad: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        raise  # the reader of the output left: cli's main ends quietly
    except OSError as error:
        from kicktimer.io.disk import os_error_advice

        print(f"kicktimer squad: cannot write {error.filename or path}: {os_error_advice(error)}", file=sys.stderr)
        return 1
    print("\n".join(said) or "nothing to change")
    return 0


def _change(args: argparse.Namespace, path: Path) -> Change:
    """What the subcommand does to the squad; ValueError when what was typed does not read."""
    if args.squad_command == "add":
        entries = [parse_entry(line, date.today()) for line in args.lines]
        if args.key and len(entries) > 1:
            raise ValueError(f"--key {args.key} is one athlete's key; add them one at a time to give each theirs")
        changes = [add_entry(e) for e in entries]
        if args.group or args.key:
            changes += [edit_athlete(e.name, key=args.key, join=tuple(args.group)) for e in entries]
        return all_of(changes)
    if args.squad_command == "edit":
        return edit_athlete(args.name, args.rename, args.key, tuple(args.join), tuple(args.leave), args.remove)
    if args.squad_command == "import":
        return import_times(read_times_csv(args.csv))
    return _mark(args, load_squad(path))


def _mark(args: argparse.Namespace, squad: Squad) -> Change:
    from kicktimer.io.season import progressions

    found = {p.id: p for p in progressions(_libraries(args.data_dir))}
    prog = found.get(args.progression)
    if prog is None:
        raise ValueError(f"no progression {args.progression!r}; there are {', '.join(found) or 'none'}")
    if prog.stage(args.stage) is None:
        raise ValueError(f"{prog.id} has stages {', '.join(str(s.number) for s in prog.stages)}, not {args.stage}")
    names = [a.name for n in args.names for a in (squad.members(n) or [squad.find(n) or _not_in(n, squad)])]
    moment = datetime.now().astimezone()
    changes = [add_mark(name, StageMark(prog.id, args.stage, args.mark, moment)) for name in dict.fromkeys(names)]
    return all_of(changes)


def _not_in(name: str, squad: Squad) -> NoReturn:
    alike = did_you_mean([a.name for a in squad.athletes] + list(squad.groups), name)
    groups = f"; groups: {', '.join(squad.groups)}" if squad.groups else ""
    raise ValueError(f"{name} is neither an athlete nor a group of the squad" + (f": {alike}" if alike else groups))


def _list(path: Path, squad: Squad) -> int:
    from kicktimer.app.terminal import text_table  # wcwidth only when a table is printed

    if not squad.athletes:
        print(f'no squad yet ({path}); add athletes with: kicktimer squad add "Ana 800m 2:06, 2026-12-05"')
        return 0
    rows = []
    for a in squad.athletes:
        dated = {t.race: t.on for t in a.times}
        times = ", ".join(f"{format_paces({race: s})}" + (f" ({dated[race]})" if dated.get(race) else "")
                          for race, s in a.paces.items())  # fmt: skip
        rows.append([a.name, str(a.key or ""), ", ".join(a.groups), times or "–"])
    print("\n".join(text_table(SQUAD_HEADER, rows)))
    groups = "; ".join(f"{g} ({len(squad.members(g))})" for g in squad.groups)
    print(f"\n{count_of(len(squad.athletes), 'athlete')} in {path}" + (f"; groups: {groups}" if groups else ""))
    return 0


def athlete_command(args: argparse.Namespace) -> int:
    from kicktimer.app.season import SeasonFiles
    from kicktimer.app.terminal import text_table  # wcwidth only when a table is printed

    data = _data(args.data_dir)
    files = SeasonFiles(data / "recordings", data / "squad.yaml", _libraries(args.data_dir))
    shown = files.shown(args.name)
    page = shown.page
    if not page.runs and not shown.in_squad:
        alike = did_you_mean(files.names(), args.name)
        print(f"kicktimer athlete: no {args.name!r} in the squad or in the recordings in {data / 'recordings'}"
              + (f": {alike}" if alike else ""), file=sys.stderr)  # fmt: skip
        return 1
    print(shown.who)
    if page.times:
        print("\nRace times\n" + "\n".join(text_table(TIME_HEADER, time_cells(page.times))))
    if page.runs:
        print("\nRecordings\n" + "\n".join(text_table(RUN_HEADER, [run_cells(r) for r in page.runs])))
    for kind in page.kinds:
        print(f"\n{kind_summary(kind)}\n" + "\n".join(text_table(KIND_HEADER, kind_cells(kind))))
    if shown.standings:
        print("\nProgressions\n" + "\n".join(shown.standings))
    return 0
