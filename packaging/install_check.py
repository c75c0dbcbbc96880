"""`pip install .` into a fresh venv, then the commands a coach runs, from outside the source tree
(`make install-check`; it downloads the dependencies unless pip has them cached)."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    passed, failed = 0, 0

    def check(name: str, result: subprocess.CompletedProcess[str], expect: str) -> None:
        nonlocal passed, failed
        ok = result.returncode == 0 and expect in result.stdout
        passed, failed = passed + ok, failed + (not ok)
        print(f"{'ok  ' if ok else 'FAIL'}  {name}" + ("" if ok else f": {result.stdout[-300:]}{result.stderr[-600:]}"))

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        venv.create(tmp / "venv", with_pip=True)
        bin_dir = tmp / "venv" / ("Scripts" if sys.platform == "win32" else "bin")

        def run(*args: str) -> subprocess.CompletedProcess[str]:
            return subprocess.run(args, cwd=tmp, capture_output=True, text=True, timeout=900, check=False)

        check("pip install .", run(str(bin_dir / "python"), "-m", "pip", "install", "-q", str(ROOT)), "")
        check("kicktimer check sessions/… (the source tree's files)",
              run(str(bin_dir / "kicktimer"), "check", *map(str, sorted((ROOT / "sessions").rglob("*.yaml")))),
              "session files OK")  # fmt: skip
        where = run(
            str(bin_dir / "python"), "-c", "import kicktimer, pathlib; print(pathlib.Path(kicktimer.__file__).parent)"
        )
        check("the package is the installed copy, not the source tree", where, str(tmp / "venv"))
        installed = Path(where.stdout.strip()) / "resources" / "sessions"
        plan = run(str(bin_dir / "kicktimer"), "plan", "--json", str(installed / "kick-500s.session.yaml"))
        check("kicktimer plan --json on the session library shipped in the package", plan, '"name": "Kick 500s"')
        if plan.returncode == 0:
            json.loads(plan.stdout)
        gui = bin_dir / ("kicktimer-gui.exe" if sys.platform == "win32" else "kicktimer-gui")
        print(f"{'ok  ' if gui.exists() else 'FAIL'}  the kicktimer-gui program is installed")
        passed, failed = passed + gui.exists(), failed + (not gui.exists())
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
