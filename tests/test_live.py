"""LiveSession: the engine and its recording together; resume rebuilds the same state."""

from __future__ import annotations

from pathlib import Path

import pytest

from kicktimer.app.session import LiveSession
from kicktimer.io.journal import RecordingError
from kicktimer.io.reader import read_recording
from kicktimer.io.session_file import load_session
from tests.conftest import SESSIONS
from tests.support.clock import FakeClock


def test_start_record_end(tmp_path: Path) -> None:
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    assert live.engine.started and live.journal.unsaved == 0
    for key, dt in [(" ", 1), (" ", 5), ("1", 30), ("2", 1), ("x", 1), ("q", 1)]:
        clock.advance(dt)
        outcome = live.press(key, clock.now_ns())
        assert outcome.saved
    live.close()
    recording = read_recording(live.journal.path)
    assert [e.type for e in recording.events] == ["start", "tap", "tap", "tap", "tap", "end"]
    assert recording.header.source_text == session.source_text
    assert recording.header.plan == session.plan.to_json()
    with pytest.raises(RecordingError, match="finished"):
        LiveSession.resume(live.journal.path)


def test_resume_rebuilds_the_state_and_counts_the_gap_as_a_pause_when_asked(tmp_path: Path) -> None:
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    for key in "  1":
        clock.advance(2)
        live.press(key, clock.now_ns())
    before = live.engine.snapshot()
    live.journal.close()  # the process dies here
    resumed = LiveSession.resume(live.journal.path, gap_as_pause=True)
    after = resumed.engine.snapshot()
    assert after.step_index == before.step_index and after.status == "running"
    assert resumed.engine.splits == live.engine.splits
    assert any("counted as a pause" in note for note in resumed.notes)
    recording = read_recording(live.journal.path)
    assert [e.type for e in recording.events][-2:] == ["pause", "resume"]
    assert recording.restarts and "counted as a pause" in recording.restarts[0]
    resumed.close()


def test_resume_continues_the_clock_by_default_and_says_where(tmp_path: Path) -> None:
    """Killed 40 s into the 15:00 warm-up jog, restarted 3 min later (wall clock): the jog has 11:20 left."""
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    live.wall = lambda: 1_800_000_000.0 + clock.now_ns() / 1e9
    live.press(" ", clock.now_ns())  # leave the hold: the jog runs
    for _ in range(20):
        clock.advance(2)
        live.housekeeping()  # heartbeats every 2 s
    assert live.engine.snapshot().remaining_s == 14 * 60 + 20
    live.journal.close()  # the process dies here; 3 min later it starts again
    mono = FakeClock(5 * 10**9)
    resumed = LiveSession.resume(live.journal.path, mono=mono, wall=lambda: 1_800_000_000.0 + 1040 + 180)
    snap = resumed.engine.snapshot()
    assert snap.step.label == "15min jog" and snap.remaining_s == 11 * 60 + 20
    assert [e.type for e in resumed.engine.events] == ["start", "tap"]  # nothing pretends to be a pause
    assert resumed.resume_text[0].startswith("stopped 3 min ago") and "14:20 left" in resumed.resume_text[0]
    assert "11:20 left" in resumed.resume_text[1]
    resumed.close()


def test_keys_map_to_commands(tmp_path: Path) -> None:
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    assert live.press("1", clock.now_ns()).event is None  # athlete keys do not leave a hold
    assert live.press("9", clock.now_ns()).event is None  # no ninth athlete
    assert live.press(" ", clock.now_ns()).event is not None
    event = live.press("p", clock.now_ns()).event
    assert event is not None and event.type == "pause"
    assert live.press("P", clock.now_ns()).event is not None  # case does not matter
    assert live.press("?", clock.now_ns()).event is None
    live.close()


def test_disk_full_mid_session_the_session_goes_on_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from kicktimer.io import journal as journal_module

    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    real_write = os.write
    full = {"on": True}

    def write(fd: int, data: bytes) -> int:
        if full["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(journal_module.os, "write", write)
    outcomes = []
    for key in " 12":
        clock.advance(3)
        outcomes.append(live.press(key, clock.now_ns()))
    assert [o.saved for o in outcomes] == [False, False, False]
    assert live.engine.snapshot().step.label == "15min jog"  # the timer did not stop
    assert live.journal.unsaved == 3 and live.retry() is False
    full["on"] = False
    assert live.retry() is True
    live.close()
    assert [e.type for e in read_recording(live.journal.path).events] == ["start", "tap", "tap", "tap"]


def test_unwritable_data_dir_is_refused_before_the_session_starts(tmp_path: Path) -> None:
    import subprocess
    import sys

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = subprocess.run(
        [sys.executable, "-m", "kicktimer", "run", str(SESSIONS / "kick-500s.session.yaml"), "--console",
         "--data-dir", str(blocker)],
        capture_output=True, text=True, input="", check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "cannot write recordings in" in result.stderr and "--data-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_console_lists_its_keys_from_the_table_and_words_what_each_key_did(tmp_path: Path) -> None:
    import io
    import os

    from kicktimer.app.console import run_console

    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    read_end, write_end = os.pipe()
    os.write(write_end, b"? 1uq")
    os.close(write_end)
    out = io.StringIO()
    try:
        assert run_console(live, read_end, out) == 0
    finally:
        os.close(read_end)
        live.close()
    text = out.getvalue()
    assert "keys: Space tap all · 1-9 athlete · p pause · b back · n skip" in text
    assert "  B / Left" not in text and "  b         restart this step" in text  # `?`: the console's own keys
    assert "[recorded 2] tap Ana:" in text and "[recorded 3] undo (Ana " in text and "taken back)" in text
