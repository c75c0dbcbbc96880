"""Guard against a Qt binding that corrupts reference counts: PySide6 6.12.0 drops one reference to None on
every call returning void (update, setText, processEvents…). On Python 3.11 None is not immortal, so the live
view (about 30 such calls a second) aborted the whole program after ~18 minutes with `none_dealloc`."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel

CALLS = 2000


def test_void_calls_keep_the_reference_count_of_none(qapp: QApplication) -> None:
    label = QLabel()
    image = QImage(64, 64, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        label.setText("1:23")
        label.update()
        painter = QPainter(image)
        painter.fillRect(0, 0, 8, 8, QColor("red"))
        painter.end()
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"{lost} references to None lost in {CALLS} rounds: this PySide6 build is unsafe"
