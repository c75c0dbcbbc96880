"""How hard a part of the plan is, in the words training software uses: warm-up, active, rest, cool-down.

intervals.icu, Garmin Connect and TrainingPeaks count an `active` lap as a work interval, so a 15-minute jog
before the main set must say `warmup`, not `active`.
"""

from __future__ import annotations

import re
from typing import Literal

from kicktimer.core.language.plan import Plan

Intensity = Literal["warmup", "active", "rest", "cooldown"]
EASY_GEARS = frozenset({"walk", "jog", "easy", "float"})


def _title_intensity(title: str) -> Intensity | None:
    words = re.sub(r"[^a-z]", "", title.casefold())
    if words.startswith(("warmup", "warmingup")):
        return "warmup"
    if words.startswith(("cooldown", "warmdown", "coolingdown")):
        return "cooldown"
    return None


def block_intensity(plan: Plan, block: int) -> Intensity:
    """A block titled Warm-up / Cool-down is that; otherwise a first or last block of only easy running
    (`15min jog`, `Easy run: 40min easy`) is one; everything else is active."""
    title = plan.block_titles[block] if block < len(plan.block_titles) else None
    named = _title_intensity(title) if title else None
    if named is not None:
        return named
    last = len(plan.block_titles) - 1
    work = [s for s in plan.steps if s.block == block and s.phase == "work"]
    easy = bool(work) and all(s.gear in EASY_GEARS for s in work)
    if easy and block == 0 and last > 0:
        return "warmup"
    if easy and block == last and last > 0:
        return "cooldown"
    return "active"


HILL_GEARS = frozenset({"hill", "uphill", "downhill"})


def on_track(plan: Plan) -> bool:
    """Run on a track: no hill in it, and most of the work measured in metres (not counted exercises)."""
    work = [s for s in plan.steps if s.phase == "work"]
    if any(s.gear in HILL_GEARS for s in work):
        return False
    return 2 * sum(s.kind == "distance" for s in work) > len(work)
