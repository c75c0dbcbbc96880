"""Windows sized from the screen they open on: never larger than its free area (panels and docks excluded), with
room for the window manager's frame, centred; a remembered geometry is kept only while it still fits."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize, Qt
from PySide6.QtWidgets import QWidget

# A window manager's borders and title bar: not known before the window first shows, so allowed for.
FRAME_ALLOWANCE = QSize(16, 48)

BROWSER_SIZE = QSize(1280, 800)  # what each window would like, on a screen with room for it
REVIEW_SIZE = QSize(1400, 900)
ATHLETE_SIZE = QSize(1366, 768)


def available_area(window: QWidget) -> QRect:
    return window.screen().availableGeometry()


def fitted_size(preferred: QSize, area: QRect) -> QSize:
    """`preferred`, or smaller so that the window and its frame lie inside `area`."""
    room = area.size() - FRAME_ALLOWANCE
    return QSize(min(preferred.width(), room.width()), min(preferred.height(), room.height()))


def fit_to_screen(window: QWidget, preferred: QSize, area: QRect | None = None) -> None:
    """Size `window` for the screen's free area and centre it there; a screen too small for `preferred`
    opens it maximised, so the window manager fits it exactly."""
    area = available_area(window) if area is None else area
    size = fitted_size(preferred, area)
    window.resize(size)
    frame = size + FRAME_ALLOWANCE
    window.move(area.x() + max(0, (area.width() - frame.width()) // 2),
                area.y() + max(0, (area.height() - frame.height()) // 2))  # fmt: skip
    if size != preferred:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def restore_or_fit(window: QWidget, saved: QByteArray | None, preferred: QSize, area: QRect | None = None) -> None:
    """The geometry the user left the window at, when it still fits this screen; else fitted afresh."""
    area = available_area(window) if area is None else area
    if saved is not None and window.restoreGeometry(saved) and area.contains(window.geometry()):
        return
    fit_to_screen(window, preferred, area)
