"""Every window fits the screen it opens on: sized from the screen's free area, no button outside its window or
too narrow for its text at 1024x600, 1366x768 and 1920x1080; offscreen at those sizes, and for real under Xvfb."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_live_view, build_main_window, build_review_window
from kicktimer.app.session import LiveSession
from kicktimer.io.session_file import parse_session
from kicktimer.ui.screen_fit import BROWSER_SIZE, FRAME_ALLOWANCE, REVIEW_SIZE, fitted_size, restore_or_fit
from tests.conftest import ROOT, SESSIONS
from tests.recorded import write_recording
from tests.support.clock import FakeClock
from tests.support.roster import session_text
from tests.ui.fit_probe import cut_off

SCREENS = [(1024, 600), (1366, 768), (1920, 1080)]
PANEL_PX = 32  # a desktop's panel takes this much of the screen's height


def free_area(width: int, height: int) -> QRect:
    return QRect(0, PANEL_PX, width, height - PANEL_PX)


def show_at(qtbot: QtBot, window: QWidget, size: QSize) -> None:
    qtbot.addWidget(window)
    window.resize(size)
    window.show()
    qtbot.waitExposed(window)
    assert window.size() == size, f"the window insists on {window.size()}, more than the screen's {size}"


@pytest.mark.parametrize("screen", SCREENS)
def test_the_browser_fits(qtbot: QtBot, screen: tuple[int, int]) -> None:
    window = build_main_window(SESSIONS / "kick-500s.session.yaml")
    show_at(qtbot, window, fitted_size(BROWSER_SIZE, free_area(*screen)))
    assert window.start_button.isVisible() and not cut_off(window), cut_off(window)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_live_view_with_nine_athletes_fits(qtbot: QtBot, tmp_path: Path, screen: tuple[int, int]) -> None:
    live = LiveSession.start_new(parse_session(session_text(9), "test"), tmp_path, FakeClock())
    view = build_live_view(live)
    show_at(qtbot, view, fitted_size(free_area(*screen).size(), free_area(*screen)))
    assert not cut_off(view), cut_off(view)


@pytest.mark.parametrize("screen", SCREENS)
def test_the_review_fits(qtbot: QtBot, tmp_path: Path, screen: tuple[int, int]) -> None:
    window = build_review_window(tmp_path, write_recording(tmp_path))
    size = fitted_size(REVIEW_SIZE, free_area(*screen))
    show_at(qtbot, window, size)
    assert not cut_off(window), cut_off(window)
    QApplication.processEvents()
    window.showNormal()  # the test screen is smaller than `screen`: the window opened maximised on it
    window.resize(size)
    qtbot.waitUntil(lambda: window.size() == size)
    window.panel.athletes.setCurrentIndex(1)  # Ben: a split flagged as too fast to be real, said under his reps
    QApplication.processEvents()
    assert window.size() == size and not cut_off(window), (window.size(), cut_off(window))


def test_a_window_is_sized_from_the_free_area_and_a_remembered_size_kept_only_when_it_fits(qtbot: QtBot) -> None:
    small = free_area(1366, 768)
    window = QWidget()
    qtbot.addWidget(window)
    restore_or_fit(window, None, BROWSER_SIZE, small)
    assert window.size() == QSize(1280, 768 - PANEL_PX - FRAME_ALLOWANCE.height())  # 1280x800 would not fit
    assert small.contains(QRect(window.pos(), window.size() + FRAME_ALLOWANCE))
    big = QWidget()
    qtbot.addWidget(big)
    big.setGeometry(0, 0, 1900, 1060)  # left like this on a big monitor
    again = QWidget()
    qtbot.addWidget(again)
    restore_or_fit(again, big.saveGeometry(), BROWSER_SIZE, small)
    assert again.width() <= small.width() and again.height() <= small.height() - FRAME_ALLOWANCE.height()
    roomy = QWidget()
    qtbot.addWidget(roomy)
    restore_or_fit(roomy, None, BROWSER_SIZE, free_area(1920, 1080))
    assert roomy.size() == BROWSER_SIZE


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="needs xvfb-run")
@pytest.mark.parametrize("screen", SCREENS)
def test_real_windows_on_an_x_screen_fit(tmp_path: Path, screen: tuple[int, int]) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "KICKTIMER_HOME": str(tmp_path / "home")}
    width, height = screen
    done = subprocess.run(
        ["xvfb-run", "-a", "-s", f"-screen 0 {width}x{height}x24", sys.executable, "-m", "tests.ui.fit_probe"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    area = QRect(*result["area"])
    assert area.size() == QSize(width, height)
    for window in result["windows"]:
        assert area.contains(QRect(*window["frame"])), f"{window['title']} at {window['frame']} on {area.getRect()}"
        assert not window["cut"], window


@pytest.mark.parametrize("screen", SCREENS)
def test_the_athlete_page_fits(qtbot: QtBot, tmp_path: Path, screen: tuple[int, int]) -> None:
    from kicktimer.app.gui_browser import build_athlete_window
    from kicktimer.app.season import SeasonFiles
    from kicktimer.ui.screen_fit import ATHLETE_SIZE

    write_recording(tmp_path)
    page = build_athlete_window(SeasonFiles(tmp_path, tmp_path / "squad.yaml", [SESSIONS]), "Ana", lambda _p: None)
    show_at(qtbot, page, fitted_size(ATHLETE_SIZE, free_area(*screen)))
    assert not cut_off(page), cut_off(page)
