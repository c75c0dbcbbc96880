"""`kicktimer selftest`: is this installation whole? The session library, the three windows (built for real,
on whatever display Qt has, offscreen included), a cue track rendered, the sound outputs, the data folder.
The frozen app's smoke test runs it too."""

from __future__ import annotations

import platform
import sys
import tempfile
import wave
from collections.abc import Callable
from pathlib import Path

from kicktimer import __version__
from kicktimer.io.disk import check_writable
from kicktimer.io.paths import bundled_sessions_dir, recordings_dir
from kicktimer.io.session_file import SessionFileError, load_session

DEMO = "kick-500s.session.yaml"


def _library() -> str:
    folder = bundled_sessions_dir()
    paths = sorted(folder.rglob("*.session.yaml"))
    if not paths:
        raise RuntimeError(f"no sessions in {folder}: the bundled library is missing")
    for path in paths:
        load_session(path)  # raises SessionFileError with file:line:col
    return f"{len(paths)} sessions read from {folder}"


def _windows(demo: Path) -> str:
    from kicktimer.app.preflight import probe_display

    problem = probe_display()  # Qt with no display aborts the whole process: asked first, in a child
    if problem is not None:
        raise RuntimeError(problem)
    from PySide6 import __version__ as pyside
    from PySide6.QtCore import qVersion
    from PySide6.QtWidgets import QApplication

    from kicktimer.app.gui import build_live_view, build_main_window, build_review_window
    from kicktimer.app.session import LiveSession
    from kicktimer.ui.icons import app_icon

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    QApplication.setWindowIcon(app_icon())
    with tempfile.TemporaryDirectory() as tmp:
        browser = build_main_window(demo, with_sound=False)
        live = LiveSession.start_new(load_session(demo), Path(tmp))
        live_view = build_live_view(live)
        review = build_review_window(Path(tmp))
        windows = (browser, live_view, review)
        for window in windows:
            window.show()
        app.processEvents()
        shown = sum(w.isVisible() for w in windows)
        for window in windows:
            window.close()
        app.processEvents()
        live.close()
    return f"{shown} of 3 windows shown (Qt {qVersion()}, PySide6 {pyside}, platform {app.platformName()})"


def _render(demo: Path) -> str:
    from kicktimer.app.render import render_session

    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "cues.wav"
        summary = render_session(load_session(demo), wav, None, 60.0)
        with wave.open(str(wav)) as reader:
            if reader.getnframes() == 0:
                raise RuntimeError("the cue track is empty")
    return summary.split(": ", 1)[1]


def _sound() -> str:
    from kicktimer.audio.device import list_outputs

    try:
        outputs = list_outputs()
    except OSError as error:
        return f"none ({error}); the timer runs silently"
    return f"{len(outputs)} output(s)" if outputs else "no outputs; the timer runs silently"


def _data() -> str:
    problem = check_writable(recordings_dir())
    if problem:
        raise RuntimeError(problem)
    return f"recordings go to {recordings_dir()}"


def selftest() -> int:
    """Print one line per check; 0 when everything a session needs works (sound may be missing)."""
    print(f"kicktimer {__version__}, Python {platform.python_version()} on {platform.platform()}")
    demo = bundled_sessions_dir() / DEMO
    checks: list[tuple[str, Callable[[], str]]] = [
        ("library", _library),
        ("windows", lambda: _windows(demo)),
        ("cue track", lambda: _render(demo)),
        ("sound", _sound),
        ("data folder", _data),
    ]
    failed = 0
    for name, check in checks:
        try:
            print(f"ok    {name}: {check()}")
        except (SessionFileError, RuntimeError, OSError, ImportError) as error:
            failed += 1
            print(f"FAIL  {name}: {error}")
    print("selftest passed" if not failed else f"selftest: {failed} check(s) failed")
    return 1 if failed else 0
