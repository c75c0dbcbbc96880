"""The athlete page as text cells: the window's tables and `kicktimer athlete` show the same thing."""

from __future__ import annotations

from kicktimer.core.language.quantities import format_clock
from kicktimer.core.review.review_table import clock_or_dash, format_delta
from kicktimer.core.season.athlete import AthletePage, RepKind, Run, TimeSeen
from kicktimer.core.season.progression import Standing
from kicktimer.core.season.squad import SquadAthlete

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


def kind_summary(kind: RepKind) -> str:
    """`200m race + 200m kick: 6 dates, 18 reps; vs target +1.20 → -0.30; kick 0:29 → 0:28`: from the first date
    to the last, against target when the reps had one, else the mean rep."""
    dates = len(kind.points)
    text = f"{kind.label}: {dates} date{'s' if dates != 1 else ''}, {kind.reps} rep{'s' if kind.reps != 1 else ''}"
    deltas = [p.delta_s for p in kind.points if p.delta_s is not None]
    if deltas:
        text += f"; vs target {_moved([format_delta(d) for d in deltas])}"
    else:
        text += f"; mean rep {_moved([clock_or_dash(p.split_s) for p in kind.points])}"
    kicks = [clock_or_dash(p.kick_s) for p in kind.points if p.kick_s is not None]
    return text + (f"; kick {_moved(kicks)}" if kicks else "")


def _moved(shown: list[str]) -> str:
    return shown[0] if len(shown) == 1 else f"{shown[0]} → {shown[-1]}"


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
