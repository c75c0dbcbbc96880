"""Labels that never widen their window: one line cut with … (whole in text() and the tooltip), or wrapped words
that ask only for the lines they take at the width they have."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPalette, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

WRAP_GUESS_PX = 400  # a label's width before it is laid out, for its first guess at its lines


class WrappingLabel(QLabel):
    """Wraps, never asks for more width than it is given, and needs only the lines its words take at the width it
    has (a plain wrapping label asks for the height of its narrowest shape, which pushes Start off a small
    screen)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self._lines_px = 0

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        if not self.text():
            return QSize(0, 0)
        return QSize(0, self.heightForWidth(max(self.width(), WRAP_GUESS_PX)))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(super().sizeHint().width(), self.minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        if self.minimumSizeHint().height() != self._lines_px:
            self._lines_px = self.minimumSizeHint().height()
            self.updateGeometry()


class ElidedLabel(QLabel):
    """One line, drawn cut with … where the room ends (text() and the tooltip keep it whole): a long session name
    never widens the window, nor pushes Start off a small screen."""

    def __init__(self, font: QFont) -> None:
        super().__init__()
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_full_text(self, text: str, tip: str = "") -> None:
        self.setText(text)
        self.setToolTip("\n".join(t for t in (text, tip) if t))

    def shown_text(self) -> str:
        """What the coach sees at the label's width."""
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(0, self.fontMetrics().height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(self.fontMetrics().horizontalAdvance(self.text()), self.fontMetrics().height())

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        painter.drawText(self.contentsRect(), int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         self.shown_text())  # fmt: skip
        painter.end()
