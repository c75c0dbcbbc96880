"""What the live view says in words: the command table's keys as Qt keys, what a command did, the key table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QKeySequence, QPainter

from kicktimer.core.language.quantities import format_clock
from kicktimer.core.run.commands import COMMANDS, Command, key_help
from kicktimer.core.run.engine import Outcome
from kicktimer.core.run.replay import Split

KeyPress = tuple[int, bool]  # (Qt key, Ctrl held): Shift and the keypad do not change what a key means


def key_table() -> dict[KeyPress, Command]:
    """The command table's keys as Qt keys, read once."""
    table: dict[KeyPress, Command] = {}
    for command in COMMANDS:
        for name in command.keys:
            combination = QKeySequence.fromString(name, QKeySequence.SequenceFormat.PortableText)[0]  # type: ignore[index]
            ctrl = bool(combination.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
            table[(combination.key().value, ctrl)] = command
    return table


def outcome_text(outcome: Outcome, labels: Sequence[str], names: Sequence[str]) -> str:
    """What a command did, in a coach's words: "Ben 0:45.3 (+0.4) 200m @800", "Undid Ana's 200m …"."""
    event = outcome.event
    if event is None:
        return ""

    def split_text(split: Split) -> str:
        delta = "" if split.delta_s is None else f" ({split.delta_s:+.1f})"
        lap = "lap " if split.kind == "lap" else ""
        return f"{names[split.athlete]} {lap}{format_clock(round(split.duration_s, 1))}{delta} {labels[split.step]}"

    if event.type == "tap":
        text = " · ".join(split_text(s) for s in outcome.made) or "tap"
    elif event.type == "undo":
        text = "Undid " + (" · ".join(split_text(s) for s in outcome.removed) or "the last tap")
    elif event.type == "extend":
        text = f"Recovery {event.delta_s:+.0f} s"
    else:
        text = {"pause": "Paused", "resume": "Continued", "skip": "Skipped", "back": "Back", "end": "Ended"}.get(
            event.type, event.type
        )
        if outcome.entered is not None:
            text += f" → {labels[outcome.entered]}"
    return text if outcome.saved else f"{text} — NOT SAVED YET: kept, retrying"


def paint_key_table(p: QPainter, panel: QRectF, bg: QColor, fg: QColor, font: QFont) -> None:
    """The command table over the screen (F1 or ? shows and hides it)."""
    rows = key_help("window")
    p.fillRect(panel, bg.darker(115))
    p.setPen(fg)
    p.drawRect(panel)
    row_h = panel.height() / (len(rows) + 1)
    font.setPixelSize(max(8, int(min(row_h * 0.55, panel.width() / 45))))
    p.setFont(font)
    for i, (keys, _title, what) in enumerate(rows):
        top = panel.y() + row_h * (i + 0.5)
        p.drawText(QRectF(panel.x() + 16, top, panel.width() * 0.3, row_h), int(Qt.AlignmentFlag.AlignVCenter), keys)
        p.drawText(QRectF(panel.x() + panel.width() * 0.32, top, panel.width() * 0.66, row_h),
                   int(Qt.AlignmentFlag.AlignVCenter), what)  # fmt: skip
