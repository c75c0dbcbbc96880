"""A running session: the engine, and the journal that records every event it accepts.

Shared by the console runner and the GUI. Every command comes from the one command table and returns a typed
Outcome: the event, the splits it made or took back, the step left and entered, and whether it is on disk. When
the disk refuses, the session carries on and the event waits in memory until a retry succeeds.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from kicktimer.app.sound_words import sound_words
from kicktimer.audio.null import AudioOutput, CueSound, NullOutput
from kicktimer.audio.synth import sound_name
from kicktimer.core.language.start_points import start_point_at
from kicktimer.core.run.clock import NS_PER_S, Clock, MonotonicClock, OffsetClock
from kicktimer.core.run.commands import Command, command_for_char
from kicktimer.core.run.cues import Cue, Schedule
from kicktimer.core.run.engine import SessionEngine
from kicktimer.core.run.events import Event
from kicktimer.core.run.resume import SuspendWatch, human_span, human_when, measure_gap, resume_summary, resumption
from kicktimer.core.run.state import Outcome
from kicktimer.io.journal import Journal, RecordingError, new_recording_path
from kicktimer.io.reader import read_recording
from kicktimer.io.recording_lines import Header
from kicktimer.io.recordings import session_of
from kicktimer.io.session_file import Session

CUES_AHEAD_NS = 60 * NS_PER_S  # the audio gets a minute of cues at a time, topped up halfway


def cue_sounds(engine: SessionEngine, cues: tuple[Cue, ...]) -> list[CueSound]:
    """Cues as palette sounds: a gear change sounds by the gear it changes into."""
    steps = engine.plan.steps
    return [(c.t_ns, sound_name(c.kind, steps[c.step_index].gear, c.step_index), c.step_index) for c in cues]


HEARTBEAT_S = 2.0  # how often a running session writes when it was last alive (see `Journal.alive`)
RETRY_S = 1.0  # events waiting for the disk are tried again this often (each try opens the file afresh)


def boot_minus_mono_ns() -> int | None:
    """Time the computer slept since boot (Linux: CLOCK_BOOTTIME counts sleep, CLOCK_MONOTONIC does not)."""
    boot = getattr(time, "CLOCK_BOOTTIME", None)
    return None if boot is None else time.clock_gettime_ns(boot) - time.monotonic_ns()


@dataclass(frozen=True)
class Slept:
    """A sleep noticed while running: the clock went on over it; the coach may count it as a pause."""

    from_ns: int  # on the recording's timeline, where the computer went to sleep
    slept_ns: int
    events_before: int  # the choice stands only while nothing was recorded after waking


class LiveSession:
    def __init__(self, session: Session, engine: SessionEngine, journal: Journal, notes: list[str]) -> None:
        self.session = session
        self.engine = engine
        self.journal = journal
        self.notes = notes  # what the user should be told: resumed after a gap, lines dropped…
        self.audio: AudioOutput = NullOutput()
        self.muted = False
        self.wall: Callable[[], float] = time.time  # the wall clock: heartbeats and restart gaps only
        self.sleep_clock: Callable[[], int | None] = boot_minus_mono_ns
        self._watch: SuspendWatch | None = None
        self.slept: Slept | None = None
        self._alive_ns: int | None = None  # the last heartbeat, on the timeline
        self._retried_ns = 0
        self.resume_text: list[str] = []  # where it stopped and where it is now, after a resume
        self._published: Schedule | None = None  # what the audio has: every cue up to its `until_ns`

    def attach_audio(self, audio: AudioOutput) -> None:
        self.audio = audio
        self.engine.lead = self.lead_ns
        self.publish_cues()

    def lead_ns(self) -> int:
        """From now until a cue published now is heard: a step a key starts begins then (0 when silent)."""
        return 0 if self.muted else self.audio.lead_ns()

    def publish_cues(self, again: bool = True) -> None:
        """The next minute of cues to the audio; after an event only if the future moved (a lap tap moves nothing)."""
        ahead = self.engine.cues_ahead(CUES_AHEAD_NS, None if again else self._published)
        if ahead is self._published:
            return
        self._published = ahead
        self.audio.set_cues([] if self.muted else cue_sounds(self.engine, ahead.cues))

    def keep_cues_ahead(self) -> None:
        """Call from the main loop: tops the audio's cues up when less than half the window is left."""
        until = None if self._published is None else self._published.until_ns
        if until is not None and self.engine.clock.now_ns() > until - CUES_AHEAD_NS // 2:
            self.publish_cues()

    def toggle_mute(self) -> None:
        self.muted = not self.muted
        self.publish_cues()

    def sound_state(self) -> tuple[str, str]:
        """(headline, why): what the screen shows large ("sound on", "MUTED", "NO SOUND — no speaker found",
        "SOUND LOST — reconnecting"), and the audio's reason in its own plain words ("" while it plays)."""
        return sound_words(self.audio.state, self.audio.reason, self.muted)

    @classmethod
    def start_new(cls, session: Session, recordings: Path, clock: Clock | None = None, at_step: int = 0) -> LiveSession:
        """A new recording, started at the beginning or at `at_step` (a block or a rep from `start_points`);
        RecordingError (nothing written) when its disk refuses it. The real clock is wrapped in an offset, so
        that a sleep of the computer can be added to it (see `housekeeping`)."""
        clock = clock or OffsetClock(MonotonicClock(), 0)
        now, start_ns = datetime.now().astimezone(), clock.now_ns()  # one instant on both clocks: exports keep ms
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
        live.apply(lambda: live.engine.start(at_step, start_ns))
        live.heartbeat(force=True)
        return live

    @classmethod
    def resume(
        cls, path: Path, gap_as_pause: bool = False, mono: Clock | None = None, wall: Callable[[], float] = time.time
    ) -> LiveSession:
        """Continue an unfinished recording (its lock first: a recording being written is refused, saying by
        whom); the clock continues over the gap, or the gap counts as a pause. RecordingError when it cannot."""
        journal = Journal.reopen(path)
        try:
            recording = read_recording(path)
            if recording.finished:
                raise RecordingError(f"{path}: this recording is finished; open it in review instead")
            if not recording.started:
                raise RecordingError(f"{path}: the recording has no start event; nothing to resume")
            session = session_of(recording)  # the roster as it was used, edits included
        except RecordingError:
            journal.close()
            raise
        mono = mono or MonotonicClock()
        now_wall = wall()
        plan = resumption(recording.events, recording.anchors, now_wall, mono.now_ns())
        engine = SessionEngine(session.plan, OffsetClock(mono, plan.offset_ns), recording.events)
        gap = plan.gap
        stopped = engine.snapshot(gap.stopped_ns)
        live = cls(session, engine, journal, list(recording.notes))
        live.wall = wall
        how = "counted as a pause" if gap_as_pause else "the clock went on (the athletes kept running)"
        if gap_as_pause:
            for event in engine.pause_between(gap.stopped_ns, gap.resumed_ns, f"stopped {human_span(gap.gap_s)}"):
                journal.append(event)
        live.heartbeat(force=True, note=f"resumed after {human_span(gap.gap_s)} stopped: {how}")
        live.resume_text = resume_summary(stopped, engine.snapshot(), session.plan, gap, _local(now_wall))
        live.notes.append(f"resumed {path.name}: {how}")
        if stopped.status == "paused":
            live.notes.append("it was paused when it stopped, and still is: P continues")
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
        self.publish_cues(again=False)  # when the future moved: sound first, then the disk
        saved = [self.journal.append(event) for event in self.engine.events[count:]]  # a tap may bring a resume
        return replace(outcome, saved=all(saved))

    def retry(self) -> bool:
        return self.journal.flush()

    def retry_said(self) -> str | None:
        """Try what waits again; what to tell the coach once the disk took it all."""
        waiting = self.journal.unsaved
        if not self.retry():
            return None
        return f"the disk accepted the {waiting} waiting event(s): everything is recorded"

    def heartbeat(self, force: bool = False, note: str | None = None) -> None:
        """While the clock runs, write every few seconds when the session was last alive: resume then knows
        where it stopped (within HEARTBEAT_S), not just where the last key was pressed."""
        now = self.engine.clock.now_ns()
        due = self._alive_ns is None or now - self._alive_ns >= HEARTBEAT_S * 1e9
        if force or (due and self.engine.snapshot(now).status == "running"):
            self._alive_ns = now
            self.journal.alive(now, self.wall(), note)

    def housekeeping(self) -> list[str]:
        """Called every fraction of a second by the runner: retry what waits, the heartbeat, a sleep noticed.
        Returns what the coach should be told."""
        said = []
        now = self.engine.clock.now_ns()
        if self.journal.unsaved and now - self._retried_ns >= RETRY_S * 1e9:
            self._retried_ns = now
            said += [text for text in [self.retry_said()] if text]
        said += self._notice_sleep()
        self.heartbeat()
        self.keep_cues_ahead()
        return said

    def _notice_sleep(self) -> list[str]:
        reading = self.sleep_clock()
        if reading is None or not isinstance(self.engine.clock, OffsetClock):
            return []
        if self._watch is None:
            self._watch = SuspendWatch(reading)
            return []
        slept = self._watch.slept_ns(reading)
        if not slept:
            return []
        at = self.engine.clock.now_ns()
        where = self.engine.snapshot(at)
        self.engine.clock.offset_ns += slept  # the athletes kept running: the clock goes on over the sleep
        self.slept = Slept(at, slept, len(self.engine.events))
        self.publish_cues()
        self.heartbeat(force=True, note=f"the computer slept {human_span(slept / 1e9)}: the clock went on")
        asleep = human_span(slept / 1e9)
        return [f"the computer was asleep for {asleep} (at {where.step.label}); the clock went on as if it had "
                "not (the athletes kept running). G counts the time asleep as a pause instead"]  # fmt: skip

    def count_sleep_as_pause(self) -> str:
        """The coach's other choice after a sleep: the time asleep becomes a pause (if nothing came after)."""
        slept = self.slept
        if slept is None:
            return "no sleep to count as a pause"
        self.slept = None
        if len(self.engine.events) != slept.events_before:
            return "too late to count the sleep as a pause: events were recorded since; the clock stays as it is"
        reason = f"the computer slept {human_span(slept.slept_ns / 1e9)}"
        gap = self.engine.pause_between(slept.from_ns, slept.from_ns + slept.slept_ns, reason)
        self.publish_cues()
        saved = all([self.journal.append(event) for event in gap])
        return f"the time asleep counts as a pause{'' if saved else ' (waiting for the disk)'}"

    def rescue(self, directory: Path) -> str:
        """Save the whole recording, what waits included, to `directory` (the disk of the recording refuses).
        Returns what to say; OSError when that folder refuses too."""
        target = self.journal.rescue(directory)
        return (f"the whole recording, with the {self.journal.unsaved} event(s) its disk refused, is saved as "
                f"{target}; copy it over {self.journal.path} once that disk works again")  # fmt: skip

    def stop(self, why: str) -> list[str]:
        """End the program without ending the session (a signal, a closed terminal): flush, note when it
        stopped, and when its disk refuses, save a whole copy in the first fallback folder that takes it."""
        said = []
        if self.journal.flush():
            self.heartbeat(force=True)
        else:
            for folder in fallback_folders(self.journal.path):
                try:
                    said.append(self.rescue(folder))
                    break
                except OSError:
                    continue
            else:
                said.append(f"NOT SAVED: {self.journal.unsaved} event(s) could be written nowhere "
                            f"({self.journal.last_error})")  # fmt: skip
        said.append(f"{why}: the recording {self.journal.path} is kept; continue it with `kicktimer run --resume`"
                    " (or at the next start of kicktimer)")  # fmt: skip
        return said

    def close(self) -> None:
        self.audio.close()
        self.journal.close()


