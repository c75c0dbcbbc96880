"""`kicktimer selftest` checks a whole installation (the frozen app's smoke test runs it too)."""

from __future__ import annotations

import pytest

from kicktimer.cli import main


def test_selftest_passes_here_and_says_what_it_checked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["selftest"]) == 0
    out = capsys.readouterr().out
    for check in ("library: ", "windows: 3 of 3 windows shown", "cue track: ", "sound: ", "data folder: "):
        assert f"ok    {check}" in out
    assert out.rstrip().endswith("selftest passed")


def test_selftest_fails_when_recordings_cannot_be_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KICKTIMER_HOME", "/proc/kicktimer")  # cannot be created
    assert main(["selftest"]) == 1
    out = capsys.readouterr().out
    assert "FAIL  data folder: cannot write recordings in /proc/kicktimer/recordings" in out
    assert "1 check(s) failed" in out
