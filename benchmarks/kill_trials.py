"""kill -9 the console runner: just after a key (0-15 ms after it said "[recorded N]"), during a resume, and at
random moments. Counts events reported as recorded but missing (goal 0) and resumes that finished."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.kill_trial import Mode, run_trial

MODES: list[tuple[Mode, float]] = [("after_key", 0.6), ("during_resume", 0.2), ("random", 0.2)]


def main(trials: int = 50) -> int:
    rng = random.Random(2026)
    counts = {mode: 0 for mode, _ in MODES}
    lost = reported = resumed = damaged = 0
    failures: list[str] = []
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(trials):
            mode = MODES[0][0] if n < trials * MODES[0][1] else rng.choice([m for m, _ in MODES[1:]])
            counts[mode] += 1
            result = run_trial(Path(tmp) / f"t{n}", seed=n, kill_after_s=rng.uniform(0.2, 1.5), mode=mode)
            lost += len(result.lost)
            reported += result.reported
            resumed += result.resumed_ok
            damaged += any("cut off" not in note for note in result.notes)
            if result.lost or not result.resumed_ok:
                failures.append(f"trial {n} ({mode}): lost {result.lost} {result.detail[:300]}")
    kinds = ", ".join(f"{count} {mode.replace('_', ' ')}" for mode, count in counts.items())
    print(f"kill -9 trials: {trials} ({kinds}); events reported as recorded {reported}, lost {lost} (goal 0); "
          f"files with damage beyond a torn last line {damaged} (goal 0); resumed and finished {resumed}/{trials} "
          f"({time.monotonic() - t0:.0f} s)")  # fmt: skip
    for failure in failures[:10]:
        print("  ", failure)
    return 0 if not failures and not damaged else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 50))
