"""squad.yaml speed: reading a dense squad just under its size limit, one change of it (`squad add`: read, change,
read back, write), and importing a 3,000-row CSV (each row's name looked up at once, not against every athlete
again). Figures of one run; the limit (io/squad.MAX_SQUAD_BYTES) is chosen so these stay in seconds."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from kicktimer.core.season.squad import parse_entry
from kicktimer.io.squad import MAX_SQUAD_BYTES, load_squad
from kicktimer.io.squad_csv import import_times, read_times_csv
from kicktimer.io.squad_edit import add_entry, change_squad

TODAY = date(2026, 11, 20)


def dense_squad(size_bytes: int) -> str:
    """Athletes with ten race times each, until the file is about `size_bytes`."""
    lines = ["athletes:"]
    size, n = 10, 0
    while True:
        athlete = [f"  - name: Athlete {n}", "    groups: [distance]", "    times:"]
        athlete += [f'      - {{race: 800m, time: "2:{10 + k:02d}", date: 2026-0{1 + k % 9}-1{k}}}' for k in range(10)]
        block = sum(len(line) + 1 for line in athlete)
        if size + block > size_bytes:
            return "\n".join(lines) + "\n"
        lines += athlete
        size, n = size + block, n + 1


def timed(what: str, run: object) -> None:
    start = time.perf_counter()
    run()  # type: ignore[operator]
    print(f"{what}: {time.perf_counter() - start:.2f} s")


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "squad.yaml"
        path.write_text(dense_squad(MAX_SQUAD_BYTES - 2_000), encoding="utf-8")
        size_kb = path.stat().st_size / 1000
        timed(f"read a dense squad of {size_kb:.0f} kB", lambda: load_squad(path, TODAY))
        timed(f"squad add to it ({size_kb:.0f} kB)", lambda: change_squad(path, add_entry(parse_entry("Zed", TODAY))))
        sheet = Path(folder) / "times.csv"
        rows = [f"A{n},800m,2:{10 + n % 50},2026-01-0{1 + n % 9}" for n in range(3000)]
        sheet.write_text("name,event,time,date\n" + "\n".join(rows) + "\n", encoding="utf-8")
        fresh = Path(folder) / "new-squad.yaml"
        timed("import 3,000 CSV rows (3,000 new athletes)", lambda: change_squad(fresh, import_times(
            read_times_csv(sheet, TODAY))))  # fmt: skip
        print(f"({fresh.stat().st_size / 1000:.0f} kB written)")


if __name__ == "__main__":
    main()
