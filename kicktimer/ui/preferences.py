"""What the user chose, remembered between runs (QSettings in an INI file the app points at)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from kicktimer.ui.style import THEMES


@dataclass(frozen=True)
class Preferences:
    theme: str = "sunlight"
    volume: int = 100  # 0-100
    mute: bool = False
    audio_device: str = ""  # empty: the system default
    voice: str = "session"  # "session" (as the session file says), "on" or "off"
    countdown_s: int = -1  # -1: as the session file says


class PreferenceStore:
    def __init__(self, path: Path) -> None:
        self.settings = QSettings(str(path), QSettings.Format.IniFormat)

    def load(self) -> Preferences:
        s, d = self.settings, Preferences()
        theme = str(s.value("theme", d.theme))
        return Preferences(
            theme=theme if theme in THEMES else d.theme,
            volume=_int(s.value("volume", d.volume), d.volume, 0, 100),
            mute=str(s.value("mute", "false")).lower() == "true",
            audio_device=str(s.value("audio_device", "")),
            voice=voice if (voice := str(s.value("voice", d.voice))) in ("session", "on", "off") else d.voice,
            countdown_s=_int(s.value("countdown_s", d.countdown_s), d.countdown_s, -1, 30),
        )

    def save(self, prefs: Preferences) -> None:
        for key, value in prefs.__dict__.items():
            self.settings.setValue(key, value)
        self.settings.sync()

    def update(self, **changes: object) -> Preferences:
        prefs = replace(self.load(), **changes)  # type: ignore[arg-type]
        self.save(prefs)
        return prefs

    def geometry(self, name: str) -> QByteArray | None:
        value = self.settings.value(f"geometry/{name}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, name: str, geometry: QByteArray) -> None:
        self.settings.setValue(f"geometry/{name}", geometry)
        self.settings.sync()

    def latency_offset(self, device: str) -> float:
        """The output latency offset (ms) remembered for this output device; 0 when none was set."""
        value = self.settings.value(_device_key(device))
        try:
            stored = json.loads(str(value)) if value else None
            return float(stored["ms"]) if isinstance(stored, dict) else 0.0
        except (ValueError, KeyError, TypeError):
            return 0.0

    def set_latency_offset(self, device: str, offset_ms: float) -> None:
        self.settings.setValue(_device_key(device), json.dumps({"device": device, "ms": round(offset_ms, 1)}))
        self.settings.sync()

    def roster(self, session: Path) -> list[tuple[str, str]] | None:
        """The roster the coach edited for this session file, if any: (name, race times) rows."""
        value = self.settings.value(_roster_key(session))
        try:
            rows = json.loads(str(value)) if value else None
        except ValueError:
            return None
        return [(str(n), str(p)) for n, p in rows] if isinstance(rows, list) else None

    def set_roster(self, session: Path, rows: list[tuple[str, str]] | None) -> None:
        if rows is None:
            self.settings.remove(_roster_key(session))
        else:
            self.settings.setValue(_roster_key(session), json.dumps(rows))
        self.settings.sync()

    def squad_instead(self, session: Path) -> bool:
        """Whether today's squad runs this session file instead of the athletes it names."""
        return str(self.settings.value(_session_key("squad_instead", session), "false")).lower() == "true"

    def set_squad_instead(self, session: Path, on: bool) -> None:
        if on:
            self.settings.setValue(_session_key("squad_instead", session), True)
        else:
            self.settings.remove(_session_key("squad_instead", session))
        self.settings.sync()

    def folder(self, purpose: str) -> Path | None:
        """The folder last chosen for `purpose` ("export", "watch"), while it still exists."""
        value = self.settings.value(f"folders/{purpose}")
        return Path(str(value)) if value and Path(str(value)).is_dir() else None

    def set_folder(self, purpose: str, folder: Path) -> None:
        self.settings.setValue(f"folders/{purpose}", str(folder))
        self.settings.sync()

    def ticked(self) -> list[str]:
        """Who was ticked as running today, last time."""
        try:
            names = json.loads(str(self.settings.value("today/ticked", "[]")))
        except ValueError:
            return []
        return [str(n) for n in names] if isinstance(names, list) else []

    def set_ticked(self, names: list[str]) -> None:
        self.settings.setValue("today/ticked", json.dumps(names))
        self.settings.sync()


def _int(value: object, default: int, low: int, high: int) -> int:
    try:
        number = int(str(value))
    except ValueError:
        return default
    return number if low <= number <= high else default


def _device_key(device: str) -> str:
    return "latency_offset/" + hashlib.sha1(device.encode()).hexdigest()[:16]


def _roster_key(session: Path) -> str:
    return _session_key("roster", session)


def _session_key(kind: str, session: Path) -> str:
    return f"{kind}/" + hashlib.sha1(str(session.resolve()).encode()).hexdigest()[:16]
