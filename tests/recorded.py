"""A session recorded through the real engine on a fake clock: joined reps, two athletes, a pause, an undo,
a forgotten tap. Shared by the review, export, CLI and GUI tests. Core-only imports (plus io when writing)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

from kicktimer.core.language.plan import Plan
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event
from tests.support.clock import FakeClock

SOURCE = """\
name: Kick 500s test
source: a test
athletes:
  - name: Ana
    paces: {800m: "2:08"}
  - name: Ben
    paces: {800m: "2:12"}
workout: |
  Warm-up: 5min jog
  Main set: 3x(200m @800 + 100m bound + 200m kick) R2:00
"""
WALL_START = datetime(2026, 5, 12, 17, 30, 0, tzinfo=timezone(timedelta(hours=2)))
START_NS = 5_000_000_000_000
ANA, BEN, ALL = 0, 1, None

# (seconds to wait, command): "tap" with an athlete (None = Space), or "pause", "resume", "undo", "skip", "end".
Script = list[tuple[float, str, int | None]]
SCRIPT: Script = [
    (10, "tap", ALL),  # leave the first hold: the 5:00 warm-up runs by the clock
    (320, "tap", ALL),  # leave the "Main set" hold 20 s after the warm-up ended
    # rep 1: Ana 31 / 20 / 29, Ben 31.8 / 20.2 / 29.5
    (31, "tap", ANA), (0.8, "tap", BEN), (19.2, "tap", ANA), (1.0, "tap", BEN), (28, "tap", ANA), (1.5, "tap", BEN),
    # R2:00 with a 30 s pause in it
    (60, "pause", None), (30, "resume", None), (60, "wait", None),
    # rep 2: Ana 32 / 21.5 / 29.5, Ben 33.5 / 20.5 / 29.5; Ana's accidental second tap is undone
    (32, "tap", ANA), (0.3, "tap", ANA), (0.5, "undo", None), (0.7, "tap", BEN), (20, "tap", ANA),
    (0.5, "tap", BEN), (29, "tap", ANA), (0.5, "tap", BEN),
    (120, "wait", None),
    # rep 3: Ana 33 / 21.5 / 30; Ben 33.5, forgets the bound: his one tap at the end settles it (52 s),
    # and Space ends his kick 2 s later
    (33, "tap", ANA), (0.5, "tap", BEN), (21, "tap", ANA), (30, "tap", ANA), (1.0, "tap", BEN), (2.0, "tap", ALL),
    (1.5, "end", None),
]  # fmt: skip

EXPECTED = {
    ANA: [(31.0, 20.0, 29.0), (32.0, 21.5, 29.5), (33.0, 21.5, 30.0)],
    BEN: [(31.8, 20.2, 29.5), (33.5, 20.5, 29.5), (33.5, 52.0, 2.0)],
}


def recorded_events(plan: Plan, script: Script = SCRIPT) -> list[Event]:
    clock = FakeClock(START_NS)
    engine = SessionEngine(plan, clock)
    assert engine.start() is not None
    commands: dict[str, Callable[[int | None], Event | None]] = {
        "tap": lambda athlete: engine.tap(athlete),
        "pause": lambda _: engine.pause(),
        "resume": lambda _: engine.resume(),
        "undo": lambda _: engine.undo(),
        "skip": lambda _: engine.skip(),
        "end": lambda _: engine.end(),
    }
    for wait_s, command, athlete in script:
        clock.advance(wait_s)
        if command != "wait":
            assert commands[command](athlete) is not None, (wait_s, command, athlete)
    return engine.events


def scenario_plan() -> Plan:
    from kicktimer.io.session_file import parse_session

    return parse_session(SOURCE, "test.session.yaml", None).plan


def write_recording(
    directory: Path, events: list[Event] | None = None, source: str = SOURCE, start_fraction_s: float = 0.0
) -> Path:
    """The scenario (or another session's `source` with its `events`) as a `*.kick.jsonl` file, written by the
    real journal; the start `start_fraction_s` after the whole second that `wall_start` shows."""
    from kicktimer.io.journal import Journal
    from kicktimer.io.recording_lines import Header
    from kicktimer.io.session_file import parse_session

    session = parse_session(source, "test.session.yaml", None)
    header = Header(
        session.name,
        source,
        "test.session.yaml",
        session.plan.to_json(),
        WALL_START.isoformat(timespec="seconds"),
        WALL_START.timestamp() + start_fraction_s,
        athletes=[{"name": a.name, "paces": dict(a.paces)} for a in session.plan.athletes],
    )
    path = directory / "2026-05-12T17-30-00-kick-500s-test.kick.jsonl"
    journal = Journal.create(path, header)
    for event in recorded_events(session.plan) if events is None else events:
        assert journal.append(event)
    journal.close()
    return path
