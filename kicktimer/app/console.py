"""`kicktimer run FILE --console`: the headless twin of the live view, for a small computer with no screen.

Keys (raw single keys on a terminal, plain bytes from a pipe) come from the command table in core/run/commands.py;
`?` lists them.
Every event is printed once it is on disk: `[recorded N] …` (N is its index in the recording).
"""

from __future__ import annotations

import contextlib
import os
import select
import sys
import termios
import tty
from collections.abc import Iterator
from typing import TextIO

from kicktimer.app.session import LiveSession
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.run.commands import key_help
from kicktimer.core.run.engine import Outcome, Snapshot

REDRAW_S = 0.2
RETRY_S = 2.0
DONE_SOUND_S = 1.5  # let the "done" phrase play before the session is closed


@contextlib.contextmanager
def _keys_mode(fd: int, raw: bool) -> Iterator[None]:
    if not raw:
        yield
        return
    saved = termios.tcgetattr(fd)
    tty.setcbreak(fd)
    try:
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def describe(live: LiveSession, outcome: Outcome) -> str:
    """An outcome as one console line: `[recorded N] tap Ana: finish 200m @800 0:32.10 (+0.40)`."""
    event = outcome.event
    assert event is not None
    names = [a.name for a in live.engine.plan.athletes]
    steps = live.engine.plan.steps
    what: str = event.type
    if event.type == "tap":
        who = "all" if event.athlete is None else names[event.athlete]
        details = []
        for split in outcome.made:
            delta = "" if split.delta_s is None else f" ({split.delta_s:+.2f})"
            who_split = f"{names[split.athlete]} " if event.athlete is None else ""
            details.append(f"{who_split}{split.kind} {steps[split.step].label} {format_clock(split.duration_s)}{delta}")
        what = f"tap {who}" + (": " + "; ".join(details) if details else "")
    elif event.type == "extend":
        what = f"extend {event.delta_s:+.0f} s"
    elif event.type == "undo" and outcome.removed:
        taken = outcome.removed[0]
        what = f"undo ({names[taken.athlete]} {steps[taken.step].label} {format_clock(taken.duration_s)} taken back)"
    if outcome.saved:
        return f"[recorded {outcome.index}] {what}"
    return (
        f"[NOT SAVED YET {outcome.index}] {what} — {live.journal.last_error}; kept in memory, retrying "
        f"({live.journal.unsaved} waiting)"
    )


def describe_step(snap: Snapshot, total: int) -> str:
    step = snap.step
    ends = f"{format_clock(snap.step_length_s)}" if snap.step_length_s is not None else "tap to finish"
    if step.phase == "hold":
        ends = "Space to start"
    parts = [f"▶ step {snap.step_index + 1}/{total}", step.phase.upper(), step.label]
    if snap.counters:
        parts.append(snap.counters)
    parts.append(ends)
    if snap.next_step is not None:
        parts.append(f"next: {snap.next_step.label}")
    return " · ".join(parts)


def run_console(live: LiveSession, fd: int, out: TextIO) -> int:
    engine = live.engine
    terminal = os.isatty(fd)

    def say(text: str) -> None:
        print(("\r\x1b[K" if terminal else "") + text, file=out, flush=True)

    for note in live.notes:
        say(f"note: {note}")
    say(f"{live.session.name} — recording to {live.journal.path}")
    say("keys: " + " · ".join(f"{keys} {title.lower()}" for keys, title, _ in key_help("console")))
    shown: tuple[int, str] | None = None
    last_retry = 0
    sound = (live.audio.state, live.audio.reason)
    complete_at: int | None = None
    say(f"sound: {live.audio.state}" + (f" ({live.audio.reason})" if live.audio.reason else ""))
    with _keys_mode(fd, terminal):
        while True:
            snap = engine.snapshot()
            if (snap.step_index, snap.status) != shown:
                shown = (snap.step_index, snap.status)
                say(describe_step(snap, len(engine.plan.steps)) if snap.status == "running" else f"■ {snap.status}")
            if snap.status == "complete":
                complete_at = complete_at or snap.now_ns
                if snap.now_ns - complete_at >= DONE_SOUND_S * 1e9 or live.audio.state != "playing":
                    say(describe(live, live.apply(engine.end)))
                    continue
            if snap.status == "ended":
                break
            live.audio.poll()
            if (live.audio.state, live.audio.reason) != sound:
                sound = (live.audio.state, live.audio.reason)
                say(f"sound: {live.audio.state}" + (f" ({live.audio.reason})" if live.audio.reason else ""))
            if live.journal.unsaved and snap.now_ns - last_retry > RETRY_S * 1e9:
                last_retry = snap.now_ns
                if live.retry():
                    say(f"[recorded up to {len(engine.events) - 1}] the disk accepted everything that was waiting")
            if terminal:
                clock = format_clock(snap.remaining_s if snap.remaining_s is not None else snap.step_elapsed_s)
                print(f"\r\x1b[K  {clock}  {snap.step.label}", end="", file=out, flush=True)
            ready, _, _ = select.select([fd], [], [], REDRAW_S)
            if not ready:
                continue
            data = os.read(fd, 64)
            t_ns = engine.clock.now_ns()  # stamp first: the tap happened when the key arrived
            if not data:
                say("input closed: the recording stays open; continue it with `kicktimer run --resume`")
                return 0
            for key in data.decode(errors="ignore"):
                if key == "?":
                    say("\n".join(f"  {keys:<9} {what}" for keys, _, what in key_help("console")))
                outcome = live.press(key, t_ns)
                if outcome.event is not None:
                    say(describe(live, outcome))
    say(f"saved: {live.journal.path}" if live.journal.unsaved == 0 else f"NOT all saved: {live.journal.last_error}")
    return 0 if live.journal.unsaved == 0 else 1


def main_console(live: LiveSession) -> int:
    try:
        return run_console(live, sys.stdin.fileno(), sys.stdout)
    finally:
        live.close()
