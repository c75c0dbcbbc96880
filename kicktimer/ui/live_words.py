"""What the live view says in words: the command table's keys as Qt keys, what a command did or why it did
nothing, where the session is, the key hints, and the lines of an athlete's tile."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from kicktimer.core.language.paces import format_target
from kicktimer.core.language.plan import Plan
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.run.board import Tile
from kicktimer.core.run.commands import BY_NAME, COMMANDS, Command, key_names
from kicktimer.core.run.replay import Split
from kicktimer.core.run.state import Outcome, Snapshot

KeyPress = tuple[int, bool]  # (Qt key, Ctrl held): Shift and the keypad do not change what a key means
Span = tuple[str, str]  # (text, role): "name" and "label" may be shortened to fit; "faster"/"slower" are deltas
MINUS = "\u2212"


def key_table() -> dict[KeyPress, Command]:
    """The command table's keys as Qt keys, read once."""
    table: dict[KeyPress, Command] = {}
    for command in COMMANDS:
        for name in command.keys:
            combination = QKeySequence.fromString(name, QKeySequence.SequenceFormat.PortableText)[0]  # type: ignore[index]
            ctrl = bool(combination.keyboardModifiers() & Qt.KeyboardModifier.ControlModifier)
            table[(combination.key().value, ctrl)] = command
    return table


def keys_of(name: str) -> str:
    """The first key of a command, as the hints name it: "Space", "P"."""
    return BY_NAME[name].keys[0] if BY_NAME[name].keys else key_names(BY_NAME[name], "window")


def outcome_text(outcome: Outcome, labels: Sequence[str], names: Sequence[str]) -> str:
    """What a command did, in a coach's words: "Ben 0:45.3 (+0.4) 200m @800", "Undid Ana's 200m …"."""
    event = outcome.event
    if event is None:
        return ""

    def split_text(split: Split) -> str:
        delta = "" if split.delta_s is None else f" ({split.delta_s:+.1f})"
        lap = "lap " if split.kind == "lap" else ""
        return f"{names[split.athlete]} {lap}{format_clock(round(split.duration_s, 1))}{delta} {labels[split.step]}"

    back_in = "" if outcome.entered is None else labels[outcome.entered]
    if event.type == "tap":
        text = " · ".join(split_text(s) for s in outcome.made) or (f"Started {back_in}" if back_in else "Tap")
    elif event.type == "undo":
        undone = " · ".join(split_text(s) for s in outcome.removed)
        if undone:
            text = f"Undid {undone}" + (f": back in {back_in}" if back_in else "")
        else:
            text = f"Undid the tap that started {labels[outcome.left]}" if outcome.left is not None else "Undid a tap"
            text += f": back in {back_in}" if back_in else ""
    elif event.type == "extend":
        text = f"Recovery {event.delta_s:+.0f} s"
    else:
        text = {"pause": "Paused", "resume": "Continued", "skip": "Skipped", "back": "Back", "end": "Ended"}.get(
            event.type, event.type
        )
        text += f" → {back_in}" if back_in else ""
    return text if outcome.saved else f"{text} — NOT SAVED YET: kept, retrying"


def refusal_text(command: Command, athlete: int | None, snap: Snapshot, labels: Sequence[str]) -> str:
    """Why a tap changed nothing, so no key is lost without a word."""
    if command.name not in ("tap", "tap_all") or snap.status in ("complete", "ended"):
        return ""
    if snap.status == "paused":
        return f"Paused: that tap is not recorded here. {keys_of('pause')} to continue"
    if athlete is not None and athlete >= len(snap.athletes):
        return f"Key {athlete + 1}: there is no athlete {athlete + 1} today"
    if snap.step.phase == "hold":
        return f"Waiting to start: {keys_of('tap_all')} starts {label_after(snap)}"
    if athlete is not None:
        return f"{snap.athletes[athlete].name} has tapped {labels[snap.step_index]} already ({keys_of('undo')} undoes)"
    return "Everyone has tapped this one"


def label_after(snap: Snapshot) -> str:
    return snap.next_step.label if snap.next_step is not None else "the session"


def headline(snap: Snapshot, plan: Plan) -> str:
    """Where the session is: "Main set · Rep 2/3", "Cool-down"; the phase when the session gives no name."""
    if snap.status == "complete":
        return "Done: the session is complete"
    if snap.status == "ended":
        return "Ended"
    step = snap.step
    title = plan.block_titles[step.block] if step.block < len(plan.block_titles) else None
    parts = [p for p in (title, snap.counters) if p]
    return " · ".join(parts) if parts else step.phase.capitalize()


def hint(snap: Snapshot) -> str | None:
    """A key hint where the coach must act: a hold, or a recovery that ends when they go."""
    step = snap.step
    if snap.status != "running" or step.ends != "tap" or step.phase == "work":
        return None
    return f"{keys_of('tap_all')} to start {label_after(snap)}"


def summary_caption(plan: Plan, rep: Sequence[int]) -> str:
    """What the tiles show after a joined rep: "Rep 1/3: total · 200m @800"."""
    steps = [plan.steps[i] for i in rep]
    where = steps[0].where
    targeted = [s.label for s in steps if any(t is not None for t in s.targets)]
    return " · ".join([f"Rep {where[0][0]}/{where[0][1]}: total" if where else "Rep: total", *targeted])


def delta_words(delta_s: float) -> str:
    """ "+0.4 ▲" slower, "−0.2 ▼" faster: the sign and the arrow say it without the colour."""
    tenths = round(delta_s, 1)
    if tenths == 0:
        return "±0.0"
    return f"+{tenths:.1f} ▲" if tenths > 0 else f"{MINUS}{-tenths:.1f} ▼"


def clock_tenths(seconds: float) -> str:
    text = format_clock(round(seconds, 1))
    return text if "." in text else f"{text}.0"


def split_spans(split: Split, label: str | None = None) -> list[Span]:
    spans: list[Span] = [(f"{label} ", "label")] if label else []
    spans.append((("lap " if split.kind == "lap" else "") + clock_tenths(split.duration_s), "text"))
    if split.delta_s is not None:
        spans.append(("  " + delta_words(split.delta_s), "faster" if round(split.delta_s, 1) <= 0 else "slower"))
    return spans


def tile_lines(tile: Tile, labels: Sequence[str]) -> list[list[Span]]:
    """The lines of an athlete's tile: their number and name, then what they are doing or did."""
    lines: list[list[Span]] = [[(f"{tile.athlete + 1} ", "text"), (tile.name, "name")]]
    if tile.state == "running":
        aim = None if tile.aim is None else f"→ {format_target(tile.aim)}"
        lines.append([(aim or "running", "text")])  # the outline says running; the aim is their target
    elif tile.rep is not None:  # after a joined rep: its total, then the targeted segments
        rep = tile.rep
        total: list[Span] = [("—" if rep.total_s is None else clock_tenths(rep.total_s), "text")]
        if rep.delta_s is not None:
            total.append(("  " + delta_words(rep.delta_s), "faster" if round(rep.delta_s, 1) <= 0 else "slower"))
        lines.append(total)
        targeted = [span for split in rep.targeted for span in [*split_spans(split), ("   ", "text")]][:-1]
        lines.append(targeted or [("—", "text")])
    elif tile.split is not None:
        lines.append(split_spans(tile.split))
    else:
        lines.append([("—", "text")])
    return lines
