"""The GUI keeps the recording: the resume offer (where it stopped, where it is, two ways on), events waiting for
the disk at close, a sleep of the computer, and SIGTERM."""

from __future__ import annotations

import errno
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_live_view, build_main_window, offer_resume
from kicktimer.app.session import LiveSession
from kicktimer.core.run.clock import OffsetClock
from kicktimer.io.paths import recordings_dir
from kicktimer.io.reader import read_recording, unfinished_recordings
from kicktimer.io.session_file import load_session
from kicktimer.ui.unsaved_dialog import UnsavedDialog
from tests.conftest import SESSIONS
from tests.io.syscalls import Disk, Fault
from tests.support.clock import FakeClock

KICK = SESSIONS / "kick-500s.session.yaml"


def crashed_recording() -> Path:
    """Kick 500s started, the hold left, 40 s into the 15:00 jog; then the program died."""
    clock = FakeClock()
    live = LiveSession.start_new(load_session(KICK), recordings_dir(), clock)
    began = time.time() - 100  # it left the hold 100 s ago and died 60 s ago
    live.wall = lambda: began + clock.now_ns() / 1e9 - 1000
    live.apply(live.engine.tap)
    for _ in range(20):
        clock.advance(2)
        live.housekeeping()
    live.journal.close()
    return live.journal.path


def answer(monkeypatch: pytest.MonkeyPatch, choice: str, asked: list[str]) -> None:
    def fake_exec(box: QMessageBox) -> int:
        asked.append(box.text())
        (button,) = [b for b in box.buttons() if b.text() == choice]
        button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)


@pytest.mark.parametrize("choice", ["Continue the clock", "Count the gap as a pause"])
def test_the_resume_offer_says_where_and_offers_both_ways(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, choice: str
) -> None:
    path = crashed_recording()
    window = build_main_window(with_sound=False)
    qtbot.addWidget(window)
    asked: list[str] = []
    answer(monkeypatch, choice, asked)
    assert offer_resume(window)
    (text,) = asked
    assert text.startswith("Kick 500s, started ") and "did not finish" in text
    assert re.search(
        r"Stopped 1 min ago \((today|yesterday) at \d\d:\d\d\), at Warm-up, 15min jog — 14:20 left", text
    ), text
    assert "Now, had the clock gone on: Warm-up, 15min jog — 13:2" in text  # 14:20 - 1 min, give or take
    assert not re.search(r"\d{4}-\d\d-\d\dT", text)  # dates in words, not ISO
    view = window.live_view
    assert view is not None and view.isVisible()
    types = [e.type for e in read_recording(path).events]
    assert types[-2:] == (["pause", "resume"] if "pause" in choice else ["start", "tap"])
    view.close()


def test_declining_the_offer_changes_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    path = crashed_recording()
    before = path.read_bytes()
    window = build_main_window(with_sound=False)
    qtbot.addWidget(window)
    answer(monkeypatch, "Not now", [])
    assert not offer_resume(window)
    assert path.read_bytes() == before and unfinished_recordings(recordings_dir()) == [path]


def failing_live(monkeypatch: pytest.MonkeyPatch, heals_after: int = 10**9) -> LiveSession:
    Disk(Fault("write", 3, errno.ENOSPC, times=heals_after, under=recordings_dir())).install(monkeypatch)
    return LiveSession.start_new(load_session(KICK), recordings_dir(), FakeClock())


