"""Every library session, recorded through the real engine with the mishaps of a real track (pauses, a tap
pressed by mistake and undone, steps skipped or gone back to, recoveries extended) and a correction, exports to
CSV, JSON, TCX and FIT, and every file reads back consistent with the others."""

from __future__ import annotations

import csv
import itertools
import json
import xml.etree.ElementTree as ET
import zlib
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.corrections import correction_problem
from kicktimer.core.run.events import Event
from kicktimer.io.export import TCX_NS, export
from kicktimer.io.recordings import append_correction, open_recording
from kicktimer.io.session_file import load_session
from tests.conftest import SESSIONS, library_files
from tests.io.test_export import fit_messages
from tests.support.recording_gen import record

WALL = datetime(2026, 3, 3, 18, 0, tzinfo=UTC)


@pytest.mark.parametrize("session_path", library_files(), ids=lambda p: str(p.relative_to(SESSIONS)))
def test_a_library_session_with_mishaps_exports_and_reads_back(session_path: Path, tmp_path: Path) -> None:
    seed = zlib.crc32(session_path.name.encode())
    path = record(load_session(session_path), tmp_path / "r.kick.jsonl", WALL, seed, mishaps=0.12)
    opened = open_recording(path)
    taps = [s for a in opened.review.athletes for s in a.splits if s.event is not None]
    if taps:  # a late tap, corrected in review
        tap = taps[len(taps) // 2]
        move = Event(tap.t_ns - to_ns(0.2), "correct", op="move", ref=tap.event)
        if correction_problem(opened.recording.events, move, len(opened.session.plan.athletes)) is None:
            append_correction(path, move)
            opened = open_recording(path)
    assert opened.review.status in ("complete", "aborted")
    for athlete in opened.review.athletes:
        assert all(s.actual_s >= 0 for s in athlete.splits), athlete.splits

    (csv_path,) = export(opened, "csv", tmp_path / "s.csv")
    (json_path,) = export(opened, "json", tmp_path / "s.json")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    records = json.loads(json_path.read_text(encoding="utf-8"))["splits"]
    assert rows == [{k: "" if v is None else str(v) for k, v in r.items()} for r in records]

    fits = export(opened, "fit", tmp_path / "a.fit")
    tcxs = export(opened, "tcx", tmp_path / "a.tcx")
    assert len(fits) == len(tcxs) == len(opened.review.athletes)
    for athlete, fit_path, tcx_path in zip(opened.review.athletes, fits, tcxs, strict=True):
        fit = fit_messages(fit_path)
        laps = fit.get("lap", [])
        active = sorted(float(lap["total_timer_time"]) for lap in laps if lap["intensity"] == "active")  # type: ignore[arg-type]
        reps = sorted(r.total_s for r in athlete.reps if r.total_s is not None)
        assert active == pytest.approx(reps, abs=0.002)  # a lap per timed rep; FIT keeps milliseconds
        (session,) = fit["session"]
        assert session["num_laps"] == len(laps)
        assert [lap["message_index"] for lap in laps] == list(range(len(laps)))
        for before, after in itertools.pairwise(laps):
            assert before["timestamp"] == after["start_time"]  # laps tile the athlete's session
        for lap in laps:
            assert 0 <= lap["total_timer_time"] <= lap["total_elapsed_time"] + 0.002  # type: ignore[operator]
        total = sum(lap["total_timer_time"] for lap in laps)  # type: ignore[misc]
        assert session["total_timer_time"] == pytest.approx(total, abs=0.01)
        distances = [r["distance"] for r in fit.get("record", [])]
        assert distances == sorted(distances)  # type: ignore[type-var]
        root = ET.parse(tcx_path).getroot()
        tcx_laps = root.findall(f".//{{{TCX_NS}}}Lap")
        assert len(tcx_laps) == len(laps)
        times = [datetime.fromisoformat((t.text or "").replace("Z", "+00:00"))
                 for t in root.iter(f"{{{TCX_NS}}}Time")]  # fmt: skip
        assert times == sorted(times)
