"""Test environment: Qt offscreen before anything imports it; a private KICKTIMER_HOME per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")

ROOT = Path(__file__).resolve().parent.parent
SESSIONS = ROOT / "sessions"


@pytest.fixture(autouse=True)
def _private_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("KICKTIMER_HOME", str(tmp_path / "kicktimer-home"))
    yield


def library_files() -> list[Path]:
    return sorted(SESSIONS.rglob("*.session.yaml"))
