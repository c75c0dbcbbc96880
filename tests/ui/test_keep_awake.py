"""Keep-awake: held while the live view shows and released after; degrades quietly without a session bus."""

from __future__ import annotations

import sys

import pytest
from pytestqt.qtbot import QtBot

from kicktimer.ui.keep_awake import KeepAwake


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux D-Bus path")
def test_without_a_session_bus_it_says_why_and_does_nothing(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    awake = KeepAwake()
    held = awake.hold()
    if held:  # a desktop with a screensaver service: it must release cleanly too
        awake.release()
        assert not awake.active
        return
    assert awake.reason is not None and "screen may sleep" in awake.reason
    awake.release()  # releasing what was never held is harmless
    assert not awake.active


def test_the_live_view_holds_and_releases(qtbot: QtBot, tmp_path: object) -> None:
    from pathlib import Path

    from kicktimer.app.gui import build_live_view
    from kicktimer.app.session import LiveSession
    from kicktimer.io.session_file import parse_session
    from tests.support.clock import FakeClock

    live = LiveSession.start_new(parse_session("name: x\nworkout: 6x60m\n", "x"), Path(str(tmp_path)), FakeClock())
    view = build_live_view(live)
    qtbot.addWidget(view)
    calls: list[str] = []
    awake = view.keep_awake
    assert isinstance(awake, KeepAwake)
    awake.hold = lambda why="": calls.append("hold") or True  # type: ignore[method-assign]
    awake.release = lambda: calls.append("release")  # type: ignore[method-assign]
    view.show()
    view.close()
    assert calls == ["hold", "release"]
