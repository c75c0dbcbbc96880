"""One lost line loses that event's own effect, never what was recorded after it: the replay finds the group's
place again at the next event (events say where they were made), and older recordings that do not say it are
re-synchronised where a tap could not have been made (a numbered tap at a hold)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kicktimer.cli import main
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import SYNCED
from kicktimer.core.run.replay import Replay
from kicktimer.io.reader import read_recording
from kicktimer.io.recordings import open_recording
from kicktimer.io.session_file import load_session
from tests.recorded import START_NS, write_recording
from tests.support.clock import FakeClock
from tests.support.recording_gen import record

SESSIONS = Path(__file__).parents[2] / "sessions"
NAMES = ("kick-500s", "rupp-repeat-500s", "canova-200-1400", "flat-hill-flat", "1500-burners")
WALL = datetime(2026, 5, 12, 17, 30, tzinfo=UTC)


def splits_after(replay: Replay, t_ns: int, settled: set[int]) -> list[tuple[int, int, str, int, float]]:
    return sorted((s.athlete, s.step, s.kind, s.t_ns, round(s.duration_s, 6)) for s in replay.splits
                  if s.t_ns >= t_ns and s.step not in settled)  # fmt: skip


def without_line(path: Path, number: int) -> Path:
    lines = path.read_bytes().split(b"\n")
    out = path.with_name("lost-" + path.name)
    out.write_bytes(b"\n".join(lines[:number] + lines[number + 1 :]))
    return out


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(NAMES), seed=st.integers(0, 10_000), mishaps=st.sampled_from([0.0, 0.3, 0.7]),
       pick=st.integers(0, 10_000))  # fmt: skip
@example(name="kick-500s", seed=0, mishaps=0.3, pick=2)  # an athlete's tap in a joined rep
@example(name="kick-500s", seed=2336, mishaps=0.3, pick=18)  # a Back
@example(name="rupp-repeat-500s", seed=1446, mishaps=0.7, pick=2)  # two undos in a row after the loss
def test_one_lost_event_line_loses_only_its_own_effect(
    name: str, seed: int, mishaps: float, pick: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("lost")
    session = load_session(SESSIONS / f"{name}.session.yaml")
    path = record(session, folder / "r.kick.jsonl", WALL, seed=seed, mishaps=mishaps)
    lines = path.read_bytes().split(b"\n")
    kinds = [json.loads(line).get("type") if number and line else None for number, line in enumerate(lines)]
    droppable = [number for number, kind in enumerate(kinds) if kind in SYNCED]
    number = droppable[pick % len(droppable)]
    lost = sum(1 for kind in kinds[1:number] if kind not in (None, "alive"))  # its index among the events
    full = read_recording(path).events
    damaged = read_recording(without_line(path, number))
    assert any("missing" in note for note in damaged.notes)
    plan = session.plan
    after = next((k for k in range(lost + 1, len(full)) if full[k].in_step is not None), None)
    if after is None:
        return  # nothing after it says where the group was
    before = Replay.of(plan, full[:after])
    settled = set(before.starts) | {before.cursor.step}
    expected = splits_after(Replay.of(plan, full), full[after].t_ns, settled)
    assert splits_after(Replay.of(plan, damaged.events), full[after].t_ns, settled) == expected


def from_main_set(folder: Path) -> Path:
    """The tester's recording: kick-500s started at the main set (`--from 2`), Space, 1, 2, then q."""
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock(START_NS)
    engine = SessionEngine(session.plan, clock)
    events = [engine.start(at_step=2)]
    for seconds, athlete in ((6.0, None), (33.0, 0), (1.5, 1)):
        clock.advance(seconds)
        events.append(engine.tap(athlete))
    clock.advance(2.0)
    events.append(engine.end())
    source = (SESSIONS / "kick-500s.session.yaml").read_text(encoding="utf-8")
    return write_recording(folder, [e for e in events if e is not None], source)


def as_version_3(path: Path) -> None:
    """The same file as kicktimer wrote it before events said where they were made."""
    header, *lines = path.read_text(encoding="utf-8").split("\n")
    data = json.loads(header) | {"version": 3}
    old = [json.dumps({k: v for k, v in json.loads(line).items() if k not in ("in_step", "into_ns", "for_step")},
                      separators=(",", ":")) if line else line for line in lines]  # fmt: skip
    path.write_text("\n".join([json.dumps(data), *old]), encoding="utf-8")


@pytest.mark.parametrize("version", [4, 3])
def test_a_lost_space_that_left_the_hold_keeps_the_taps_after_it(
    version: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = from_main_set(tmp_path)
    if version == 3:
        as_version_3(path)
    whole = open_recording(path).review.replay.splits
    assert [(s.athlete, s.step) for s in whole] == [(0, 3), (1, 3)]
    lines = path.read_bytes().split(b"\n")
    lost = path.with_name("lost.kick.jsonl")
    lost.write_bytes(b"\n".join(line for line in lines if b'"tap"' not in line or b"athlete" in line))
    opened = open_recording(lost)
    assert [(s.athlete, s.step) for s in opened.review.replay.splits] == [(0, 3), (1, 3)]
    assert opened.review.replay.found
    if version == 4:  # it says when the rep began: the splits are the recorded ones
        assert [s.duration_s for s in opened.review.replay.splits] == [s.duration_s for s in whole]
    assert main(["export", str(lost), "--format", "csv", "-o", str(tmp_path / "out.csv")]) == 0
    assert len((tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()) >= 3
    assert main(["review", str(lost)]) in (0, 1)
    said = capsys.readouterr()
    assert "a line was lost before the event at" in said.out + said.err
