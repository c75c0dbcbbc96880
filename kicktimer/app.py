"""Composition root: the only place that wires io, audio and ui together."""

from __future__ import annotations

import sys
from pathlib import Path

from kicktimer.io.paths import bundled_sessions_dir, user_sessions_dir
from kicktimer.io.session_file import SessionFileError, load_session
from kicktimer.ui.main_window import MainWindow, SessionInfo


def load_for_ui(path: Path) -> SessionInfo:
    try:
        session = load_session(path)
    except SessionFileError as error:
        name = path.name.removesuffix(".session.yaml")
        return SessionInfo(path, name, None, None, None, tuple(str(p) for p in error.problems))
    return SessionInfo(path, session.name, session.about, session.source, session.plan)


def build_main_window(selected: Path | None = None) -> MainWindow:
    libraries = [("Library", bundled_sessions_dir()), ("My sessions", user_sessions_dir())]
    window = MainWindow(libraries, load_for_ui)
    if selected is not None:
        window.select_path(selected)
    return window


def run_gui(selected: Path | None = None) -> int:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("kicktimer")
    app.setOrganizationName("kicktimer")
    window = build_main_window(selected)
    window.resize(1280, 800)
    window.show()
    return int(app.exec())
