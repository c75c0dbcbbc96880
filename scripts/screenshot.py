"""Screenshots of real kicktimer windows under Xvfb (`make screenshots`): the session browser with today's squad on
a stage of the sprint progression, an athlete's page after a season of recordings, the live view with
nine athletes at 1366x768 in both themes (in the middle of a Kick 500s rep, and in the recovery after it; driven
with a fake clock, so the picture is the same every time), and the review of six weeks of Kick 500s sessions
recorded through the real engine and journal.

`scripts/screenshot.py live OUT_DIR` writes only the live view's moments, at 1366x768 and 1024x600, with the
moments the docs leave out (the key table, "End the session?", paused, an extended recovery, no speaker, the
finished session): for looking at while changing it."""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from kicktimer.app.gui import build_live_view, build_main_window, build_review_window, preference_store
from kicktimer.app.season import SeasonFiles
from kicktimer.app.session import LiveSession
from kicktimer.audio.device import NO_DEVICE
from kicktimer.audio.null import NullOutput
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
LOOK_SIZES = (LIVE_SIZE, (1024, 600))  # and a small netbook / tablet
NINE = (("Ana", "800m 2:08"), ("Ben", "mile 4:35"), ("Mohammed", "800m 2:02"), ("Anna-Lena", "1500m 4:31"),
        ("Jo", "800m 2:15"), ("Siobhán", "5k 16:40"), ("Kwame", "800m 1:58"), ("Lucía", "1500m 4:20"),
        ("Bartholomew", "mile 4:48"))  # fmt: skip
# (key, seconds before it): the warm-up, rep 1 (every athlete taps each boundary), the recovery, rep 2's 200 m
REP_1 = [(" ", 2), (" ", 900), ("x", 0)]
for offset, segment in ((31.0, 0.35), (18.5, 0.3), (27.0, 0.4)):
    REP_1 += [(str(k + 1), offset if k == 0 else segment) for k in range(9)]


class Speaker(NullOutput):
    """A speaker that plays (silently here): the pictures show the screen as it is with sound."""

    def __init__(self) -> None:
        super().__init__()
        self.state, self.reason = "playing", None


def nine_athletes(recordings: Path, script: list[tuple[str, float]], audio: NullOutput | None = None) -> LiveSession:
    session = load_session(ROOT / "sessions" / "kick-500s.session.yaml")
    roster = tuple(Athlete(name, parse_paces_text(paces)) for name, paces in NINE)
    live = LiveSession.start_new(with_athletes(session, roster), recordings, FakeClock())
    live.attach_audio(audio or Speaker())
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


def more_moments() -> dict[str, tuple[list[tuple[str, float]], tuple[Qt.Key, ...], bool]]:
    """(script, keys pressed on the window, no speaker) of the moments only `live` writes."""
    mid_rep = moments()["live-view"]
    recovery = [*REP_1, ("x", 41.0), ("+", 2.0)]
    over = [*mid_rep, *[(str(k), 0.4) for k in (4, 5, 6, 9)], *[(str(k + 1), 19.0 if k == 0 else 0.3) for k in
            range(9)], *[(str(k + 1), 28.0 if k == 0 else 0.4) for k in range(9)]]  # fmt: skip
    return {
        "keys": (mid_rep, (Qt.Key.Key_F1,), False),
        "end-panel": (mid_rep, (Qt.Key.Key_Escape,), False),
        "paused": (mid_rep, (Qt.Key.Key_P,), False),
        "recovery-extended": (recovery, (), False),
        "no-speaker": (mid_rep, (), True),
        "ended": (over, (Qt.Key.Key_Escape, Qt.Key.Key_E), False),
    }


def shoot_live(app: QApplication, out_dir: Path, look: bool = False) -> None:
    """The docs' live pictures; `look`: every moment at every size, for looking at."""
    shots = {name: (script, (), False) for name, script in moments().items()}
    shots.update(more_moments() if look else {})
    for name, (script, keys, silent) in shots.items():
        for theme in ("sunlight", "dark"):
            for size in LOOK_SIZES if look else (LIVE_SIZE,):
                with tempfile.TemporaryDirectory() as tmp:
                    live = nine_athletes(Path(tmp), script, NullOutput(NO_DEVICE) if silent else None)
                    view = build_live_view(live, theme)
                    view.leave = lambda _review: None  # the finished screen offers the review, as the app does
                    view.resize(*size)
                    for key in keys:
                        QTest.keyClick(view, key)
                    suffix = ("" if theme == "sunlight" else "-dark") + (f"-{size[0]}x{size[1]}" if look else "")
                    shoot(app, view, out_dir / f"{name}{suffix}.png", size)


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
        shoot_live(app, Path(sys.argv[2]), look=True)
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
