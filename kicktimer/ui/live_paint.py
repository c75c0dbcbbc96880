"""Where everything sits on the live screen, and the painting that is not the clock: text fitted to its box
(every string is sized or shortened so it never runs past its box), the rep's segments, the athletes' tiles,
the progress bars, the panels over the screen."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen

from kicktimer.core.run.commands import key_help
from kicktimer.ui.live_words import Span
from kicktimer.ui.style import Look

MIN_TEXT_PX = 9
ELIDABLE = ("name", "label")  # names and labels give way; numbers never do
LINE_SCALES = (
    1.0,
    1.0,
    0.85,
)  # a tile's lines: the name as large as the result; a third line (a runner's last split) smaller
LABEL_GIVE = 0.8  # a tile's text shrinks down to this share to show a name or a label whole, then shortens it
MIN_LABEL_CHARS = 3  # a label with room for fewer characters than this is left out rather than shown as "…"


@dataclass(frozen=True)
class Layout:
    """The screen above the touch buttons, top to bottom."""

    headline: QRectF  # where the session is, and the sound
    segments: QRectF  # the rep's segments, the current one boxed; or a key hint
    clock: QRectF
    step_bar: QRectF  # how far into this step
    tiles: tuple[QRectF, ...]  # one per athlete
    next_line: QRectF  # what comes next, time left in the session
    session_bar: QRectF
    message: QRectF  # what the last key did


def screen_layout(w: float, h: float, athletes: int) -> Layout:
    x, inner = w * 0.03, w * 0.94

    def band(top: float, height: float) -> QRectF:
        return QRectF(x, h * top, inner, h * height)

    return Layout(
        headline=band(0.0, 0.075),
        segments=band(0.075, 0.07),
        clock=QRectF(0, h * 0.145, w, h * 0.38),
        step_bar=band(0.535, 0.014),
        tiles=tuple(tile_rects(band(0.565, 0.305), athletes)),
        next_line=band(0.885, 0.055),
        session_bar=band(0.942, 0.012),
        message=band(0.955, 0.045),
    )


def tile_rects(area: QRectF, count: int) -> list[QRectF]:
    """Up to four tiles in a row, five to nine in two rows; never overlapping, never wider than half the area."""
    if count <= 0:
        return []
    rows = 1 if count <= 4 else 2
    columns = math.ceil(count / rows)
    gap = max(4.0, area.width() * 0.012)
    width = min((area.width() - gap * (columns - 1)) / columns, area.width() / 2)
    height = (area.height() - gap * (rows - 1)) / rows
    left = area.x() + (area.width() - (width * columns + gap * (columns - 1))) / 2
    return [
        QRectF(left + (i % columns) * (width + gap), area.y() + (i // columns) * (height + gap), width, height)
        for i in range(count)
    ]


def fitted_px(font: QFont, text: str, rect: QRectF, scale: float = 0.7) -> int:
    """The largest pixel size, up to `scale` of the box's height, at which `text` fits the box's width."""
    probe = QFont(font)
    probe.setPixelSize(100)
    width = QFontMetricsF(probe).horizontalAdvance(text) or 1.0
    return max(MIN_TEXT_PX, int(min(rect.height() * scale, rect.width() * 100 / width * 0.98)))


def draw_fitted(
    p: QPainter, font: QFont, rect: QRectF, text: str, align: Qt.AlignmentFlag, scale: float = 0.7, floor: float = 0.0
) -> None:
    """Text in its box at the largest size that fits; shortened with "…" only below the smallest size (or below
    `floor` of the largest: a long message stays readable and loses its end instead)."""
    if not text:
        return
    font.setPixelSize(max(fitted_px(font, text, rect, scale), int(rect.height() * scale * floor)))
    p.setFont(font)
    shown = QFontMetricsF(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
    p.drawText(rect, int(align | Qt.AlignmentFlag.AlignVCenter), shown)


def draw_spans(p: QPainter, rect: QRectF, spans: Sequence[Span], colours: dict[str, QColor]) -> None:
    """Spans left to right in the painter's font; names and labels are shortened to leave the numbers room."""
    metrics = QFontMetricsF(p.font())
    fixed = sum(metrics.horizontalAdvance(t) for t, role in spans if role not in ELIDABLE)
    elidable = [t for t, role in spans if role in ELIDABLE]
    room = max(0.0, rect.width() - fixed) / max(1, len(elidable))
    x = rect.x()
    for text, role in spans:
        if role == "label" and room < metrics.horizontalAdvance("M" * MIN_LABEL_CHARS):
            continue
        if role in ELIDABLE:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
        width = metrics.horizontalAdvance(text)
        if not text:
            continue
        p.setPen(colours.get(role, colours["text"]))
        p.drawText(QRectF(x, rect.y(), width + 0.5, rect.height()), int(Qt.AlignmentFlag.AlignVCenter), text)
        x += width


