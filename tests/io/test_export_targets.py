"""What a coach would hit in Garmin Connect, Strava, intervals.icu, GoldenCheetah and Excel, read back by the
consumers in tests/io/consumers.py: file names in any script, FIT in time order, a forgotten tap, the start's
fraction, summaries, the CSV for a spreadsheet, the history's order, lap taps in a timed sprint."""

from __future__ import annotations

import csv
import itertools
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from kicktimer.core.language.plan import Athlete
from kicktimer.io import file_names
from kicktimer.io.export import TCX_NS, export
from kicktimer.io.recording_lines import Header
from kicktimer.io.recordings import Opened, history, open_recording
from kicktimer.io.session_file import parse_session, with_athletes
from tests.io.consumers import fit_in_order, garmin_messages, tcx_problems
from tests.recorded import ALL, ANA, BEN, SOURCE, WALL_START, Script, recorded_events, write_recording
from tests.support.recording_gen import record

NS = {"t": TCX_NS}
FIT_EPOCH_UNIX_S = 631_065_600

# Rep 2: Ana taps the 200 and the bound, forgets the kick; Ben finishes and the coach skips on (N).
FORGOTTEN: Script = [
    (10, "tap", ALL), (320, "tap", ALL),
    (31, "tap", ANA), (0.8, "tap", BEN), (19.2, "tap", ANA), (1.0, "tap", BEN), (28, "tap", ANA), (1.5, "tap", BEN),
    (120, "wait", None),
    (32, "tap", ANA), (1.0, "tap", BEN), (20, "tap", ANA), (1.0, "tap", BEN), (28, "tap", BEN), (3, "skip", None),
    (120, "wait", None),
    (33, "tap", ANA), (0.5, "tap", BEN), (21, "tap", ANA), (1.0, "tap", BEN), (30, "tap", ANA), (1.0, "tap", BEN),
    (1.5, "end", None),
]  # fmt: skip
HILLS = """\
name: Hill test
athletes:
  - name: Ana
workout: |
  Hills: 3x10s hill sprint r open walk down
"""
# Ana taps 6 s into the first 10 s sprint (a lap: she reached the top marker).
HILL_TAPS: Script = [(5, "tap", ALL), (6, "tap", ANA), (4.5, "wait", None), (60, "tap", ALL), (10.5, "wait", None),
                     (60, "tap", ALL), (10.5, "wait", None), (1, "end", None)]  # fmt: skip


def scenario(tmp_path: Path, script: Script | None = None, source: str = SOURCE, fraction_s: float = 0.0) -> Opened:
    plan = parse_session(source, "test.session.yaml", None).plan
    events = None if script is None else recorded_events(plan, script)
    return open_recording(write_recording(tmp_path, events, source, fraction_s))


def one(opened: Opened, fmt: str, path: Path, athlete: str) -> Path:
    return export(opened, fmt, path, athlete)[0].path  # type: ignore[arg-type]


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- FIT in time order ---------------------------------------------------------------------------------------
def test_fit_messages_are_in_time_order_around_a_pause(tmp_path: Path) -> None:
    opened = scenario(tmp_path)  # a 30 s pause in the first R2:00
    for written in export(opened, "fit", tmp_path / "s.fit"):
        messages = fit_in_order(written.path)
        stamps = [fields["timestamp"] for _, fields in messages if "timestamp" in fields]
        assert stamps == sorted(stamps)
        timers = [f["event_type"] for name, f in messages if name == "event" and f["event"] == "timer"]
        assert timers == ["start", "stop_all", "start", "stop_all"]


# --- a forgotten tap -----------------------------------------------------------------------------------------
def test_a_rep_with_a_forgotten_tap_stays_a_lap_with_what_is_known(tmp_path: Path) -> None:
    opened = scenario(tmp_path, FORGOTTEN)
    fit = garmin_messages(one(opened, "fit", tmp_path / "ana.fit", "Ana"))
    laps = fit["lap_mesgs"]
    work = [lap for lap in laps if lap["intensity"] == "active"]
    assert [lap["total_distance"] for lap in work] == [500.0, 300.0, 500.0]
    assert [round(lap["total_timer_time"], 3) for lap in work] == [80.0, 53.0, 85.5]
    steps = fit["workout_step_mesgs"]
    named = [steps[lap["wkt_step_index"]]["wkt_step_name"] for lap in work]
    assert named[1] == "200m @800 → 100m bound → 200m kick (no tap: 200m kick)"
    assert fit["session_mesgs"][0]["total_distance"] == 1300.0
    rows = read_rows(one(opened, "csv", tmp_path / "ana.csv", "Ana"))
    tapped = [r for r in rows if r["kind"] == "finish"]
    assert sum(float(r["distance_m"]) for r in tapped) == fit["session_mesgs"][0]["total_distance"]
    (missing,) = [r for r in rows if r["kind"] == "missing"]
    assert (missing["rep"], missing["label"], missing["actual_s"], missing["wall_time"]) == ("2", "200m kick", "", "")
    assert missing["rep_total_s"] == "" and missing["event"] == ""
    tcx = ET.parse(one(opened, "tcx", tmp_path / "ana.tcx", "Ana")).getroot()
    notes = [lap.findtext("t:Notes", namespaces=NS) for lap in tcx.iter(f"{{{TCX_NS}}}Lap")]
    assert "200m @800 → 100m bound → 200m kick (no tap: 200m kick)" in notes
    total = sum(float(lap.findtext("t:DistanceMeters", namespaces=NS) or 0) for lap in tcx.iter(f"{{{TCX_NS}}}Lap"))
    assert total == 1300.0


