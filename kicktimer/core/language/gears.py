"""The gear vocabulary: every word form a coach writes for a gear, in one table.

A step's gear picks its colour and its gear-change cue; the rest of kicktimer only ever sees the gear's own name
(the first form of each row). A word that is in no row stays a plain label.
"""

from __future__ import annotations

from collections.abc import Iterable

GEAR_FORMS: dict[str, tuple[str, ...]] = {
    "walk": ("walk", "walks", "walking"),
    "jog": ("jog", "jogs", "jogging"),
    "easy": ("easy",),
    "float": ("float", "floats", "floating"),
    "steady": ("steady",),
    "tempo": ("tempo",),
    "hard": ("hard",),
    "fast": ("fast",),
    "race": ("race", "racing"),
    "kick": ("kick", "kicks", "kicking"),
    "sprint": ("sprint", "sprints", "sprinting"),
    "bound": ("bound", "bounds", "bounding"),
    "accel": ("accel", "accels", "acceleration", "accelerations"),
    "stride": ("stride", "strides", "striding"),
    "hill": ("hill", "hills"),
    "uphill": ("uphill",),
    "downhill": ("downhill",),
}
GEARS = frozenset(GEAR_FORMS)
_GEAR_OF_FORM = {form: gear for gear, forms in GEAR_FORMS.items() for form in forms}


def gear_of(words: Iterable[str]) -> str | None:
    """A step's gear: that of its first word that is a gear form, in any case."""
    return next((gear for w in words if (gear := _GEAR_OF_FORM.get(w.lower())) is not None), None)
