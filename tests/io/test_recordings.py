"""Recordings read for review: damaged and unfinished files say what is wrong and what was recovered."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from kicktimer.cli import main
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event
from kicktimer.core.run.resume import Anchor
from kicktimer.io.journal import RecordingError
from kicktimer.io.recordings import RecordingCache, append_correction, history, history_cells, open_recording
from tests.recorded import SOURCE, recorded_events, scenario_plan, write_recording
from tests.support.clock import FakeClock


def lines_of(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True)


def test_a_torn_last_line_and_a_garbled_line_are_reported_and_the_rest_is_kept(tmp_path: Path) -> None:
    path = write_recording(tmp_path)
    lines = lines_of(path)
    lines[5] = '{"t_ns": 12, "ty\n'
    path.write_text("".join(lines) + '{"t_ns":1,"type":"ta', encoding="utf-8")
    opened = open_recording(path)
    assert any("the last line was cut off" in n and "dropped" in n for n in opened.notes)
    assert any(f"{path}:6: not an event" in n and "skipped" in n for n in opened.notes)
    assert opened.review.finished


def test_an_unfinished_recording_opens_with_what_was_recorded(tmp_path: Path) -> None:
    events = recorded_events(scenario_plan())
    path = write_recording(tmp_path, events[:12])
    opened = open_recording(path)
    assert not opened.review.finished
    (note,) = opened.notes
    assert "did not finish" in note and "after 9 taps" in note and "can still be resumed" in note
    ana = opened.review.athletes[0]
    assert [r.total_s for r in ana.reps] == [300.0, 80.0, None, None]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "empty or cut off before its header; nothing can be recovered"),
        ("hello\n", "this is not a kicktimer recording that can be read"),
        ('{"format": "kicktimer-recording", "version": 99}\n', "recording format version 99"),
    ],
)
def test_unreadable_recordings_raise_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.kick.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RecordingError, match=message):
        open_recording(path)


def test_a_session_ended_early_is_aborted_and_corrections_after_the_end_change_nothing(tmp_path: Path) -> None:
    plan = scenario_plan()
    events = recorded_events(plan)
    assert events[-1].reason == "complete"
    clock = FakeClock(events[11].t_ns)
    engine = SessionEngine(plan, clock, events[:12])
    clock.advance(5)
    ended = engine.end()
    assert ended is not None and ended.reason == "ended early"
    path = write_recording(tmp_path, [*events[:12], ended])
    append_correction(path, Event(events[11].t_ns - 1_000_000_000, "correct", op="move", ref=11))
    (entry,) = history(tmp_path)
    assert (entry.status, entry.taps) == ("aborted", 9)
    assert entry.duration_s == pytest.approx((ended.t_ns - events[0].t_ns) / 1e9)
    opened = open_recording(path)
    assert opened.review.status == "aborted" and opened.notes == []


def test_a_session_that_no_longer_reads_or_never_started(tmp_path: Path) -> None:
    path = write_recording(tmp_path)
    lines = lines_of(path)
    header = json.loads(lines[0])
    header["source_text"] = header["source_text"].replace("R2:00", "R2;00")
    path.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    with pytest.raises(RecordingError, match=r"its session no longer reads .*R2;00.*the events in the file are intact"):
        open_recording(path)
    path.write_text(lines[0], encoding="utf-8")
    with pytest.raises(RecordingError, match="never started; there are no splits to review"):
        open_recording(path)


def test_history_lists_newest_first_with_unreadable_files_and_filters(tmp_path: Path) -> None:
    events = recorded_events(scenario_plan())
    finished = write_recording(tmp_path, events)
    newer = tmp_path / "2026-06-01T08-00-00-kick-500s-test.kick.jsonl"
    text = lines_of(finished)
    header = json.loads(text[0])
    header.update(wall_start="2026-06-01T08:00:00+02:00", athletes=[{"name": "Cleo", "paces": {}}])
    newer.write_text(json.dumps(header) + "\n" + "".join(text[1:12]), encoding="utf-8")
    (tmp_path / "broken.kick.jsonl").write_text("not json\n", encoding="utf-8")
    entries = history(tmp_path)
    assert [e.path.name for e in entries] == [newer.name, finished.name, "broken.kick.jsonl"]
    assert [e.status for e in entries] == ["unfinished", "complete", "unreadable"]
    assert entries[1].athletes == ("Ana", "Ben") and entries[1].taps == 21
    assert history_cells(entries[1])[:6] == [
        "2026-05-12 17:30",
        "Kick 500s test",
        "Ana, Ben",
        "complete",
        "21",
        "14:14",
    ]
    assert history_cells(entries[2])[3].startswith("unreadable: broken.kick.jsonl:")
    assert [e.path for e in entries if e.matches(athlete="ana")] == [finished]
    assert [e.path for e in entries if e.matches(session="500S")] == [newer, finished]
    assert [e.path for e in entries if e.matches(session="hills")] == []
    assert history(tmp_path / "nowhere") == []


def test_cli_history_review_and_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "recordings"
    folder.mkdir()
    path = write_recording(folder)
    assert main(["history", "--data-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "Kick 500s test" in out and "complete" in out and path.name in out
    assert main(["history", "--data-dir", str(tmp_path), "--athlete", "Zed"]) == 0
    assert "no recordings that match" in capsys.readouterr().out
    assert main(["review", "latest", "--data-dir", str(tmp_path), "--athlete", "Ana"]) == 0
    out = capsys.readouterr().out
    assert "0:32 (200m @800)" in out and "Fade (Main set): first 1:20.00, last 1:24.50, +4.50 s (+5.6%)" in out
    target = tmp_path / "out.json"
    assert main(["export", path.name, "--data-dir", str(tmp_path), "--format", "json", "-o", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote {target}"
    assert json.loads(target.read_text(encoding="utf-8"))["athletes"][1]["name"] == "Ben"


def test_cli_says_what_is_wrong_without_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.kick.jsonl"
    bad.write_text("garbage\n", encoding="utf-8")
    assert main(["review", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "this is not a kicktimer recording" in err and "Traceback" not in err
    assert main(["export", "missing.kick.jsonl", "--format", "csv", "--data-dir", str(tmp_path)]) == 1
    assert "no such recording" in capsys.readouterr().err
    assert main(["export", "latest", "--format", "csv", "--data-dir", str(tmp_path / "none")]) == 1
    assert "no recordings in" in capsys.readouterr().err


def test_an_athletes_trend_finds_them_however_their_name_was_typed(tmp_path: Path) -> None:
    for folder, name in (("composed", "Zo\u00eb"), ("decomposed", "Zoe\u0308")):
        (tmp_path / folder).mkdir()
        written = write_recording(tmp_path / folder, source=SOURCE.replace("name: Ana", f"name: {name}"))
        written.rename(tmp_path / f"{folder}-{written.name}")
    entries = history(tmp_path)
    assert len(entries) == 2
    points = RecordingCache().trend(entries, entries[0].session_name, "ZOE\u0308")
    assert len(points) == 2  # one per recording, whichever way the name was composed in each


def test_a_recording_without_an_end_is_unfinished_everywhere_even_when_every_step_ran(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Killed after the last tap, before its `end` was written: history, review, the athlete's page and resume
    give one answer (run_status), and it can still be resumed."""
    from kicktimer.io.reader import unfinished_recordings

    events = recorded_events(scenario_plan())
    assert events[-1].type == "end"
    folder = tmp_path / "recordings"
    folder.mkdir()
    path = write_recording(folder, events[:-1])
    opened = open_recording(path)
    assert opened.review.replay.cursor.done  # every step ran
    (entry,) = history(folder)
    assert (entry.status, opened.review.status) == ("unfinished", "unfinished")
    assert unfinished_recordings(folder) == [path]
    assert main(["review", path.name, "--data-dir", str(tmp_path)]) == 0
    assert " · unfinished" in capsys.readouterr().out.splitlines()[0]
    assert main(["athlete", "Ana", "--data-dir", str(tmp_path)]) == 0
    assert "unfinished" in capsys.readouterr().out


