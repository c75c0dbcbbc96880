"""Colours per phase and gear, in a high-contrast sunlight theme and a dark theme, and every text colour drawn on
them. Text is black or white by contrast; a result (an athlete's tile) is a block of its own, so a split's green or
red never sits on a phase colour. `text_pairs` lists every (text, background) a theme can put on screen: the tests
hold each pair to WCAG's 4.5:1."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtGui import QColor

from kicktimer.core.run.state import Snapshot

PHASE_COLOURS = {"hold": "#5b6770", "recovery": "#1f6fb2", "work": "#c23b22"}
GEAR_COLOURS = {
    "walk": "#3c8d5a", "jog": "#3c8d5a", "easy": "#3c8d5a", "float": "#4f9d69",
    "steady": "#b08900", "tempo": "#c77c00",
    "race": "#c23b22", "hard": "#c23b22", "fast": "#d0402a",
    "kick": "#8e1bb5", "sprint": "#8e1bb5", "accel": "#a33fbf",
    "bound": "#9a5b13", "stride": "#b3541e",
    "hill": "#6d4c41", "uphill": "#6d4c41", "downhill": "#7c6a5d",
}  # fmt: skip
# A split's delta: dark green / dark red on a light block, light ones on a dark block (each >= 7:1 there).
DELTA_ON_LIGHT = ("#004d00", "#8b0000")  # (faster, slower)
DELTA_ON_DARK = ("#7dff7d", "#ff8080")
WCAG_AA = 4.5


@dataclass(frozen=True)
class Theme:
    name: str
    phases: dict[str, str]
    gears: dict[str, str]
    countdown: str
    paused: str  # the whole screen while paused: unlike any phase
    tile: str | None = None  # a tapped athlete's block; None: the screen's text colour (black or white)
    text_family: str = "DejaVu Sans"
    clock_family: str = "DejaVu Sans Mono"
    done: str = field(default="#2e7d32")

    def backgrounds(self) -> list[str]:
        """Every colour this theme can fill the screen with."""
        return [*self.phases.values(), *self.gears.values(), self.countdown, self.paused, self.done]


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
    paused="#000000",
)  # fmt: skip
DARK = Theme("dark", PHASE_COLOURS, GEAR_COLOURS, countdown="#b38f00", paused="#f2f2f2", tile="#101010")
THEMES = {t.name: t for t in (SUNLIGHT, DARK)}


def luminance(colour: QColor) -> float:
    """WCAG relative luminance."""

    def channel(c: int) -> float:
        v = c / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def contrast_text(background: QColor) -> QColor:
    """Black or white, whichever reads better on `background` (never below 4.58:1)."""
    return QColor("black") if luminance(background) > 0.179 else QColor("white")


@dataclass(frozen=True)
class Look:
    """The colours of one screen: its background and text, and an athlete's result block with its deltas."""

    background: QColor
    text: QColor
    tile: QColor
    tile_text: QColor
    faster: QColor
    slower: QColor

    def delta(self, delta_s: float) -> QColor:
        return self.faster if delta_s <= 0 else self.slower

    def inverted(self) -> Look:
        """The gear-change flash: text and background swap (the same pair, the same contrast)."""
        return Look(self.text, self.background, self.tile, self.tile_text, self.faster, self.slower)

    def text_colours(self) -> set[str]:
        return {c.name() for c in (self.text, self.background, self.tile_text, self.faster, self.slower)}


def look(background: QColor, theme: Theme) -> Look:
    text = contrast_text(background)
    tile = QColor(theme.tile) if theme.tile else text
    tile_text = contrast_text(tile)
    faster, slower = DELTA_ON_DARK if tile_text == QColor("white") else DELTA_ON_LIGHT
    return Look(background, text, tile, tile_text, QColor(faster), QColor(slower))


def text_pairs(theme: Theme) -> list[tuple[str, str, str]]:
    """(what, text colour, background) for every piece of text the live view can draw in this theme."""
    pairs = []
    for hex_colour in theme.backgrounds():
        seen = look(QColor(hex_colour), theme)
        pairs += [
            (f"text on {hex_colour}", seen.text.name(), seen.background.name()),
            (f"tile text on {hex_colour}", seen.tile_text.name(), seen.tile.name()),
            (f"faster on the tile on {hex_colour}", seen.faster.name(), seen.tile.name()),
            (f"slower on the tile on {hex_colour}", seen.slower.name(), seen.tile.name()),
        ]
    return pairs


def step_colour(phase: str, gear: str | None, theme: Theme = DARK) -> QColor:
    if phase == "work" and gear in theme.gears:
        return QColor(theme.gears[gear])
    return QColor(theme.phases.get(phase, theme.phases["hold"]))


def background_for(snap: Snapshot, theme: Theme, countdown_s: float) -> QColor:
    """The screen's colour: by gear in work, recovery, hold, the countdown before work; paused; done."""
    step = snap.step
    if snap.status in ("complete", "ended"):
        return QColor(theme.done)
    if snap.status == "paused":
        return QColor(theme.paused)
    if (
        step.phase == "recovery"
        and snap.remaining_s is not None
        and snap.next_step is not None
        and snap.next_step.phase == "work"
        and snap.remaining_s <= countdown_s
    ):
        return QColor(theme.countdown)
    return step_colour(step.phase, step.gear, theme)


def delta_colour(delta_s: float, background: QColor) -> QColor:
    """Green faster, red slower, in the tone that reads on `background`."""
    faster, slower = DELTA_ON_DARK if contrast_text(background) == QColor("white") else DELTA_ON_LIGHT
    return QColor(faster if delta_s <= 0 else slower)
