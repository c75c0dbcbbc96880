"""Colours per phase and gear: the same palette for the plan table now and the live view later."""

from __future__ import annotations

from PySide6.QtGui import QColor

PHASE_COLOURS = {"hold": "#5b6770", "recovery": "#1f6fb2", "work": "#c23b22"}
GEAR_COLOURS = {
    "walk": "#3c8d5a",
    "jog": "#3c8d5a",
    "easy": "#3c8d5a",
    "float": "#4f9d69",
    "steady": "#b08900",
    "tempo": "#c77c00",
    "race": "#c23b22",
    "hard": "#c23b22",
    "fast": "#d0402a",
    "kick": "#8e1bb5",
    "sprint": "#8e1bb5",
    "accel": "#a33fbf",
    "bound": "#9a5b13",
    "stride": "#b3541e",
    "hill": "#6d4c41",
    "uphill": "#6d4c41",
    "downhill": "#7c6a5d",
}


def step_colour(phase: str, gear: str | None) -> QColor:
    if phase == "work" and gear in GEAR_COLOURS:
        return QColor(GEAR_COLOURS[gear])
    return QColor(PHASE_COLOURS.get(phase, "#5b6770"))
