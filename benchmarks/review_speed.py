"""Review speed: the history with 1000 recordings (goal ≤1 s) and one recording of a 100-rep session (≤100 ms),
both in the io layer and in the review window (offscreen), measured in this run."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kicktimer.io.recordings import history, open_recording
from kicktimer.io.session_file import load_session, parse_session
from tests.support.recording_gen import copies, record

ROOT = Path(__file__).resolve().parent.parent
HISTORY_GOAL_S, OPEN_GOAL_MS = 1.0, 100.0
HUNDRED_REPS = """name: 100 reps
athletes:
  - {name: Ana, paces: {800m: "2:08"}}
  - {name: Ben, paces: {800m: "2:12"}}
  - {name: Cleo, paces: {1500m: "4:30"}}
workout: |
  Warm-up: 15min jog
  Main set: 10x(10x(100m @800 + 100m kick) r30s) R3:00
  Cool-down: 10min jog
"""


def timed(action: object, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from kicktimer.app.gui import build_review_window

    app = QApplication.instance() or QApplication(sys.argv[:1])
    start = datetime(2024, 1, 1, 7, 0, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        library = sorted((ROOT / "sessions").rglob("*.session.yaml"))
        seeds = [record(load_session(p), folder / f"seed-{i}.kick.jsonl", start, i) for i, p in enumerate(library)]
        per_seed = 1000 // len(seeds) + 1
        made = [c for i, s in enumerate(seeds) for c in copies(s, folder, per_seed, start.replace(year=2025 + i % 2))]
        for seed in seeds:
            seed.unlink()
        for extra in made[1000:]:
            extra.unlink()
        size_mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
        scan = timed(lambda: history(folder), 5)
        print(f"history: {len(history(folder))} recordings ({size_mb:.1f} MB) from {len(library)} sessions")
        print(f"  io scan: median {statistics.median(scan) * 1000:.0f} ms, worst {max(scan) * 1000:.0f} ms"
              f" (goal ≤{HISTORY_GOAL_S * 1000:.0f} ms)")  # fmt: skip
        windows = []

        def open_window() -> None:
            window = build_review_window(folder)
            app.processEvents()
            windows.append(window)

        gui = timed(open_window, 3)
        print(f"  review window with the history: median {statistics.median(gui) * 1000:.0f} ms, "
              f"worst {max(gui) * 1000:.0f} ms")  # fmt: skip
        window = windows[-1]
        picks = window.visible_paths()[:: len(made) // 5][:5]  # five recordings of different sessions
        opens, trends = [], []
        for path in picks:
            t0 = time.perf_counter()
            window.show_recording(path)
            app.processEvents()
            opens.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            window.panel.plots.setCurrentIndex(1)  # across dates: every recording of that session, read
            app.processEvents()
            trends.append(time.perf_counter() - t0)
            window.panel.plots.setCurrentIndex(0)
        per_session = 1000 // len(library)
        print(f"  a recording opened from that history: median {statistics.median(opens) * 1000:.0f} ms, "
              f"worst {max(opens) * 1000:.0f} ms; its trend across ~{per_session} dates, first view: median "
              f"{statistics.median(trends) * 1000:.0f} ms, worst {max(trends) * 1000:.0f} ms")  # fmt: skip
        for window in windows:
            window.close()

    with tempfile.TemporaryDirectory() as tmp:
        session = parse_session(HUNDRED_REPS, "100-reps.session.yaml")
        reps = len({s.rep for s in session.plan.steps if s.rep is not None})
        path = record(session, Path(tmp) / "hundred.kick.jsonl", start)
        events = path.read_text(encoding="utf-8").count("\n") - 1
        opened = timed(lambda: open_recording(path), 10)
        print(f"one recording: {reps} reps ({len(session.plan.steps)} steps, 3 athletes, {events} events)")
        print(f"  io open + review: median {statistics.median(opened) * 1000:.1f} ms, worst {max(opened) * 1000:.1f} ms"
              f" (goal ≤{OPEN_GOAL_MS:.0f} ms)")  # fmt: skip
        shown = []
        for _ in range(5):  # a new window each time: nothing cached, the file read and replayed as a coach would
            window = build_review_window(Path(tmp) / "elsewhere")
            app.processEvents()
            start = time.perf_counter()
            window.show_recording(path)
            app.processEvents()
            shown.append(time.perf_counter() - start)
            window.close()
        print(
            f"  first open in the review window (read, replay, tables, reps plot): median "
            f"{statistics.median(shown) * 1000:.1f} ms, worst {max(shown) * 1000:.1f} ms (goal ≤{OPEN_GOAL_MS:.0f} ms)"
        )


if __name__ == "__main__":
    main()
