"""The rep table of a review, as text cells: the GUI's table and `kicktimer review` show the same thing."""

from __future__ import annotations

from kicktimer.core.language.plan import describe_where
from kicktimer.core.language.quantities import format_clock, format_split
from kicktimer.core.language.roster import name_key
from kicktimer.core.review.analysis import AthleteReview
from kicktimer.core.review.splits import RepRow
from kicktimer.core.review.stats import kick_s, kick_too_fast

TOO_FAST_MARK = "⚠ "  # before a split no one runs (a double tap): see summary_lines
REP_HEADER = ["Block", "Rep", "Where", "What", "Target", "Actual", "Δ", "Segments", "Kick"]


def clock_or_dash(seconds: float | None) -> str:
    """A target as the coach wrote it: `0:32`, `1:08.5`."""
    return "–" if seconds is None else format_clock(round(seconds, 2))


def split_or_dash(seconds: float | None) -> str:
    """A measured time, always to the hundredth, so a column of them lines up: `1:20.90` beside `1:21.17`."""
    return "–" if seconds is None else format_split(seconds)


def format_delta(seconds: float | None) -> str:
    """-1.2 → `-1.20`, 0.35 → `+0.35`: two decimals, always signed."""
    return "" if seconds is None else f"{seconds:+.2f}"


def rep_cells(athlete: AthleteReview, block_titles: tuple[str | None, ...]) -> list[list[str]]:
    """One row per rep: where it stands, its target, actual and delta, the segment splits and the kick."""
    rows = []
    for row, number in zip(athlete.reps, athlete.rep_numbers, strict=True):
        segments = " / ".join(split_or_dash(s) for s in row.segment_s) if len(row.steps) > 1 else ""
        if row.laps:
            segments = " / ".join(split_or_dash(lap.duration_s) for lap in row.laps) + " (laps)"
        kick = kick_s(row)
        flag = TOO_FAST_MARK if kick_too_fast(row) else ""
        rows.append([
            block_titles[row.block] or str(row.block + 1), str(number), describe_where(row.where), row.label,
            _target(row), split_or_dash(row.total_s), format_delta(row.delta_s), segments,
            "" if kick is None else flag + split_or_dash(kick),
        ])  # fmt: skip
    return rows


def _target(row: RepRow) -> str:
    """The rep's target; when only some segments have one, which (the delta compares those alone)."""
    targeted = [label for label, t in zip(row.segment_labels, row.segment_target_s, strict=True) if t is not None]
    text = clock_or_dash(row.target_s)
    return text if row.target_s is None or len(targeted) == len(row.steps) else f"{text} ({', '.join(targeted)})"


def summary_lines(athlete: AthleteReview, block_titles: tuple[str | None, ...]) -> list[str]:
    """The fade per block, and the averages a coach compares across dates."""
    lines = []
    for fade in athlete.fades:
        block = block_titles[fade.block] or f"block {fade.block + 1}"
        lines.append(f"Fade ({block}): first {split_or_dash(fade.first_s)}, last {split_or_dash(fade.last_s)}, "
                     f"{format_delta(fade.fade_s)} s ({fade.fade_pct:+.1f}%)")  # fmt: skip
    if athlete.main_label and athlete.average_rep_s is not None:
        lines.append(f"Average {athlete.main_label}: {split_or_dash(athlete.average_rep_s)}")
    if athlete.average_kick_s is not None:
        lines.append(f"Average kick: {split_or_dash(athlete.average_kick_s)}")
    return lines + too_fast_lines(athlete)


def too_fast_lines(athlete: AthleteReview) -> list[str]:
    """Each split too fast to be real, and what to do about it (it is left out of the averages and plots)."""
    lines = []
    for row, number in zip(athlete.reps, athlete.rep_numbers, strict=True):
        last, kick_bad = len(row.steps) - 1, kick_too_fast(row)
        for k in sorted(set(row.too_fast) | ({last} if kick_bad else set())):
            seconds = kick_s(row) if k == last and kick_bad else row.segment_s[k]
            lines.append(f"{TOO_FAST_MARK}Rep {number}, {row.segment_labels[k]}: {split_or_dash(seconds)} is too "
                         "fast to be real (a double tap?): move or delete the tap; it is left out of the averages "
                         "and the plot")  # fmt: skip
    return lines


def history_matches(session_name: str, athletes: tuple[str, ...], session: str | None, athlete: str | None) -> bool:
    """The history's filter, for `kicktimer history` and the review window alike: the session's name contains
    `session` (ignoring case), and one athlete is `athlete` (as name_key compares names); an empty filter lets
    everything through."""
    if session and session.casefold() not in session_name.casefold():
        return False
    return not athlete or name_key(athlete) in (name_key(a) for a in athletes)
