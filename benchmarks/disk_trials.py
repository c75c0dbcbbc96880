"""A real full disk (a small tmpfs; needs root to mount, skipped otherwise): refused at start before any header;
filling up mid-session (the runner goes on, keeps the events, says when the disk accepts them); quitting while
it is full (the whole recording saved in the home folder). Counts what was reported and what is on disk."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kicktimer.io.reader import read_recording

SESSION = Path(__file__).resolve().parents[1] / "sessions" / "kick-500s.session.yaml"
RECORDED = re.compile(rb"\[recorded (\d+)\] (\S+)")


def fill(mount: Path, name: str, leave_bytes: int = 0) -> Path:
    """Write a filler file until the disk is full (or only `leave_bytes` are left)."""
    path = mount / name
    with path.open("wb") as out:
        while True:
            free = os.statvfs(mount).f_bavail * os.statvfs(mount).f_frsize
            if free <= leave_bytes:
                break
            try:
                out.write(b"\0" * min(65536, max(4096, free - leave_bytes)))
                out.flush()
            except OSError:
                break
    return path


class Runner:
    def __init__(self, args: list[str], home: Path) -> None:
        env = {**os.environ, "KICKTIMER_HOME": str(home), "HOME": str(home), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "kicktimer", *args], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)  # fmt: skip
        self.out = b""
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.out += line

    def keys(self, data: bytes, wait_s: float = 0.4) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()
        time.sleep(wait_s)

    def until_refused(self) -> int:
        """Pause/continue until the disk refuses one (a full disk still takes lines into a block it already
        gave the file); how many keys it took."""
        for n in range(200):
            if b"NOT SAVED YET" in self.out:
                return n
            self.keys(b"p", 0.05)
        return -1

    def wait_for(self, needle: bytes, timeout_s: float = 20) -> bool:
        deadline = time.monotonic() + timeout_s
        while needle not in self.out and time.monotonic() < deadline:
            time.sleep(0.05)
        return needle in self.out


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        mount = Path(tmp) / "disk"
        mount.mkdir()
        if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                          capture_output=True, check=False).returncode != 0:  # fmt: skip
            print("disk trials: skipped (cannot mount a tmpfs here; the fault-injection tests cover it)")
            return 0
        try:
            return trials(mount, Path(tmp) / "home")
        finally:
            subprocess.run(["umount", str(mount)], check=False)


def trials(mount: Path, home: Path) -> int:
    results = []
    # 1. full at start: refused, no traceback, no file
    filler = fill(mount, "filler")
    runner = Runner(["run", str(SESSION), "--console", "--mute", "--data-dir", str(mount)], home)
    code = runner.proc.wait(30)
    files = list(mount.rglob("*.kick.jsonl"))
    ok = code == 2 and b"cannot" in runner.out and b"Traceback" not in runner.out and not files
    results.append(ok)
    print(f"full at start: exit {code}, {len(files)} recording files, says: {runner.out.decode().strip()[:160]}")
    filler.unlink()
    # 2. fills mid-session, then frees: nothing reported is lost, the runner says when the disk took them
    runner = Runner(["run", str(SESSION), "--console", "--mute", "--data-dir", str(mount)], home)
    runner.wait_for(b"keys:")
    runner.keys(b" 1")
    filler = fill(mount, "filler")
    runner.keys(b"2")
    keys = runner.until_refused()  # refused by the disk: kept in memory from here
    runner.keys(b"p", 1.0)
    waiting = runner.out.count(b"NOT SAVED YET")
    filler.unlink()
    accepted = runner.wait_for(b"the disk accepted", 10)
    runner.keys(b"qy")
    code = runner.proc.wait(30)
    (path,) = mount.rglob("*.kick.jsonl")
    events = read_recording(path).events
    reported = {int(m.group(1)): m.group(2).decode() for m in RECORDED.finditer(runner.out)}
    lost = [i for i, kind in reported.items() if i >= len(events) or events[i].type != kind]
    ok = code == 0 and waiting > 0 and accepted and not lost and events[-1].type == "end"
    results.append(ok)
    print(f"fills mid-session: the disk refused after {keys} more keys; {waiting} events waited, the disk accepted "
          f"them once freed: {accepted}, reported as recorded {len(reported)}, lost {len(lost)}, "
          f"exit {code}")  # fmt: skip
    path.unlink()
    # 3. quit while full: the whole recording goes to the home folder
    runner = Runner(["run", str(SESSION), "--console", "--mute", "--data-dir", str(mount)], home)
    runner.wait_for(b"keys:")
    runner.keys(b" ")
    filler = fill(mount, "filler")
    runner.until_refused()
    runner.keys(b"qy", 1.0)
    runner.keys(b"h", 1.0)
    code = runner.proc.wait(30)
    copies = list(home.glob("*.kick.jsonl"))
    rescued = read_recording(copies[0]).events if copies else []
    ok = code == 0 and len(copies) == 1 and rescued[-1].type == "end" and b"is saved as" in runner.out
    results.append(ok)
    print(f"quit while full: exit {code}, rescue copies {len(copies)}, events in it {len(rescued)}")
    with contextlib.suppress(OSError):
        filler.unlink()
    print(f"disk trials: {sum(results)}/{len(results)} as required")
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
