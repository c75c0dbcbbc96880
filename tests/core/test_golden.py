"""`kicktimer plan --json` shape for every NOTATION.md example, against reviewed golden files."""

from __future__ import annotations

import json

import pytest

from tests.core.golden_cases import EXAMPLES, GOLDEN, golden_json

STEP_KEYS = [
    "index",
    "block",
    "phase",
    "label",
    "gear",
    "distance_m",
    "duration_s",
    "ends",
    "joined",
    "where",
    "target_s",
]


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_matches_golden(name: str) -> None:
    expected = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    assert golden_json(name) == expected


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_json_shape(name: str) -> None:
    data = golden_json(name)
    assert list(data) == ["name", "athletes", "steps", "total_fixed_s", "work_distance_m"]
    steps = data["steps"]
    assert isinstance(steps, list)
    for i, step in enumerate(steps):
        assert list(step) == STEP_KEYS
        assert step["index"] == i
        assert step["phase"] in ("hold", "work", "recovery")
        assert step["ends"] in ("time", "tap")
        assert (step["duration_s"] is not None) == (step["ends"] == "time")
        assert set(step["target_s"]) == {"Ana", "Ben"}
    json.dumps(data, allow_nan=False)
