"""Durability is tested, not assumed: the order of write, fsync and acknowledgement, and a disk that fails
(ENOSPC, EIO, EPERM) at every write and every fsync of a session."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from kicktimer.app.session import LiveSession
from kicktimer.core.run.events import Event
from kicktimer.io.journal import RecordingError
from kicktimer.io.reader import read_recording
from kicktimer.io.session_file import Session, load_session
from tests.conftest import SESSIONS
from tests.io.syscalls import Disk, Fault
from tests.support.clock import FakeClock

# (seconds to wait, key): keys as the console reads them; "h" is the runner's housekeeping (retries, heartbeat)
SCRIPT = [(1, " "), (2.5, "h"), (3, "1"), (2.5, "h"), (1, "2"), (5, "p"), (2, "h"), (2, "p"), (3, "3"),
          (1, "u"), (2.5, "h"), (1, "1"), (1, "q")]  # fmt: skip
CODES = {"ENOSPC": errno.ENOSPC, "EIO": errno.EIO, "EPERM": errno.EPERM}


def session() -> Session:
    return load_session(SESSIONS / "kick-500s.session.yaml")


def fragment(event: Event) -> str:
    return f'"t_ns":{event.t_ns},"type":"{event.type}"'


def run_script(directory: Path, disk: Disk) -> LiveSession:
    """The scripted session; at every acknowledgement, everything recorded so far must be durable already."""
    clock = FakeClock()
    live = LiveSession.start_new(session(), directory, clock)
    live.wall = lambda: 1_800_000_000.0 + clock.now_ns() / 1e9
    path = live.journal.path
    assert '"format":"kicktimer-recording"' in disk.durable_text(path), "the header was not fsynced at start"
    assert disk.dir_fsynced(directory), "the new file's directory was not fsynced"
    for wait_s, key in SCRIPT:
        clock.advance(wait_s)
        if key == "h":
            live.housekeeping()
            continue
        outcome = live.press(key, clock.now_ns())
        if outcome.saved:  # acknowledged: every event so far must already be on disk
            durable = disk.durable_text(path)
            missing = [e for e in live.engine.events if fragment(e) not in durable]
            assert not missing, f"acknowledged before fsync: {missing}"
    return live


def test_fsync_comes_before_every_acknowledgement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fails when fsync is skipped (kill -9 never notices: the page cache survives it) or comes after the ack."""
    disk = Disk().install(monkeypatch)
    live = run_script(tmp_path, disk)
    assert live.journal.unsaved == 0
    live.close()
    heartbeats = disk.durable_text(live.journal.path).count('"type":"alive"')
    assert heartbeats >= 3  # the session ran ~25 s: a heartbeat every 2 s while running
    writes = [c for c in disk.calls if c[1] == str(live.journal.path)]
    assert all(c == "fsync" for (c, _, _), _ in zip(writes[1::2], writes[::2], strict=False))  # write, fsync, …


def clean_counts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    with monkeypatch.context() as patch:
        disk = Disk().install(patch)
        run_script(tmp_path / "clean", disk).close()
    return disk.counts


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("call", ["write", "fsync"])
def test_a_failing_disk_at_every_write_loses_nothing_and_never_raises(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str, code: str
) -> None:
    total = clean_counts(tmp_path, monkeypatch)[call]
    assert total >= 10
    for at in range(total):
        folder = tmp_path / f"{call}{at}"
        with monkeypatch.context() as patch:
            disk = Disk(Fault(call, at, CODES[code], times=3, partial=at % 2 == 0)).install(patch)
            try:
                live = run_script(folder, disk)
            except RecordingError as error:  # the header itself failed: refused, and nothing left behind
                assert at == 0 and "nothing was recorded" in str(error)
                assert list(folder.glob("*.kick.jsonl")) == []
                continue
            assert disk.failed, "the fault never fired"
            assert any(live.retry() for _ in range(4))  # the disk heals after 3 failed calls
            assert live.journal.unsaved == 0, (call, at)
            live.close()
        recording = read_recording(live.journal.path)
        assert recording.events == live.engine.events, (call, at)
        assert recording.notes == [], (call, at, recording.notes)


def test_a_disk_that_never_heals_keeps_the_events_and_a_rescue_copy_has_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "usb stick"
    with monkeypatch.context() as patch:
        disk = Disk(Fault("write", 4, errno.EIO, times=10**9, under=tmp_path / "recordings")).install(patch)
        live = run_script(tmp_path / "recordings", disk)
        assert live.journal.unsaved > 0 and live.journal.last_error is not None
        said = live.rescue(elsewhere)
        live.close()
    (copy,) = elsewhere.glob("*.kick.jsonl")
    assert str(copy) in said and "copy it over" in said
    rescued = read_recording(copy)
    assert rescued.events == live.engine.events and rescued.notes == []
    assert rescued.header.recording_id == read_recording(live.journal.path).header.recording_id


def test_after_a_failed_fsync_the_line_is_written_again_not_just_fsynced_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A retried fsync can succeed although the kernel dropped the pages it failed to write: the line must be
    written again (on a fresh descriptor, after cutting the unconfirmed bytes) before it is acknowledged."""
    with monkeypatch.context() as patch:
        disk = Disk(Fault("fsync", 3, errno.EIO, times=1)).install(patch)
        live = run_script(tmp_path, disk)  # the spy holds pages lost on a failed fsync as not durable
        live.close()
    path = str(live.journal.path)
    failed = next(i for i, c in enumerate(disk.calls) if c[0] == "fsync failed")
    after = [c[0] for c in disk.calls[failed + 1 :] if c[1] == path][:3]
    assert after == ["ftruncate", "write", "fsync"]
    assert read_recording(live.journal.path).events == live.engine.events


def test_acknowledged_bytes_missing_from_the_file_are_written_again(tmp_path: Path) -> None:
    """After an error the file is compared with what was acknowledged: a line gone missing is rewritten."""
    clock = FakeClock()
    live = LiveSession.start_new(session(), tmp_path, clock)
    for key in " 12":
        clock.advance(2)
        assert live.press(key, clock.now_ns()).saved
    path = live.journal.path
    whole = path.read_bytes()
    path.write_bytes(whole[: whole.rindex(b"\n", 0, len(whole) - 1) + 1])  # the last tap vanishes from the disk
    live.journal._drop_descriptor()  # as after any write or fsync error
    clock.advance(2)
    assert live.press("p", clock.now_ns()).saved
    assert any("gone missing" in r for r in live.journal.repaired)
    live.close()
    recording = read_recording(path)
    assert recording.events == live.engine.events and recording.notes == []
