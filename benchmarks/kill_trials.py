"""kill -9 the console runner at random moments: events reported as recorded but missing (goal 0), resumes."""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

from tests.kill_trial import run_trial


def main(trials: int = 50) -> None:
    rng = random.Random(2026)
    lost = reported = resumed = 0
    t0 = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(trials):
            result = run_trial(Path(tmp) / f"t{n}", seed=n, kill_after_s=rng.uniform(0.2, 1.5))
            lost += len(result.lost)
            reported += result.reported
            resumed += result.resumed_ok
    print(
        f"kill -9 trials: {trials}, events reported as recorded {reported}, lost {lost} (goal 0), "
        f"resumed and finished {resumed}/{trials} ({time.monotonic() - t0:.0f} s)"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 50)
