"""A corpus of damaged recordings through every command: history, review, export, resume. Nothing raises
anything but a message saying what is wrong; damage that changes splits is noticed and said."""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest

from kicktimer.app.session import LiveSession
from kicktimer.cli import main
from kicktimer.io.journal import RecordingError
from kicktimer.io.reader import read_recording
from kicktimer.io.recordings import history, open_recording
from tests.damage import CASES, damaged, random_damage, with_foreign_header, write_big_junk
from tests.recorded import recorded_events, scenario_plan, write_recording


def every_command(path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run every reading command on `path` (an exception escaping is a traceback for the user); what they said."""
    said = []
    assert main(["history", "--data-dir", str(data_dir)]) == 0
    assert main(["review", str(path)]) in (0, 1)
    assert main(["review", "latest", "--data-dir", str(data_dir)]) in (0, 1)
    for fmt in ("csv", "json", "tcx", "fit"):
        assert main(["export", str(path), "--format", fmt, "-o", str(data_dir / f"out.{fmt}")]) in (0, 1)
    out = capsys.readouterr()
    said.append(out.out + out.err)
    copy = data_dir / "resume" / path.name
    copy.parent.mkdir(exist_ok=True)
    shutil.copyfile(path, copy)
    try:
        LiveSession.resume(copy).close()
    except RecordingError as error:
        said.append(str(error))
    return "\n".join(said)


@pytest.fixture
def original(tmp_path: Path) -> bytes:
    return write_recording(tmp_path / "original", recorded_events(scenario_plan())[:20]).read_bytes()


@pytest.mark.parametrize("name", sorted(CASES))
def test_every_kind_of_damage_through_every_command(
    name: str, original: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data" / "recordings"
    folder.mkdir(parents=True)
    path = folder / "2026-05-12T17-30-00-kick-500s-test.kick.jsonl"
    path.write_bytes(damaged(original, name, seed=7))
    said = every_command(path, folder.parent, capsys)
    assert "Traceback" not in said
    (entry,) = history(folder)
    try:
        recording = read_recording(path)
    except RecordingError as error:
        assert entry.status == "unreadable" and entry.problem and path.name in entry.problem, entry
        assert str(error).startswith(str(path))
        return
    pristine = recorded_events(scenario_plan())[:20]
    if recording.events != pristine and name not in WELL_FORMED:  # whatever changed the events was said
        assert recording.notes, name


# Edits that leave a line well-formed, in sequence and of this recording: indistinguishable from what was
# recorded (a cut exactly at a line's end is what kill -9 leaves too). They only must not break anything.
WELL_FORMED = {"a correction pointing nowhere", "athlete 50", "cut anywhere"}


def test_duplicated_and_reordered_lines_are_said_and_undone(original: bytes, tmp_path: Path) -> None:
    lines = original.rstrip(b"\n").split(b"\n")
    path = tmp_path / "r.kick.jsonl"
    path.write_bytes(b"\n".join([*lines[:6], lines[4], lines[7], lines[6], *lines[8:]]) + b"\n")
    recording = read_recording(path)
    assert recording.events == read_recording_bytes(tmp_path, original).events  # both undone
    assert any(":7: the same line again (sequence" in n and "the first is kept" in n for n in recording.notes)
    assert any("out of order" in n and "by sequence number" in n for n in recording.notes)


def test_a_missing_line_is_said(original: bytes, tmp_path: Path) -> None:
    lines = original.rstrip(b"\n").split(b"\n")
    path = tmp_path / "r.kick.jsonl"
    path.write_bytes(b"\n".join([*lines[:5], *lines[6:]]) + b"\n")
    (note,) = read_recording(path).notes
    assert note.startswith(f"{path}: 1 line missing (sequence ") and "an event may have been lost" in note
    path.write_bytes(b"\n".join([*lines[:5], *lines[7:]]) + b"\n")
    (note,) = read_recording(path).notes
    assert note.startswith(f"{path}: 2 lines missing (sequence 5–6)")


def test_a_header_from_another_recording_is_refused(original: bytes, tmp_path: Path) -> None:
    other = write_recording(tmp_path / "other", recorded_events(scenario_plan())[:5]).read_bytes()
    path = tmp_path / "r.kick.jsonl"
    lines = with_foreign_header(original.rstrip(b"\n").split(b"\n"), other.rstrip(b"\n").split(b"\n"))
    path.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(RecordingError, match="header belongs to another recording"):
        read_recording(path)


def test_a_huge_junk_file_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "junk.kick.jsonl"
    write_big_junk(path, 60)
    t0 = time.perf_counter()
    (entry,) = history(tmp_path)
    assert time.perf_counter() - t0 < 5  # generous: it is not read at all
    assert entry.problem is not None and "63 MB" in entry.problem and "not read" in entry.problem
    with pytest.raises(RecordingError, match="far larger than any recording"):
        open_recording(path)


def test_random_stacked_damage_never_raises(original: bytes, tmp_path: Path) -> None:
    """The small form of `make trials`' 200: a few stacked kinds of damage, read by history and review."""
    other = write_recording(tmp_path / "other", recorded_events(scenario_plan())[:5]).read_bytes()
    folder = tmp_path / "recordings"
    folder.mkdir()
    for seed in range(25):
        data, _ = random_damage(original, other, seed)
        (folder / f"2026-05-12T17-30-{seed:02d}-x.kick.jsonl").write_bytes(data)
    entries = history(folder)
    assert len(entries) == 25
    for entry in entries:
        try:
            open_recording(entry.path)
        except RecordingError as error:
            assert str(error)
    assert random.Random(0).random() < 1  # keep the module's imports honest


def read_recording_bytes(tmp_path: Path, data: bytes):  # type: ignore[no-untyped-def]
    path = tmp_path / "pristine.kick.jsonl"
    path.write_bytes(data)
    return read_recording(path)


@pytest.mark.parametrize(
    ("field", "lost"),
    [(b'"format":', b'"format":99'), (b'"wall_start":', b'"wall_start":x'), (b'"athletes":', b'"athletes":]')],
)
def test_a_broken_byte_in_the_header_loses_that_field_not_the_recording(
    field: bytes, lost: bytes, original: bytes, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "r.kick.jsonl"
    path.write_bytes(original.replace(field, lost, 1))
    opened = open_recording(path)
    whole = read_recording_bytes(tmp_path, original)
    assert opened.recording.events == whole.events
    assert opened.session.source_text == whole.header.source_text
    assert opened.review.replay.splits == open_recording(tmp_path / "pristine.kick.jsonl").review.replay.splits
    (note,) = (n for n in opened.notes if "header" in n)
    assert note.startswith(f"{path}:1: the header line is damaged") and "after it are intact and were read" in note
    assert main(["export", str(path), "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0
    assert "header line is damaged" in capsys.readouterr().err


def test_a_header_whose_session_text_is_broken_says_the_events_are_intact(original: bytes, tmp_path: Path) -> None:
    path = tmp_path / "r.kick.jsonl"
    path.write_bytes(original.replace(b'"source_text":"', b'"source_text":x"', 1).replace(b'"format":', b"", 1))
    with pytest.raises(RecordingError) as error:
        read_recording(path)
    said = str(error.value)
    assert said.startswith(f"{path}:1: the header line is damaged") and "after it are intact" in said
    assert "cannot be replayed without its session" in said


def test_a_file_that_is_no_recording_at_all_is_still_said_so(tmp_path: Path) -> None:
    path = tmp_path / "r.kick.jsonl"
    path.write_bytes(b'{"format": "something else"}\n{"a": 1}\n')
    with pytest.raises(RecordingError, match="not a kicktimer recording header"):
        read_recording(path)