# --- the start's fraction ------------------------------------------------------------------------------------
def test_clock_times_keep_the_fraction_of_the_start(tmp_path: Path) -> None:
    opened = scenario(tmp_path, fraction_s=0.642)
    first = read_rows(one(opened, "csv", tmp_path / "a.csv", "Ana"))[1]  # the 200m @800 of rep 1, tapped at 6:01
    assert first["wall_time"] == "2026-05-12T17:36:01.642+02:00"
    data = json.loads(one(opened, "json", tmp_path / "a.json", "Ana").read_text(encoding="utf-8"))
    assert data["wall_start"] == "2026-05-12T17:30:00.642+02:00"
    root = ET.parse(one(opened, "tcx", tmp_path / "a.tcx", "Ana")).getroot()
    laps = list(root.iter(f"{{{TCX_NS}}}Lap"))
    starts = [datetime.fromisoformat((lap.get("StartTime") or "").replace("Z", "+00:00")) for lap in laps]
    assert starts[0] == WALL_START + timedelta(seconds=0.642)
    for lap, start, following in zip(laps[:3], starts[:3], starts[1:4], strict=True):  # before the pause
        assert start + timedelta(seconds=float(lap.findtext("t:TotalTimeSeconds", namespaces=NS) or 0)) == following
    fit = garmin_messages(one(opened, "fit", tmp_path / "a.fit", "Ana"))
    assert fit["session_mesgs"][0]["start_time"] == datetime(2026, 5, 12, 15, 30, 1, tzinfo=UTC)  # nearest second


def test_a_recording_without_the_fraction_still_reads(tmp_path: Path) -> None:
    header = Header("s", "text", None, {}, "2026-05-12T17:30:00+02:00", WALL_START.timestamp())
    assert header.started_at == WALL_START
    copied = Header("s", "text", None, {}, "2026-06-01T08:00:00+02:00", WALL_START.timestamp())  # copied to a date
    assert copied.started_at == datetime.fromisoformat("2026-06-01T08:00:00+02:00")


# --- summaries -----------------------------------------------------------------------------------------------
def test_laps_and_session_carry_speed_intensity_device_and_local_time(tmp_path: Path) -> None:
    opened = scenario(tmp_path)
    fit = garmin_messages(one(opened, "fit", tmp_path / "ana.fit", "Ana"))
    laps = fit["lap_mesgs"]
    assert [lap["intensity"] for lap in laps][:4] == ["rest", "warmup", "rest", "active"]
    warm_up = laps[1]
    assert "total_distance" not in warm_up and "avg_speed" not in warm_up  # unknown, not 0
    rep1 = laps[3]
    assert rep1["enhanced_avg_speed"] == pytest.approx(500 / 80, abs=0.001)
    assert rep1["enhanced_max_speed"] == pytest.approx(200 / 29, abs=0.001)  # the 200 m kick in 29 s
    (session,) = fit["session_mesgs"]
    assert session["enhanced_avg_speed"] == pytest.approx(1500 / session["total_timer_time"], abs=0.001)
    assert session["sub_sport"] == "track"
    (device,) = fit["device_info_mesgs"]
    assert device["product_name"] == "kicktimer" and device["device_index"] == "creator"
    (activity,) = fit["activity_mesgs"]
    local = datetime.fromtimestamp(activity["local_timestamp"] + FIT_EPOCH_UNIX_S, UTC)
    assert local - activity["timestamp"] == timedelta(hours=2)  # the recording's UTC offset


def test_a_hill_session_is_not_a_track_session(tmp_path: Path) -> None:
    opened = scenario(tmp_path, HILL_TAPS, HILLS)
    fit = garmin_messages(one(opened, "fit", tmp_path / "h.fit", "Ana"))
    assert fit["session_mesgs"][0]["sub_sport"] == "generic"
    assert {lap["sub_sport"] for lap in fit["lap_mesgs"]} == {"generic"}


