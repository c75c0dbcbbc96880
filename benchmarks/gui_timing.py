"""The live view on the real clock for 20 s (offscreen, in a child process): process CPU use (goal ≤2% of a
core) and the delay from each clock boundary to the repaint that shows it (goal ≤1 frame at 60 Hz, 16.7 ms).
The boundary is found exactly: snapshot(t) is a pure function, so the moment the shown text changes is a
bisection between two paints."""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUN_S = 20.0
SESSIONS = {
    "typical (a 20 min tempo: one change a second)": "name: GUI bench\nworkout: 20min tempo\n",
    "worst case (12 s steps: tenths in their last 10 s)": "name: GUI bench\nworkout: |\n  3x12s hard r12s\n  20s jog\n",
}


def child() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from kicktimer.app.gui import build_live_view
    from kicktimer.app.session import LiveSession
    from kicktimer.io.session_file import parse_session
    from kicktimer.ui import live_view

    app = QApplication([])
    text = SESSIONS[os.environ["KT_BENCH_CASE"]]
    live = LiveSession.start_new(parse_session(text, "bench"), Path(os.environ["KICKTIMER_HOME"]) / "rec")
    paints: list[tuple[int, str]] = []
    original = live_view.LiveView.paintEvent

    def logged(self: live_view.LiveView, event: object) -> None:
        original(self, event)  # type: ignore[arg-type]
        paints.append((live.engine.clock.now_ns(), live_view.clock_text(live.engine.snapshot())))

    live_view.LiveView.paintEvent = logged  # type: ignore[method-assign]
    view = build_live_view(live)
    view.resize(1280, 800)
    view.show()
    live.apply(live.engine.tap)
    start_cpu, start_wall = time.process_time(), time.monotonic()
    QTimer.singleShot(int(RUN_S * 1000), app.quit)
    app.exec()
    cpu, wall = time.process_time() - start_cpu, time.monotonic() - start_wall
    engine = live.engine

    def shown_at(t: int) -> str:
        return live_view.clock_text(engine.snapshot(t))

    delays = []
    for (t0, text0), (t1, text1) in itertools.pairwise(paints):
        if text1 == text0 or shown_at(t0) != text0:
            continue
        lo, hi = t0, t1  # the text changed somewhere in (t0, t1]: find the first instant it did
        while hi - lo > 1000:
            mid = (lo + hi) // 2
            lo, hi = (lo, mid) if shown_at(mid) != text0 else (mid, hi)
        delays.append((t1 - hi) / 1e6)
    print(json.dumps({"cpu_s": cpu, "wall_s": wall, "paints": len(paints), "delays_ms": delays}))


def main() -> None:
    for case in SESSIONS:
        run_case(case)


def run_case(case: str) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KICKTIMER_HOME": home, "KT_BENCH_CASE": case}
        out = subprocess.run(
            [sys.executable, __file__, "--child"], env=env, capture_output=True, text=True, timeout=120
        )
    if out.returncode != 0:
        print(f"gui timing: failed: {out.stderr[-500:]}")
        return
    data = json.loads(out.stdout.strip().splitlines()[-1])
    delays = sorted(data["delays_ms"])
    cpu_pct = 100 * data["cpu_s"] / data["wall_s"]
    p99 = delays[min(len(delays) - 1, int(0.99 * len(delays)))]
    print(f"live view, {case}:")
    print(f"  {data['wall_s']:.0f} s: CPU {cpu_pct:.2f}% of one core (goal ≤2%), {data['paints']} repaints")
    print(
        f"  boundary → repaint delay over {len(delays)} clock changes: median {statistics.median(delays):.2f} ms, "
        f"p99 {p99:.2f} ms, max {delays[-1]:.2f} ms (goal ≤16.7 ms, one frame at 60 Hz)"
    )


if __name__ == "__main__":
    if "--child" in sys.argv:
        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        child()
    else:
        main()
