"""A Kick 500s session with up to nine athletes, long names among them (the live view's hardest case)."""

from __future__ import annotations

NAMES = ["Ana", "Ben", "Mohammed", "Anna-Lena", "Jo", "Siobhán", "Kwame", "Lucía", "Bartholomew-Fitzgerald"]


def session_text(count: int) -> str:
    """Targets 0:32, 0:33, 0:34 … for the 200 m @800 (800 m in 2:08, 2:12, 2:16 …)."""
    athletes = "".join(
        f'  - name: {name}\n    paces: {{800m: "2:{8 + 4 * i:02d}"}}\n' for i, name in enumerate(NAMES[:count])
    )
    return f"""\
name: Kick 500s
athletes:
{athletes}workout: |
  Warm-up: 10min jog
  Main set: 2x(200m @800 + 100m bound + 200m kick) R5:00
  Cool-down: 10min jog
"""
