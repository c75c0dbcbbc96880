"""NOTATION.md's examples, expanded for two athletes: `python -m tests.core.golden_cases` rewrites the golden
files after a deliberate change (review the diff: the golden files are the contract)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.core.helpers import ANA, BEN, expand

GOLDEN = Path(__file__).parent / "golden"
EXAMPLES = {
    "hill-sprints-early-season": "8x10s hill sprint r open walk down",
    "flat-sprints": "6x60m sprint r open",
    "hill-sprints-then-sustained": "8x10s hill sprint r open\n20s hill sprint",
    "ladder": "(250m, 200m, 150m, 100m) r open",
    "kick-500s": "3x(200m @800 + 100m bound + 200m kick) R5:00",
    "800s-with-hill-sprints": "3x(3x800m @5k r1:00) R(4x200m hill r open)",
    "flat-hill-flat": "4x(200m hard + 100m uphill hard + 100m hard) r open",
    "canova-alternations": "4x(200m @1500 + 1400m steady)",
    "accel-200s": "6x(100m @1500 + 100m accel) r open",
    "strides": "4x50m stride r open",
    "strength-circuit": "3x(20 squats + 100m stride + 20 lunges + 100m stride) R open",
    "1500-burners": "(200m, 300m, 400m, 300m, 200m) @1500 r30s",
    "race-pace-400s": "8x400m @1500 r1:00",
    "sets-of-800s": "3x(3x800m r1:00) R4:00",
    "sprint-pairs": "(2x60m, 2x100m, 2x130m) r open",
    "continuous-alternation": "6x(200m @3k + 1400m steady)",
    "two-segment-reps": "6x100m @1500 + 100m accel",
    "file-example": "Warm-up: 15min jog\n3x(200m @800 + 100m bound + 200m kick) R5:00\nCool-down: 10min jog",
    "targets": "(400m @5k-2s/400m, 400m @mile+1s/200m, 400m @68s, 400m @2:10, 400m @72s/400m, 1k @3:20/km, "
    "mile @5:00/mi, 20min @5k) r1:00",
}


def golden_json(name: str) -> dict[str, object]:
    return expand(EXAMPLES[name], (ANA, BEN)).to_json()


if __name__ == "__main__":
    for name in EXAMPLES:
        path = GOLDEN / f"{name}.json"
        path.write_text(json.dumps(golden_json(name), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(path)
