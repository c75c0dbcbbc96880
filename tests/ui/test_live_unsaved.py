"""Events waiting for the disk show on the live screen as a badge that stays (like NO SOUND) until they are on
disk: what the disk said and how many wait, whatever the message line says meanwhile."""

from __future__ import annotations

import errno

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_live_view
from kicktimer.app.gui_recording import unsaved_badge
from kicktimer.app.session import LiveSession
from kicktimer.io.paths import recordings_dir
from kicktimer.io.session_file import load_session
from kicktimer.ui.live_view import LiveView
from tests.io.syscalls import Disk, Fault
from tests.support.clock import FakeClock
from tests.ui.drawn import drawn_texts
from tests.ui.test_keeping import KICK


def shown(qtbot: QtBot, live: LiveSession) -> LiveView:
    view = build_live_view(live)
    qtbot.addWidget(view)
    view.resize(1024, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def badges(view: LiveView) -> list[str]:
    return [d.text for d in drawn_texts(view) if d.text.startswith("NOT SAVED —")]


@pytest.mark.parametrize(("code", "reason"), [(errno.ENOSPC, "disk is full"), (errno.EROFS, "disk is read-only")])
def test_the_badge_stays_while_events_wait_and_goes_once_on_disk(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    disk = Disk(Fault("write", 3, code, times=10**9, under=recordings_dir())).install(monkeypatch)
    live = LiveSession.start_new(load_session(KICK), recordings_dir(), FakeClock())
    view = shown(qtbot, live)
    view.may_close = lambda: True  # a failing check must not leave the close asking about what waits
    assert badges(view) == []
    qtbot.keyClick(view, Qt.Key.Key_Space)  # leaves the hold: refused by the disk
    qtbot.keyClick(view, Qt.Key.Key_1)
    qtbot.keyClick(view, Qt.Key.Key_A)  # the message line moves on; the badge stays
    assert "NOT SAVED YET" not in view.message
    assert badges(view) == [f"NOT SAVED — {reason}, 2 waiting"]
    view.message = "the computer was asleep"  # housekeeping's words replace the message too
    assert badges(view) == [f"NOT SAVED — {reason}, 2 waiting"]
    disk.fault = None  # the disk takes them at the next retry
    live.engine.clock.advance(2)  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: live.journal.unsaved == 0, timeout=5000)
    assert badges(view) == []
    view.close()


def test_the_badge_in_words() -> None:
    assert unsaved_badge(0, "the disk is full") == ""
    assert unsaved_badge(3, "the disk is full") == "NOT SAVED — disk is full, 3 waiting"
    assert unsaved_badge(1, None) == "NOT SAVED — retrying, 1 waiting"
