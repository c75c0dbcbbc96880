"""Smoke test of the frozen app (`make package` runs it): the programs start offscreen, find their own session
library, render a cue track identical to the one the source tree renders, and exit 0.

    python packaging/smoke_test.py dist/kicktimer
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEMO = Path("kicktimer") / "resources" / "sessions" / "kick-500s.session.yaml"


def run(args: list[str], env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True, timeout=120, check=False)


def main(folder: Path) -> int:
    folder = folder.resolve()
    cli, gui = folder / "kicktimer", folder / "kicktimer-gui"
    if sys.platform == "win32":
        cli, gui = cli.with_suffix(".exe"), gui.with_suffix(".exe")
    passed, failed = 0, 0

    def check(name: str, ok: bool, detail: str = "") -> None:
        nonlocal passed, failed
        passed, failed = passed + ok, failed + (not ok)
        print(f"{'ok  ' if ok else 'FAIL'}  {name}" + (f": {detail}" if detail else ""))

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KICKTIMER_HOME": str(tmp / "home")}
        result = run([str(cli), "selftest"], env, tmp)  # cwd outside the source tree: nothing found by accident
        check("kicktimer selftest", result.returncode == 0 and "selftest passed" in result.stdout,
              result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr[-300:])  # fmt: skip
        demo = next(folder.rglob(str(DEMO)), None)
        check("the bundled library is inside the app", demo is not None, str(demo))
        if demo is not None:
            frozen = run([str(cli), "render", str(demo), "-o", str(tmp / "frozen.wav")], env, tmp)
            source = run([sys.executable, "-m", "kicktimer", "render", str(demo), "-o", str(tmp / "source.wav")],
                         env, Path(__file__).resolve().parent.parent)  # fmt: skip
            rendered = frozen.returncode == 0 and source.returncode == 0
            same = rendered and (tmp / "frozen.wav").read_bytes() == (tmp / "source.wav").read_bytes()
            check("kicktimer render: the cue track, byte for byte as the source renders it", same,
                  frozen.stdout.strip() or frozen.stderr[-300:])  # fmt: skip
            watch = tmp / "GARMIN" / "NewFiles"  # fit-tool and anyascii's tables inside the app
            watch.mkdir(parents=True)
            sent = run([str(cli), "export-plan", str(demo), "--format", "fit", "-o", str(watch), "--ascii-names"],
                       env, tmp)  # fmt: skip
            check("kicktimer export-plan: a FIT workout per athlete", sent.returncode == 0 and
                  len(list(watch.glob("*.fit"))) == 2, sent.stdout.strip() or sent.stderr[-300:])  # fmt: skip
        started = time.monotonic()
        process = subprocess.Popen([str(gui)], env=env, cwd=tmp, stderr=subprocess.PIPE, text=True)
        time.sleep(5)
        alive = process.poll() is None
        process.terminate()
        _, errors = process.communicate(timeout=30)
        check("kicktimer-gui starts and keeps running", alive and "Traceback" not in errors,
              f"{time.monotonic() - started:.0f} s" if alive else errors[-300:])  # fmt: skip
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("dist/kicktimer")))
