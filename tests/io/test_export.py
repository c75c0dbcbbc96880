"""Exports read back: FIT with fitdecode, TCX with xml.etree, CSV against JSON; corrections included."""

from __future__ import annotations

import csv
import itertools
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import fitdecode
import pytest

from kicktimer.core.language.start_points import find_start
from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event
from kicktimer.io.export import CSV_COLUMNS, TCX_NS, export
from kicktimer.io.recordings import Opened, append_correction, open_recording
from tests.recorded import (
    ANA,
    BEN,
    EXPECTED,
    SCRIPT,
    START_NS,
    WALL_START,
    recorded_events,
    scenario_plan,
    write_recording,
)
from tests.support.clock import FakeClock


@pytest.fixture
def corrected(tmp_path: Path) -> Opened:
    """The scenario with Ben's forgotten tap added in review, and Ana's rep-2 kick tap moved 0.5 s earlier."""
    path = write_recording(tmp_path)
    opened = open_recording(path)
    ana, _ = opened.review.athletes
    bound3 = next(s for s in ana.splits if s.rep == 3 and s.segment == 2 and s.block == 1)
    kick2 = next(s for s in ana.splits if s.rep == 2 and s.segment == 3 and s.block == 1)
    append_correction(path, Event(bound3.t_ns + to_ns(1.0), "correct", BEN, op="add"))
    append_correction(path, Event(kick2.t_ns - to_ns(0.5), "correct", op="move", ref=kick2.event))
    return open_recording(path)


def main_set(opened: Opened, athlete: int) -> list[tuple[float | None, ...]]:
    reps = opened.review.athletes[athlete].reps
    return [tuple(None if s is None else round(s, 3) for s in r.segment_s) for r in reps if r.block == 1]


def test_corrections_are_appended_and_the_original_stays(corrected: Opened) -> None:
    lines = corrected.recording.path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["type"] for line in lines[-2:]] == ["correct", "correct"]
    assert main_set(corrected, 0) == [(31.0, 20.0, 29.0), (32.0, 21.5, 29.0), (33.0, 21.5, 30.0)]
    assert main_set(corrected, BEN) == [*EXPECTED[BEN][:2], (33.5, 22.0, 30.0)]
    original = [json.loads(line) for line in lines[1:-2]]
    assert sum(e["type"] == "tap" for e in original) == 21  # every tap as it was pressed, the undone one too


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def as_text(value: Any) -> str:
    return "" if value is None else str(value)


def test_csv_and_json_hold_the_same_splits(corrected: Opened, tmp_path: Path) -> None:
    csv_path = export(corrected, "csv", tmp_path / "splits.csv")[0].path
    json_path = export(corrected, "json", tmp_path / "splits.json")[0].path
    rows = read_csv(csv_path)
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert list(rows[0]) == list(CSV_COLUMNS)
    assert rows == [{k: as_text(v) for k, v in record.items()} for record in data["splits"]]
    ben_kicks = [r for r in rows if r["athlete"] == "Ben" and r["label"] == "200m kick"]
    assert [r["kick"] for r in ben_kicks] == ["0:29.50", "0:29.50", "0:30.00"]
    assert [r["rep_total"] for r in ben_kicks] == ["1:21.50", "1:23.50", "1:25.50"]  # on each rep's last row
    assert [float(r["actual_s"]) for r in ben_kicks] == [29.5, 29.5, 30.0]
    first = next(r for r in rows if r["athlete"] == "Ana" and r["label"] == "200m @800")
    assert (first["target_s"], first["actual_s"], first["delta_s"], first["block_title"]) == (
        "32.0", "31.0", "-1.0", "Main set")  # fmt: skip
    assert datetime.fromisoformat(first["wall_time"]) == datetime.fromisoformat("2026-05-12T17:36:01+02:00")
    ana = data["athletes"][0]
    assert ana["fades"][0]["fade_s"] == pytest.approx(4.5)  # rep 3 (84.5) against rep 1 (80)
    assert [r["kick_s"] for r in ana["reps"][1:]] == [29.0, 29.0, 30.0]
    assert (data["finished"], data["status"], data["session"]) == (True, "complete", "Kick 500s test")


def test_one_athlete_only(corrected: Opened, tmp_path: Path) -> None:
    path = export(corrected, "csv", tmp_path / "ben.csv", athlete="ben")[0].path
    assert {r["athlete"] for r in read_csv(path)} == {"Ben"}
    with pytest.raises(ValueError, match='no athlete "Zed" in this recording \\(it has Ana, Ben\\)'):
        export(corrected, "csv", tmp_path / "x.csv", athlete="Zed")


def fit_messages(path: Path) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                found.setdefault(frame.name, []).append({f.name: f.value for f in frame.fields})
    return found


