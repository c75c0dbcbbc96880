"""One writer per recording: an exclusive lock held for the life of the writer, and a note of who holds it.

The lock is `flock` on the recording itself (released by the kernel when the process dies, kill -9 included);
on Windows a byte far past the end is locked with `msvcrt.locking`, so readers are never blocked. Which
process writes is kept beside it in `.NAME.writer` (pid, host, since, command), written by rename so a planted
symlink is replaced, never followed; a stale note (its writer gone) means nothing because the lock is free.

`taking_turns` is the same lock for a file that is read, changed and replaced whole (squad.yaml): held on a lock
file beside it, and waited for.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

O_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
TRIES = 10  # a reader probing the lock holds it for microseconds: a writer tries for ~0.2 s before it gives up
TRY_EVERY_S = 0.02
TURN_WAIT_S = 10.0  # a change of the squad takes well under a second; a holder this long is stuck
COMMAND_MAX = 120  # characters of the writer's command kept in its note
_FAR_BYTE = 2**62  # Windows: the locked byte, past any real content


class LockedError(Exception):
    """Another process writes this recording; the message says which."""


def _try_lock(fd: int, shared: bool = False) -> bool:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _FAR_BYTE, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, _FAR_BYTE, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)


def open_no_follow(path: Path, flags: int, mode: int = 0o644) -> int:
    """`os.open` that refuses a symlink in the last component (ELOOP), never following it."""
    return os.open(path, flags | O_NOFOLLOW | O_CLOEXEC, mode)


def note_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.writer")


class WriterLock:
    """Held from `acquire` to `release`; `identity` is the locked file's (device, inode)."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd = fd
        stat = os.fstat(fd)
        self.identity = (stat.st_dev, stat.st_ino)

    @classmethod
    def acquire(cls, path: Path) -> WriterLock:
        """Raises LockedError (saying who writes it) or OSError (cannot open it, or it is a symlink)."""
        fd = open_no_follow(path, os.O_RDONLY)
        try:
            for attempt in range(TRIES):
                if _try_lock(fd):
                    break
                if attempt + 1 < TRIES:
                    time.sleep(TRY_EVERY_S)
            else:
                raise LockedError(f"{path.name} is being written by {holder_of(path) or 'another process'}")
        except BaseException:
            os.close(fd)
            raise
        lock = cls(path, fd)
        _write_note(path)
        return lock

    def release(self) -> None:
        """Unlock (by closing) and remove the note; releasing again does nothing."""
        if self._fd < 0:
            return
        with contextlib.suppress(OSError):
            if _read_note(self.path).get("pid") == os.getpid():
                note_path(self.path).unlink()
        os.close(self._fd)
        self._fd = -1


@contextlib.contextmanager
def taking_turns(path: Path, wait_s: float = TURN_WAIT_S) -> Iterator[None]:
    """Held while the block reads, changes and writes `path`, so processes changing it take turns and none loses
    another's change. The lock is on `.NAME.lock` beside it (the file is replaced by rename: a lock on it would
    not outlive a write); LockedError after `wait_s`, OSError when the lock file cannot be opened."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = open_no_follow(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT)
    try:
        deadline = time.monotonic() + wait_s
        while not _try_lock(fd):
            if time.monotonic() >= deadline:
                raise LockedError(f"{path.name} is being changed by another process (for {wait_s:g} s now): try again")
            time.sleep(TRY_EVERY_S)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


def holder_of(path: Path) -> str | None:
    """None when no process writes `path`; else who does, for a message ("kicktimer, process 4242 …")."""
    try:
        fd = open_no_follow(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if _try_lock(fd, shared=True):
            _unlock(fd)
            return None
    finally:
        os.close(fd)
    note = _read_note(path)
    if not note:
        return "another process"
    pid, host, since, command = note.get("pid"), note.get("host"), note.get("since"), note.get("command")
    here = host == socket.gethostname()
    who = "this program" if here and pid == os.getpid() else f"kicktimer, process {pid}"
    where = "" if here else f" on {host}"
    what = f" ({command})" if isinstance(command, str) and command and who != "this program" else ""
    return f"{who}{where}{what}" + (f", since {since}" if isinstance(since, str) else "")


def running_command() -> str:
    """How this process was started, as `ps` would show it (`kicktimer run kick-500s.session.yaml --console`),
    cut short: a note, not a log."""
    words = [Path(sys.argv[0]).name if sys.argv else "kicktimer", *sys.argv[1:]]
    if words[0] in ("__main__.py", "-m", "-c", ""):
        words[0] = "kicktimer"
    text = " ".join(words)
    return text if len(text) <= COMMAND_MAX else text[: COMMAND_MAX - 1] + "…"


def _write_note(path: Path) -> None:
    """Best effort: the lock works without its note, the message is only vaguer."""
    since = datetime.now().astimezone().strftime("%H:%M:%S")
    text = json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "since": since, "command": running_command()})
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(text)
        Path(temp).replace(note_path(path))  # replaces a symlink planted at the name; never writes through it
    except OSError:
        with contextlib.suppress(OSError):
            Path(temp).unlink()


def _read_note(path: Path) -> dict[str, object]:
    try:
        fd = open_no_follow(note_path(path), os.O_RDONLY)
    except OSError:
        return {}
    try:
        data = json.loads(os.read(fd, 4096))
    except (OSError, ValueError, RecursionError):
        return {}
    finally:
        os.close(fd)
    return data if isinstance(data, dict) else {}
