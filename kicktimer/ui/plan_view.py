"""The browser's plan table: every step, its phase in its gear's colour, each athlete's target; and the line
under it that sums the session up."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QTableWidget, QTableWidgetItem

from kicktimer.core.language.plan import Plan
from kicktimer.core.language.plan_table import plan_rows
from kicktimer.core.language.quantities import format_clock, format_distance
from kicktimer.ui.style import contrast_text, step_colour


def fill_plan_table(table: QTableWidget, plan: Plan | None, targets: bool) -> str:
    """The plan in the table (with each athlete's targets when `targets`: a wrong roster shows none, rather than
    stale ones); returns the summary to show under it."""
    table.clear()
    if plan is None:
        table.setRowCount(0)
        return "This session cannot run until the problems above are fixed."
    header = ["#", "Phase", "What", "Where", "Ends", "Clock", *(a.name for a in plan.athletes if targets)]
    rows = [row[: len(header)] for row in plan_rows(plan)]
    table.setColumnCount(len(header))
    table.setHorizontalHeaderLabels(header)
    table.setRowCount(len(rows))
    for r, (step, row) in enumerate(zip(plan.steps, rows, strict=True)):
        colour = step_colour(step.phase, step.gear)
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            if c == 1:
                cell.setBackground(colour)
                cell.setForeground(contrast_text(colour))
            table.setItem(r, c, cell)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    taps = sum(1 for s in plan.steps if s.ends == "tap" and s.phase != "hold")
    return (
        f"{len(plan.steps)} steps · fixed time {format_clock(plan.total_fixed_s)} + {taps} tap-ended steps"
        f" · work distance {format_distance(plan.work_distance_m)}"
        + ("" if targets else " · no targets until the roster below is fixed")
    )
