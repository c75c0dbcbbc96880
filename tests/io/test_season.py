"""The season from files: progressions found in the library, stages completed read from recordings, the athlete
page from every recording an athlete ran; and a recording keeps the roster and race times it used, so its review
and the athlete page never change when the squad does."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from kicktimer.core.season.progression import propose
from kicktimer.core.season.squad import parse_entry, pick_today
from kicktimer.io.recordings import RecordingCache, history, open_recording
from kicktimer.io.season import completions, progression_in, progressions, season_page
from kicktimer.io.session_file import load_session, with_athletes
from kicktimer.io.squad import load_squad
from kicktimer.io.squad_edit import add_entry, change_squad
from tests.conftest import SESSIONS
from tests.support.recording_gen import record

DAY0 = datetime(2026, 4, 6, 17, 30, tzinfo=UTC)
SQUAD = """\
athletes:
  - name: Ana
    times:
      - {race: 800m, time: "2:10", date: 2026-03-01}
  - name: Ben
    times:
      - {race: mile, time: "4:35", date: 2026-03-01}
"""


def test_the_library_holds_the_sprint_progression_named_as_its_sessions() -> None:
    (sprints,) = progressions([SESSIONS])
    assert sprints.id == "sprint-progression" and [s.number for s in sprints.stages] == list(range(1, 13))
    assert sprints.stages[0].name == "Sprint progression 1: 6 hill sprints"
    assert progression_in(SESSIONS) is None  # the library's own folder is not numbered


def test_a_stage_that_does_not_read_is_named_by_its_file(tmp_path: Path) -> None:
    for name in ("01-easy.session.yaml", "02-hard-hills.session.yaml"):
        (tmp_path / name).write_text("name: [unclosed\n", encoding="utf-8")
    found = progression_in(tmp_path)
    assert found is not None and [s.name for s in found.stages] == ["01 easy", "02 hard hills"]


def run_stage(folder: Path, number: int, day: int, who: tuple[str, ...], squad_file: Path) -> Path:
    (path,) = (SESSIONS / "sprint-progression").glob(f"{number:02d}-*.session.yaml")
    today = pick_today(load_squad(squad_file), who)
    session = with_athletes(load_session(path), today.roster)
    return record(session, folder / f"stage-{number}-{day}.kick.jsonl", DAY0 + timedelta(days=day), seed=day)


def test_stages_completed_come_from_recordings_that_ran_to_the_end(tmp_path: Path) -> None:
    squad_file = tmp_path / "squad.yaml"
    squad_file.write_text(SQUAD, encoding="utf-8")
    run_stage(tmp_path, 1, 0, ("Ana", "Ben"), squad_file)
    run_stage(tmp_path, 2, 3, ("Ana",), squad_file)
    cut = run_stage(tmp_path, 3, 6, ("Ana",), squad_file)
    cut.write_bytes(b"\n".join(line for line in cut.read_bytes().split(b"\n") if b'"type":"end"' not in line))
    done = completions(history(tmp_path))
    assert sorted((d.athlete, d.stage) for d in done) == [("Ana", 1), ("Ana", 2), ("Ben", 1)]
    (sprints,) = progressions([SESSIONS])
    proposal = propose(sprints, ["Ana", "Ben"], done, {})
    assert proposal.stage is not None and proposal.stage.number == 2  # a tie: the earlier
    assert [s.next.number for s in proposal.standings if s.next] == [3, 2]  # the unfinished stage 3 does not count


def test_a_recording_keeps_its_roster_and_times_when_the_squad_changes(tmp_path: Path) -> None:
    squad_file = tmp_path / "squad.yaml"
    squad_file.write_text(SQUAD, encoding="utf-8")
    kicks = load_session(SESSIONS / "kick-500s.session.yaml")
    today = pick_today(load_squad(squad_file), ["Ana", "Ben"])
    path = record(with_athletes(kicks, today.roster), tmp_path / "kicks.kick.jsonl", DAY0)
    before = open_recording(path).review
    page_before = season_page("Ana", history(tmp_path), load_squad(squad_file), RecordingCache())
    change_squad(squad_file, add_entry(parse_entry("Ana 800m 2:02, 2026-05-01", date(2026, 5, 1))))
    change_squad(squad_file, add_entry(parse_entry("Ben 800m 1:58, 2026-05-01", date(2026, 5, 1))))
    assert load_squad(squad_file).find("Ana").paces == {"800m": 122.0}  # type: ignore[union-attr]
    after = open_recording(path).review
    for old, new in zip(before.athletes, after.athletes, strict=True):
        assert [r.target_s for r in new.reps] == [r.target_s for r in old.reps]
        assert [r.delta_s for r in new.reps] == [r.delta_s for r in old.reps]
    assert before.athletes[0].reps[1].target_s == pytest.approx(32.5)  # the squad's 2:10 then (the file says 2:08)
    page_after = season_page("Ana", history(tmp_path), load_squad(squad_file), RecordingCache())
    assert page_after.kinds == page_before.kinds and page_after.runs == page_before.runs
    assert [(t.time_s, t.source) for t in page_after.times] == [(130.0, "squad"), (122.0, "squad")]


def test_the_athlete_page_reads_every_recording_they_ran_and_only_those(tmp_path: Path) -> None:
    kicks = load_session(SESSIONS / "kick-500s.session.yaml")  # Ana and Ben
    for week in range(4):
        record(kicks, tmp_path / f"kicks-{week}.kick.jsonl", DAY0 + timedelta(weeks=week), week, 1.02 - 0.01 * week)
    others = with_athletes(kicks, kicks.plan.athletes[1:])
    record(others, tmp_path / "ben-alone.kick.jsonl", DAY0 + timedelta(days=2))
    (tmp_path / "broken.kick.jsonl").write_text("not a recording\n", encoding="utf-8")
    page = season_page("ana", history(tmp_path), load_squad(tmp_path / "none.yaml"), RecordingCache())
    assert page.name == "ana" and len(page.runs) == 4
    (kind,) = page.kinds
    assert kind.label == "200m race + 100m bound + 200m kick" and len(kind.points) == 4
    assert kind.points[-1].split_s < kind.points[0].split_s  # fitter week by week
    assert [(t.race, t.source) for t in page.times] == [("800m", "recording"), ("1500m", "recording"),
                                                        ("5k", "recording")]  # fmt: skip
