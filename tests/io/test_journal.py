"""The recording file: every event on disk in order, torn tails dropped, disk-full survived."""

from __future__ import annotations

import errno
import json
import os
from datetime import datetime
from pathlib import Path

import pytest

from kicktimer.cli import main
from kicktimer.core.run.events import Event
from kicktimer.io import journal as journal_module
from kicktimer.io.disk import check_writable
from kicktimer.io.journal import Journal, RecordingError, new_recording_path
from kicktimer.io.reader import read_recording, unfinished_recordings
from kicktimer.io.recording_lines import Header
from tests.conftest import SESSIONS
from tests.recorded import write_recording

HEADER = Header("Kick 500s", "name: Kick 500s\nworkout: 6x60m\n", None, {"steps": []}, "2026-11-23T10:00:00+00:00", 1.0)


def make(tmp_path: Path, events: list[Event]) -> Path:
    path = new_recording_path(tmp_path, "Kick 500s", datetime(2026, 11, 23, 10, 0, 0))
    journal = Journal.create(path, HEADER)
    for event in events:
        assert journal.append(event)
    journal.close()
    return path


EVENTS = [Event(10, "start"), Event(20, "tap"), Event(25, "tap", athlete=2), Event(30, "extend", delta_s=15.0)]


def test_round_trip(tmp_path: Path) -> None:
    path = make(tmp_path, EVENTS)
    assert path.name == "2026-11-23T10-00-00-kick-500s.kick.jsonl"
    recording = read_recording(path)
    assert recording.header == HEADER and recording.events == EVENTS and recording.notes == []
    assert not recording.finished
    lines = path.read_text().splitlines()
    assert json.loads(lines[0])["format"] == "kicktimer-recording" and len(lines) == 5
    assert new_recording_path(tmp_path, "Kick 500s", datetime(2026, 11, 23, 10, 0, 0)).name.endswith("-2.kick.jsonl")


def test_torn_last_line_is_dropped_and_said_then_resume_appends_cleanly(tmp_path: Path) -> None:
    path = make(tmp_path, EVENTS)
    with path.open("ab") as f:
        f.write(b'{"t_ns":40,"ty')
    recording = read_recording(path)
    assert recording.events == EVENTS
    assert len(recording.notes) == 1 and "last line was cut off" in recording.notes[0]
    journal = Journal.reopen(path)
    assert journal.append(Event(50, "end"))
    journal.close()
    again = read_recording(path)
    assert again.events == [*EVENTS, Event(50, "end")] and again.notes == [] and again.finished


