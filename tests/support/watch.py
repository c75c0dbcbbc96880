"""The plan as a watch runs it: nobody there to ask, so a repeat range runs its upper count with no hold before
its optional reps, and a duration range (`8-10s`) is a timed step of its upper bound."""

from __future__ import annotations

import re
from dataclasses import replace

from kicktimer.core.language.plan import Plan, PlanStep

_RANGE_WORD = re.compile(r"^((?:R |Rest )?)\S*?[-–](\S+)")


def on_a_watch(plan: Plan) -> list[PlanStep]:
    steps = []
    for step in plan.steps:
        if step.skip_to is not None:
            continue  # the hold before an optional rep
        steps.append(replace(step, ends="time") if step.min_duration_s is not None else step)
    return steps


def read_back_label(step: PlanStep) -> str:
    """The label a workout read back from a watch gives the step: a range is its upper bound there
    (`8-10s hill sprint` → `10s hill sprint`, `R 60-90s` → `R 90s`)."""
    return _RANGE_WORD.sub(r"\1\2", step.label) if step.min_duration_s is not None else step.label
