"""kill -9 at random moments: nothing reported as recorded is ever lost, and resume works."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from tests.kill_trial import run_trial


@pytest.mark.parametrize("seed", range(4))
def test_kill_9_loses_no_reported_event_and_resume_finishes(tmp_path: Path, seed: int) -> None:
    result = run_trial(tmp_path / f"home{seed}", seed, kill_after_s=random.Random(seed).uniform(0.5, 1.5))
    assert result.reported > 3, "the runner reported almost nothing: the trial did not exercise anything"
    assert result.lost == []
    assert result.resumed_ok
