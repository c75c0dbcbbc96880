"""The live screen composed: the headline and the sound, the rep's segments or a key hint, the clock and the
step's bar, the athletes' tiles, what comes next, and the panels over it (ending, the keys). The pause changes
the whole screen and says how to go on; so does the session's end (its total time, and where to go from there)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter

from kicktimer.core.language.plan import Plan
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.run.board import Tile
from kicktimer.core.run.commands import CONFIRM_END
from kicktimer.core.run.engine import expected_s
from kicktimer.core.run.state import Snapshot, clock_text
from kicktimer.ui.live_buttons import BUTTON_PX
from kicktimer.ui.live_paint import (
    Layout,
    draw_fitted,
    end_panel_rows,
    fitted_px,
    paint_bar,
    paint_key_table,
    paint_panel,
    paint_segments,
    paint_tiles,
)
from kicktimer.ui.live_words import headline, hint, keys_of, step_label, summary_caption, tile_lines
from kicktimer.ui.style import Look, Theme

MESSAGE_FLOOR = 0.55  # the message line shrinks to fit down to this share of its largest size, then is shortened
CLOCK_MIN_OF_WINDOW = 0.401  # the digits are never smaller than 40% of the window's height (when they fit across)
END_NOTE = f"{CONFIRM_END['window']} or the button ends it · {keys_of('end')} keeps running · taps still count"


@dataclass(frozen=True)
class Screen:
    """Everything one full repaint draws."""

    snap: Snapshot
    plan: Plan
    labels: Sequence[str]
    theme: Theme
    layout: Layout
    look: Look
    tiles: tuple[Tile, ...]
    sound: str  # the sound's headline: "sound on", "MUTED", "NO SOUND — no speaker found"
    message: str
    window_height: float
    end_panel: QRectF | None  # "End the session?" is asked
    keys_panel: QRectF | None  # the key table is shown
    review: bool = True  # the session's end offers the review
    unsaved: str = ""  # "NOT SAVED — disk is full, 3 waiting": shown until the events are on disk


SOUND_ON = "sound on"


def step_fraction(snap: Snapshot) -> float:
    """How far into the current step: by its clock, or by its expected time when it ends by a tap."""
    if snap.status in ("complete", "ended"):
        return 1.0
    if snap.step.phase == "hold" or snap.status not in ("running", "paused"):
        return 0.0
    length = snap.step_length_s if snap.step_length_s is not None else expected_s(snap.step)
    return min(1.0, snap.step_elapsed_s / max(length, 1e-9))


def paint_screen(p: QPainter, screen: Screen, rect: QRectF) -> int:
    """The whole screen; returns the clock's pixel size."""
    snap, layout, seen = screen.snap, screen.layout, screen.look
    p.fillRect(rect, seen.background)
    font = QFont(screen.theme.text_family)
    font.setBold(True)
    p.setPen(seen.text)
    top = paint_unsaved(p, screen, font)  # under the sound, before the rest of its row is fitted beside it
    if snap.status == "paused":  # the whole screen changes, and says how to go on
        top = QRectF(top.x(), layout.headline.y(), top.width(), top.bottom() - layout.headline.y())
        draw_fitted(p, font, top, f"PAUSED — {keys_of('pause')} to continue", Qt.AlignmentFlag.AlignHCenter, 0.75)
    else:
        paint_headline(p, screen, font)
        rep = next((t.rep.steps for t in screen.tiles if t.rep is not None and t.state == "idle"), None)
        cue = hint(snap, screen.review)
        if cue is None and rep is not None:  # after a joined rep: its sum-up, and which recovery runs now
            cue = summary_caption(screen.plan, rep) + " · " + step_label(snap, screen.labels, snap.step_index)
        elif cue and round(snap.extension_s):  # the recovery's own label, as + and − left it
            cue += " · " + step_label(snap, screen.labels, snap.step_index)
        if cue:
            draw_fitted(p, font, top, cue, Qt.AlignmentFlag.AlignHCenter, 0.66)
        else:
            labels = [step_label(snap, screen.labels, i) for i in snap.rep_steps]
            paint_segments(p, font, top, labels, list(snap.rep_steps).index(snap.step_index), seen)
    clock_px = paint_clock(p, screen)
    lines = [tile_lines(t, screen.labels, snap.step_index) for t in screen.tiles]
    filled = [t.state == "done" or (t.state == "idle" and (t.split or t.rep) is not None) for t in screen.tiles]
    paint_tiles(p, font, layout.tiles, lines, filled, [t.state == "running" for t in screen.tiles], seen)
    paint_footer(p, screen, font)
    if screen.end_panel is not None:
        paint_end_panel(p, screen.end_panel, seen, font)
    if screen.keys_panel is not None:
        paint_key_table(p, screen.keys_panel, seen, font)
    return clock_px