def test_a_recording_whose_time_goes_backwards_is_read_with_a_note(tmp_path: Path) -> None:
    path = write_recording(tmp_path)
    lines = lines_of(path)
    tap = next(k for k, line in enumerate(lines) if '"type":"tap"' in line and k > 6)
    event = json.loads(lines[tap])
    event["t_ns"] -= 400_000_000_000  # 400 s before the event above it
    lines[tap] = json.dumps(event) + "\n"
    path.write_text("".join(lines), encoding="utf-8")
    opened = open_recording(path)
    (note,) = [n for n in opened.notes if "time went backwards" in n]
    assert re.match(
        rf"{re.escape(str(path))}:{tap + 1}: its time is 3\d\d\.\d{{3}} s before the event written above it", note
    )


def test_a_clock_set_back_is_said_plainly_once(tmp_path: Path) -> None:
    from kicktimer.core.run.resume import measure_gap, resume_summary

    events = recorded_events(scenario_plan())[:12]
    anchors = [Anchor(events[0].t_ns, 1_000_000.0)]
    gap = measure_gap(events, anchors, now_wall_s=1_000_000.0 - 7 * 3600)
    assert (
        gap.gap_s == 0 and gap.problem is not None and gap.problem.startswith("this computer's clock has been set back")
    )
    plan = scenario_plan()
    engine = SessionEngine(plan, FakeClock(events[-1].t_ns), events)
    snap = engine.snapshot()
    lines = resume_summary(snap, snap, plan, gap, datetime.now().astimezone())
    assert lines[-1] == gap.problem and not any(line.startswith("note:") for line in lines)
