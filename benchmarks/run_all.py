"""`make bench`: every benchmark, one after the other, printing figures (not pass/fail)."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    "notation_speed.py",
    "tap_latency.py",
    "kill_trials.py",
    "audio_timing.py",
    "gui_timing.py",
    "review_speed.py",
    "athlete_speed.py",
    "squad_speed.py",
]

if __name__ == "__main__":
    sys.path.insert(0, str(HERE.parent))
    for name in BENCHMARKS:
        print(f"== {name}")
        try:
            runpy.run_path(str(HERE / name), run_name="__main__")
        except SystemExit as done:  # a benchmark ending with sys.exit(status) must not end the ones after it
            if done.code:
                print(f"({name} exited with status {done.code})")
        print()
