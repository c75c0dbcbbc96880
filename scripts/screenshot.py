"""Screenshot a real kicktimer window (run under Xvfb: `xvfb-run -s '-screen 0 1400x900x24' python scripts/...`)."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from kicktimer.app import build_main_window


def main() -> int:
    session, out = Path(sys.argv[1]), Path(sys.argv[2])
    app = QApplication(sys.argv[:1])
    window = build_main_window(session)
    window.resize(1360, 820)
    window.show()

    def shoot() -> None:
        screen = app.primaryScreen()
        screen.grabWindow(window.winId()).save(str(out))
        app.quit()

    QTimer.singleShot(800, shoot)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
