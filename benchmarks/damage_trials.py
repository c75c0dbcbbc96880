"""Damaged recordings through every command: `history`, `review FILE`, `review latest`, `export` (csv, json, tcx,
fit) and `run --resume` (the real program, on a copy). Counts tracebacks (goal 0), files read with a note of
what was wrong, files refused with a reason, and resumes; a damaged file that reads silently different counts
as unnoticed (goal 0, well-formed edits excepted: see tests/damage.py)."""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kicktimer.cli import main as cli
from kicktimer.io.journal import RecordingError
from kicktimer.io.reader import read_recording
from tests.damage import random_damage, write_big_junk
from tests.recorded import recorded_events, scenario_plan, write_recording

WELL_FORMED = ("a correction pointing nowhere", "athlete 50", "cut anywhere")


def run_cli(args: list[str]) -> tuple[int | None, str]:
    """One command in this process; an exception escaping it is what a user would see as a traceback."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            return cli(args), out.getvalue() + err.getvalue()
        except Exception:
            return None, traceback.format_exc()


def main(count: int = 200) -> int:
    t0 = time.monotonic()
    tracebacks: list[str] = []
    refused = noted = clean = unnoticed = resumed = resume_refused = 0
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        original = write_recording(base / "a", recorded_events(scenario_plan())[:20]).read_bytes()
        other = write_recording(base / "b", recorded_events(scenario_plan())[:8]).read_bytes()
        pristine = recorded_events(scenario_plan())[:20]
        data_dir = base / "data"
        folder = data_dir / "recordings"
        folder.mkdir(parents=True)
        write_big_junk(folder / "2026-05-12T00-00-00-junk.kick.jsonl", 60)
        for seed in range(count):
            data, what = random_damage(original, other, seed)
            path = folder / f"2026-05-12T17-{seed // 60:02d}-{seed % 60:02d}-damaged.kick.jsonl"
            path.write_bytes(data)
            commands = [["review", str(path)], ["review", "latest", "--data-dir", str(data_dir)]]
            for fmt in ("csv", "json", "tcx", "fit"):
                commands.append(["export", str(path), "--format", fmt, "-o", str(base / f"out.{fmt}")])
            for args in commands:
                code, said = run_cli(args)
                if code is None or "Traceback" in said:
                    tracebacks.append(f"{what}: {' '.join(args[:2])}: {said[-300:]}")
            try:
                recording = read_recording(path)
            except RecordingError:
                refused += 1
            else:
                if recording.notes:
                    noted += 1
                elif recording.events == pristine:
                    clean += 1
                elif not any(w in what for w in WELL_FORMED):
                    unnoticed += 1
            resumed_ok, resume_said = resume_copy(path, base)
            resumed += resumed_ok
            resume_refused += not resumed_ok and "Traceback" not in resume_said
            if "Traceback" in resume_said:
                tracebacks.append(f"{what}: run --resume: {resume_said[-300:]}")
        code, said = run_cli(["history", "--data-dir", str(data_dir)])
        if code is None or "Traceback" in said:
            tracebacks.append(f"history: {said[-300:]}")
        listed = said.count("unreadable:")
    print(f"damaged recordings: {count} (+1 60 MB junk file) through history, review FILE, review latest, export "
          f"csv/json/tcx/fit and run --resume; tracebacks {len(tracebacks)} (goal 0); refused with a reason "
          f"{refused}, read with a note of what was wrong {noted}, read unchanged {clean}, changed unnoticed "
          f"{unnoticed} (goal 0); resumed {resumed}, resume refused with a reason {resume_refused}; history lists "
          f"{listed} as unreadable with why ({time.monotonic() - t0:.0f} s)")  # fmt: skip
    for line in tracebacks[:5]:
        print("  ", line)
    return 1 if tracebacks or unnoticed else 0


def resume_copy(path: Path, base: Path) -> tuple[bool, str]:
    """`kicktimer run --resume COPY --console --mute`, then q: the real program on a copy of the file."""
    home = base / "resume-home"
    shutil.rmtree(home, ignore_errors=True)
    (home / "recordings").mkdir(parents=True)
    copy = home / "recordings" / path.name
    shutil.copyfile(path, copy)
    env = {**os.environ, "KICKTIMER_HOME": str(home)}
    result = subprocess.run([sys.executable, "-m", "kicktimer", "run", "--resume", str(copy), "--console", "--mute"],
                            input=b"qy", capture_output=True, env=env, timeout=60, check=False)  # fmt: skip
    return result.returncode == 0, (result.stdout + result.stderr).decode(errors="replace")


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