def preview_resume(path: Path, wall: Callable[[], float] = time.time) -> list[str]:
    """What resuming `path` would find, before choosing how (nothing is written, no lock is taken):
    when it started, when and where it stopped, where it is now had the clock gone on."""
    recording = read_recording(path)
    session = session_of(recording)
    now_wall = wall()
    gap = measure_gap(recording.events, recording.anchors, now_wall)
    engine = SessionEngine(session.plan, MonotonicClock(), recording.events)  # read at given moments only
    started = datetime.fromisoformat(recording.header.wall_start)
    first = f"{recording.header.session_name}, started {human_when(started, _local(now_wall))}, did not finish."
    return [first, *resume_summary(engine.snapshot(gap.stopped_ns), engine.snapshot(gap.resumed_ns), session.plan, gap,
                                   _local(now_wall))]  # fmt: skip


def fallback_folders(recording: Path) -> list[Path]:
    """Where a recording whose disk refuses can be saved instead: the home folder, then the temporary one
    (each only if it is not the recording's own folder)."""
    folders = [Path.home(), Path(tempfile.gettempdir())]
    return [f for f in folders if f.resolve() != recording.parent.resolve()]


def _local(wall_s: float) -> datetime:
    return datetime.fromtimestamp(wall_s).astimezone()
