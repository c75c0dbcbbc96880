from __future__ import annotations

import pytest

from kicktimer.core.language.plan import Settings
from kicktimer.core.review.splits import rep_rows
from kicktimer.core.review.stats import fades, kick_s
from kicktimer.core.run.engine import SessionEngine
from tests.core.helpers import ANA, BEN, expand
from tests.support.clock import FakeClock


def test_joined_rep_rows_fade_and_kick() -> None:
    plan = expand("3x(200m @800 + 100m bound + 200m kick) R5:00", (ANA, BEN))
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    for rep, (a, b, c) in enumerate([(31.0, 20.0, 28.0), (32.0, 21.0, 29.0), (33.5, 22.0, 29.5)]):
        for seconds in (a, b, c):
            clock.advance(seconds)
            engine.tap()
        if rep < 2:
            clock.advance(300)
    rows = rep_rows(plan, engine.splits, 0, {})
    assert [r.label for r in rows] == ["200m @800 → 100m bound → 200m kick"] * 3
    first = rows[0]
    assert first.segment_s == (31.0, 20.0, 28.0) and first.total_s == pytest.approx(79.0)
    assert first.target_s == pytest.approx(32.0) and first.delta_s == pytest.approx(-1.0)  # the 200m @800 only
    assert [kick_s(r) for r in rows] == [28.0, 29.0, 29.5]
    (fade,) = fades(rows)
    assert fade.fade_s == pytest.approx(85.0 - 79.0) and fade.fade_pct == pytest.approx(100 * 6 / 79)


def test_kick_of_a_single_step_is_after_its_last_split_point() -> None:
    plan = expand("800m @5k", (ANA,), Settings(split_every_m=200))
    clock = FakeClock()
    engine = SessionEngine(plan, clock)
    engine.start()
    engine.tap()
    for seconds in (40, 40, 40, 36):
        clock.advance(seconds)
        engine.tap()
    (row,) = rep_rows(plan, engine.splits, 0, {})
    assert row.total_s == pytest.approx(156) and len(row.laps) == 3 and kick_s(row) == pytest.approx(36)


def test_rows_for_reps_not_reached_have_gaps() -> None:
    plan = expand("2x200m r1:00\n10s hill", (ANA,))
    rows = rep_rows(plan, [], 0, {})
    assert [r.total_s for r in rows] == [None, None, None]  # not reached: nothing, not the plan's 10 s
    assert [r.total_s for r in rep_rows(plan, [], 0, {5: 9.5})] == [None, None, 9.5]  # a timed step: the clock
    assert fades(rows) == []
