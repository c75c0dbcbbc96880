"""Shared helpers for notation and plan tests."""

from __future__ import annotations

from kicktimer.core.language.notation import NotationError, NotationProblem, parse_workout
from kicktimer.core.language.plan import Athlete, Plan, Settings, build_plan

ANA = Athlete("Ana", {"800m": 128.0, "1500m": 262.5, "5k": 1000.0})
BEN = Athlete("Ben", {"mile": 275.0})


def expand(text: str, athletes: tuple[Athlete, ...] = (), settings: Settings | None = None) -> Plan:
    return build_plan("test", parse_workout(text), athletes, settings)


def work_labels(plan: Plan) -> list[str]:
    return [s.label for s in plan.steps if s.phase == "work"]


def sequence(plan: Plan) -> list[str]:
    """Compact form: labels, with `~` for a joined step and `[…]` for holds."""
    out = []
    for s in plan.steps:
        if s.phase == "hold":
            out.append(f"[{s.label}]")
        else:
            out.append(("~" if s.joined else "") + s.label)
    return out


def problems(text: str) -> list[NotationProblem]:
    try:
        parse_workout(text)
    except NotationError as error:
        return error.problems
    raise AssertionError(f"expected an error for {text!r}")
