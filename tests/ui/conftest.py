"""GUI tests: offscreen (set in the top conftest), fail on Qt warnings (pyproject), and on leftover timers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication


@pytest.fixture(autouse=True)
def _no_leftover_timers(qapp: QApplication) -> Iterator[None]:
    yield
    QApplication.processEvents()
    running = [t for w in QApplication.topLevelWidgets() for t in w.findChildren(QTimer) if t.isActive()]
    for widget in QApplication.topLevelWidgets():
        widget.close()
        widget.deleteLater()
    QApplication.processEvents()
    assert not running, f"timers still running after the test: {running}"
