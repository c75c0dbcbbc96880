"""kill -9 at random moments, just after a key, and during a resume: nothing reported as recorded is lost."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.kill_trial import Mode, run_trial


@pytest.mark.parametrize(("seed", "mode"), [(0, "random"), (1, "after_key"), (2, "after_key"), (3, "during_resume")])
def test_kill_9_loses_no_reported_event_and_resume_finishes(tmp_path: Path, seed: int, mode: Mode) -> None:
    result = run_trial(tmp_path / f"home{seed}", seed, random.Random(seed).uniform(0.5, 1.5), mode)
    assert result.reported > 3, "the runner reported almost nothing: the trial did not exercise anything"
    assert result.lost == []
    assert result.resumed_ok, result.detail
    assert all("cut off" in note for note in result.notes), result.notes  # at most a torn last line
