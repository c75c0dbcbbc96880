"""The athlete page as text cells: the window's tables and `kicktimer athlete` show the same thing."""

from __future__ import annotations

from dataclasses import dataclass

from kicktimer.core.language.quantities import format_clock
from kicktimer.core.review.review_table import clock_or_dash, format_delta
from kicktimer.core.season.athlete import AthletePage, RepKind, Run, TimeSeen
from kicktimer.core.season.progression import Standing
from kicktimer.core.season.squad import SquadAthlete


@dataclass(frozen=True)
class AthleteShown:
    """The page with what is said above it: who (recordings, squad, key, groups) and where they stand in each
    progression they are in."""

    page: AthletePage
    who: str  # "Ana · 12 recordings · in the squad (key 1; 800 group)"
    standings: tuple[str, ...] = ()
    in_squad: bool = False


RUN_HEADER = ["Date", "Session", "Status", "Reps", "vs target", "File"]
KIND_HEADER = ["Date", "Reps", "Mean rep", "vs target", "Fade", "Kick"]
TIME_HEADER = ["Race", "Time", "Date", "From"]


def when(run: Run) -> str:
    return f"{run.when.astimezone():%Y-%m-%d %H:%M}"


def run_cells(run: Run) -> list[str]:
    return [when(run), run.session, run.status, str(run.reps), format_delta(run.delta_s), run.file]


def kind_cells(kind: RepKind) -> list[list[str]]:
    """A kind of rep date by date: how many, the mean rep, against target, the fade over a set, the kick."""
    return [[f"{p.when.astimezone():%Y-%m-%d}", str(p.reps), clock_or_dash(p.split_s), format_delta(p.delta_s),
             format_delta(p.fade_s), clock_or_dash(p.kick_s) if p.kick_s is not None else ""]
            for p in kind.points]  # fmt: skip


KINDS_HEADER = ["Kind of rep", "Dates", "vs target", "Mean rep", "Kick"]


def kind_row(kind: RepKind) -> list[str]:
    """A kind of rep in a line: on how many dates, and from the first date to the last: the mean rep against
    target (when the reps had one), the mean rep, the kick."""
    deltas = [format_delta(p.delta_s) for p in kind.points if p.delta_s is not None]
    kicks = [clock_or_dash(p.kick_s) for p in kind.points if p.kick_s is not None]
    reps = [clock_or_dash(p.split_s) for p in kind.points]
    return [kind.label, str(len(kind.points)), _moved(deltas), _moved(reps), _moved(kicks)]


def kind_summary(kind: RepKind) -> str:
    """`200m race + 200m kick: 6 dates, 18 reps; vs target +1.20 → -0.30; kick 0:29 → 0:28` (the mean rep when
    the reps had no target)."""
    label, dates, against, mean, kick = kind_row(kind)
    text = f"{label}: {dates} date{'s' if dates != '1' else ''}, {kind.reps} rep{'s' if kind.reps != 1 else ''}; "
    text += f"vs target {against}" if against else f"mean rep {mean}"
    return text + (f"; kick {kick}" if kick else "")


def _moved(shown: list[str]) -> str:
    """The first and the last: `+1.20 → -0.30`; one alone as it is; nothing as nothing."""
    return "" if not shown else shown[0] if len(shown) == 1 else f"{shown[0]} → {shown[-1]}"


def time_cells(times: tuple[TimeSeen, ...]) -> list[list[str]]:
    return [[t.race, format_clock(t.time_s), "undated" if t.on is None else t.on.isoformat(),
             "squad" if t.source == "squad" else "as a recording used it"] for t in times]  # fmt: skip


def who(page: AthletePage, member: SquadAthlete | None) -> str:
    """`Ana · 12 recordings · in the squad (key 1; 800 group)`."""
    runs = len(page.runs)
    text = f"{page.name} · {runs} recording{'s' if runs != 1 else ''}"
    if member is None:
        return text + " · not in the squad"
    details = [f"key {member.key}"] if member.key else []
    details += [", ".join(member.groups)] if member.groups else []
    return text + " · in the squad" + (f" ({'; '.join(details)})" if details else "")


def standing_line(title: str, standing: Standing) -> str:
    """`Sprint progression: ran stage 4 on Tue 5 May; next: stage 5, Sprint progression 5: 8 hill sprints`."""
    after = "finished" if standing.next is None else f"next: stage {standing.next.number}, {standing.next.name}"
    return f"{title}: {standing.why}; {after}"
