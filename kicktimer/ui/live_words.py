"""What the live view says in words: the command table's keys as Qt keys, what a command did or why it did
nothing, where the session is, the key hints, and the lines of an athlete's tile."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QKeySequence

from kicktimer.core.language.paces import format_target
from kicktimer.core.language.plan import Plan
from kicktimer.core.language.quantities import count_of, format_clock
from kicktimer.core.run import refusals
from kicktimer.core.run.board import Tile
from kicktimer.core.run.commands import COMMANDS, CONFIRM_END, Command
from kicktimer.core.run.places import Split
from kicktimer.core.run.refusals import label_after
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


def qt_key(name: str) -> Qt.Key:
    """A key the table names ("E") as Qt's key."""
    combination = QKeySequence.fromString(name, QKeySequence.SequenceFormat.PortableText)[0]  # type: ignore[index]
    key: Qt.Key = combination.key()
    return key


MODIFIER_KEYS = frozenset(k.value for k in (
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta, Qt.Key.Key_Super_L,
    Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R, Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock,
    Qt.Key.Key_ScrollLock,
))  # fmt: skip
MOD = Qt.KeyboardModifier
SAID_MODIFIERS = MOD.ControlModifier | MOD.AltModifier | MOD.MetaModifier  # Shift and the keypad name no new key


def no_command_text(key: int, modifiers: Qt.KeyboardModifier) -> str:
    """What a key that is no command says: "Key A does nothing here — F1 lists the keys" ("" for a modifier
    alone: it is on its way to another key). E names the question it answers."""
    if key in MODIFIER_KEYS:
        return ""
    if key == qt_key(CONFIRM_END["window"]).value and not modifiers & SAID_MODIFIERS:
        return f"{CONFIRM_END['window']} ends the session only when it is asked: {keys_of('end')} asks first"
    known = key not in (0, Qt.Key.Key_unknown.value)
    combination = QKeyCombination(modifiers & SAID_MODIFIERS, Qt.Key(key)) if known else None
    name = QKeySequence(combination).toString(QKeySequence.SequenceFormat.PortableText) if combination else ""
    return f"{f'Key {name}' if name else 'That key'} does nothing here — {keys_of('help')} lists the keys"


def keys_of(name: str) -> str:
    """The first key of a command, as the hints name it: "Space", "P"."""
    return refusals.key_of(name, "window")


def outcome_text(outcome: Outcome, labels: Sequence[str], names: Sequence[str], at: int | None = None) -> str:
    """What a command did, in a coach's words: "Ben 0:45.3 (+0.4) 200m @800", "Undid Ana's 200m …",
    "Back → 100m bound: 3 splits dropped (U brings them back)". `at`: the step the group is on after it."""
    event = outcome.event
    if event is None:
        return ""
    back_in = "" if outcome.entered is None else labels[outcome.entered]
    if event.type == "tap":
        text = splits_text(outcome.made, labels, names) or (f"Started {back_in}" if back_in else "Tap")
    elif event.type == "undo":
        text = undo_text(outcome, labels, names, at)
    elif event.type == "extend":
        text = f"Recovery {signed_s(event.delta_s or 0.0)}"
    elif event.type == "back":
        text = f"Back → {back_in}" if back_in else ("Back" if at is None else f"Back: {labels[at]} restarted")
        if outcome.removed:
            text += f": {count_of(len(outcome.removed), 'split')} dropped ({keys_of('undo')} brings them back)"
    else:
        text = {"pause": "Paused", "resume": "Continued", "skip": "Skipped", "end": "Ended"}.get(event.type, event.type)
        text += f" → {back_in}" if back_in else ""
    return text if outcome.saved else f"{text} — NOT SAVED YET: kept, retrying"


def split_text(split: Split, labels: Sequence[str], names: Sequence[str]) -> str:
    """A split as the message line says it, to the tenth as its tile does: "Ana 0:31.0 (−1.0) 200m @800"."""
    delta = "" if split.delta_s is None else f" ({signed_tenths(split.delta_s)})"
    lap = "lap " if split.kind == "lap" else ""
    return f"{names[split.athlete]} {lap}{clock_tenths(split.duration_s)}{delta} {labels[split.step]}"


def splits_text(splits: Sequence[Split], labels: Sequence[str], names: Sequence[str]) -> str:
    """One split as `split_text`; several of one step (Space) name the step once: "100m bound: Ben 0:14.6 · …"."""
    if len(splits) > 1 and len({(s.step, s.kind) for s in splits}) == 1:
        first = splits[0]
        each = (split_text(s, labels, names).removesuffix(" " + labels[first.step]) for s in splits)
        return f"{labels[first.step]}: " + " · ".join(each)
    return " · ".join(split_text(s, labels, names) for s in splits)


