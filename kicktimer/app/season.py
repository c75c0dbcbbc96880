"""What the athlete page reads, in the window and the terminal alike: the squad, every recording, the
progressions in the session libraries."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kicktimer.core.language.roster import name_key
from kicktimer.core.season.athlete_table import AthleteShown, standing_line, who
from kicktimer.core.season.progression import StageToday, propose, stage_number, standing
from kicktimer.core.season.squad import Mark, Squad, StageMark
from kicktimer.io.recordings import RecordingCache
from kicktimer.io.season import completions, progression_in, progressions, season_page
from kicktimer.io.squad import SquadFileError, load_squad
from kicktimer.io.squad_edit import add_mark, all_of, change_squad


def squad_and_problems(path: Path) -> tuple[Squad, tuple[str, ...]]:
    """The squad, or an empty one and every problem of its file, each at its place."""
    try:
        return load_squad(path), ()
    except SquadFileError as error:
        return Squad(), tuple(str(p) for p in error.problems)


def squad_or_problem(path: Path) -> tuple[Squad, str | None]:
    """The squad, or an empty one and the file's first problem (the recordings still say what happened)."""
    squad, problems = squad_and_problems(path)
    more = len(problems) - 1
    return squad, (problems[0] + (f" (and {more} more: the browser lists them)" if more else "")) if problems else None


class SeasonFiles:
    """What the athlete page reads, each recording once while its file is unchanged."""

    def __init__(self, recordings: Path, squad_file: Path, libraries: list[Path]) -> None:
        self.recordings, self.squad_file, self.libraries = recordings, squad_file, libraries
        self.cache = RecordingCache()

    def names(self) -> list[str]:
        """The squad's athletes, then anyone else the recordings name."""
        squad, _ = squad_or_problem(self.squad_file)
        found = {name_key(a.name): a.name for a in squad.athletes}
        for entry in self.cache.history(self.recordings):
            for name in entry.athletes:
                found.setdefault(name_key(name), name)
        return list(found.values())

    def stage(self, path: Path, names: tuple[str, ...]) -> StageToday | None:
        """The session at `path` as a stage of its folder's progression, with the stage proposed for `names`."""
        prog = progression_in(path.parent)
        number = stage_number(path.name)
        if prog is None or number is None or prog.stage(number) is None:
            return None
        squad, _ = squad_or_problem(self.squad_file)
        marks = {name_key(a.name): a.marks for a in squad.athletes}
        done = completions(self.cache.history(self.recordings))
        return StageToday(prog.id, number, propose(prog, names, done, marks))

    def mark(self, progression: str, stage: int, mark: Mark, names: tuple[str, ...]) -> str | None:
        """The stage marked for each athlete named, at this minute; what stopped it, if anything."""
        moment = datetime.now().astimezone()
        changes = [add_mark(name, StageMark(progression, stage, mark, moment)) for name in names]
        try:
            change_squad(self.squad_file, all_of(changes))
        except SquadFileError as error:
            return str(error.problems[0])
        except (ValueError, OSError) as error:
            return str(error)
        return None

    def shown(self, name: str) -> AthleteShown:
        """The page of an athlete by name, with who they are and where they stand in each progression they are
        in."""
        squad, problem = squad_or_problem(self.squad_file)
        entries = self.cache.history(self.recordings)
        page = season_page(name, entries, squad, self.cache)
        member = squad.find(name)
        done, marks = completions(entries), member.marks if member is not None else ()
        stands = [(p.title, standing(p, page.name, done, marks)) for p in progressions(self.libraries)]
        lines = tuple(standing_line(title, s) for title, s in stands if s.started)
        heading = who(page, member) + (f" · the squad file has a problem: {problem}" if problem else "")
        return AthleteShown(page, heading, lines, member is not None)
