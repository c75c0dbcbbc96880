"""Where kicktimer keeps things: platformdirs locations; KICKTIMER_HOME overrides (tests, portable use)."""

from __future__ import annotations

import os
from importlib.resources import files
from pathlib import Path

import platformdirs

APP = "kicktimer"


def data_dir() -> Path:
    """Recordings and the user's own sessions live here."""
    home = os.environ.get("KICKTIMER_HOME")
    return Path(home) if home else Path(platformdirs.user_data_dir(APP, appauthor=False))


def user_sessions_dir() -> Path:
    return data_dir() / "sessions"


def recordings_dir() -> Path:
    return data_dir() / "recordings"


def squad_path() -> Path:
    """The squad: every athlete once, with their race times (io/squad.py)."""
    return data_dir() / "squad.yaml"


def bundled_sessions_dir() -> Path:
    """The session library: inside the installed package, or `sessions/` of a source checkout."""
    packaged = Path(str(files("kicktimer"))) / "resources" / "sessions"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "sessions"