def undo_text(outcome: Outcome, labels: Sequence[str], names: Sequence[str], at: int | None = None) -> str:
    """ "Undid Ana 0:31 (-1.0) 200m @800: back in 200m @800", "Undid Back: 3 splits back, back in R 1:00",
    "Undid Back: 100m bound runs from its first start" (a Back that restarted the step). `at`: the step now."""
    back_in = "" if outcome.entered is None else f"back in {labels[outcome.entered]}"
    undone = outcome.undone.type if outcome.undone is not None else "tap"
    if undone in ("back", "skip"):
        restored = f"{count_of(len(outcome.made), 'split')} back" if outcome.made else ""
        if not back_in and at is not None:  # the step it had restarted counts from its first start again
            back_in = f"{labels[at]} runs from its first start"
        parts = ", ".join(part for part in (restored, back_in) if part)
        return f"Undid {undone.capitalize()}" + (f": {parts}" if parts else "")
    taken = splits_text(outcome.removed, labels, names)
    if taken:
        text = f"Undid {taken}"
    elif outcome.left is not None:
        text = f"Undid the tap that started {labels[outcome.left]}"
    else:
        text = "Undid a tap"
    return text + (f": {back_in}" if back_in else "")


def signed_s(seconds: float) -> str:
    """ "+15 s", "−15 s" (a real minus sign)."""
    return f"+{seconds:.0f} s" if seconds >= 0 else f"{MINUS}{-seconds:.0f} s"


def refusal_text(command: Command, athlete: int | None, snap: Snapshot, labels: Sequence[str]) -> str:
    """Why a command changed nothing, with the window's keys (after the end: what Enter and Esc do)."""
    said = refusals.refusal_text(command, athlete, snap, labels, "window")
    return f"{said}: {FINISHED_KEYS}" if said == refusals.SESSION_OVER else said


FINISHED_KEYS = "Enter: review · Esc: close"


def step_label(snap: Snapshot, labels: Sequence[str], index: int) -> str:
    """A step's label, with what + and − changed in it: "R 1:00 −0:45"."""
    change = round(snap.extension_s) if index == snap.step_index else 0
    if not change:
        return labels[index]
    return f"{labels[index]} {'+' if change > 0 else MINUS}{format_clock(abs(change))}"


def headline(snap: Snapshot, plan: Plan) -> str:
    """Where the session is: "Main set · Rep 2/3", "Cool-down"; the phase when the session gives no name."""
    if snap.status in ("complete", "ended"):
        return "Session complete" if snap.all_steps_run else "Session ended early"
    step = snap.step
    title = plan.block_titles[step.block] if step.block < len(plan.block_titles) else None
    parts = [p for p in (title, snap.counters) if p]
    return " · ".join(parts) if parts else step.phase.capitalize()


def hint(snap: Snapshot, review: bool = True) -> str | None:
    """A key hint where the coach must act: a hold, a recovery that ends when they go, the session's end."""
    if snap.status in ("complete", "ended"):
        return FINISHED_KEYS if review else "Esc: close"
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
    return f"{signed_tenths(tenths)} {'▲' if tenths > 0 else '▼'}"


def signed_tenths(delta_s: float) -> str:
    """ "+0.4", "−1.7" (a real minus sign, as everywhere in the live view), "±0.0"."""
    tenths = round(delta_s, 1)
    if tenths == 0:
        return "±0.0"
    return f"+{tenths:.1f}" if tenths > 0 else f"{MINUS}{-tenths:.1f}"


def clock_tenths(seconds: float) -> str:
    text = format_clock(round(seconds, 1))
    return text if "." in text else f"{text}.0"


def split_spans(split: Split, label: str | None = None) -> list[Span]:
    spans: list[Span] = [(f"{label} ", "label")] if label else []
    spans.append((("lap " if split.kind == "lap" else "") + clock_tenths(split.duration_s), "text"))
    if split.delta_s is not None:
        spans.append(("  " + delta_words(split.delta_s), "faster" if round(split.delta_s, 1) <= 0 else "slower"))
    return spans


def tile_lines(tile: Tile, labels: Sequence[str], group_step: int) -> list[list[Span]]:
    """The lines of an athlete's tile: their number and name, then what they are doing or did. A runner's tile
    says the segment they are in when it is not simply the group's one step, and their latest split of the rep."""
    lines: list[list[Span]] = [[(f"{tile.athlete + 1} ", "text"), (tile.name, "name")]]
    if tile.state == "running":
        aim: list[Span] = [] if tile.aim is None else [("→ " + format_target(tile.aim), "text")]
        if tile.segment is None or (tile.segment == group_step and tile.split is None):
            lines.append(aim or [("running", "text")])  # the outline says running; the aim is their target
        else:  # where they are, then their latest split of the rep (the segment before) and their aim
            lines.append([("in ", "text"), (labels[tile.segment], "label")])
            split = [] if tile.split is None else split_spans(tile.split)
            lines.append([*split, *([("  ", "text")] if split and aim else []), *aim] or [("running", "text")])
    elif tile.rep is not None:  # a joined rep finished: its total, then the targeted segments
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
