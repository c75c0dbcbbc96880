"""Athlete page speed: one athlete's page built from 200 generated recordings of a season (goal ≤0.5 s), read
from the files with nothing cached (as when the page opens), in the io layer and in the window (offscreen)."""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kicktimer.app.season import SeasonFiles
from tests.support.season_gen import ROOT, season

GOAL_S = 0.5
RECORDINGS = 200


def figures(what: str, times_s: list[float]) -> str:
    median, worst = statistics.median(times_s) * 1000, max(times_s) * 1000
    return f"  {what}: median {median:.0f} ms, worst {worst:.0f} ms (goal ≤{GOAL_S * 1000:.0f} ms)"


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from kicktimer.ui.athlete_page import AthleteSource, AthleteWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    print(f"(load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores: other work slows every figure)")
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        made = season(data, RECORDINGS, datetime(2025, 1, 6, 17, 30).astimezone())
        recordings, squad, libraries = data / "recordings", data / "squad.yaml", [ROOT / "sessions"]
        size_mb = sum(p.stat().st_size for p in made) / 1e6
        io_s = []
        for _ in range(5):
            start = time.perf_counter()
            shown = SeasonFiles(recordings, squad, libraries).shown("Ana")  # nothing cached: every file read
            io_s.append(time.perf_counter() - start)
        kinds = len(shown.page.kinds)
        print(f"athlete page: Ana in {len(shown.page.runs)} of {len(made)} recordings ({size_mb:.1f} MB), "
              f"{kinds} kinds of rep")  # fmt: skip
        print(
            f"  io (history, every recording read and reviewed, the page): median "
            f"{statistics.median(io_s) * 1000:.0f} ms, worst {max(io_s) * 1000:.0f} ms (goal ≤{GOAL_S * 1000:.0f} ms)"
        )
        gui_s = []
        for _ in range(3):
            start = time.perf_counter()
            files = SeasonFiles(recordings, squad, libraries)
            source = AthleteSource(files.names, files.shown)
            window = AthleteWindow(source, "Ana")
            window.resize(1366, 768)
            window.show()
            app.processEvents()
            gui_s.append(time.perf_counter() - start)
            window.close()
        print(
            f"  the window opened on her page (names, page, tables, plot drawn): median "
            f"{statistics.median(gui_s) * 1000:.0f} ms, worst {max(gui_s) * 1000:.0f} ms (goal ≤{GOAL_S * 1000:.0f} ms)"
        )


if __name__ == "__main__":
    main()
