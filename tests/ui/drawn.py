"""What a widget draws: every drawText call of one full repaint, with its box, font and pen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPixmap
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Drawn:
    text: str
    rect: QRectF | None  # None: drawn at a point, with no box to stay inside
    font: QFont
    colour: QColor
    advance: float  # how wide the text is in its font

    def fits(self, slack: float = 1.0) -> bool:
        return self.rect is None or self.advance <= self.rect.width() + slack


def drawn_texts(widget: QWidget) -> list[Drawn]:
    original = QPainter.drawText
    seen: list[Drawn] = []

    def spy(self: QPainter, *args: object) -> None:
        text = args[-1]
        if isinstance(text, str):
            box = args[0] if isinstance(args[0], QRectF | QRect) else None
            metrics = QFontMetricsF(self.font())
            rect = QRectF(box) if box is not None else None
            seen.append(
                Drawn(text, rect, QFont(self.font()), QColor(self.pen().color()), metrics.horizontalAdvance(text))
            )
        original(self, *args)  # type: ignore[call-overload]

    QPainter.drawText = spy  # type: ignore[method-assign]
    try:
        widget.render(QPixmap(widget.size()))
    finally:
        QPainter.drawText = original  # type: ignore[method-assign]
    return seen


def texts(widget: QWidget) -> list[str]:
    return [d.text for d in drawn_texts(widget)]
