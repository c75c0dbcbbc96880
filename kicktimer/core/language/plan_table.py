"""The plan as `kicktimer plan` prints it: the readable table a coach pins to a clipboard, and the JSON for other
programs. Both grow with the plan and nothing else."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from kicktimer.core.language.paces import Estimate, format_target
from kicktimer.core.language.plan import Plan, PlanStep, describe_where
from kicktimer.core.language.quantities import count_of, format_clock, format_distance, tidy_floats
from kicktimer.core.language.start_points import start_points

MAX_CELL_CHARS = 60  # a hold shows its whole line; the table shows its start, so no column grows with the plan


def _figure(estimate: Estimate | None, distance: bool = False) -> str:
    if estimate is None:
        return "–"
    if not distance:
        return format_target(estimate)
    return format_distance(estimate.value) + ("*" if estimate.estimated else "")


def _cell(text: str) -> str:
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def _ends(step: PlanStep) -> str:
    if step.ends == "time" and step.duration_s:
        return format_clock(step.duration_s)
    if step.min_duration_s is not None and step.duration_s is not None:
        return f"tap {format_clock(step.min_duration_s)}-{format_clock(step.duration_s)}"
    return "tap"


def plan_rows(plan: Plan) -> list[list[str]]:
    """One row per step: #, phase, what, where, ends, running clock, one column per athlete."""
    rows: list[list[str]] = []
    clock_s = 0.0
    for step in plan.steps:
        if step.ends == "time" and step.duration_s is not None:
            clock_s += step.duration_s
            clock = format_clock(clock_s)
        else:
            clock = "+tap"
        what = ("→ " if step.joined else "") + _cell(step.label)
        if step.phase == "hold":
            what = f"── {_cell(step.label)} ──"
        per_athlete = [
            _figure(t) if t is not None else _figure(e, distance=True) if e is not None else "–"
            for t, e in zip(step.targets, step.expected_m, strict=True)
        ]
        rows.append([str(step.index), step.phase, what, describe_where(step.where), _ends(step), clock, *per_athlete])
    return rows


def text_table(header: list[str], rows: list[list[str]], width: Callable[[str], int] = len) -> list[str]:
    """Columns padded to their widest cell, a rule under the header: for a terminal or a printout. `width` is
    how many columns a cell takes on screen (a terminal's reading of Unicode, given by the caller: 李娜 takes 4,
    a combining accent none); `len` counts characters."""
    everything = [header, *rows]
    widths = [max(width(r[i]) for r in everything) for i in range(len(header))]
    lines = ["  ".join(cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True)).rstrip()
             for row in everything]  # fmt: skip
    lines.insert(1, "  ".join("-" * w for w in widths))
    return lines


def render_table(plan: Plan, width: Callable[[str], int] = len) -> str:
    """The plan as text; the `from` column names where `kicktimer run --from` can start (block, block.rep)."""
    header = ["from", "#", "phase", "what", "where", "ends", "clock", *(a.name for a in plan.athletes)]
    codes = {point.step: point.code for point in start_points(plan)}
    lines = text_table(header, [[codes.get(i, ""), *row] for i, row in enumerate(plan_rows(plan))], width)
    taps = sum(1 for s in plan.steps if s.ends == "tap" and s.phase != "hold")
    estimated = any(t is not None and t.estimated for s in plan.steps for t in (*s.targets, *s.expected_m))
    lines.append("")
    lines.append(
        f"{plan.name}: {count_of(len(plan.steps), 'step')}, fixed time {format_clock(plan.total_fixed_s)}"
        f" + {taps} tap-ended steps, work distance {format_distance(plan.work_distance_m)}"
    )
    if estimated:
        lines.append("* estimated from another race time (Riegel, exponent 1.06)")
    return "\n".join(lines)


def plan_json(plan: dict[str, Any]) -> str:
    """The plan as JSON, one step per line: readable, and written by json's C encoder (indent= is pure Python,
    several times slower on a 10,000-step plan). Never NaN or Infinity: the checker's limits keep every figure
    finite, and allow_nan=False would say so loudly."""

    def dump(value: object) -> str:
        return json.dumps(tidy_floats(value), ensure_ascii=False, allow_nan=False)

    parts = []
    for key, value in plan.items():
        if key == "steps":
            steps = ",\n".join(f"  {dump(step)}" for step in value)
            parts.append(f'"steps": [\n{steps}\n]')
        else:
            parts.append(f"{dump(key)}: {dump(value)}")
    return "{" + ", ".join(parts) + "}"
