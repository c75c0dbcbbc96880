"""Colours per phase and gear, in a high-contrast sunlight theme and a dark theme; text colour by contrast."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from kicktimer.core.run.engine import Snapshot

PHASE_COLOURS = {"hold": "#5b6770", "recovery": "#1f6fb2", "work": "#c23b22"}
GEAR_COLOURS = {
    "walk": "#3c8d5a", "jog": "#3c8d5a", "easy": "#3c8d5a", "float": "#4f9d69",
    "steady": "#b08900", "tempo": "#c77c00",
    "race": "#c23b22", "hard": "#c23b22", "fast": "#d0402a",
    "kick": "#8e1bb5", "sprint": "#8e1bb5", "accel": "#a33fbf",
    "bound": "#9a5b13", "stride": "#b3541e",
    "hill": "#6d4c41", "uphill": "#6d4c41", "downhill": "#7c6a5d",
}  # fmt: skip


@dataclass(frozen=True)
class Theme:
    name: str
    phases: dict[str, str]
    gears: dict[str, str]
    countdown: str
    faster: str
    slower: str
    text_family: str = "DejaVu Sans"
    clock_family: str = "DejaVu Sans Mono"
    done: str = field(default="#2e7d32")


SUNLIGHT = Theme(
    "sunlight",
    {"hold": "#e6e6e6", "recovery": "#0057ff", "work": "#ff2a00"},
    {
        "walk": "#00c853", "jog": "#00c853", "easy": "#00c853", "float": "#64dd17", "steady": "#ffd600",
        "tempo": "#ffab00", "race": "#ff2a00", "hard": "#ff2a00", "fast": "#ff3d00", "kick": "#d500f9",
        "sprint": "#d500f9", "accel": "#e040fb", "bound": "#ff6d00", "stride": "#ff9100", "hill": "#8d6e63",
        "uphill": "#8d6e63", "downhill": "#a1887f",
    },
    countdown="#ffea00",
    faster="#004d00",
    slower="#8b0000",
)  # fmt: skip
DARK = Theme("dark", PHASE_COLOURS, GEAR_COLOURS, countdown="#b38f00", faster="#7dff7d", slower="#ff8080")
THEMES = {t.name: t for t in (SUNLIGHT, DARK)}


def contrast_text(background: QColor) -> QColor:
    """Black or white, whichever reads better on `background` (WCAG relative luminance)."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    luminance = (
        0.2126 * channel(background.red()) + 0.7152 * channel(background.green()) + 0.0722 * channel(background.blue())
    )
    return QColor("black") if luminance > 0.179 else QColor("white")


def step_colour(phase: str, gear: str | None, theme: Theme = DARK) -> QColor:
    if phase == "work" and gear in theme.gears:
        return QColor(theme.gears[gear])
    return QColor(theme.phases.get(phase, theme.phases["hold"]))


def background_for(snap: Snapshot, theme: Theme, countdown_s: float) -> tuple[QColor, QColor]:
    """The screen's colour and its text colour: by gear in work, recovery, hold, and countdown before work."""
    step = snap.step
    if snap.status in ("complete", "ended"):
        colour = QColor(theme.done)
    elif (
        step.phase == "recovery"
        and snap.remaining_s is not None
        and snap.next_step is not None
        and snap.next_step.phase == "work"
        and snap.remaining_s <= countdown_s
    ):
        colour = QColor(theme.countdown)
    else:
        colour = step_colour(step.phase, step.gear, theme)
    return colour, contrast_text(colour)


def delta_colour(delta_s: float, theme: Theme) -> QColor:
    return QColor(theme.faster if delta_s <= 0 else theme.slower)
