"""What a run needs, asked before anything is created: keys for the console runner, a display for the window.

A console whose input is closed, /dev/null or an empty file can never get a key. Qt aborts the whole process
(SIGABRT, five lines of its own) when no platform plugin starts, so a session started first would leave a
recording nobody ran.

On Linux and the BSDs Qt's default platforms (xcb, wayland) need a display server named by DISPLAY or
WAYLAND_DISPLAY; QT_QPA_PLATFORM (offscreen, vnc, eglfs…) is the user choosing another, and is trusted. Windows
and macOS always have their own. A display that is named but does not answer (a dead DISPLAY=:7) is only found
out by Qt itself: `start_qt` turns that abort into the same one line, and the selftest asks in a child process.
"""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

NO_DISPLAY = "no display: use --console, or set QT_QPA_PLATFORM=offscreen for a test"
_OWN_PLATFORM = ("win32", "darwin", "cygwin")


def input_problem(stream: TextIO | None) -> str | None:
    """None when keys can come from `stream` (a terminal, a pipe, a file with something in it), else why not."""
    try:
        info = os.fstat(stream.fileno()) if stream is not None else None
    except (OSError, ValueError):
        info = None
    if info is None:
        return "the input is closed: keys come from the terminal or a pipe; nothing was started"
    try:
        devnull = Path(os.devnull).stat()
    except OSError:
        devnull = None
    if stat.S_ISCHR(info.st_mode) and devnull is not None and os.path.samestat(info, devnull):
        return "the input is /dev/null, which never gives a key: run it from a terminal or a pipe; nothing was started"
    if stat.S_ISREG(info.st_mode) and info.st_size == 0:
        return "the input is an empty file, which never gives a key; nothing was started"
    return None


def display_problem(environ: Mapping[str, str] | None = None, platform: str | None = None) -> str | None:
    """None when Qt can be expected to open a window, else why not (one line, with what to do)."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform).startswith(_OWN_PLATFORM):
        return None
    if env.get("QT_QPA_PLATFORM", "").strip():
        return None
    if env.get("DISPLAY", "").strip() or env.get("WAYLAND_DISPLAY", "").strip():
        return None
    return NO_DISPLAY


def start_qt() -> QApplication:
    """The application object, made before anything is written. Should the platform still fail to start (a
    display named but gone), the process ends with one line and status 1 instead of Qt's abort."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    running = QApplication.instance()
    if isinstance(running, QApplication):
        return running

    def fatal_only(kind: QtMsgType, _context: object, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            print(f"{NO_DISPLAY} ({_named()} does not answer)", file=sys.stderr, flush=True)
            os._exit(1)  # Qt aborts once this returns: nothing else can run safely

    previous = qInstallMessageHandler(fatal_only)  # Qt's warnings while it looks for a platform stay quiet
    app = QApplication(sys.argv[:1])
    qInstallMessageHandler(previous)
    return app


def _named() -> str:
    names = [f"{key}={os.environ[key]}" for key in ("DISPLAY", "WAYLAND_DISPLAY") if os.environ.get(key)]
    return " and ".join(names) or "the display"


def probe_display() -> str | None:
    """Whether Qt starts a platform, asked in a forked child when a display server is to be used (its abort
    cannot end this process): None, or why not. Without fork, or with a platform chosen, the environment's
    answer."""
    problem = display_problem()
    fork = getattr(os, "fork", None)
    chosen = os.environ.get("QT_QPA_PLATFORM", "").strip()
    if problem is not None or fork is None or chosen or sys.platform.startswith(_OWN_PLATFORM):
        return problem
    sys.stdout.flush()
    sys.stderr.flush()
    child = fork()
    if child == 0:  # pragma: no cover - the child's work is seen through its status
        code = 1
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            start_qt()
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(child, 0)
    return None if os.waitstatus_to_exitcode(status) == 0 else f"{NO_DISPLAY} ({_named()} does not answer)"
