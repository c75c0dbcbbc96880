"""Run under Xvfb by test_window_fit: the browser, the live view with nine athletes and the review opened the way
the program opens them on a real X screen; prints where each window and each of its buttons landed, as JSON."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kicktimer.app.gui import build_live_view, build_main_window, build_review_window, place_live_view
from kicktimer.app.session import LiveSession
from kicktimer.io.session_file import parse_session
from kicktimer.ui.screen_fit import BROWSER_SIZE, restore_or_fit
from tests.recorded import write_recording
from tests.support.clock import FakeClock
from tests.support.roster import session_text

ROOT = Path(__file__).resolve().parents[2]


def cut_off(window: QWidget) -> list[str]:
    """Buttons that are not wholly inside the window, or too narrow for their text."""
    cut = []
    for button in window.findChildren(QAbstractButton):
        if button.isVisible():
            box = QRect(button.mapTo(window, QPoint(0, 0)), button.size())
            fits = button.fontMetrics().horizontalAdvance(button.text()) + 12 <= button.width()
            if not window.rect().contains(box) or not fits:
                cut.append(f"{button.text()!r} at {box.getRect()} in {window.rect().getRect()}")
    return cut


def report(window: QWidget) -> dict[str, object]:
    return {"title": window.windowTitle(), "frame": window.frameGeometry().getRect(), "cut": cut_off(window)}


def main() -> int:
    app = QApplication(sys.argv[:1])
    area = app.primaryScreen().availableGeometry()
    results: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory() as tmp:
        browser = build_main_window(ROOT / "sessions" / "kick-500s.session.yaml")
        restore_or_fit(browser, None, BROWSER_SIZE)
        live = LiveSession.start_new(parse_session(session_text(9), "probe"), Path(tmp), FakeClock())
        view = build_live_view(live)
        place_live_view(view)
        write_recording(Path(tmp))
        review = build_review_window(Path(tmp))
        windows: list[QWidget] = [browser, view, review]
        for window in windows:
            window.show()

        def done() -> None:
            results.extend(report(w) for w in windows)
            for window in windows:
                window.close()
            app.quit()

        QTimer.singleShot(800, done)
        app.exec()
    print(json.dumps({"area": area.getRect(), "windows": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