def paint_segments(p: QPainter, font: QFont, rect: QRectF, labels: Sequence[str], lit: int, look: Look) -> None:
    """The rep's segments in a row, the current one in a block: "200m @800 → [100m bound] → 200m kick"."""
    arrow = "  →  "
    font.setPixelSize(fitted_px(font, arrow.join(labels) + "  ", rect, 0.62))
    p.setFont(font)
    metrics = QFontMetricsF(font)
    x = rect.x() + max(0.0, (rect.width() - metrics.horizontalAdvance(arrow.join(labels) + "  ")) / 2)
    for i, label in enumerate(labels):
        text = f" {label} "
        width = metrics.horizontalAdvance(text)
        box = QRectF(x, rect.y(), width, rect.height())
        if i == lit:
            p.fillRect(box.adjusted(0, rect.height() * 0.06, 0, -rect.height() * 0.06), look.tile)
        p.setPen(look.tile_text if i == lit else look.text)
        p.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        x += width
        if i < len(labels) - 1:
            width = metrics.horizontalAdvance(arrow.strip()) + metrics.horizontalAdvance("  ")
            p.setPen(look.text)
            p.drawText(QRectF(x, rect.y(), width, rect.height()), int(Qt.AlignmentFlag.AlignCenter), arrow.strip())
            x += width


def paint_bar(p: QPainter, rect: QRectF, fraction: float, colour: QColor) -> None:
    """A progress bar: an outline, filled as far as it has come."""
    p.setPen(QPen(colour, max(1.0, rect.height() * 0.15)))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect)
    p.fillRect(QRectF(rect.x(), rect.y(), rect.width() * min(1.0, max(0.0, fraction)), rect.height()), colour)


def paint_tiles(
    p: QPainter, font: QFont, rects: Sequence[QRectF], lines: Sequence[list[list[Span]]], filled: Sequence[bool],
    running: Sequence[bool], look: Look,
) -> None:  # fmt: skip
    """A block per athlete: filled with their result once they have one, an outline while they run."""
    if not rects:
        return
    height, width = rects[0].height(), rects[0].width()
    pad = max(3.0, min(height, width) * 0.07)
    rows = max(len(tile) for tile in lines)
    scales = [LINE_SCALES[min(row, len(LINE_SCALES) - 1)] for row in range(rows)]
    unit = (height - 2 * pad) / sum(scales)
    probe = QFont(font)
    probe.setPixelSize(100)
    metrics = QFontMetricsF(probe)

    def fits(kept: tuple[str, ...]) -> float:  # the size at which every line fits across, its `kept` spans whole
        widest = max(scales[row] * sum(metrics.horizontalAdvance(t) for t, role in line if role in kept)
                     for tile in lines for row, line in enumerate(tile))  # fmt: skip
        return (width - 2 * pad) * 100 / max(widest, 1.0) * 0.98

    numbers = min(unit * 0.8, fits(("text", "faster", "slower")))
    whole = fits(("text", "faster", "slower", "label", "name"))  # names and labels unshortened
    size = max(MIN_TEXT_PX, min(numbers, max(whole, numbers * LABEL_GIVE)))
    for rect, tile, full, run in zip(rects, lines, filled, running, strict=True):
        if full:
            p.fillRect(rect, look.tile)
            colours = {"text": look.tile_text, "name": look.tile_text, "faster": look.faster, "slower": look.slower}
        else:
            thick = max(2.0, height * (0.05 if run else 0.015))
            p.setPen(QPen(look.text, thick))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(rect.adjusted(thick / 2, thick / 2, -thick / 2, -thick / 2))
            colours = {"text": look.text}
        top = rect.y() + pad
        for row, line in enumerate(tile):
            font.setPixelSize(max(MIN_TEXT_PX, int(size * scales[row])))
            p.setFont(font)
            draw_spans(p, QRectF(rect.x() + pad, top, width - 2 * pad, unit * scales[row]), line, colours)
            top += unit * scales[row]


def end_panel_rows(panel: QRectF, button_px: float) -> tuple[QRectF, QRectF, QRectF]:
    """The "End the session?" panel top to bottom: its question, the note under it, its buttons' row (a thumb's
    height where the panel has room); never overlapping."""
    pad = panel.height() * 0.06
    buttons = min(max(button_px, panel.height() * 0.3), panel.height() * 0.45)
    words = panel.height() - buttons - 3 * pad
    x, width = panel.x() + panel.width() * 0.04, panel.width() * 0.92
    title = QRectF(x, panel.y() + pad, width, words * 0.6)
    note = QRectF(x, title.bottom(), width, words * 0.4)
    return title, note, QRectF(x, note.bottom() + pad, width, buttons)


def paint_panel(p: QPainter, panel: QRectF, look: Look) -> None:
    """A block over the screen in the tile's colours (a pair that always reads)."""
    p.fillRect(panel, look.tile)
    p.setPen(QPen(look.text, 3))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(panel)


def paint_key_table(p: QPainter, panel: QRectF, look: Look, font: QFont) -> None:
    """The command table over the screen (F1 or ? shows and hides it)."""
    rows = key_help("window")
    paint_panel(p, panel, look)
    row_h = panel.height() / (len(rows) + 1)
    keys_box, what_box = panel.width() * 0.3, panel.width() * 0.64
    size = min(fitted_px(font, keys, QRectF(0, 0, keys_box, row_h), 0.55) for keys, _t, _w in rows)
    size = min(size, *(fitted_px(font, what, QRectF(0, 0, what_box, row_h), 0.55) for _k, _t, what in rows))
    font.setPixelSize(size)
    p.setFont(font)
    p.setPen(look.tile_text)
    for i, (keys, _title, what) in enumerate(rows):
        top = panel.y() + row_h * (i + 0.5)
        p.drawText(QRectF(panel.x() + panel.width() * 0.03, top, keys_box, row_h), int(Qt.AlignmentFlag.AlignVCenter),
                   keys)  # fmt: skip
        p.drawText(QRectF(panel.x() + panel.width() * 0.34, top, what_box, row_h), int(Qt.AlignmentFlag.AlignVCenter),
                   what)  # fmt: skip
