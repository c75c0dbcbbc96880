"""intervals.icu workout text for one athlete: a section per block, `Nx` repeats, `mtr`/`km` distances, the
athlete's pace as an absolute range (`3:07-3:20/km Pace`), `press lap` for steps that end on a tap.

intervals.icu reads `m` as minutes and has no nested repeats: distances are written `200mtr`, step names lose
their quantities (`200m kick` is cued as `kick`), and a repeat inside a repeat is written out pass by pass.
"""

from __future__ import annotations

import re

from kicktimer.core.language.quantities import METRES_PER_MILE
from kicktimer.core.language.watch import WatchItem, WatchRepeat, WatchStep, unroll

TOLERANCE = 0.025  # as in the FIT workout: the target speed ±2.5%
_CUE_WORD = re.compile(r"[^\W\d_][\w'-]*")
_CUE_DROP = frozenset({"x", "r", "R", "open", "rest", "press", "lap", "ramp", "freeride", "pace", "mtr", "km", "mi"})


def _clock(seconds: float) -> str:
    whole = round(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _duration(seconds: float) -> str:
    """`15m`, `30s`, `1m30s`, `1h5m`: intervals.icu's durations."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "") + (f"{secs}s" if secs else "")
    return text or "0s"


def _distance(metres: float) -> str:
    if abs(metres - METRES_PER_MILE) < 1e-3:
        return "1mi"
    if metres >= 1000 and abs(metres / 100 - round(metres / 100)) < 1e-6:
        return f"{metres / 1000:g}km"
    return f"{round(metres)}mtr"


def _cue(step: WatchStep) -> str:
    """The step's words, no quantities or targets (`200m kick` → `kick`; `R 2:00 walk down` → `Recovery walk
    down`); every word intervals.icu would read as part of the step is left out."""
    words = [w for w in step.name.split() if _CUE_WORD.fullmatch(w) and w.casefold() not in _CUE_DROP]
    if step.phase == "recovery":
        words = ["Recovery", *words]
    elif step.is_hold:
        words = ["Ready", *words]
    return " ".join(words)


def _pace(step: WatchStep) -> str:
    speed = step.speed_m_s[0] if step.speed_m_s else None
    if not speed or step.phase != "work" or step.ends == "open":
        return ""
    fast, slow = 1000 / (speed * (1 + TOLERANCE)), 1000 / (speed * (1 - TOLERANCE))
    return f" {_clock(fast)}-{_clock(slow)}/km Pace"


def step_line(step: WatchStep) -> str:
    if step.ends == "distance" and step.distance_m:
        amount = _distance(step.distance_m)
    elif step.ends == "time" and step.duration_s:
        amount = _duration(step.duration_s)
    else:
        amount = "press lap"
    return "- " + " ".join(part for part in (_cue(step), amount) if part) + _pace(step)


def _title(text: str) -> str:
    """A section title that cannot be read as a repeat count or a step."""
    return re.sub(r"\s+\d+\s*x$", "", text.replace("-", " ")).strip() or "Set"


def icu_text(items: list[WatchItem]) -> str:
    """The workout as intervals.icu text (one athlete's targets in each step's `speed_m_s`)."""
    out: list[str] = []
    title = None
    for item in items:
        first = next(unroll([item]))
        if first.is_hold or first.note != title:
            title = first.note
            out += ["", _title(first.name if first.is_hold else first.note or "Main set")]
            if first.is_hold:
                out.append(step_line(first))
                continue
        if isinstance(item, WatchRepeat):
            out += ["", f"{item.count}x", *(step_line(s) for s in unroll(item.body)), ""]
        else:
            out.append(step_line(item))
    text = "\n".join(out).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"
