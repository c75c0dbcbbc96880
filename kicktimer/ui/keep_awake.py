"""Keeps the screen awake while a session runs, and lets it sleep again afterwards. Where it cannot (no D-Bus
session bus, no screensaver service), it does nothing and says why; the timer does not depend on it."""

from __future__ import annotations

import ctypes
import os
import subprocess
import sys

_WIN_CONTINUOUS, _WIN_SYSTEM, _WIN_DISPLAY = 0x80000000, 0x00000001, 0x00000002


class KeepAwake:
    def __init__(self) -> None:
        self.active = False
        self.reason: str | None = None  # why the screen may still sleep
        self._cookie: int | None = None
        self._caffeinate: subprocess.Popen[bytes] | None = None

    def hold(self, why: str = "a training session is running") -> bool:
        if self.active:
            return True
        if sys.platform.startswith("linux"):
            self.active = self._linux_inhibit(why)
        elif sys.platform == "win32":
            flags = _WIN_CONTINUOUS | _WIN_SYSTEM | _WIN_DISPLAY
            self.active = bool(ctypes.windll.kernel32.SetThreadExecutionState(flags))  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            try:
                self._caffeinate = subprocess.Popen(["caffeinate", "-d", "-i", "-w", str(os.getpid())])
                self.active = True
            except OSError as error:
                self.reason = f"caffeinate is not available: {error}"
        else:
            self.reason = f"keeping the screen awake is not supported on {sys.platform}"
        return self.active

    def _linux_inhibit(self, why: str) -> bool:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface, QDBusMessage

        bus = QDBusConnection.sessionBus()
        if not bus.isConnected():
            self.reason = f"no D-Bus session ({bus.lastError().message()}): the screen may sleep"
            return False
        saver = QDBusInterface(
            "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", bus
        )
        if not saver.isValid():
            self.reason = "no screensaver service to ask: the screen may sleep"
            return False
        reply = saver.call("Inhibit", "kicktimer", why)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            self.reason = f"the screensaver refused: {reply.errorMessage()}"
            return False
        self._cookie = int(reply.arguments()[0])
        return True

    def release(self) -> None:
        if not self.active:
            return
        self.active = False
        if sys.platform.startswith("linux") and self._cookie is not None:
            from PySide6.QtDBus import QDBusConnection, QDBusInterface

            bus = QDBusConnection.sessionBus()
            saver = QDBusInterface(
                "org.freedesktop.ScreenSaver", "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver", bus
            )
            saver.call("UnInhibit", self._cookie)
            self._cookie = None
        elif sys.platform == "win32":
            ctypes.windll.kernel32.SetThreadExecutionState(_WIN_CONTINUOUS)  # type: ignore[attr-defined]
        elif self._caffeinate is not None:
            self._caffeinate.terminate()
            self._caffeinate = None
