"""Reading a file a coach names (a session, the squad, a CSV of race times): only a plain file, and never more
of it than it may hold, so a folder, a pipe, /dev/zero or a 4 GB file is a message, not a hang or a full memory."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kicktimer.io.source_map import LineIndex
from kicktimer.io.yaml_source import SourceError, decode

_NOT_FILES = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
              (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))  # fmt: skip


class NotAFileError(Exception):
    """The path names a folder, a pipe, a socket or a device: nothing was read from it."""


def read_at_most(path: Path, max_bytes: int, kind: str) -> bytes:
    """The file's bytes, reading at most `max_bytes` + 1 of them. NotAFileError for anything but a plain file,
    SourceError (at the start) when it holds more than `max_bytes`, OSError when it cannot be read. `kind`
    names the file in messages ("a session file")."""
    # Non-blocking: opening a pipe with no writer would otherwise wait forever before fstat could say what it is.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode, size = (info := os.fstat(fd)).st_mode, info.st_size
        if not stat.S_ISREG(mode):
            thing = next((name for is_kind, name in _NOT_FILES if is_kind(mode)), "not a plain file")
            raise NotAFileError(f"this is {thing}, not a file: {kind} is a plain file")
        if size > max_bytes:
            raise _too_big(f"{size:,}", max_bytes, kind)
        chunks: list[bytes] = []
        read = 0
        while read <= max_bytes:  # a file that grows, or says it is empty (/proc), stops here too
            chunk = os.read(fd, max_bytes + 1 - read)
            if not chunk:
                break
            chunks.append(chunk)
            read += len(chunk)
    finally:
        os.close(fd)
    if read > max_bytes:
        raise _too_big(f"more than {max_bytes:,}", max_bytes, kind)
    return b"".join(chunks)


def _too_big(size: str, max_bytes: int, kind: str) -> SourceError:
    return SourceError(0, f"this file is {size} bytes; {kind} is at most {max_bytes:,}")


class UnreadableFileError(Exception):
    """The file is there but cannot be read as text: its place (0, 0 for the file as a whole) and why."""

    def __init__(self, line: int, col: int, message: str) -> None:
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


def read_text(path: Path, max_bytes: int, kind: str) -> str:
    """The file as UTF-8 text (`read_at_most`, then `decode`). FileNotFoundError when there is no file;
    UnreadableFileError, with its place, for anything else that stops it being read."""
    try:
        return decode(read_at_most(path, max_bytes, kind), max_bytes, kind)
    except FileNotFoundError:
        raise
    except NotAFileError as error:
        raise UnreadableFileError(0, 0, str(error)) from None
    except OSError as error:
        raise UnreadableFileError(0, 0, f"cannot read this file: {error.strerror or error}") from None
    except SourceError as error:
        raise UnreadableFileError(*LineIndex(error.text or "").place(error.index), error.message) from None
