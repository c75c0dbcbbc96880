"""PNG icons from the SVG (`make icons`), rendered by QtSvg at the sizes desktops and installers ask for."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

from kicktimer.ui.icons import ICON_SIZES

ICONS = Path(__file__).resolve().parent.parent / "kicktimer" / "resources" / "icons"


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841  (QtSvg needs an application for fonts and screens)
    renderer = QSvgRenderer(str(ICONS / "kicktimer.svg"))
    for size in ICON_SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        image.save(str(ICONS / f"kicktimer-{size}.png"))
    print(f"wrote {len(ICON_SIZES)} PNG icons to {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