def paint_footer(p: QPainter, screen: Screen, font: QFont) -> None:
    """What comes next and the time left (at the end: the session's whole time), its bar, the last message."""
    snap, layout, seen = screen.snap, screen.layout, screen.look
    p.setPen(seen.text)
    half = QRectF(layout.next_line.x(), layout.next_line.y(), layout.next_line.width() / 2, layout.next_line.height())
    if snap.status in ("complete", "ended"):
        nxt, left = f"Session time {clock_text(snap)}, pauses not counted", ""
    else:
        nxt = f"Next: {snap.next_step.label}" if snap.next_step is not None else ""
        left = f"Session: {format_clock(math.ceil(snap.left_s))} left"
    draw_fitted(p, font, half if left else layout.next_line, nxt, Qt.AlignmentFlag.AlignLeft, 0.72)
    draw_fitted(p, font, half.translated(half.width(), 0), left, Qt.AlignmentFlag.AlignRight, 0.72)
    paint_bar(p, layout.session_bar, snap.progress, seen.text)
    p.setPen(seen.text)
    draw_fitted(p, font, layout.message, screen.message, Qt.AlignmentFlag.AlignLeft, 0.7, MESSAGE_FLOOR)


def paint_headline(p: QPainter, screen: Screen, font: QFont) -> None:
    """Where the session is on the left; the sound on the right, in a block when it is not playing."""
    rect, seen = screen.layout.headline, screen.look
    where = QRectF(rect.x(), rect.y(), rect.width() * 0.5, rect.height())
    sound = QRectF(rect.x() + rect.width() * 0.52, rect.y(), rect.width() * 0.48, rect.height())
    draw_fitted(p, font, where, headline(screen.snap, screen.plan), Qt.AlignmentFlag.AlignLeft, 0.72)
    if screen.sound == SOUND_ON:
        draw_fitted(p, font, sound, SOUND_ON, Qt.AlignmentFlag.AlignRight, 0.5)
    else:
        paint_badge(p, font, sound, screen.sound, seen)


def paint_unsaved(p: QPainter, screen: Screen, font: QFont) -> QRectF:
    """Events waiting for the disk: a badge under the sound's, kept until they are on disk. Returns what is
    left of the row for the rep's segments or the hint."""
    row = screen.layout.segments
    if not screen.unsaved:
        return row
    area = QRectF(row.x() + row.width() * 0.4, row.y(), row.width() * 0.6, row.height())
    block = paint_badge(p, font, area, screen.unsaved, screen.look)
    return QRectF(row.x(), row.y(), max(0.0, block.left() - row.x() - row.width() * 0.02), row.height())


def paint_badge(p: QPainter, font: QFont, area: QRectF, text: str, seen: Look) -> QRectF:
    """A state that stays until it changes (no sound, not saved): a block at the right of `area`, as wide as
    its text; the block."""
    font.setPixelSize(fitted_px(font, text + "  ", area, 0.6))
    width = min(QFontMetricsF(font).horizontalAdvance(text + "  "), area.width())
    block = QRectF(area.right() - width, area.y(), width, area.height())
    p.fillRect(block, seen.tile)
    p.setPen(seen.tile_text)
    draw_fitted(p, font, block, text, Qt.AlignmentFlag.AlignHCenter, 0.6)
    p.setPen(seen.text)
    return block


def paint_end_panel(p: QPainter, panel: QRectF, seen: Look, font: QFont) -> None:
    paint_panel(p, panel, seen)
    p.setPen(seen.tile_text)
    title, note, _buttons = end_panel_rows(panel, BUTTON_PX)
    draw_fitted(p, font, title, "End the session?", Qt.AlignmentFlag.AlignHCenter, 0.8)
    draw_fitted(p, font, note, END_NOTE, Qt.AlignmentFlag.AlignHCenter, 0.7)
    p.setPen(seen.text)


def paint_clock(p: QPainter, screen: Screen) -> int:
    """The clock as large as the band allows (never below 40% of the window while it fits across); its pixel size."""
    band, text = screen.layout.clock, clock_text(screen.snap)
    font = QFont(screen.theme.clock_family)
    font.setBold(True)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setPixelSize(100)
    across = band.width() * 0.94 * 100 / QFontMetricsF(font).horizontalAdvance(text)
    font.setPixelSize(int(min(across, max(CLOCK_MIN_OF_WINDOW * screen.window_height, 0.9 * band.height()))))
    p.setFont(font)
    p.setPen(screen.look.text)
    p.drawText(band, int(Qt.AlignmentFlag.AlignCenter), text)
    paint_bar(p, screen.layout.step_bar, step_fraction(screen.snap), screen.look.text)
    return font.pixelSize()
