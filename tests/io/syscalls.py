"""A spy on the system calls that make a recording durable, and a disk that fails on cue.

`Disk` wraps os.open/write/fsync/ftruncate/close: it keeps, per file, which bytes an fsync has made durable,
and can fail the n-th write or fsync to the recording (ENOSPC, EIO, EPERM…), for a while or for good.
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest


@dataclass
class Fault:
    call: str  # "write" or "fsync"
    at: int  # fails the at-th call of that kind to a recording (0-based)
    code: int = errno.ENOSPC
    times: int = 3  # how many calls in a row fail before the disk heals (a big number: never)
    partial: bool = False  # a failing write first puts half its bytes in the file
    under: Path | None = None  # only recordings in this folder fail (None: every recording)


@dataclass
class Disk:
    fault: Fault | None = None
    calls: list[tuple[str, str, bytes]] = field(default_factory=list)  # (call, path, bytes written)
    paths: dict[int, str] = field(default_factory=dict)
    durable: dict[str, bytearray] = field(default_factory=dict)  # what fsync has made durable, per path
    unsynced: dict[str, bytearray] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=lambda: {"write": 0, "fsync": 0})
    failed: int = 0

    def install(self, monkeypatch: pytest.MonkeyPatch) -> Disk:
        real = {name: getattr(os, name) for name in ("open", "write", "fsync", "ftruncate", "close")}

        def os_open(path: Any, flags: int, mode: int = 0o777, **kw: Any) -> int:
            fd: int = real["open"](path, flags, mode, **kw)
            self.paths[fd] = str(path)
            if flags & os.O_CREAT and flags & os.O_EXCL:
                self.durable[str(path)] = bytearray()
            return fd

        def os_write(fd: int, data: Any) -> int:
            data = bytes(data)
            path = self.paths.get(fd, "?")
            if self._fails("write", path):
                if self.fault is not None and self.fault.partial and len(data) > 1:
                    real["write"](fd, data[: len(data) // 2])
                    self.unsynced.setdefault(path, bytearray()).extend(data[: len(data) // 2])
                raise OSError(self.fault.code if self.fault else errno.EIO, os.strerror(errno.EIO))
            written: int = real["write"](fd, data)
            self.unsynced.setdefault(path, bytearray()).extend(data[:written])
            self.calls.append(("write", path, data[:written]))
            return written

        def os_fsync(fd: int) -> None:
            path = self.paths.get(fd, "?")
            if self._fails("fsync", path):  # the kernel may now drop the unsynced pages: they never count
                self.unsynced.pop(path, None)
                self.calls.append(("fsync failed", path, b""))
                raise OSError(self.fault.code if self.fault else errno.EIO, "fsync failed")
            real["fsync"](fd)
            self.durable.setdefault(path, bytearray()).extend(self.unsynced.pop(path, b""))
            self.calls.append(("fsync", path, b""))

        def os_ftruncate(fd: int, length: int) -> None:
            real["ftruncate"](fd, length)
            path = self.paths.get(fd, "?")
            self.unsynced.pop(path, None)
            del self.durable.setdefault(path, bytearray())[length:]
            self.calls.append(("ftruncate", path, b""))

        def os_close(fd: int) -> None:
            self.paths.pop(fd, None)
            real["close"](fd)

        for name, fake in (("open", os_open), ("write", os_write), ("fsync", os_fsync),
                           ("ftruncate", os_ftruncate), ("close", os_close)):  # fmt: skip
            monkeypatch.setattr(os, name, fake)
        return self

    def _fails(self, call: str, path: str) -> bool:
        if not path.endswith(".kick.jsonl"):
            return False
        if self.fault is not None and self.fault.under is not None and not path.startswith(str(self.fault.under)):
            return False
        n = self.counts[call]
        self.counts[call] += 1
        fault = self.fault
        if fault is None or fault.call != call or not fault.at <= n < fault.at + fault.times:
            return False
        self.failed += 1
        return True

    def durable_text(self, path: Path) -> str:
        return self.durable.get(str(path), bytearray()).decode(errors="replace")

    def dir_fsynced(self, directory: Path) -> bool:
        return any(call == "fsync" and p == str(directory) for call, p, _ in self.calls)