def test_closing_with_events_waiting_asks_and_back_keeps_the_session(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    live = failing_live(monkeypatch)
    view = build_live_view(live)
    qtbot.addWidget(view)
    view.show()
    live.apply(live.engine.tap)
    assert live.journal.unsaved == 1
    shown: list[str] = []

    def back(dialog: UnsavedDialog) -> int:
        shown.append(dialog.text.text())
        dialog.back_button.click()
        return 0

    monkeypatch.setattr(UnsavedDialog, "exec", back)
    view.close()
    assert view.isVisible() and "1 event(s) are not on disk yet: the disk is full" in shown[0]

    def lose(dialog: UnsavedDialog) -> int:
        dialog.lose_button.click()
        return 0

    monkeypatch.setattr(UnsavedDialog, "exec", lose)
    view.close()  # lost, because the coach said so
    assert not view.isVisible()


def test_the_waiting_dialog_saves_in_the_home_folder(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
                                                      ) -> None:  # fmt: skip
    live = failing_live(monkeypatch)
    live.apply(live.engine.tap)
    dialog = UnsavedDialog(None, lambda: "1 waiting", live.retry, live.rescue, tmp_path / "home")
    qtbot.addWidget(dialog)
    dialog.home_button.click()
    assert dialog.outcome == "rescued" and "is saved as" in dialog.said
    (copy,) = (tmp_path / "home").glob("*.kick.jsonl")
    assert read_recording(copy).events == live.engine.events
    live.close()


def test_the_waiting_dialog_closes_itself_when_the_disk_accepts(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    live = failing_live(monkeypatch, heals_after=2)
    live.apply(live.engine.tap)
    dialog = UnsavedDialog(None, lambda: "1 waiting", live.retry, live.rescue, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.outcome == "saved", timeout=5000)
    assert "everything is recorded" in dialog.said and live.journal.unsaved == 0
    live.close()


def test_the_live_view_says_when_the_disk_accepts_what_waited(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    live = failing_live(monkeypatch, heals_after=1)
    view = build_live_view(live)
    qtbot.addWidget(view)
    view.show()
    live.engine.clock.advance(5)  # type: ignore[attr-defined]
    live.apply(live.engine.tap)
    qtbot.waitUntil(lambda: "the disk accepted the 1 waiting event(s)" in view.message, timeout=5000)
    view.close()


def test_a_sleep_is_said_and_can_be_counted_as_a_pause(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    mono = FakeClock()
    live = LiveSession.start_new(load_session(KICK), recordings_dir(), OffsetClock(mono, 0))
    live.apply(live.engine.tap)  # the 15:00 jog runs
    asleep = [0]
    live.sleep_clock = lambda: asleep[0]
    view = build_live_view(live)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: live._watch is not None, timeout=3000)
    mono.advance(30)
    asleep[0] = 180 * 10**9  # the lid was closed for 3 minutes; the monotonic clock did not see it
    qtbot.waitUntil(lambda: "asleep for 3 min" in view.message, timeout=3000)
    assert live.engine.snapshot().remaining_s == 15 * 60 - 30 - 180  # the clock went on
    (box,) = [w for w in view.findChildren(QMessageBox) if w.isVisible()]
    (pause,) = [b for b in box.buttons() if b.text() == "Count it as a pause"]
    pause.click()
    assert "counts as a pause" in view.message
    assert live.engine.snapshot().remaining_s == 15 * 60 - 30
    assert [e.type for e in read_recording(live.journal.path).events][-2:] == ["pause", "resume"]
    view.close()


def catches(pid: int, sig: int) -> bool:
    """Linux: whether a process has a handler for `sig` (SigCgt in /proc/PID/status)."""
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        return True
    mask = next(line.split()[1] for line in status.read_text().splitlines() if line.startswith("SigCgt:"))
    return bool(int(mask, 16) >> (sig - 1) & 1)


@pytest.mark.parametrize("command", [["run", str(KICK), "--mute"], ["gui"]])
def test_sigterm_stops_the_gui_cleanly_and_the_recording_can_be_resumed(tmp_path: Path, command: list[str]) -> None:
    env = {**os.environ, "KICKTIMER_HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([sys.executable, "-m", "kicktimer", *command], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)  # fmt: skip
    deadline = time.monotonic() + 30
    if command[0] == "run":
        while not list((tmp_path / "recordings").glob("*.kick.jsonl")) and time.monotonic() < deadline:
            time.sleep(0.1)
    while not catches(proc.pid, signal.SIGTERM) and time.monotonic() < deadline:
        time.sleep(0.1)  # a SIGTERM before its handler is installed kills at once (nothing was recorded yet)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    code = proc.wait(20)
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert code == 143 and "Traceback" not in err, err
    assert "stopped (SIGTERM: the desktop is closing)" in err
    if command[0] == "run":
        assert "is kept; continue it with `kicktimer run --resume`" in err
        (path,) = unfinished_recordings(tmp_path / "recordings")
        assert read_recording(path).anchors  # it said when it stopped
