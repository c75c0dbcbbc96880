"""Intensity and surface of a plan, as training software wants them: warm-up and cool-down are not work, and a
hill session is not a track session."""

from __future__ import annotations

import pytest

from kicktimer.core.language.intensity import block_intensity, on_track
from kicktimer.io.session_file import load_session, parse_session
from tests.conftest import SESSIONS


@pytest.mark.parametrize(
    ("name", "track"),
    [("kick-500s", True), ("1500-race-pace-400s", True), ("strides-after-easy-run", True),
     ("flat-hill-flat", False), ("up-downs", False), ("self-timed-hill-sprints", False),
     ("track-hills-track", False), ("rupp-plyometrics", False)],
)  # fmt: skip
def test_a_session_is_on_a_track_when_it_is_measured_in_metres_with_no_hill(name: str, track: bool) -> None:
    assert on_track(load_session(SESSIONS / f"{name}.session.yaml").plan) is track


def blocks(workout: str) -> list[str]:
    plan = parse_session(f"name: t\nworkout: |\n{workout}", "t.session.yaml").plan
    return [block_intensity(plan, b) for b in range(len(plan.block_titles))]


def test_warm_up_and_cool_down_by_title_or_by_easy_running_at_either_end() -> None:
    assert blocks("  Warm up: 15min jog\n  Main: 6x400m\n  Warm-down: 10min jog\n") == ["warmup", "active", "cooldown"]
    assert blocks("  15min jog\n  6x400m\n  10min easy\n") == ["warmup", "active", "cooldown"]
    assert blocks("  Main: 6x400m\n  Strides: 4x100m stride\n") == ["active", "active"]
    assert blocks("  20min jog\n") == ["active"]  # a single easy run is the session itself
