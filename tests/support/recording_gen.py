"""Realistic recordings for benchmarks: the real engine on a fake clock, each athlete tapping near their target,
written by the real journal. Copies of a recording on other dates fill a history quickly."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

from kicktimer.core.language.plan import PlanStep
from kicktimer.core.run.engine import SessionEngine, expected_s
from kicktimer.core.run.events import Event
from kicktimer.io.journal import Journal
from kicktimer.io.recording_lines import Header
from kicktimer.io.session_file import Session
from tests.support.clock import FakeClock

MAX_EVENTS = 50_000
# Metres per second for a tap-ended step with no target, by gear: a kick is run faster than 800 pace.
GEAR_SPEED_M_S = {"kick": 7.3, "sprint": 7.8, "accel": 6.8, "stride": 6.8, "fast": 6.5, "hard": 6.2, "bound": 4.9,
                  "hill": 5.2, "uphill": 5.2, "steady": 4.6, "tempo": 5.0, "jog": 3.2, "walk": 1.5}  # fmt: skip


def _expected_s(step: PlanStep, athlete: int) -> float:
    target = step.targets[athlete]
    if target is not None:
        return target.value
    if step.distance_m is not None and step.gear in GEAR_SPEED_M_S:
        return step.distance_m / GEAR_SPEED_M_S[step.gear]
    return expected_s(step)


def record(
    session: Session, path: Path, wall_start: datetime, seed: int = 1, form: float = 1.0, mishaps: float = 0.0
) -> Path:
    """Run the whole session: holds left with Space, tap-ended steps tapped by each athlete near their target
    times `form` (below 1: faster), in the order they finish. With `mishaps` (a chance per step, 0 to 1), what
    happens at a track too: a pause, a tap pressed by mistake and undone, a step skipped or gone back to, a
    recovery extended."""
    rng = random.Random(seed)
    plan = session.plan
    clock = FakeClock(10**12)
    engine = SessionEngine(plan, clock)
    roster = [{"name": a.name, "paces": dict(a.paces)} for a in plan.athletes]
    when = wall_start.isoformat(timespec="seconds")
    source = None if session.path is None else str(session.path)  # as a session started from its file keeps it
    header = Header(session.name, session.source_text, source, plan.to_json(), when, wall_start.timestamp(),
                    athletes=roster)  # fmt: skip
    journal = Journal.create(path, header)
    journal.append(engine.start() or _never())
    for _ in range(MAX_EVENTS):
        snap = engine.snapshot()
        if snap.status != "running":
            break
        if mishaps and rng.random() < mishaps:
            for event in _mishap(engine, clock, rng):
                journal.append(event)
            continue
        step = snap.step
        if snap.remaining_s is not None:  # a timed step: wait for it to end
            clock.advance(snap.remaining_s + 0.001)
            continue
        if step.phase != "work":
            clock.advance(15.0 if step.phase == "hold" else expected_s(step))
            event = engine.tap(None)
            if event is not None:
                journal.append(event)
            continue
        finishes = sorted((_expected_s(step, a) * form * rng.uniform(0.98, 1.04), a) for a in range(len(plan.athletes)))
        waited = 0.0
        for seconds, athlete in finishes:  # each athlete near their target, in the order they finish
            clock.advance(max(0.05, seconds - waited))
            waited = max(seconds, waited + 0.05)
            event = engine.tap(athlete)
            if event is not None:
                journal.append(event)
    journal.append(engine.end() or _never())
    journal.close()
    return path


def _mishap(engine: SessionEngine, clock: FakeClock, rng: random.Random) -> list[Event]:
    kind = rng.choice(["pause", "undo", "skip", "back", "extend"])
    clock.advance(rng.uniform(0.5, 4.0))
    if kind == "pause":
        events = [engine.pause()]
        clock.advance(rng.uniform(5.0, 40.0))
        events.append(engine.resume())
    elif kind == "undo":
        events = [engine.tap(rng.randrange(len(engine.plan.athletes)))]
        clock.advance(0.5)
        events.append(engine.undo())
    else:
        events = [{"skip": engine.skip, "back": engine.back, "extend": lambda: engine.extend(15.0)}[kind]()]
    return [e for e in events if e is not None]


def _never() -> object:
    raise AssertionError("the engine refused a command the generator relies on")


def copies(source: Path, folder: Path, count: int, first: datetime) -> list[Path]:
    """`count` copies of a recording, one a day from `first`: same events, another date in the header."""
    lines = source.read_bytes().split(b"\n", 1)
    header = json.loads(lines[0])
    made = []
    for day in range(count):
        when = first + timedelta(days=day, minutes=day % 60)
        header["wall_start"], header["wall_start_unix_s"] = when.isoformat(timespec="seconds"), when.timestamp()
        path = folder / f"{when:%Y-%m-%dT%H-%M-%S}-{source.name}"
        path.write_bytes(json.dumps(header).encode() + b"\n" + lines[1])
        made.append(path)
    return made
