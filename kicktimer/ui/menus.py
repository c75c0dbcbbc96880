"""Menu actions (text, an optional shortcut, what it does) and menus of choices."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
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


Choice = tuple[str, str, list[tuple[str, object]], object]  # (menu title, key, [(label, value)], current)


def choices_menu(menu: QMenu, choices: list[Choice], changed: Callable[..., object]) -> QMenu:
    """One submenu per choice, its options checkable one at a time; `changed(key=value)` hears the pick."""
    for title, key, options, current in choices:
        sub = menu.addMenu(title)
        group = QActionGroup(sub)
        for label, value in options:
            action = sub.addAction(label)
            action.setCheckable(True)
            action.setChecked(value == current)
            group.addAction(action)
            action.triggered.connect(lambda _=False, k=key, v=value: changed(**{k: v}))
    return menu
