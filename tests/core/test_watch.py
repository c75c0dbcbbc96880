"""The plan as a watch runs it, and back to the notation: random workouts (the strategies of the notation's own
round-trip test) and every library session."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings

from kicktimer.core.language.notation import parse_workout
from kicktimer.core.language.plan import Plan, build_plan
from kicktimer.core.language.watch import count_steps, for_athlete, unroll, watch_workout, within_limit
from kicktimer.core.language.watch_notation import to_lines
from kicktimer.io.session_file import load_session
from tests.conftest import SESSIONS, library_files
from tests.core.test_roundtrip_property import GGroup, lines_strategy, show
from tests.support.watch import on_a_watch


def shape(plan: Plan) -> list[tuple[object, ...]]:
    return [(s.phase, s.kind, s.distance_m, s.duration_s, s.ends, s.segment, s.block) for s in plan.steps]


def watch_shape(plan: Plan, workout_text: str) -> list[tuple[object, ...]]:
    steps = list(unroll(watch_workout(plan, parse_workout(workout_text))))
    return [(s.phase, s.name, s.distance_m, s.duration_s, s.joined, s.block) for s in steps]


def plan_shape(plan: Plan) -> list[tuple[object, ...]]:
    steps = on_a_watch(plan)
    duration = [s.duration_s if s.kind == "duration" else None for s in steps]
    return [(s.phase, s.label, s.distance_m, d, s.segment > 0, s.block) for s, d in zip(steps, duration,
                                                                                       strict=True)][1:]  # fmt: skip


def round_trip(plan: Plan, workout_text: str) -> Plan:
    lines = to_lines(for_athlete(watch_workout(plan, parse_workout(workout_text)), 0))
    return build_plan("back", parse_workout("\n".join(str(line) for line in lines)))


@settings(max_examples=150, deadline=None)
@given(lines_strategy)
def test_a_random_workout_unrolls_to_its_plan_and_reads_back(lines: list[GGroup]) -> None:
    text = "\n".join(", ".join(show(item) for item in line.items) for line in lines)
    plan = build_plan("t", parse_workout(text))
    assert watch_shape(plan, text) == plan_shape(plan), text
    assert shape(round_trip(plan, text)) == shape(plan), text


@pytest.mark.parametrize("path", library_files(), ids=lambda p: str(p.relative_to(SESSIONS)))
def test_a_library_session_unrolls_to_its_plan(path: Path) -> None:
    session = load_session(path)
    assert watch_shape(session.plan, session.workout) == plan_shape(session.plan)
    back = round_trip(session.plan, session.workout)
    assert [s.where for s in back.steps] == [s.where for s in on_a_watch(session.plan)]


def test_parts_for_a_small_watch_keep_every_step_in_order() -> None:
    session = load_session(SESSIONS / "800s-with-hill-sprints.session.yaml")
    items = watch_workout(session.plan, parse_workout(session.workout))
    for limit in (3, 5, 8, 12, 40):
        parts, notes = within_limit(items, limit)
        assert all(count_steps(p) <= limit for p in parts)
        assert [s for p in parts for s in unroll(p)] == list(unroll(items))
        assert (len(parts) > 1) == bool(notes) == (count_steps(items) > limit)
