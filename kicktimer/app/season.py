"""What the athlete page reads, in the window and the terminal alike: the squad, every recording, the
progressions in the session libraries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kicktimer.core.season.athlete_table import AthleteShown, standing_line, who
from kicktimer.core.season.progression import standing
from kicktimer.core.season.squad import Squad
from kicktimer.io.recordings import RecordingCache, history
from kicktimer.io.season import completions, progressions, season_page
from kicktimer.io.squad import SquadFileError, load_squad


def squad_or_problem(path: Path) -> tuple[Squad, str | None]:
    """The squad, or an empty one and the file's first problem (the recordings still say what happened)."""
    try:
        return load_squad(path), None
    except SquadFileError as error:
        more = len(error.problems) - 1
        return Squad(), f"{error.problems[0]}" + (f" (and {more} more)" if more else "")


def athlete_names(recordings: Path, squad_file: Path) -> list[str]:
    """The squad's athletes, then anyone else the recordings name."""
    squad, _ = squad_or_problem(squad_file)
    found = {a.name.casefold(): a.name for a in squad.athletes}
    for entry in history(recordings):
        for name in entry.athletes:
            found.setdefault(name.casefold(), name)
    return list(found.values())


def athlete_shown(recordings: Path, squad_file: Path, libraries: list[Path]) -> Callable[[str], AthleteShown]:
    """The page of an athlete by name, with who they are and where they stand in each progression they are in;
    recordings are read once while the returned function lives."""
    cache = RecordingCache()

    def shown(name: str) -> AthleteShown:
        squad, problem = squad_or_problem(squad_file)
        entries = history(recordings)
        page = season_page(name, entries, squad, cache)
        member = squad.find(name)
        done, marks = completions(entries), member.marks if member is not None else ()
        stands = [(p.title, standing(p, page.name, done, marks)) for p in progressions(libraries)]
        lines = tuple(standing_line(title, s) for title, s in stands if s.started)
        heading = who(page, member) + (f" · the squad file has a problem: {problem}" if problem else "")
        return AthleteShown(page, heading, lines, member is not None)

    return shown
