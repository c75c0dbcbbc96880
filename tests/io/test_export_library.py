"""Every library session, recorded through the real engine with the mishaps of a real track (pauses, a tap
pressed by mistake and undone, steps skipped or gone back to, recoveries extended) and a correction, by athletes
whose names are written in five scripts, exports to CSV, JSON, TCX and FIT; every file is read back by a
consumer kicktimer does not use to write it (Garmin's FIT SDK with its integrity check, Garmin's TCX schema,
pandas) and agrees with the others."""

from __future__ import annotations

import itertools
import json
import zlib
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from kicktimer.core.review.laps import athlete_laps, rep_laps
from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.correction_checks import correction_problem
from kicktimer.core.run.events import Event
from kicktimer.io.export import CSV_COLUMNS, export
from kicktimer.io.recordings import Opened, append_correction, open_recording
from kicktimer.io.session_file import load_session, with_athletes
from tests.conftest import SESSIONS, library_files
from tests.io.consumers import fit_in_order, garmin_messages, tcx_problems
from tests.support.recording_gen import record

WALL = datetime(2026, 3, 3, 18, 0, 0, 375_000, tzinfo=UTC)
SCRIPTS = ("Zoë Ñúñez", "李娜", "Дмитрий", "فاطمة", "सीता")  # Latin with accents, Han, Cyrillic, Arabic, Devanagari
INTEGERS = ("block", "rep", "segment", "event")
FLOATS = ("distance_m", "target_s", "actual_s", "delta_s", "rep_total_s", "kick_s")


def recorded(session_path: Path, tmp_path: Path) -> Opened:
    """The session run with mishaps by athletes renamed into the five scripts, and a late tap corrected."""
    seed = zlib.crc32(session_path.name.encode())
    session = load_session(session_path)
    roster = tuple(replace(a, name=SCRIPTS[(seed + k) % 5]) for k, a in enumerate(session.plan.athletes))
    path = record(with_athletes(session, roster), tmp_path / "r.kick.jsonl", WALL, seed, mishaps=0.12)
    opened = open_recording(path)
    taps = [s for a in opened.review.athletes for s in a.splits if s.event is not None]
    if taps:
        tap = taps[len(taps) // 2]
        move = Event(tap.t_ns - to_ns(0.2), "correct", op="move", ref=tap.event)
        if correction_problem(opened.session.plan, opened.recording.events, move) is None:
            append_correction(path, move)
            opened = open_recording(path)
    assert opened.review.status in ("complete", "aborted")
    return opened


@pytest.mark.parametrize("session_path", library_files(), ids=lambda p: str(p.relative_to(SESSIONS)))
def test_a_library_session_with_mishaps_exports_and_reads_back(session_path: Path, tmp_path: Path) -> None:
    opened = recorded(session_path, tmp_path)
    for athlete in opened.review.athletes:
        assert all(s.actual_s >= 0 for s in athlete.splits), athlete.splits

    csv_path = export(opened, "csv", tmp_path / "s.csv")[0].path
    json_path = export(opened, "json", tmp_path / "s.json")[0].path
    frame = pd.read_csv(csv_path, dtype_backend="numpy_nullable", keep_default_na=False, na_values=[""])
    assert list(frame.columns) == list(CSV_COLUMNS)
    for column in INTEGERS:
        assert str(frame[column].dtype) == "Int64", column
    for column in FLOATS:
        assert str(frame[column].dtype) == "Float64" or frame[column].isna().all(), column
    records = json.loads(json_path.read_text(encoding="utf-8"))["splits"]
    assert frame["athlete"].tolist() == [r["athlete"] for r in records]
    assert frame["actual_s"].fillna(-1).tolist() == [-1 if r["actual_s"] is None else r["actual_s"] for r in records]

    fits, tcxs = export(opened, "fit", tmp_path / "a.fit"), export(opened, "tcx", tmp_path / "a.tcx")
    assert len({w.path for w in fits}) == len({w.path for w in tcxs}) == len(opened.review.athletes)
    for athlete, fit_path, tcx_path in zip(opened.review.athletes, fits, tcxs, strict=True):
        assert tcx_problems(tcx_path.path) == []
        check_fit(opened, athlete.index, fit_path.path)


def check_fit(opened: Opened, athlete: int, path: Path) -> None:
    fit = garmin_messages(path)
    laps = fit.get("lap_mesgs", [])
    expected = athlete_laps(opened.review, athlete)
    assert [round(lap["total_timer_time"], 3) for lap in laps] == [round(lap.timer_s, 3) for lap in expected]
    distances = [None if lap.distance_m is None else round(lap.distance_m, 2) for lap in expected]
    assert [lap.get("total_distance") for lap in laps] == distances  # FIT keeps centimetres; unknown: unset
    (session,) = fit["session_mesgs"]
    assert session["num_laps"] == len(laps)
    assert session["sub_sport"] in ("track", "generic")
    assert [lap["message_index"] for lap in laps] == list(range(len(laps)))
    for before, after in itertools.pairwise(laps):
        assert before["timestamp"] == after["start_time"]  # laps tile the athlete's session
    for lap in laps:
        assert 0 <= lap["total_timer_time"] <= lap["total_elapsed_time"] + 1.0  # whole-second timestamps
    assert session["total_timer_time"] == pytest.approx(sum(lap["total_timer_time"] for lap in laps), abs=0.01)
    stamps = [fields["timestamp"] for _, fields in fit_in_order(path) if "timestamp" in fields]
    assert stamps == sorted(stamps)  # every message in time order
    distances = [r["distance"] for r in fit.get("record_mesgs", [])]
    assert distances == sorted(distances)
    for row in opened.review.athletes[athlete].reps:  # a rep with every split: its laps add up to its time
        if row.total_s is not None:
            pieces = rep_laps(opened.review, athlete, row)
            assert sum(p.timer_s for p in pieces) == pytest.approx(row.total_s, abs=1e-6), row.label
            assert not any(p.missing for p in pieces)
