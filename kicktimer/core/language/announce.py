"""Spoken announcements (when `settings.voice` is on): what comes next, in words a speech engine reads well."""

from __future__ import annotations

import re

from kicktimer.core.language.plan import Plan, PlanStep
from kicktimer.core.language.quantities import parse_distance_m, parse_duration_range_s, parse_duration_s

_LEVELS = ("Rep", "set", "round", "cycle")


def spoken_seconds(seconds: float) -> str:
    whole = round(seconds)
    if whole < 100:
        return f"{whole} seconds"
    minutes, secs = divmod(whole, 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}" + (f" {secs}" if secs else "")


def _word(word: str) -> str:
    if word.startswith("@"):
        race = word[1:]
        return f"at {race} pace" if re.fullmatch(r"[a-z0-9]+", race) else f"at {race}"
    distance = parse_distance_m(word)
    if distance is not None and word[:1].isdigit():
        number = word.rstrip("abcdefghijklmnopqrstuvwxyz")
        unit = word[len(number) :]
        return f"{number} " + {"m": "metres", "k": "kilometres", "km": "kilometres", "mi": "miles", "mile": "miles",
                               "yd": "yards"}[unit]  # fmt: skip
    duration = parse_duration_s(word)
    if duration is not None:
        return spoken_seconds(duration)
    bounds = parse_duration_range_s(word)
    if bounds is not None:
        return f"{spoken_seconds(bounds[0])} to {spoken_seconds(bounds[1])}"
    return word


def announcement(plan: Plan, step: PlanStep) -> str:
    """ "Rep 3 of 8. 400 metres at 3k pace. Target 68 seconds." for the first athlete's target."""
    parts = []
    if step.where:
        parts.append(", ".join(f"{_LEVELS[min(i, 3)]} {n} of {of}" for i, (n, of) in enumerate(step.where)))
    segments = [s for s in plan.steps if step.rep is not None and s.rep == step.rep] or [step]
    parts.append(", then ".join(" ".join(_word(w) for w in s.label.split()) for s in segments))
    target = step.targets[0] if step.targets else None
    if target is not None:
        parts.append(f"Target {spoken_seconds(target.value)}")
    return ". ".join(parts) + "."
