"""Screenshots of real kicktimer windows under Xvfb (`make screenshots`): the session browser, the live view in the
middle of a Kick 500s session (driven with a fake clock, so the picture is the same every time), and the review
of six weeks of Kick 500s sessions recorded through the real engine and journal."""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kicktimer.app.gui import build_live_view, build_main_window, build_review_window
from kicktimer.app.session import LiveSession
from kicktimer.io.session_file import load_session
from tests.support.clock import FakeClock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.support.recording_gen import record  # noqa: E402  (a benchmark helper, not part of the package)


def live_at_the_bound(recordings: Path) -> LiveSession:
    live = LiveSession.start_new(load_session(ROOT / "sessions" / "kick-500s.session.yaml"), recordings, FakeClock())
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    script = [(" ", 2), (" ", 900), ("1", 31.4), ("2", 0.9), ("1", 19.2), ("2", 19.0), ("1", 27.3),
              ("2", 28.4), ("x", 300), ("1", 31.8), ("2", 0.5)]  # fmt: skip
    for key, seconds in script:
        clock.advance(seconds)
        live.press(key, clock.now_ns())
    clock.advance(6.4)
    return live


def shoot(app: QApplication, window: QWidget, out: Path, size: tuple[int, int] = (1280, 800)) -> None:
    window.resize(*size)
    window.show()

    def grab() -> None:
        app.primaryScreen().grabWindow(window.winId()).save(str(out))
        window.close()
        app.quit()

    QTimer.singleShot(700, grab)
    app.exec()


def main() -> int:
    app = QApplication(sys.argv[:1])
    docs = ROOT / "docs"
    shoot(app, build_main_window(ROOT / "sessions" / "800s-with-hill-sprints.session.yaml"), docs / "main-window.png")
    with tempfile.TemporaryDirectory() as tmp:
        view = build_live_view(live_at_the_bound(Path(tmp)))
        shoot(app, view, docs / "live-view.png")
    with tempfile.TemporaryDirectory() as tmp:
        session = load_session(ROOT / "sessions" / "kick-500s.session.yaml")
        first = datetime(2026, 4, 7, 17, 30).astimezone()
        paths = [record(session, Path(tmp) / f"week-{week}.kick.jsonl", first + timedelta(weeks=week), week,
                        1.03 - 0.01 * week) for week in range(6)]  # fmt: skip  # getting fitter week by week
        review = build_review_window(Path(tmp), paths[-1])
        shoot(app, review, docs / "review.png", (1400, 900))
        review = build_review_window(Path(tmp), paths[-1])
        review.panel.plots.setCurrentIndex(1)
        shoot(app, review, docs / "review-trend.png", (1400, 900))
    return 0


if __name__ == "__main__":
    sys.exit(main())