# --- lap taps inside a timed sprint ---------------------------------------------------------------------------
def test_a_lap_tap_inside_a_timed_sprint_is_a_lap_in_fit_and_tcx_as_in_csv(tmp_path: Path) -> None:
    opened = scenario(tmp_path, HILL_TAPS, HILLS)
    rows = read_rows(one(opened, "csv", tmp_path / "h.csv", "Ana"))
    (lap_row,) = [r for r in rows if r["kind"] == "lap"]
    assert lap_row["actual_s"] == "6.0"
    tapped = datetime.fromisoformat(lap_row["wall_time"])
    root = ET.parse(one(opened, "tcx", tmp_path / "h.tcx", "Ana")).getroot()
    starts = [datetime.fromisoformat((lap.get("StartTime") or "").replace("Z", "+00:00"))
              for lap in root.iter(f"{{{TCX_NS}}}Lap")]  # fmt: skip
    assert tapped in starts
    times = [float(lap.findtext("t:TotalTimeSeconds", namespaces=NS) or 0) for lap in root.iter(f"{{{TCX_NS}}}Lap")]
    assert times[1:3] == [6.0, 4.0]  # the first sprint: to the tap, then to the end of its 10 s
    fit = garmin_messages(one(opened, "fit", tmp_path / "h.fit", "Ana"))
    assert [round(lap["total_timer_time"], 3) for lap in fit["lap_mesgs"]][1:3] == [6.0, 4.0]
    assert tapped.astimezone(UTC).replace(microsecond=0) in [lap["start_time"] for lap in fit["lap_mesgs"]]


# --- the CSV for a spreadsheet --------------------------------------------------------------------------------
def test_the_csv_reads_in_pandas_with_the_expected_types(tmp_path: Path) -> None:
    opened = scenario(tmp_path, FORGOTTEN)
    path = export(opened, "csv", tmp_path / "s.csv")[0].path
    frame = pd.read_csv(path, dtype_backend="numpy_nullable")
    kinds = {column: str(frame[column].dtype) for column in frame.columns}
    for column in ("block", "rep", "segment", "event"):
        assert kinds[column] == "Int64", (column, kinds[column])  # `event` stays an integer with a gap in it
    for column in ("distance_m", "target_s", "actual_s", "delta_s", "rep_total_s", "kick_s"):
        assert kinds[column] == "Float64", (column, kinds[column])
    assert kinds["actual"] == kinds["athlete"] == "string"
    assert frame["actual_s"].isna().sum() == 1  # the forgotten kick
    assert pd.to_datetime(frame["wall_time"].dropna(), utc=True).is_monotonic_increasing is not None
    per_rep = frame.dropna(subset=["rep_total_s"]).groupby("athlete")["rep_total_s"].count()
    assert per_rep.to_dict() == {"Ana": 3, "Ben": 4}  # Ana's rep 2 has no total; each warm-up counts once


def test_the_excel_flavour_has_a_bom_semicolons_and_decimal_commas(tmp_path: Path) -> None:
    named = with_athletes(parse_session(SOURCE, "t", None), (Athlete("Zoë", {"800m": 128.0}), Athlete("Ben")))
    events = recorded_events(named.plan)
    path = write_recording(tmp_path, events)
    header = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    header["athletes"] = [{"name": "Zoë", "paces": {"800m": 128.0}}, {"name": "Ben", "paces": {}}]
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([json.dumps(header), *lines[1:]]) + "\n", encoding="utf-8")
    opened = open_recording(path)
    data = export(opened, "csv", tmp_path / "x.csv", excel=True)[0].path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 with BOM: Excel on Windows shows Zoë
    frame = pd.read_csv(tmp_path / "x.csv", sep=";", decimal=",", encoding="utf-8-sig", dtype_backend="numpy_nullable")
    assert "Zoë" in set(frame["athlete"])
    assert str(frame["actual_s"].dtype) == "Float64" and str(frame["event"].dtype) == "Int64"
    assert frame.loc[1, "actual_s"] == 31.0 and frame.loc[1, "actual"] == "0:31,00"
    assert frame.loc[1, "wall_time"] == "2026-05-12 17:36:01,000"
    text = data.decode("utf-8-sig")
    assert ";200,0;32,0;0:32,00;31,0;" in text


# --- file names ---------------------------------------------------------------------------------------------
NAMES = ("Zoë", "Zoé", "李娜", "王芳", "Дмитрий")


def five_scripts(tmp_path: Path) -> Opened:
    session = with_athletes(parse_session(SOURCE, "t", None), tuple(Athlete(n, {"800m": 130.0}) for n in NAMES))
    return open_recording(record(session, tmp_path / "r.kick.jsonl", WALL_START, seed=3))