def test_a_corrupt_line_in_the_middle_is_skipped_with_a_note(tmp_path: Path) -> None:
    path = make(tmp_path, EVENTS)
    lines = path.read_text().splitlines(keepends=True)
    lines.insert(2, '{"t_ns": "soon", "type": "tap"}\n')
    lines.insert(3, "garbage\n")
    path.write_text("".join(lines))
    recording = read_recording(path)
    assert recording.events == EVENTS
    assert [n.split(": ")[0] for n in recording.notes] == [f"{path}:3", f"{path}:4"]


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "empty or cut off"),
        (b'{"format": "other"}\n', "not a kicktimer recording"),
        (b"\xff\xfe\n", "not a kicktimer"),
    ],
)
def test_unreadable_recordings_say_why(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "x.kick.jsonl"
    path.write_bytes(content)
    with pytest.raises(RecordingError, match=fragment):
        read_recording(path)
    with pytest.raises(RecordingError, match="cannot read"):
        read_recording(tmp_path / "missing.kick.jsonl")


def test_disk_full_keeps_events_in_memory_and_loses_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make(tmp_path, EVENTS[:1])
    journal = Journal.reopen(path)
    real_write = os.write
    failing = {"on": True, "partial_once": True}

    def write(fd: int, data: bytes) -> int:
        if failing["on"]:
            if failing["partial_once"]:  # the disk takes half a line, then fills up
                failing["partial_once"] = False
                return real_write(fd, data[: len(data) // 2])
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(journal_module.os, "write", write)
    assert journal.append(Event(20, "tap")) is False
    assert journal.append(Event(25, "tap", athlete=1)) is False
    assert journal.unsaved == 2 and journal.last_error == "the disk is full"
    assert journal.flush() is False
    failing["on"] = False
    assert journal.append(Event(30, "pause")) is True
    assert journal.unsaved == 0 and journal.last_error is None
    journal.close()
    recording = read_recording(path)
    assert recording.events == [Event(10, "start"), Event(20, "tap"), Event(25, "tap", athlete=1), Event(30, "pause")]
    assert recording.notes == []


def test_check_writable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert check_writable(tmp_path / "new" / "recordings") is None
    blocker = tmp_path / "file"
    blocker.write_text("x")
    message = check_writable(blocker / "recordings")
    assert message is not None and str(blocker / "recordings") in message and "--data-dir" in message


@pytest.mark.parametrize(
    ("code", "advice"),
    [
        (errno.ENOSPC, "the disk is full: free some space, or write to another disk"),
        (errno.EROFS, "the disk is read-only: write to another folder (a locked SD card"),
        (errno.EACCES, "permission denied: write to a folder of your own, or ask for permission"),
    ],
)
def test_a_refused_write_says_what_to_do_about_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], code: int, advice: str
) -> None:
    """The same plain advice wherever kicktimer writes: starting a recording, an export, a cue track, the squad."""

    def refused(*args: object, **kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(journal_module.os, "open", refused)
    message = check_writable(tmp_path / "ro")
    assert message is not None and advice in message and "--data-dir" in message
    monkeypatch.undo()
    opened = write_recording(tmp_path)

    def refused_file(*args: object, **kwargs: object) -> object:
        raise OSError(code, os.strerror(code), str(args[0] if args else kwargs.get("dir")))

    real_open = Path.open

    def open_for_reading(path: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        if set(mode) & set("wxa+"):
            refused_file(path)
        return real_open(path, mode, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", open_for_reading)
    monkeypatch.setattr(Path, "write_bytes", refused_file)
    monkeypatch.setattr("kicktimer.io.squad_edit.tempfile.mkstemp", refused_file)
    session = str(SESSIONS / "kick-500s.session.yaml")
    commands = [["export", str(opened), "--format", "csv", "-o", str(tmp_path / "x.csv")],
                ["render", session, "-o", str(tmp_path / "x.wav")],
                ["squad", "--data-dir", str(tmp_path), "add", "Ana 800m 2:06"]]  # fmt: skip
    for command in commands:
        assert main(command) == 1, command
        err = capsys.readouterr().err
        assert advice in err and "Traceback" not in err, (command, err)


def test_unfinished_recordings_newest_first(tmp_path: Path) -> None:
    old = make(tmp_path, EVENTS)
    done = make(tmp_path, [*EVENTS, Event(60, "end")])
    newer = tmp_path / "2026-11-24T08-00-00-x.kick.jsonl"
    newer.write_bytes(old.read_bytes())
    (tmp_path / "2026-11-25T08-00-00-bad.kick.jsonl").write_text("nonsense\n")
    make(tmp_path, [])  # killed between the header and the start: nothing to resume
    assert unfinished_recordings(tmp_path) == [newer, old]
    assert done not in unfinished_recordings(tmp_path)


def test_closing_twice_does_nothing_the_second_time(tmp_path: Path) -> None:
    journal = Journal.create(tmp_path / "r.kick.jsonl", HEADER)
    journal.close()
    other = os.open(tmp_path / "other", os.O_WRONLY | os.O_CREAT)  # may reuse the journal's descriptor number
    journal.close()
    os.write(other, b"still open")
    os.close(other)
    assert (tmp_path / "other").read_bytes() == b"still open"
