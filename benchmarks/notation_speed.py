"""Load + expand speed: a generated 1000-step session (goal ≤50 ms), `kicktimer check` of the whole library, and
`kicktimer check` / `plan` / `plan --json` of a 10,000-step session (the most a session may have) as processes
(goal under 1 s each, process start included)."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kicktimer.io.session_file import parse_session

ROOT = Path(__file__).resolve().parent.parent
GOAL_MS = 50.0


def generated_session(steps: int = 1000) -> str:
    """10 blocks of ~100 steps with joins, targets, nested repeats and recovery sets."""
    lines = []
    forms = [
        "4x(3x200m @800 + 100m kick r1:00) R(2x60m hill sprint r open)",
        "(400m @1500, 300m @mile+1s/200m, 200m @68s) r30s",
        "6x(100m @1500 + 100m accel) r open walk back",
        "3x(20 squats + 100m stride) R open",
    ]
    while True:
        text = "\n".join(lines)
        plan = parse_session(_wrap(text), "gen").plan if lines else None
        if plan is not None and len(plan.steps) >= steps:
            return _wrap(text)
        lines.append(f"Block {len(lines) + 1}: {forms[len(lines) % len(forms)]}")


def _wrap(workout: str) -> str:
    athletes = '  - name: Ana\n    paces: {800m: "2:08", 5k: "16:40"}\n  - name: Ben\n    paces: {mile: "4:35"}\n'
    body = "".join(f"  {line}\n" for line in workout.splitlines()) or "  60m\n"
    return f"name: generated\nathletes:\n{athletes}workout: |\n{body}"


PROCESS_GOAL_S = 1.0


def ten_thousand_steps() -> str:
    """Exactly 10,000 plan steps: sets with joined reps, targets for two athletes, recovery sets."""
    lines = [f"Block {n}: 20x(10x(200m @800 + 100m kick) r1:00) R(2x60m hill r open)" for n in range(1, 16)]
    lines.append("Strides: 215x60m stride r open")  # 430 steps with its hold: 15 x 638 + 430
    text = _wrap("\n".join(lines))
    assert len(parse_session(text, "gen").plan.steps) == 10_000
    return text


def process_times(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ten-thousand.session.yaml"
        path.write_text(text, encoding="utf-8")
        print(
            f"10,000-step session, as processes (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores):"
        )
        for args in (["check"], ["plan"], ["plan", "--json"]):
            runs, cpu = [], []
            for _ in range(5):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t0 = time.perf_counter()
                done = subprocess.run([sys.executable, "-m", "kicktimer", *args, str(path)], capture_output=True)
                runs.append(time.perf_counter() - t0)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
                assert done.returncode == 0, done.stderr
            median = statistics.median(runs)
            print(
                f"  `kicktimer {' '.join(args)}`: median {median:.2f} s wall, worst {max(runs):.2f} s, "
                f"CPU {statistics.median(cpu):.2f} s ({len(done.stdout):,} bytes out); goal < {PROCESS_GOAL_S:.0f} s "
                f"→ {'met' if median < PROCESS_GOAL_S else 'MISSED'}"
            )


def main() -> None:
    text = generated_session()
    t0 = time.perf_counter()
    plan = parse_session(text, "gen").plan
    first_ms = (time.perf_counter() - t0) * 1000
    runs = []
    for _ in range(30):
        t0 = time.perf_counter()
        parse_session(text, "gen")
        runs.append((time.perf_counter() - t0) * 1000)
    median = statistics.median(runs)
    print(f"notation: load+expand of a generated {len(plan.steps)}-step session (YAML → plan, 2 athletes)")
    print(
        f"  median {median:.1f} ms, best {min(runs):.1f} ms, worst {max(runs):.1f} ms over 30 runs; "
        f"first (cold) {first_ms:.1f} ms; goal ≤{GOAL_MS:.0f} ms → {'met' if median <= GOAL_MS else 'MISSED'}"
    )
    files = sorted(str(p) for p in (ROOT / "sessions").rglob("*.session.yaml"))
    t0 = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "kicktimer", "check", *files], capture_output=True, text=True)
    wall_ms = (time.perf_counter() - t0) * 1000
    t0 = time.perf_counter()
    for name in files:
        parse_session(Path(name).read_text(encoding="utf-8"), name)
    in_process_ms = (time.perf_counter() - t0) * 1000
    status = "all OK" if result.returncode == 0 else "FAILED"
    print(
        f"library: `kicktimer check` of {len(files)} sessions {status}: {wall_ms:.0f} ms wall "
        f"(process start included); {in_process_ms:.1f} ms in-process"
    )
    process_times(ten_thousand_steps())


if __name__ == "__main__":
    main()
