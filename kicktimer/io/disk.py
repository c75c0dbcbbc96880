"""The disk as recordings use it: say what an OS error means, check a folder can take a session, write all of
a buffer, read all of a file, make a new name durable."""

from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

START_RESERVE_BYTES = 1024 * 1024  # room for a session's events: refused at start when the disk has less


_ELSEWHERE = "free some space, or write to another disk"
_OWN_FOLDER = "write to a folder of your own, or ask for permission to write in this one"
# errno: (what happened, in a few words; what to do about it)
_MEANINGS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: ("the disk is full", _ELSEWHERE),
    errno.EDQUOT: ("your disk quota is used up", _ELSEWHERE),
    errno.EROFS: (
        "the disk is read-only",
        "write to another folder (a locked SD card, or a disk mounted read-only, takes no files)",
    ),
    errno.EACCES: ("permission denied", _OWN_FOLDER),
    errno.EPERM: ("the operation is not permitted", _OWN_FOLDER),
    errno.EIO: (
        "the disk failed to write (input/output error)",
        "check the disk (unplugged, or failing?), or write to another one",
    ),
    errno.EISDIR: ("it is a folder", "name a file in it"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "give a path through folders"),
    errno.ENOENT: ("no such file or folder", "check the path, or create the folder first"),
}


def describe_os_error(error: OSError) -> str:
    """What the OS refused, in a few words (`the disk is full`)."""
    meaning = _MEANINGS.get(error.errno or 0)
    return meaning[0] if meaning else error.strerror or str(error)


def os_error_advice(error: OSError) -> str:
    """What the OS refused and what to do about it, for full, read-only and forbidden places alike."""
    meaning = _MEANINGS.get(error.errno or 0)
    return f"{meaning[0]}: {meaning[1]}" if meaning else error.strerror or str(error)


def free_bytes(directory: Path) -> int | None:
    try:
        stat = os.statvfs(directory)
    except (OSError, AttributeError):  # no statvfs on Windows: the probe write is the check there
        return None
    return stat.f_bavail * stat.f_frsize


def check_writable(directory: Path, needed_bytes: int = START_RESERVE_BYTES) -> str | None:
    """None if recordings can be written in `directory`, else a message that says what to do. The probe is a
    new file with a unique name (O_EXCL, never through a symlink), written, fsynced and removed."""
    fix = "Free some space, or choose another folder with --data-dir DIR (or set KICKTIMER_HOME)."
    try:
        directory.mkdir(parents=True, exist_ok=True)
        free = free_bytes(directory)
        if free is not None and free < needed_bytes:
            have, need = free // 1024, needed_bytes // 1024
            return f"cannot record in {directory}: only {have} KB free on its disk, a session needs {need} KB. {fix}"
        fd, probe = tempfile.mkstemp(prefix=".kicktimer-write-test-", dir=directory)
        try:
            os.write(fd, b"kicktimer\n" * 100)
            os.fsync(fd)
        finally:
            os.close(fd)
            Path(probe).unlink()
    except OSError as error:
        return (f"cannot write recordings in {directory}: {os_error_advice(error)}; or choose another folder with "
                "--data-dir DIR (or set KICKTIMER_HOME)")  # fmt: skip
    return None


def write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.EIO, "the disk accepted nothing")
        view = view[written:]


def read_all(fd: int) -> bytes:
    size = os.fstat(fd).st_size
    chunks, offset = [], 0
    while offset < size:
        chunk = os.pread(fd, min(1 << 20, size - offset), offset)
        if not chunk:
            break
        chunks.append(chunk)
        offset += len(chunk)
    return b"".join(chunks)


def fsync_dir(directory: Path) -> None:
    """Make a new file's name durable. Filesystems and systems that cannot (Windows) are skipped quietly;
    an input/output error is not."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError as error:
        if error.errno == errno.EIO:
            raise
    finally:
        os.close(fd)
