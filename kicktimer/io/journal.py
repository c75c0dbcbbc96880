"""The recording, `*.kick.jsonl`: a header line, then one line per event, each on disk before it counts.

One writer per recording (an exclusive lock for the writer's life). An event is acknowledged (`append` returns
True) only after it was written and fsynced. After any write or fsync error the descriptor is dropped; the next
try opens a fresh one, compares the file with what was acknowledged, rewrites whatever is missing (a failed
fsync may have lost pages the kernel then forgot), and only then acknowledges the lines that were waiting.
Nothing acknowledged is ever rewritten with different bytes.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
from datetime import datetime
from pathlib import Path

from kicktimer.core.run.events import Event
from kicktimer.io.disk import (
    START_RESERVE_BYTES,
    check_writable,
    describe_os_error,
    fsync_dir,
    os_error_advice,
    read_all,
    write_all,
)
from kicktimer.io.recording_lines import (
    SUFFIX,
    AliveLine,
    EventLine,
    Header,
    Line,
    encode,
)
from kicktimer.io.writer_lock import LockedError, WriterLock, open_no_follow

TAIL_CHECK_BYTES = 64 * 1024  # after an error, this much of the acknowledged end is compared with the file


class RecordingError(Exception):
    """A recording that cannot be opened, written or read; the message names the file and what can be done."""


def new_recording_path(directory: Path, session_name: str, now: datetime) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "-", session_name.lower()).strip("-")[:40] or "session"
    stem = f"{now:%Y-%m-%dT%H-%M-%S}-{slug}"
    return _unused(directory, f"{stem}{SUFFIX}", stem)


def _unused(directory: Path, first: str, stem: str) -> Path:
    """`first`, or `stem-2.kick.jsonl`, `-3`… while the name is taken (a dangling symlink included)."""
    path, n = directory / first, 2
    while path.exists() or path.is_symlink():
        path, n = directory / f"{stem}-{n}{SUFFIX}", n + 1
    return path


class Journal:
    """Append-only writer holding the recording's lock. `append` returns True once the event is on disk."""

    def __init__(self, path: Path, lock: WriterLock, on_disk: bytes, recording_id: str, next_seq: int) -> None:
        self.path = path
        self.recording_id = recording_id
        self._lock = lock
        self._fd = -1  # the write descriptor; -1: the next flush opens a fresh one and checks the file first
        self._acked = bytearray(on_disk)  # every byte acknowledged, exactly as it is on disk
        self._repair = b""  # acknowledged bytes found missing from the file: rewritten before anything new
        self._pending: list[bytes] = []
        self._pending_alive = 0  # heartbeats among them: not events, not counted as unsaved
        self._seq = next_seq
        self.last_error: str | None = None
        self.repaired: list[str] = []  # what a check after an error found and fixed, for the user

    @classmethod
    def create(cls, path: Path, header: Header) -> Journal:
        """A new recording; RecordingError (and nothing on disk) when the disk cannot take it."""
        line = (json.dumps(header.to_json(), ensure_ascii=False, separators=(",", ":")) + "\n").encode()
        problem = check_writable(path.parent, len(line) + START_RESERVE_BYTES)
        if problem:
            raise RecordingError(problem)
        try:
            fd = open_no_follow(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND)
        except OSError as error:
            raise RecordingError(f"cannot create {path}: {os_error_advice(error)}") from None
        lock: WriterLock | None = None
        try:
            lock = WriterLock.acquire(path)
            write_all(fd, line)
            os.fsync(fd)
            fsync_dir(path.parent)  # the new name itself must survive a power cut
        except (OSError, LockedError) as error:
            os.close(fd)
            with contextlib.suppress(OSError):
                path.unlink()  # never leave a torn header behind
            if lock is not None:
                lock.release()
            reason = os_error_advice(error) if isinstance(error, OSError) else str(error)
            raise RecordingError(f"cannot start the recording {path}: {reason}; nothing was recorded") from None
        journal = cls(path, lock, line, header.recording_id, 1)
        journal._fd = fd
        return journal

    @classmethod
    def reopen(cls, path: Path) -> Journal:
        """Continue a recording: take its lock (LockedError says who has it), then cut a torn tail (it was
        never acknowledged) at the last whole line. Read the recording for resuming only after this."""
        try:
            lock = WriterLock.acquire(path)
        except (OSError, LockedError) as error:
            reason = describe_os_error(error) if isinstance(error, OSError) else str(error)
            raise RecordingError(f"cannot continue {path.name}: {reason}") from None
        try:
            fd = open_no_follow(path, os.O_RDWR | os.O_APPEND)
            try:
                data = read_all(fd)
                keep = data.rfind(b"\n") + 1
                if keep < len(data):
                    os.ftruncate(fd, keep)
                    os.fsync(fd)
            finally:
                os.close(fd)
            lines = data[:keep].split(b"\n")
            header, _ = Header.read(lines[0])
        except (OSError, ValueError) as error:
            lock.release()
            reason = describe_os_error(error) if isinstance(error, OSError) else str(error)
            raise RecordingError(f"{path}: cannot continue this recording: {reason}") from None
        return cls(path, lock, data[:keep], header.recording_id, _last_seq(lines[1:]) + 1)

    @property
    def unsaved(self) -> int:
        """Events (heartbeats aside) not on disk yet."""
        return len(self._pending) - self._pending_alive

    @property
    def contents(self) -> bytes:
        """The whole recording as it should be: on disk, then whatever still waits (for a rescue copy)."""
        return bytes(self._acked) + self._repair + b"".join(self._pending)

    def append(self, event: Event) -> bool:
        return self._add(EventLine.of(event, self._seq, self.recording_id))

    def alive(self, t_ns: int, wall_s: float, note: str | None = None) -> bool:
        """A heartbeat (the timeline and the wall clock now). Skipped while events wait: they come first."""
        if self._pending:
            return False
        return self._add(AliveLine(seq=self._seq, rec=self.recording_id, t_ns=t_ns, type="alive", wall_s=wall_s,
                                   note=note))  # fmt: skip

    def _add(self, line: Line) -> bool:
        self._pending.append(encode(line))
        self._pending_alive += isinstance(line, AliveLine)
        self._seq += 1
        return self.flush()

    def flush(self) -> bool:
        """Write what is waiting, in order; True when everything is acknowledged (on disk)."""
        if not self._pending and not self._repair and self._fd >= 0:
            return True
        try:
            if self._fd < 0:
                self._fd = self._fresh_descriptor()
            chunk = self._repair + b"".join(self._pending)
            write_all(self._fd, chunk)
            os.fsync(self._fd)
        except OSError as error:
            self.last_error = describe_os_error(error)
            self._drop_descriptor()  # whatever reached the file is checked against `_acked` before the next try
            return False
        self._acked += chunk
        self._repair, self._pending, self._pending_alive = b"", [], 0
        self.last_error = None
        return True

    def _fresh_descriptor(self) -> int:
        """Open the recording again and make it hold exactly the acknowledged bytes (nothing after them)."""
        fd = open_no_follow(self.path, os.O_RDWR | os.O_APPEND)
        try:
            stat = os.fstat(fd)
            if (stat.st_dev, stat.st_ino) != self._lock.identity:
                raise OSError(errno.ESTALE, "the recording file was replaced or moved while it was being written")
            size, acked = stat.st_size, len(self._acked)
            tail = min(acked, TAIL_CHECK_BYTES)
            if size < acked or os.pread(fd, tail, acked - tail) != self._acked[acked - tail :]:
                data = read_all(fd)
                common = next((i for i, (a, b) in enumerate(zip(data, self._acked, strict=False)) if a != b),
                              min(len(data), acked))  # fmt: skip
                self.repaired.append(f"{acked - common} bytes that were on disk had gone missing; written again")
                self._repair = bytes(self._acked[common:]) + self._repair
                del self._acked[common:]
            if size > len(self._acked):
                os.ftruncate(fd, len(self._acked))  # a torn or unconfirmed write: it is written again whole
        except BaseException:
            os.close(fd)
            raise
        return fd

    def _drop_descriptor(self) -> None:
        if self._fd >= 0:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = -1

    def rescue(self, directory: Path) -> Path:
        """Write the whole recording, what waits included, as a new file in `directory` (fsynced); the
        events are then safe there even if this disk never takes them. OSError when that disk refuses too."""
        directory.mkdir(parents=True, exist_ok=True)
        target = _unused(directory, self.path.name, self.path.name.removesuffix(SUFFIX))
        fd = open_no_follow(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL)
        try:
            write_all(fd, self.contents)
            os.fsync(fd)
        except OSError:
            os.close(fd)
            with contextlib.suppress(OSError):
                target.unlink()
            raise
        os.close(fd)
        fsync_dir(directory)
        return target

    def close(self) -> None:
        """Flush once more, close and release the lock; closing again does nothing."""
        if self._lock is None:
            return
        self.flush()
        self._drop_descriptor()
        self._lock.release()
        self._lock = None  # type: ignore[assignment]


def _last_seq(lines: list[bytes]) -> int:
    """The highest sequence number in the file: a continued recording numbers on from it."""
    last = 0
    for raw in lines:
        try:
            seq = json.loads(raw).get("seq") if b'"seq"' in raw else None
        except (ValueError, AttributeError, RecursionError):
            continue
        if isinstance(seq, int) and not isinstance(seq, bool) and 0 < seq < 10**9:
            last = max(last, seq)
    return last
