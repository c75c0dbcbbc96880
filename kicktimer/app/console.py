"""`kicktimer run FILE --console`: the headless twin of the live view, for a small computer with no screen.

Keys (raw single keys on a terminal, plain bytes from a pipe) come from the command table in core/run/commands.py;
`?` lists them, and g counts a sleep of the computer as a pause. Every event is printed once it is on disk:
`[recorded N] …` (N is its index in the recording). Ctrl+C, SIGTERM, SIGHUP, a closed input or output stop the
program, not the session: the terminal is restored and the recording can be resumed.
"""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import termios
import threading
import tty
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from kicktimer.app.session import LiveSession, fallback_folders
from kicktimer.core.language.quantities import count_of, format_clock, format_split
from kicktimer.core.run.commands import BY_NAME, CONFIRM_END, command_for_char, key_help
from kicktimer.core.run.refusals import refusal_text
from kicktimer.core.run.state import Outcome, Snapshot, clock_text
from kicktimer.io.disk import os_error_advice

REDRAW_S = 0.2
RETRY_S = 2.0  # on quit with events waiting for the disk
DONE_SOUND_S = 1.5  # let the "done" phrase play before the session is closed
YES = CONFIRM_END["console"]
END_QUESTION = f"End the session? {YES} ends it, any other key keeps running (Space and 1-9 still tap meanwhile)"


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
        with contextlib.suppress(termios.error, OSError):  # a terminal hung up cannot be restored, nor needs it
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
            details.append(f"{who_split}{split.kind} {steps[split.step].label} {format_split(split.duration_s)}{delta}")
        what = f"tap {who}" + (": " + "; ".join(details) if details else "")
    elif event.type == "extend":
        what = f"extend {event.delta_s:+.0f} s"
    elif event.type == "back" and outcome.removed:
        what = f"back ({count_of(len(outcome.removed), 'split')} dropped; u brings them back)"
    elif event.type == "undo" and outcome.undone is not None and outcome.undone.type != "tap":
        restored = f"; {count_of(len(outcome.made), 'split')} back" if outcome.made else ""
        what = f"undo ({outcome.undone.type} taken back{restored})"
    elif event.type == "undo" and outcome.removed:
        taken = outcome.removed[0]
        what = f"undo ({names[taken.athlete]} {steps[taken.step].label} {format_split(taken.duration_s)} taken back)"
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


def status_line(snap: Snapshot, asking_end: bool) -> str:
    """The terminal's last line, rewritten as the clock runs: the clock as the window shows it (whole seconds,
    tenths in a countdown's last 10 s), the step, and the question while it waits."""
    question = f"  · End? {YES} ends it" if asking_end else ""
    return f"  {clock_text(snap)}  {snap.step.label}{question}"


def run_console(live: LiveSession, fd: int, out: TextIO) -> int:
    engine = live.engine
    terminal = os.isatty(fd)
    stop = Stop()
    asking = Asking()
    say = _sayer(out, terminal, stop)

    for note in [*live.resume_text, *live.notes]:
        say(f"note: {note}")
    say(f"{live.session.name} — recording to {live.journal.path}")
    say("keys: " + " · ".join(f"{keys} {title.lower()}" for keys, title, _ in key_help("console")))
    shown: tuple[int, str] | None = None
    sound = live.sound_state()
    complete_at: int | None = None
    say(sound[0] + (f": {sound[1]}" if sound[1] else ""))
    with _signals(stop), _keys_mode(fd, terminal):
        while stop.why is None:
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
                return _quit(live, fd, say, stop)
            live.audio.poll()
            if live.sound_state() != sound:
                sound = live.sound_state()
                say(sound[0] + (f": {sound[1]}" if sound[1] else ""))
            for text in live.housekeeping():
                say(text)
            if terminal:
                say(status_line(snap, asking.end), end="")
            data = _read_keys(fd, REDRAW_S)
            t_ns = engine.clock.now_ns()  # stamp first: the tap happened when the key arrived
            if data == b"":
                stop.set("input closed", 0)
            _answer_keys(live, (data or b"").decode(errors="ignore"), t_ns, say, asking)
    for text in live.stop(stop.why or "stopped"):
        say(text)
    return stop.code


def _answer_keys(live: LiveSession, keys: str, t_ns: int, say: Say, asking: Asking) -> None:
    """Each key typed, stamped when they arrived: what it did, or why it did nothing. q only asks whether to
    end: y ends it, any other key keeps running, and a tap typed meanwhile is a tap, not an answer."""
    for key in keys:
        found = command_for_char(key)
        name = found[0].name if found is not None else None
        tap = name in ("tap", "tap_all")
        if asking.end and not tap:
            asking.end = False
            if key.lower() == YES:
                say(describe(live, live.execute(BY_NAME["end"], None, t_ns)))
            else:
                say("Not ended: the session keeps running")
            continue
        if name == "end" and live.engine.snapshot().status not in ("complete", "ended"):
            asking.end = True
            say(END_QUESTION)
            continue
        if name == "help":
            say("\n".join(f"  {names:<9} {what}" for names, _, what in key_help("console")))
        if name == "sleep_pause":
            say(live.count_sleep_as_pause())
            continue
        outcome = live.press(key, t_ns)
        if outcome.event is not None:
            say(describe(live, outcome))
        elif found is not None:
            labels = [step.label for step in live.engine.plan.steps]
            refused = refusal_text(found[0], found[1], live.engine.snapshot(), labels, "console")
            if refused:
                say(refused)


