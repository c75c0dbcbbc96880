"""The laps an activity export (TCX, FIT) writes for one athlete, with the speeds it may claim.

A lap faster than anyone runs (a key pressed twice: 100 m in 0.3 s) keeps its time and distance, but no
speed: neither its average nor its fastest segment is written, and the export says which lap it was. A mis-tap
never stops an export.
"""

from __future__ import annotations

from dataclasses import dataclass

from kicktimer.core.language.quantities import format_distance, format_split
from kicktimer.core.review.analysis import Review
from kicktimer.core.review.laps import Lap, athlete_laps
from kicktimer.core.review.splits import HUMAN_MAX_SPEED_M_S


@dataclass(frozen=True)
class ActivityLap:
    lap: Lap
    avg_speed_m_s: float | None  # None: unknown, or faster than anyone runs
    max_speed_m_s: float | None


@dataclass(frozen=True)
class ActivityLaps:
    laps: list[ActivityLap]
    notes: list[str]  # what was left out, and why, for the coach

    @property
    def avg_speed_m_s(self) -> float | None:
        """The known distance over the whole timer time; None when nothing is known, or it is not plausible."""
        metres, seconds = sum(a.lap.distance_m or 0.0 for a in self.laps), sum(a.lap.timer_s for a in self.laps)
        speed = metres / seconds if metres and seconds > 0 else None
        return speed if speed is not None and speed <= HUMAN_MAX_SPEED_M_S else None

    @property
    def max_speed_m_s(self) -> float | None:
        return max((a.max_speed_m_s for a in self.laps if a.max_speed_m_s is not None), default=None)


def activity_laps(result: Review, athlete: int) -> ActivityLaps:
    laps, notes = [], []
    for number, lap in enumerate(athlete_laps(result, athlete), start=1):
        avg = lap.avg_speed_m_s
        if avg is not None and avg > HUMAN_MAX_SPEED_M_S:
            notes.append(f"lap {number} ({lap.name}): {format_distance(lap.distance_m or 0.0)} in "
                         f"{format_split(lap.timer_s)} is {avg:.1f} m/s, faster than anyone runs (a key "
                         "pressed twice?); the lap is written without a speed")  # fmt: skip
            laps.append(ActivityLap(lap, None, None))
        else:
            laps.append(ActivityLap(lap, avg, lap.max_speed_m_s))
    return ActivityLaps(laps, notes)
