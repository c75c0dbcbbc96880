"""Today's athletes as a coach types them (name, race times): read, or the first mistake with its place.

Names are keys on the track (1-9) and in the review, so two names that differ only in case ("Ana", "ana") are
one athlete twice: refused. Race times are checked for sense (`race_time_problem`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from kicktimer.core.language.paces import parse_paces_text
from kicktimer.core.language.plan import Athlete


@dataclass(frozen=True)
class RosterProblem:
    row: int  # 0-based
    column: int  # 0: the name, 1: the race times
    message: str

    def __str__(self) -> str:
        return self.message


def name_key(name: str) -> str:
    """What makes two names one athlete: the same letters, ignoring case and the spaces around them, however
    the keyboard composed them ("Zoë" typed as one character or as e and a combining diaeresis: NFC)."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name.strip()).casefold())


def same_names(names: Sequence[str]) -> list[tuple[int, int]]:
    """Every name that repeats an earlier one ignoring case (and spaces around them), as (earlier, later)."""
    seen: dict[str, int] = {}
    found = []
    for index, name in enumerate(names):
        key = name_key(name)
        if key in seen:
            found.append((seen[key], index))
        else:
            seen[key] = index
    return found


def roster_problem(rows: Sequence[tuple[str, str]]) -> RosterProblem | None:
    """The first thing wrong with a roster of (name, race times) rows, or None."""
    names = [name.strip() for name, _ in rows]
    for row, name in enumerate(names):
        if not name:
            return RosterProblem(row, 0, f"athlete {row + 1} needs a name")
    for first, second in same_names(names)[:1]:
        return RosterProblem(second, 0, f'"{names[second]}" and "{names[first]}" are the same name; give each '
                                        "athlete a different one")  # fmt: skip
    for row, (name, paces) in enumerate(rows):
        try:
            parse_paces_text(paces)
        except ValueError as error:
            return RosterProblem(row, 1, f"{name.strip()}: {error}")
    return None


def read_roster(rows: Sequence[tuple[str, str]]) -> tuple[Athlete, ...]:
    """The athletes; ValueError with the first problem when the roster does not read."""
    problem = roster_problem(rows)
    if problem is not None:
        raise ValueError(problem.message)
    return tuple(Athlete(name.strip(), parse_paces_text(paces)) for name, paces in rows)