def test_athletes_in_any_script_get_distinct_readable_files(tmp_path: Path) -> None:
    opened = five_scripts(tmp_path)
    (tmp_path / "out").mkdir()
    written = export(opened, "tcx", tmp_path / "out" / "s.tcx")
    assert [w.path.name for w in written] == ["s-zoë.tcx", "s-zoé.tcx", "s-李娜.tcx", "s-王芳.tcx", "s-дмитрий.tcx"]
    for name, w in zip(NAMES, written, strict=True):  # each file holds its own athlete
        notes = ET.parse(w.path).getroot().findtext("t:Activities/t:Activity/t:Notes", namespaces=NS) or ""
        assert f" · {name} · " in notes
        assert tcx_problems(w.path) == []
    fits = export(opened, "fit", tmp_path / "out" / "s.fit")
    assert len({w.path for w in fits}) == 5 and all(w.kept is None for w in fits)


def test_where_unicode_names_cannot_be_stored_they_are_transliterated_and_numbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = five_scripts(tmp_path)
    monkeypatch.setattr("kicktimer.io.export.unicode_names_work", lambda folder: False)
    written = export(opened, "fit", tmp_path / "s.fit")
    assert [w.path.name for w in written] == ["s-zoe.fit", "s-zoe-2.fit", "s-lina.fit", "s-wangfang.fit",
                                              "s-dmitriy.fit"]  # fmt: skip


def test_a_name_the_file_system_refuses_falls_back_to_its_transliteration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = five_scripts(tmp_path)
    real = file_names.write_new

    def refuse_non_ascii(path: Path, data: bytes, overwrite: bool = False) -> Path:
        if not path.name.isascii():
            raise OSError(84, "Invalid or incomplete multibyte or wide character", str(path))  # EILSEQ
        return real(path, data, overwrite)

    monkeypatch.setattr("kicktimer.io.export.write_new", refuse_non_ascii)
    names = [w.path.name for w in export(opened, "tcx", tmp_path / "s.tcx")]
    assert names == ["s-zoe.tcx", "s-zoe-2.tcx", "s-lina.tcx", "s-wangfang.tcx", "s-dmitriy.tcx"]


def test_name_parts_are_distinct_on_case_insensitive_file_systems() -> None:
    assert file_names.name_parts(["Ana", "ANA", "ana"]) == ["ana", "ana-2", "ana-3"]
    assert file_names.name_parts(["★", "Ana"]) == ["athlete-1", "ana"]
    assert file_names.name_part("सीता") == "सीता"  # the vowel signs are kept
    assert file_names.name_part("Con") == ""  # a name Windows refuses


def test_an_export_never_replaces_a_file_silently(tmp_path: Path) -> None:
    opened = scenario(tmp_path)
    target = tmp_path / "splits.csv"
    target.write_text("the coach's own notes\n", encoding="utf-8")
    (written,) = export(opened, "csv", target)
    assert written.path == tmp_path / "splits-2.csv" and written.kept == target
    assert "exists and was kept" in str(written)
    assert target.read_text(encoding="utf-8") == "the coach's own notes\n"
    again = export(opened, "fit", tmp_path / "a.fit") + export(opened, "fit", tmp_path / "a.fit")
    assert [w.path.name for w in again] == ["a-ana.fit", "a-ben.fit", "a-ana-2.fit", "a-ben-2.fit"]
    (replaced,) = export(opened, "csv", target, overwrite=True)
    assert replaced.path == target and target.read_text(encoding="utf-8").startswith("athlete,")


# --- the history ---------------------------------------------------------------------------------------------
def test_history_orders_recordings_by_their_utc_instant(tmp_path: Path) -> None:
    base = write_recording(tmp_path)
    header, rest = base.read_text(encoding="utf-8").split("\n", 1)
    made = {}
    for name, when in (("paris", "2026-05-12T18:00:00+02:00"), ("london", "2026-05-12T17:30:00+00:00")):
        data = json.loads(header)
        data["wall_start"], data["wall_start_unix_s"] = when, datetime.fromisoformat(when).timestamp()
        made[name] = tmp_path / f"{name}.kick.jsonl"
        made[name].write_text(json.dumps(data) + "\n" + rest, encoding="utf-8")
    base.unlink()
    order = [e.path.name for e in history(tmp_path)]
    assert order == ["london.kick.jsonl", "paris.kick.jsonl"]  # 17:30Z is later than 16:00Z


def test_every_athlete_export_validates(tmp_path: Path) -> None:
    opened = scenario(tmp_path, FORGOTTEN, fraction_s=0.25)
    for written in export(opened, "tcx", tmp_path / "v.tcx"):
        assert tcx_problems(written.path) == []
    for written in export(opened, "fit", tmp_path / "v.fit"):
        laps = garmin_messages(written.path)["lap_mesgs"]
        for before, after in itertools.pairwise(laps):
            assert before["timestamp"] == after["start_time"]
