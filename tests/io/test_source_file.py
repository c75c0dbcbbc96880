"""Files a coach names (a session, the squad, a CSV of race times) are read only when they are plain files, and never
more than their limit + 1 bytes of them: a folder, a pipe or a device is named in the message, a huge file is
refused without being read into memory."""

from __future__ import annotations

import os
import threading
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from kicktimer.io import source_file
from kicktimer.io.fit.workout import WorkoutFileError, read_workout
from kicktimer.io.season import _session_name
from kicktimer.io.session_file import SessionFileError, load_session
from kicktimer.io.source_file import NotAFileError, read_at_most
from kicktimer.io.squad import SquadFileError, load_squad
from kicktimer.io.squad_csv import read_times_csv
from kicktimer.io.yaml_source import SourceError

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pipes as files are POSIX")


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.session.yaml"
    os.mkfifo(path)
    return path


def _in_time(call: Callable[[], object]) -> BaseException | None:
    """What `call` raised, run in a thread with a deadline: reading a pipe with no writer would block forever."""
    raised: list[BaseException | None] = []

    def run() -> None:
        try:
            call()
            raised.append(None)
        except BaseException as error:  # handed back to the test
            raised.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10.0)
    assert raised, "it waited on the pipe instead of refusing it"
    return raised[0]


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (_fifo, "a pipe (FIFO)"),
        (lambda tmp_path: tmp_path, "a folder"),
        (lambda tmp_path: Path("/dev/zero"), "a device"),
    ],
)
def test_what_is_not_a_plain_file_is_refused_by_its_kind_and_never_read(
    tmp_path: Path, make: Callable[[Path], Path], kind: str
) -> None:
    path = make(tmp_path)
    error = _in_time(lambda: load_session(path))
    assert isinstance(error, SessionFileError)
    assert [str(p) for p in error.problems] == [f"{path}: this is {kind}, not a file: a session file is a plain file"]
    error = _in_time(lambda: load_squad(path))
    assert isinstance(error, SquadFileError)
    assert f"this is {kind}, not a file: a squad file is a plain file" in str(error)
    error = _in_time(lambda: read_times_csv(path))
    assert isinstance(error, SquadFileError) and f"this is {kind}, not a file: a CSV of race times" in str(error)
    assert _in_time(lambda: _session_name(path)) is None  # the season's list of sessions names it by its file
    error = _in_time(lambda: read_workout(path))
    assert (
        isinstance(error, WorkoutFileError)
        and str(error) == f"{path}: this is {kind}, not a file: a FIT workout is a plain file"
    )


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    huge = tmp_path / "huge.session.yaml"
    with huge.open("wb") as out:
        out.truncate(64 * 2**20)  # 64 MB of nothing, taking no disk
    tracemalloc.start()
    try:
        with pytest.raises(SessionFileError) as caught:
            load_session(huge)
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [str(p) for p in caught.value.problems] == [
        f"{huge}:1:1: this file is 67,108,864 bytes; a session file is at most 100,000"
    ]
    assert peak_bytes < 2**20
    tracemalloc.start()
    try:
        with pytest.raises(WorkoutFileError, match="this file is 67,108,864 bytes; a FIT workout is at most 1,000,000"):
            read_workout(huge)
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak_bytes < 2**20


def test_a_file_that_says_it_is_smaller_than_it_is_is_read_to_its_limit_plus_one_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "grows.session.yaml"
    path.write_bytes(b"#" * 5000)
    real_fstat, real_read = os.fstat, os.read
    given: list[int] = []

    def small_fstat(fd: int) -> os.stat_result:  # as /proc files and files still being written do
        info = real_fstat(fd)
        return os.stat_result((info.st_mode, *info[1:6], 10, *info[7:]))

    def counted_read(fd: int, count: int) -> bytes:
        chunk = real_read(fd, min(count, 700))  # short reads, as a pipe or a network folder gives
        given.append(len(chunk))
        return chunk

    monkeypatch.setattr(source_file.os, "fstat", small_fstat)
    monkeypatch.setattr(source_file.os, "read", counted_read)
    with pytest.raises(SourceError, match="this file is more than 1,000 bytes; a list is at most 1,000"):
        read_at_most(path, 1000, "a list")
    assert given == [700, 301]  # the limit and one byte more: enough to know it is too big
    assert read_at_most(path, 5000, "a list") == b"#" * 5000  # the limit is the caller's


def test_not_a_file_is_its_own_error_and_a_missing_file_is_still_missing(tmp_path: Path) -> None:
    with pytest.raises(NotAFileError):
        read_at_most(tmp_path, 10, "a list")
    with pytest.raises(FileNotFoundError):
        read_at_most(tmp_path / "none", 10, "a list")
    assert load_squad(tmp_path / "squad.yaml").athletes == ()  # no squad yet: an empty one