def test_fit_activity_per_athlete_reads_back(corrected: Opened, tmp_path: Path) -> None:
    paths = [w.path for w in export(corrected, "fit", tmp_path / "session.fit")]
    assert [p.name for p in paths] == ["session-ana.fit", "session-ben.fit"]
    fit = fit_messages(paths[BEN])
    assert fit["file_id"][0]["type"] == "activity"
    laps = fit["lap"]
    assert [lap["intensity"] for lap in laps] == [
        "rest",
        "warmup",
        "rest",
        "active",
        "rest",
        "active",
        "rest",
        "active",
    ]
    active = [lap for lap in laps if lap["intensity"] in ("active", "warmup")]
    assert [round(lap["total_timer_time"], 3) for lap in active] == [300.0, 81.5, 83.5, 85.5]
    assert [lap.get("total_distance") for lap in active] == [None, 500.0, 500.0, 500.0]  # a jog with no pace: unset
    assert [lap["message_index"] for lap in laps] == list(range(len(laps)))
    rest1 = laps[4]  # the first R2:00 with its 30 s pause: elapsed counts it, the timer does not
    assert rest1["intensity"] == "rest"
    assert (rest1["total_elapsed_time"], rest1["total_timer_time"]) == pytest.approx((150.0, 120.0))
    start = WALL_START.astimezone(UTC)
    assert laps[0]["start_time"] == start
    for before, after in itertools.pairwise(laps):
        assert before["timestamp"] == after["start_time"]  # laps tile the session
    (session,) = fit["session"]
    assert session["num_laps"] == len(laps) and session["total_distance"] == 1500.0
    assert session["total_timer_time"] == pytest.approx(sum(lap["total_timer_time"] for lap in laps), abs=0.01)
    timers = [(e["event_type"], e["timestamp"]) for e in fit["event"] if e["event"] == "timer"]
    assert [kind for kind, _ in timers] == ["start", "stop_all", "start", "stop_all"]
    assert (timers[2][1] - timers[1][1]).total_seconds() == 30.0
    distances = [r["distance"] for r in fit["record"]]
    assert distances == sorted(distances) and distances[-1] == 1500.0
    assert len(fit["activity"]) == 1


def test_tcx_laps_per_athlete_parse(corrected: Opened, tmp_path: Path) -> None:
    path = export(corrected, "tcx", tmp_path / "ana.tcx", athlete="Ana")[0].path
    ns = {"t": TCX_NS}
    root = ET.parse(path).getroot()
    assert root.tag == f"{{{TCX_NS}}}TrainingCenterDatabase"
    activity = root.find("t:Activities/t:Activity", ns)
    assert activity is not None and activity.get("Sport") == "Running"
    laps = activity.findall("t:Lap", ns)
    work = [lap for lap in laps if lap.findtext("t:Intensity", namespaces=ns) == "Active"]
    creator = activity.find("t:Creator/t:Name", ns)
    assert creator is not None and creator.text == "kicktimer"
    assert [float(lap.findtext("t:TotalTimeSeconds", namespaces=ns) or 0) for lap in work] == [300.0, 80.0, 82.5, 84.5]
    assert [lap.findtext("t:Notes", namespaces=ns) for lap in work][1] == "200m @800 → 100m bound → 200m kick"
    points = work[1].findall("t:Track/t:Trackpoint", ns)
    assert [float(p.findtext("t:DistanceMeters", namespaces=ns) or 0) for p in points] == [0.0, 200.0, 300.0, 500.0]
    times = [datetime.fromisoformat((p.findtext("t:Time", namespaces=ns) or "").replace("Z", "+00:00")) for p in points]
    assert [(b - a).total_seconds() for a, b in itertools.pairwise(times)] == [31.0, 20.0, 29.0]
    assert laps[0].get("StartTime") == "2026-05-12T15:30:00.000Z"


def test_an_unwritable_export_is_an_os_error(corrected: Opened, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        export(corrected, "csv", tmp_path / "missing-folder" / "x.csv")


def test_a_tap_in_a_timed_recovery_is_a_lap_of_the_recovery_in_the_csv(tmp_path: Path) -> None:
    """Ana tapped 5 s before the first R2:00 ended: a lap of the recovery, after rep 1, not a split of rep 2."""
    resumed = SCRIPT.index((30, "resume", None))  # recorded as it happens (an undo names what it undoes by index)
    events = recorded_events(scenario_plan(), [*SCRIPT[: resumed + 1], (55, "tap", ANA), (5, "wait", None),
                                               *SCRIPT[resumed + 2 :]])  # fmt: skip
    opened = open_recording(write_recording(tmp_path, events))
    rows = read_csv(export(opened, "csv", tmp_path / "splits.csv", athlete="Ana")[0].path)
    lap = next(i for i, r in enumerate(rows) if r["label"] == "R 2:00")
    shown = ("block", "rep", "segment", "kind", "actual_s", "target_s", "delta_s")
    assert [rows[lap][k] for k in shown] == ["2", "1", "", "lap", "115.0", "", ""]
    assert (rows[lap - 1]["rep"], rows[lap - 1]["label"]) == ("1", "200m kick")  # after rep 1 ...
    assert (rows[lap + 1]["rep"], rows[lap + 1]["label"]) == ("2", "200m @800")  # ... before rep 2
    assert main_set(opened, 0) == EXPECTED[0]  # no rep counts it
    assert [r["label"] for r in rows].count("R 2:00") == 1


def test_a_session_started_at_a_rep_exports_the_reps_that_ran_and_says_where_it_started(tmp_path: Path) -> None:
    plan = scenario_plan()
    clock = FakeClock(START_NS)
    engine = SessionEngine(plan, clock)
    engine.start(find_start(plan, "2.2").step)  # the warm-up and the first 500 were done before
    for wait_s, athlete in [(5, None), (31, ANA), (0.5, BEN), (20, ANA), (0.5, BEN), (29, ANA), (0.5, BEN)]:
        clock.advance(wait_s)
        engine.tap(athlete)
    clock.advance(5)
    engine.end()
    opened = open_recording(write_recording(tmp_path, engine.events))
    csv_path = export(opened, "csv", tmp_path / "s.csv", athlete="Ana")[0].path
    assert {(r["block"], r["rep"]) for r in read_csv(csv_path)} == {("2", "2")}  # rep 2 keeps its number
    json_path = export(opened, "json", tmp_path / "s.json")[0].path
    data = json.loads(json_path.read_text(encoding="utf-8"))
    assert data["started_at"] == "Main set, rep 2 (Rep 2/3): 200m @800 + 100m bound + 200m kick"
    assert [r["rep"] for r in data["athletes"][0]["reps"]] == [2, 3]
    assert "started at Main set, rep 2" in " ".join(opened.notes)
