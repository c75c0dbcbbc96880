"""A running session: the engine, and the journal that records every event it accepts.

Shared by the console runner and the GUI. Every command returns what happened and whether it is on disk;
when the disk refuses, the session carries on and the event waits in memory until a retry succeeds.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kicktimer.audio.null import AudioOutput, CueSound, NullOutput
from kicktimer.audio.synth import sound_name
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.run.clock import Clock, MonotonicClock, OffsetClock
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event
from kicktimer.core.run.resume import resumption
from kicktimer.io.journal import Header, Journal, RecordingError, new_recording_path, read_recording
from kicktimer.io.recordings import session_of
from kicktimer.io.session_file import Session


@dataclass(frozen=True)
class Outcome:
    event: Event | None  # None: the command changed nothing and was not recorded
    saved: bool  # the event (and everything before it) is on disk
    index: int  # the event's index in the recording (-1 when none)


def cue_sounds(engine: SessionEngine) -> list[CueSound]:
    """The engine's cue schedule as palette sounds: a gear change sounds by the gear it changes into."""
    steps = engine.plan.steps
    return [(c.t_ns, sound_name(c.kind, steps[c.step_index].gear, c.step_index), c.step_index) for c in engine.cues()]


def command_for(engine: SessionEngine, key: str, t_ns: int) -> Event | None:
    """The engine command a key stands for; None for keys that mean nothing here."""
    if key == " ":
        return engine.tap(None, t_ns)
    if key in "123456789":
        return engine.tap(int(key) - 1, t_ns)
    actions = {
        "p": engine.toggle_pause,
        "n": engine.skip,
        "b": engine.back,
        "+": lambda: engine.extend(15.0),
        "-": lambda: engine.extend(-15.0),
        "u": engine.undo,
        "q": engine.end,
    }
    action = actions.get(key.lower())
    return action() if action else None


def describe_event(live: LiveSession, outcome: Outcome) -> str:
    event = outcome.event
    assert event is not None
    names = [a.name for a in live.engine.plan.athletes]
    what: str = event.type
    if event.type == "tap":
        splits = [s for s in live.engine.splits if s.event == outcome.index]
        who = "all" if event.athlete is None else names[event.athlete]
        details = []
        for split in splits:
            label = live.engine.plan.steps[split.step].label
            delta = "" if split.delta_s is None else f" ({split.delta_s:+.2f})"
            who_split = f"{names[split.athlete]} " if event.athlete is None else ""
            details.append(f"{who_split}{split.kind} {label} {format_clock(split.duration_s)}{delta}")
        what = f"tap {who}" + (": " + "; ".join(details) if details else "")
    elif event.type == "extend":
        what = f"extend {event.delta_s:+.0f} s"
    if outcome.saved:
        return f"[recorded {outcome.index}] {what}"
    return (
        f"[NOT SAVED YET {outcome.index}] {what} — {live.journal.last_error}; kept in memory, retrying "
        f"({live.journal.unsaved} waiting)"
    )


class LiveSession:
    def __init__(self, session: Session, engine: SessionEngine, journal: Journal, notes: list[str]) -> None:
        self.session = session
        self.engine = engine
        self.journal = journal
        self.notes = notes  # what the user should be told: resumed after a gap, lines dropped…
        self.audio: AudioOutput = NullOutput()
        self.muted = False

    def attach_audio(self, audio: AudioOutput) -> None:
        self.audio = audio
        audio.set_cues(cue_sounds(self.engine))

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self.audio.set_cues([] if self.muted else cue_sounds(self.engine))

    def sound_state(self) -> str:
        if self.muted:
            return "muted"
        return self.audio.state + (f": {self.audio.reason}" if self.audio.reason else "")

    @classmethod
    def start_new(cls, session: Session, recordings: Path, clock: Clock | None = None) -> LiveSession:
        clock = clock or MonotonicClock()
        now = datetime.now().astimezone()
        header = Header(
            session.name,
            session.source_text,
            None if session.path is None else str(session.path),
            session.plan.to_json(),
            now.isoformat(timespec="seconds"),
            now.timestamp(),
            athletes=[{"name": a.name, "paces": dict(a.paces)} for a in session.plan.athletes],
        )
        journal = Journal.create(new_recording_path(recordings, session.name, now), header)
        live = cls(session, SessionEngine(session.plan, clock), journal, [])
        live.record(live.engine.start())
        return live

    @classmethod
    def resume(cls, path: Path) -> LiveSession:
        """Continue an unfinished recording; raises RecordingError when it cannot be."""
        recording = read_recording(path)
        if recording.finished:
            raise RecordingError(f"{path}: this recording is finished; open it in review instead")
        if not any(e.type == "start" for e in recording.events):
            raise RecordingError(f"{path}: the recording has no start event; nothing to resume")
        session = session_of(recording)  # the roster as it was used, edits included
        mono = MonotonicClock()
        plan_resume = resumption(recording.events, recording.header.wall_start_unix_s, time.time(), mono.now_ns())
        engine = SessionEngine(session.plan, OffsetClock(mono, plan_resume.offset_ns), recording.events)
        notes = [*recording.notes, f"resumed {path.name}: the {plan_resume.gap_s:.0f} s gap counts as a pause"]
        live = cls(session, engine, Journal.reopen(path), notes)
        for event in plan_resume.events:
            engine.events.append(event)
            live.journal.append(event)
        live.engine = SessionEngine(session.plan, engine.clock, engine.events)
        return live

    def record(self, event: Event | None) -> Outcome:
        if event is None:
            return Outcome(None, self.journal.unsaved == 0, -1)
        if not self.muted:
            self.audio.set_cues(cue_sounds(self.engine))  # the future moved: sound first, then the disk
        saved = self.journal.append(event)
        return Outcome(event, saved, len(self.engine.events) - 1)

    def retry(self) -> bool:
        return self.journal.flush()

    def close(self) -> None:
        self.audio.close()
        self.journal.close()


def attach_sound(
    live: LiveSession, *, mute: bool = False, volume: float = 1.0, device: int | str | None = None
) -> None:
    """The palette and any voice clips (made now, before the stream starts) on the chosen output."""
    from kicktimer.audio.device import open_output
    from kicktimer.audio.synth import palette, scaled
    from kicktimer.audio.voice import voice_clips

    if mute:
        live.attach_audio(NullOutput("muted"))
        return
    clips, notice = voice_clips(live.engine.plan)
    if notice:
        live.notes.append(notice)
    live.attach_audio(open_output(scaled({**palette(), **clips}, volume), live.engine.clock, device))
