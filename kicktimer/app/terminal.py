"""Text for a terminal: how wide a cell is on screen (wcwidth's reading of Unicode: a Han character takes two
columns, a combining accent none), and tables padded by it, so that names in any script keep the columns
straight."""

from __future__ import annotations

import unicodedata

from wcwidth import wcswidth

from kicktimer.core.language.plan import Plan
from kicktimer.core.language.plan_table import render_table
from kicktimer.core.language.plan_table import text_table as _text_table


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal; a control character (which wcwidth cannot measure) counts as one."""
    measured = wcswidth(unicodedata.normalize("NFC", text))
    return measured if measured >= 0 else sum(max(wcswidth(c), 1) for c in text)


def text_table(header: list[str], rows: list[list[str]]) -> list[str]:
    return _text_table(header, rows, display_width)


def plan_text(plan: Plan) -> str:
    return render_table(plan, display_width)
