"""Menu actions: text, an optional shortcut, what it does."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


def add_action(
    menu: QMenu, parent: QWidget, text: str, slot: Callable[[], object], shortcut: QKeySequence | None = None
) -> QAction:
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(shortcut)
    action.triggered.connect(lambda _=False: slot())
    menu.addAction(action)
    return action
