"""Gear words in the forms coaches write them, from one table."""

from __future__ import annotations

import pytest

from kicktimer.core.language.gears import GEAR_FORMS, GEARS, gear_of
from tests.core.helpers import expand


@pytest.mark.parametrize(
    ("written", "gear"),
    [
        ("100m bounding", "bound"), ("100m bounds", "bound"), ("4x50m strides r open", "stride"),
        ("6x60m sprints r open", "sprint"), ("6x10s hills r open", "hill"), ("200m kicking", "kick"),
        ("200m floats", "float"), ("5min jogging", "jog"), ("200m Bounding", "bound"), ("2min walking", "walk"),
    ],
)  # fmt: skip
def test_word_forms_set_the_gear_of_their_root(written: str, gear: str) -> None:
    step = expand(written).steps[1]
    assert step.gear == gear and step.label == written.split(" r ")[0].split("x", 1)[-1]


def test_a_word_in_no_row_stays_a_label() -> None:
    step = expand("200m hilly easy").steps[1]
    assert step.gear == "easy" and step.label == "200m hilly easy"
    assert gear_of(["bounder", "strider", "kicked"]) is None


def test_the_table_names_each_gear_once() -> None:
    forms = [form for row in GEAR_FORMS.values() for form in row]
    assert len(forms) == len(set(forms))
    assert all(row[0] == gear for gear, row in GEAR_FORMS.items()) and set(GEAR_FORMS) == GEARS