def _read_keys(fd: int, timeout_s: float) -> bytes | None:
    """What was typed within `timeout_s` (None: nothing; b"": the input is closed)."""
    ready, _, _ = select.select([fd], [], [], timeout_s)
    return os.read(fd, 64) if ready else None


def _quit(live: LiveSession, fd: int, say: Say, stop: Stop) -> int:
    """The session ended. Events still waiting for the disk are never dropped without the coach saying so:
    keep trying, save the whole recording elsewhere, or (x) quit and lose them."""
    folders = fallback_folders(live.journal.path)
    asked = False
    while live.journal.unsaved and stop.why is None:
        if not asked:
            say(f"{live.journal.unsaved} event(s) are not on disk yet ({live.journal.last_error}); trying again "
                f"every {RETRY_S:.0f} s. h: save the whole recording in {folders[0]} · d: in another folder "
                "(type it, then Enter) · x: quit and lose them")  # fmt: skip
            asked = True
        data = _read_keys(fd, RETRY_S)
        accepted = live.retry_said()
        if accepted:
            say(accepted)
            break
        key = (data or b"?")[:1].lower()
        if data == b"":  # nobody can answer: save a copy wherever it can go, as a signal would
            stop.set("input closed", 1)
        elif key in (b"h", b"d"):
            folder = folders[0] if key == b"h" else _read_folder(fd, say, (data or b"")[1:])
            try:
                say(live.rescue(folder))
                return 0
            except OSError as error:
                say(f"cannot save in {folder}: {os_error_advice(error)}; or choose another")
        elif key == b"x":
            say(f"quitting: {live.journal.unsaved} event(s) are lost (they never reached the disk)")
            return 1
    if stop.why is not None:
        for text in live.stop(stop.why):
            say(text)
        return stop.code
    say(f"saved: {live.journal.path}")
    return 0


def _read_folder(fd: int, say: Say, typed: bytes) -> Path:
    say("folder: ", end="")
    while b"\n" not in typed and b"\r" not in typed:
        more = _read_keys(fd, 60.0)
        if not more:
            break
        typed += more
    return Path(typed.decode(errors="ignore").strip()).expanduser()


class Say(Protocol):
    def __call__(self, text: str, end: str = "\n") -> None: ...


def _sayer(out: TextIO, terminal: bool, stop: Stop) -> Say:
    """Print a line over the running clock. A closed output (a pipe gone, a terminal hung up) stops the
    runner cleanly; what it would have said goes to stderr."""

    def say(text: str, end: str = "\n") -> None:
        target = sys.stderr if stop.output_closed else out
        try:
            print(("\r\x1b[K" if terminal else "") + text, end=end, file=target, flush=True)
        except OSError:
            if target is out:
                stop.output_closed = True
                _quiet(out)
                stop.set("the output closed", 0)
                if end:
                    say(text, end)

    return say


def _quiet(stream: TextIO) -> None:
    """Point a dead stream at /dev/null, so Python's final flush does not print a BrokenPipe traceback."""
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, stream.fileno())
        os.close(devnull)


@dataclass
class Asking:
    """Whether "End the session?" waits for its answer (typed keys may arrive one read at a time)."""

    end: bool = False


@dataclass
class Stop:
    """Why the runner stops without the session ending (a signal, a closed terminal), and the exit code."""

    why: str | None = None
    code: int = 0
    output_closed: bool = False

    def set(self, why: str, code: int) -> None:
        if self.why is None:
            self.why, self.code = why, code


SIGNALS = {"SIGINT": ("interrupted (Ctrl+C)", 130), "SIGTERM": ("stopped (SIGTERM)", 143),
           "SIGHUP": ("the terminal closed (SIGHUP)", 129)}  # fmt: skip


@contextlib.contextmanager
def _signals(stop: Stop) -> Iterator[None]:
    """Signals only set the flag the loop checks (a handler that raised could land between a write and its
    fsync); `select` wakes within REDRAW_S."""
    previous: dict[signal.Signals, object] = {}
    if threading.current_thread() is threading.main_thread():
        for name, (why, code) in SIGNALS.items():
            number = getattr(signal, name, None)
            if number is not None:
                previous[number] = signal.signal(number, lambda *_, w=why, c=code: stop.set(w, c))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)  # type: ignore[arg-type]


def main_console(live: LiveSession) -> int:
    try:
        return run_console(live, sys.stdin.fileno(), sys.stdout)
    finally:
        live.close()
