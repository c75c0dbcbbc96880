"""A running session: the engine, and the journal that records every event it accepts.

Shared by the console runner and the GUI. Every command comes from the one command table and returns a typed
Outcome: the event, the splits it made or took back, the step left and entered, and whether it is on disk. When
the disk refuses, the session carries on and the event waits in memory until a retry succeeds.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from kicktimer.audio.null import AudioOutput, CueSound, NullOutput
from kicktimer.audio.synth import sound_name
from kicktimer.core.language.start_points import start_point_at
from kicktimer.core.run.clock import Clock, MonotonicClock, OffsetClock
from kicktimer.core.run.commands import Command, command_for_char
from kicktimer.core.run.engine import Outcome, SessionEngine
from kicktimer.core.run.events import Event
from kicktimer.core.run.resume import resumption
from kicktimer.io.journal import Header, Journal, RecordingError, new_recording_path, read_recording
from kicktimer.io.recordings import session_of
from kicktimer.io.session_file import Session


def cue_sounds(engine: SessionEngine) -> list[CueSound]:
    """The engine's cue schedule as palette sounds: a gear change sounds by the gear it changes into."""
    steps = engine.plan.steps
    return [(c.t_ns, sound_name(c.kind, steps[c.step_index].gear, c.step_index), c.step_index) for c in engine.cues()]


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
    def start_new(cls, session: Session, recordings: Path, clock: Clock | None = None, at_step: int = 0) -> LiveSession:
        """A new recording, started at the beginning or at `at_step` (a block or a rep from `start_points`)."""
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
        point = start_point_at(session.plan, at_step) if at_step else None
        notes = [] if point is None else [f"starting at {point.text}; the steps before it are not run"]
        live = cls(session, SessionEngine(session.plan, clock), journal, notes)
        live.apply(lambda: live.engine.start(at_step))
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
        clock = OffsetClock(mono, plan_resume.offset_ns)
        engine = SessionEngine(session.plan, clock, [*recording.events, *plan_resume.events])
        notes = [*recording.notes, f"resumed {path.name}: the {plan_resume.gap_s:.0f} s gap counts as a pause"]
        live = cls(session, engine, Journal.reopen(path), notes)
        for event in plan_resume.events:  # the engine has them already: now the disk
            live.journal.append(event)
        return live

    def execute(self, command: Command, athlete: int | None, t_ns: int) -> Outcome:
        """A command from the table, stamped at the key: the engine decides, the sound follows, the disk keeps it."""
        call = command.call
        if call is None:  # not the engine's: the session answers what is its own
            if command.name == "mute":
                self.toggle_mute()
            return Outcome(None, saved=self.journal.unsaved == 0)
        return self.apply(lambda: call(self.engine, athlete, t_ns))

    def press(self, char: str, t_ns: int) -> Outcome:
        """A console key: the command the table gives it, or nothing."""
        found = command_for_char(char)
        return self.execute(found[0], found[1], t_ns) if found else Outcome(None, saved=self.journal.unsaved == 0)

    def apply(self, action: Callable[[], Event | None]) -> Outcome:
        count = len(self.engine.events)
        outcome = self.engine.apply(action)
        if outcome.event is None:
            return replace(outcome, saved=self.journal.unsaved == 0)
        if not self.muted:
            self.audio.set_cues(cue_sounds(self.engine))  # the future moved: sound first, then the disk
        saved = [self.journal.append(event) for event in self.engine.events[count:]]  # a tap may bring a resume
        return replace(outcome, saved=all(saved))

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
