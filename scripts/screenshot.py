"""Screenshots of real kicktimer windows under Xvfb (`make screenshots`): the session browser with today's squad on
a stage of the sprint progression, an athlete's page after a season of recordings, the live view with
nine athletes at 1366x768 in both themes (in the middle of a Kick 500s rep, and in the recovery after it; driven
with a fake clock, so the picture is the same every time), and the review of six weeks of Kick 500s sessions
recorded through the real engine and journal.

`scripts/screenshot.py live OUT_DIR` writes only the live view's moments (for looking at while changing it)."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kicktimer.app.gui import build_live_view, build_main_window, build_review_window, preference_store
from kicktimer.app.season import SeasonFiles
from kicktimer.app.session import LiveSession
from kicktimer.core.language.paces import parse_paces_text
from kicktimer.core.language.plan import Athlete
from kicktimer.io.session_file import load_session, with_athletes
from kicktimer.ui.athlete_page import AthleteSource, AthleteWindow

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the test support below is not part of the package
from tests.support.clock import FakeClock  # noqa: E402
from tests.support.recording_gen import record  # noqa: E402
from tests.support.season_gen import season  # noqa: E402

LIVE_SIZE = (1366, 768)  # the laptop the issue was tried on
NINE = (("Ana", "800m 2:08"), ("Ben", "mile 4:35"), ("Mohammed", "800m 2:02"), ("Anna-Lena", "1500m 4:31"),
        ("Jo", "800m 2:15"), ("Siobhán", "5k 16:40"), ("Kwame", "800m 1:58"), ("Lucía", "1500m 4:20"),
        ("Bartholomew", "mile 4:48"))  # fmt: skip
# (key, seconds before it): the warm-up, rep 1 (every athlete taps each boundary), the recovery, rep 2's 200 m
REP_1 = [(" ", 2), (" ", 900), ("x", 0)]
for offset, segment in ((31.0, 0.35), (18.5, 0.3), (27.0, 0.4)):
    REP_1 += [(str(k + 1), offset if k == 0 else segment) for k in range(9)]


def nine_athletes(recordings: Path, script: list[tuple[str, float]]) -> LiveSession:
    session = load_session(ROOT / "sessions" / "kick-500s.session.yaml")
    roster = tuple(Athlete(name, parse_paces_text(paces)) for name, paces in NINE)
    live = LiveSession.start_new(with_athletes(session, roster), recordings, FakeClock())
    clock = live.engine.clock
    assert isinstance(clock, FakeClock)
    for key, seconds in script:
        clock.advance(seconds)
        live.press(key, clock.now_ns())
    return live


def moments() -> dict[str, list[tuple[str, float]]]:
    """The live view's pictures: mid-rep (five have tapped the 200 m), and the recovery after rep 1."""
    mid_rep = [*REP_1, ("x", 300), *[(str(k), 31.2 if k == 3 else 0.45) for k in (3, 7, 1, 8, 2)], ("x", 2.2)]
    return {"live-view": mid_rep, "live-view-recovery": [*REP_1, ("x", 41.0)]}


def shoot(app: QApplication, window: QWidget, out: Path, size: tuple[int, int] = (1280, 800)) -> None:
    window.resize(*size)
    window.show()

    def grab() -> None:
        app.primaryScreen().grabWindow(window.winId()).save(str(out))
        window.close()
        app.quit()

    QTimer.singleShot(700, grab)
    app.exec()


def shoot_live(app: QApplication, out_dir: Path) -> None:
    for name, script in moments().items():
        for theme in ("sunlight", "dark"):
            with tempfile.TemporaryDirectory() as tmp:
                view = build_live_view(nine_athletes(Path(tmp), script), theme)
                suffix = "" if theme == "sunlight" else "-dark"
                shoot(app, view, out_dir / f"{name}{suffix}.png", LIVE_SIZE)


def season_shots(app: QApplication, docs: Path) -> None:
    """A season in a data folder of its own: the browser with today's group on the stage proposed for them, and
    Ana's page with her kick 500s plotted."""
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["KICKTIMER_HOME"] = tmp
        season(Path(tmp), 30, datetime(2026, 4, 6, 17, 30).astimezone())  # ten stages of the progression run
        preference_store().set_ticked(["Ana", "Ben", "Cleo"])
        window = build_main_window(ROOT / "sessions" / "sprint-progression" / "11-sprints-150-200.session.yaml")
        shoot(app, window, docs / "main-window.png", (1366, 768))
        files = SeasonFiles(Path(tmp) / "recordings", Path(tmp) / "squad.yaml", [ROOT / "sessions"])
        page = AthleteWindow(AthleteSource(files.names, files.shown), "Ana")
        kinds = page.shown.page.kinds if page.shown is not None else ()
        page.kinds.selectRow(next(k for k, kind in enumerate(kinds) if "kick" in kind.label))
        shoot(app, page, docs / "athlete-page.png", (1366, 768))
        del os.environ["KICKTIMER_HOME"]


def main() -> int:
    app = QApplication(sys.argv[:1])
    docs = ROOT / "docs"
    if sys.argv[1:2] == ["live"]:
        shoot_live(app, Path(sys.argv[2]))
        return 0
    season_shots(app, docs)
    shoot_live(app, docs)
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
