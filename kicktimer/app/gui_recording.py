"""The GUI's side of keeping a recording: the resume offer, events waiting for the disk at close, a sleep of
the computer, and SIGTERM (a desktop logout), SIGINT, SIGHUP, which stop the program and not the session."""

from __future__ import annotations

import contextlib
import signal
import socket
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSocketNotifier, Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from kicktimer.app.session import LiveSession, fallback_folders, preview_resume
from kicktimer.io.journal import RecordingError
from kicktimer.io.recordings import RECORDING_NOW
from kicktimer.io.writer_lock import holder_of
from kicktimer.ui.keep_awake import KeepAwake
from kicktimer.ui.live_view import LiveView
from kicktimer.ui.unsaved_dialog import UnsavedDialog

SIGNALS = {"SIGTERM": ("stopped (SIGTERM: the desktop is closing)", 143), "SIGINT": ("interrupted (Ctrl+C)", 130),
           "SIGHUP": ("the terminal closed (SIGHUP)", 129)}  # fmt: skip


def ask_resume(parent: QWidget, path: Path) -> LiveSession | None:
    """Offer an unfinished recording: where it stopped and where it is now, then "Continue the clock" (the
    default: the athletes kept running) or "Count the gap as a pause". None when declined or impossible; a
    recording another kicktimer writes is said to be being recorded now, and by whom (nothing went wrong)."""
    writer = holder_of(path)
    if writer is not None:
        QMessageBox.information(parent, "Being recorded now", f"{path.name} is {RECORDING_NOW} (by {writer}). To "
                                "resume it here, end or close that session first.")  # fmt: skip
        return None
    try:
        lines = preview_resume(path)
    except RecordingError:
        return None
    text = "\n".join(line[:1].upper() + line[1:] for line in lines)
    box = QMessageBox(QMessageBox.Icon.Question, "Resume the unfinished session?", text, parent=parent)
    go_on = box.addButton("Continue the clock", QMessageBox.ButtonRole.AcceptRole)
    as_pause = box.addButton("Count the gap as a pause", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(go_on)
    box.exec()
    if box.clickedButton() not in (go_on, as_pause):
        return None
    try:
        return LiveSession.resume(path, gap_as_pause=box.clickedButton() is as_pause)
    except RecordingError as error:
        QMessageBox.warning(parent, "Cannot resume", str(error))
        return None


def wire_keeping(view: LiveView, live: LiveSession) -> None:
    """Closing the live view with events not on disk yet asks first (and never drops them unsaid)."""

    def may_close() -> bool:
        if live.journal.unsaved == 0 or live.journal.flush():
            return True
        folders = fallback_folders(live.journal.path)
        dialog = UnsavedDialog(view, lambda: _waiting(live), live.retry, live.rescue, folders[0])
        dialog.exec()
        if dialog.outcome == "back":
            return False
        if dialog.said:
            QMessageBox.information(view.parentWidget() or view, "kicktimer", dialog.said)
        return True

    view.may_close = may_close


def _waiting(live: LiveSession) -> str:
    return f"{live.journal.unsaved} event(s) are not on disk yet: {live.journal.last_error}."


def unsaved_badge(unsaved: int, last_error: str | None) -> str:
    """What the live screen shows, and keeps showing, while events wait for the disk ("" once all are on it):
    "NOT SAVED — disk is full, 3 waiting", in the words the journal gave the refusal."""
    if unsaved == 0:
        return ""
    reason = (last_error or "retrying").removeprefix("the ")
    return f"NOT SAVED — {reason}, {unsaved} waiting"


HOUSEKEEPING_MS = 500  # audio watchdog, journal retries, ending a finished session: not the display
DONE_SOUND_NS = 1_500_000_000


def wire_housekeeping(view: LiveView, live: LiveSession) -> None:
    """While the live window shows: the audio watched, the disk retried, the screen kept on, and a complete
    session ended (recorded) once its "done" has sounded."""
    housekeeping = QTimer(view)
    complete_since: list[int] = []

    def tick() -> None:
        live.audio.poll()
        say_housekeeping(view, live)
        snap = live.engine.snapshot()
        if snap.status == "complete":
            complete_since[:] = complete_since[:1] or [snap.now_ns]
            if snap.now_ns - complete_since[0] >= DONE_SOUND_NS:  # after the "done" phrase
                live.apply(live.engine.end)
                view.notice()

    housekeeping.timeout.connect(tick)
    awake = KeepAwake()
    view.keep_awake = awake
    view.on_show.append(lambda: housekeeping.start(HOUSEKEEPING_MS))
    view.on_show.append(lambda: None if awake.hold() else live.notes.append(awake.reason or ""))
    view.on_hide.append(housekeeping.stop)
    view.on_hide.append(lambda: awake.release())
    view.destroyed.connect(live.close)


def say_housekeeping(view: LiveView, live: LiveSession) -> None:
    """What housekeeping found (the disk accepted what waited, the computer slept) goes on the screen."""
    for text in live.housekeeping():
        view.message = text
        if live.slept is not None and "asleep" in text:
            ask_sleep(view, live, text)
        view.update()


def ask_sleep(view: LiveView, live: LiveSession, text: str) -> None:
    """After a sleep the clock went on (default); the coach may count it as a pause instead. The question
    never takes the keyboard: Space and the digits keep tapping."""
    box = QMessageBox(QMessageBox.Icon.Information, "The computer was asleep", text[0].upper() + text[1:], parent=view)
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    keep = box.addButton("Keep the clock", QMessageBox.ButtonRole.RejectRole)
    pause = box.addButton("Count it as a pause", QMessageBox.ButtonRole.AcceptRole)
    for button in (keep, pause):
        if isinstance(button, QPushButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def chosen() -> None:
        if box.clickedButton() is pause:
            view.message = live.count_sleep_as_pause()
            view.update()

    box.finished.connect(chosen)
    box.show()


class SignalStop:
    """SIGTERM, SIGINT, SIGHUP while the GUI runs: a running session is stopped as the console stops it (not
    ended: it can be resumed; what the disk refuses goes to a fallback folder), then the program quits. Python
    runs signal handlers only between bytecodes, so the signal wakes Qt through a socket (set_wakeup_fd)."""

    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.live: LiveSession | None = None
        self._read, self._write = socket.socketpair()
        for end in (self._read, self._write):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._write.fileno())
        self._previous = {}
        for name in SIGNALS:
            number = getattr(signal, name, None)
            if number is not None:
                self._previous[number] = signal.signal(number, lambda *_: None)  # the wake-up fd does the work
        self._notifier = QSocketNotifier(self._read.fileno(), QSocketNotifier.Type.Read, app)
        self._notifier.activated.connect(self._woken)

    def _woken(self) -> None:
        with contextlib.suppress(BlockingIOError):
            for number in self._read.recv(64):
                name = signal.Signals(number).name
                if name in SIGNALS:
                    self.stop(*SIGNALS[name])
                    return

    def stop(self, why: str, code: int) -> None:
        live, self.live = self.live, None
        if live is not None:
            for line in live.stop(why):
                print(f"kicktimer: {line}", file=sys.stderr, flush=True)
            live.close()  # the lock goes with it: the next start may resume
        else:
            print(f"kicktimer: {why}", file=sys.stderr, flush=True)
        self.app.exit(code)

    def uninstall(self) -> None:
        self._notifier.setEnabled(False)
        signal.set_wakeup_fd(self._previous_fd)
        for number, handler in self._previous.items():
            signal.signal(number, handler)
        self._read.close()
        self._write.close()
