"""The application icon, from the PNGs shipped in the package (found the same way installed or frozen)."""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def app_icon() -> QIcon:
    folder = files("kicktimer") / "resources" / "icons"
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(folder / f"kicktimer-{size}.png"), QSize(size, size))
    return icon
