"""Corrections made in review, resolved into the timeline every split is computed from.

A recording is never rewritten: a correction is one more event (`type: correct`) that moves or deletes a tap,
adds one, or reverts the latest correction still standing. Reading resolves them in order: live undos first
(they pair with taps by position in the file), then the corrections, then each moved or added tap is placed
in the timeline by its time. An event keeps its index in the file, so a split can always be traced back.
"""

from __future__ import annotations

from dataclasses import replace

from kicktimer.core.run.events import Event, without_place, without_undone

Indexed = tuple[int, Event]


def standing_corrections(events: list[Event]) -> list[Indexed]:
    """The corrections not reverted, in the order they were made."""
    kept: list[Indexed] = []
    for index, event in enumerate(events):
        if event.type != "correct":
            continue
        if event.op == "revert":
            if kept:
                kept.pop()
        else:
            kept.append((index, event))
    return kept


def standing_events(events: list[Event]) -> list[Indexed]:
    """(index, event) of everything that still stands, in timeline order, with corrections applied."""
    base = without_undone(events)
    if not any(e.type == "correct" for _, e in base):
        return base
    moved: dict[int, int] = {}
    deleted: set[int] = set()
    added: list[Indexed] = []
    for index, event in standing_corrections(events):
        if event.op == "add":
            added.append((index, Event(event.t_ns, "tap", event.athlete)))
        elif event.op == "move" and event.ref is not None:
            moved[event.ref] = event.t_ns
        elif event.op == "delete" and event.ref is not None:
            deleted.add(event.ref)
    taps = [(i, e) for i, e in base if e.type == "tap"] + added
    loose = [(i, replace(e, t_ns=moved[i])) for i, e in taps if i in moved and i not in deleted]
    loose += [(i, e) for i, e in added if i not in moved and i not in deleted]
    fixed = [(i, e) for i, e in base if e.type != "correct" and not (e.type == "tap" and (i in moved or i in deleted))]
    for item in sorted(loose, key=lambda pair: pair[1].t_ns):
        at = len(fixed)
        while at > 0 and fixed[at - 1][1].t_ns > item[1].t_ns:
            at -= 1
        fixed.insert(at, item)
    changed = [e.t_ns for i, e in base if i in moved or i in deleted] + [e.t_ns for _, e in loose]
    return _unplaced(fixed, min(changed, default=None))


def _unplaced(standing: list[Indexed], since_ns: int | None) -> list[Indexed]:
    """From the first moment a correction changes, the events no longer say where the group was: the replay
    follows the corrections there, not the places the live session recorded (`Replay` finds its place again
    after a lost line only before it)."""
    if since_ns is None:
        return standing
    return [(i, without_place(e) if e.t_ns >= since_ns else e) for i, e in standing]
