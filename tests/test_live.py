"""LiveSession: the engine and its recording together; resume rebuilds the same state."""

from __future__ import annotations

from pathlib import Path

import pytest

from kicktimer.app.session import LiveSession
from kicktimer.io.journal import RecordingError
from kicktimer.io.reader import read_recording
from kicktimer.io.session_file import load_session
from tests.conftest import SESSIONS
from tests.support.clock import FakeClock


def test_start_record_end(tmp_path: Path) -> None:
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    assert live.engine.started and live.journal.unsaved == 0
    for key, dt in [(" ", 1), (" ", 5), ("1", 30), ("2", 1), ("x", 1), ("q", 1)]:
        clock.advance(dt)
        outcome = live.press(key, clock.now_ns())
        assert outcome.saved
    live.close()
    recording = read_recording(live.journal.path)
    assert [e.type for e in recording.events] == ["start", "tap", "tap", "tap", "tap", "end"]
    assert recording.header.source_text == session.source_text
    assert recording.header.plan == session.plan.to_json()
    with pytest.raises(RecordingError, match="finished"):
        LiveSession.resume(live.journal.path)


def test_resume_rebuilds_the_state_and_counts_the_gap_as_a_pause_when_asked(tmp_path: Path) -> None:
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    for key in "  1":
        clock.advance(2)
        live.press(key, clock.now_ns())
    before = live.engine.snapshot()
    live.journal.close()  # the process dies here
    resumed = LiveSession.resume(live.journal.path, gap_as_pause=True)
    after = resumed.engine.snapshot()
    assert after.step_index == before.step_index and after.status == "running"
    assert resumed.engine.splits == live.engine.splits
    assert any("counted as a pause" in note for note in resumed.notes)
    recording = read_recording(live.journal.path)
    assert [e.type for e in recording.events][-2:] == ["pause", "resume"]
    assert recording.restarts and "counted as a pause" in recording.restarts[0]
    resumed.close()


def test_resume_continues_the_clock_by_default_and_says_where(tmp_path: Path) -> None:
    """Killed 40 s into the 15:00 warm-up jog, restarted 3 min later (wall clock): the jog has 11:20 left."""
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    live.wall = lambda: 1_800_000_000.0 + clock.now_ns() / 1e9
    live.press(" ", clock.now_ns())  # leave the hold: the jog runs
    for _ in range(20):
        clock.advance(2)
        live.housekeeping()  # heartbeats every 2 s
    assert live.engine.snapshot().remaining_s == 14 * 60 + 20
    live.journal.close()  # the process dies here; 3 min later it starts again
    mono = FakeClock(5 * 10**9)
    resumed = LiveSession.resume(live.journal.path, mono=mono, wall=lambda: 1_800_000_000.0 + 1040 + 180)
    snap = resumed.engine.snapshot()
    assert snap.step.label == "15min jog" and snap.remaining_s == 11 * 60 + 20
    assert [e.type for e in resumed.engine.events] == ["start", "tap"]  # nothing pretends to be a pause
    assert resumed.resume_text[0].startswith("stopped 3 min ago") and "14:20 left" in resumed.resume_text[0]
    assert "11:20 left" in resumed.resume_text[1]
    resumed.close()


def test_keys_map_to_commands(tmp_path: Path) -> None:
    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    assert live.press("1", clock.now_ns()).event is None  # athlete keys do not leave a hold
    assert live.press("9", clock.now_ns()).event is None  # no ninth athlete
    assert live.press(" ", clock.now_ns()).event is not None
    event = live.press("p", clock.now_ns()).event
    assert event is not None and event.type == "pause"
    assert live.press("P", clock.now_ns()).event is not None  # case does not matter
    assert live.press("?", clock.now_ns()).event is None
    live.close()


def test_disk_full_mid_session_the_session_goes_on_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    from kicktimer.io import journal as journal_module

    session = load_session(SESSIONS / "kick-500s.session.yaml")
    clock = FakeClock()
    live = LiveSession.start_new(session, tmp_path, clock)
    real_write = os.write
    full = {"on": True}

    def write(fd: int, data: bytes) -> int:
        if full["on"]:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(journal_module.os, "write", write)
    outcomes = []
    for key in " 12":
        clock.advance(3)
        outcomes.append(live.press(key, clock.now_ns()))
    assert [o.saved for o in outcomes] == [False, False, False]
    assert live.engine.snapshot().step.label == "15min jog"  # the timer did not stop
    assert live.journal.unsaved == 3 and live.retry() is False
    full["on"] = False
    assert live.retry() is True
    live.close()
    assert [e.type for e in read_recording(live.journal.path).events] == ["start", "tap", "tap", "tap"]


def test_unwritable_data_dir_is_refused_before_the_session_starts(tmp_path: Path) -> None:
    import subprocess
    import sys

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    result = subprocess.run(
        [sys.executable, "-m", "kicktimer", "run", str(SESSIONS / "kick-500s.session.yaml"), "--console",
         "--data-dir", str(blocker)],
        capture_output=True, text=True, input="", check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert "cannot write recordings in" in result.stderr and "--data-dir" in result.stderr
    assert "Traceback" not in result.stderr


def console_run(tmp_path: Path, keys: bytes) -> tuple[LiveSession, str]:
    """kick-500s in the console runner on a fake clock, `keys` typed and then the input closed: what it said."""
    import io
    import os

    from kicktimer.app.console import run_console

    live = LiveSession.start_new(load_session(SESSIONS / "kick-500s.session.yaml"), tmp_path, FakeClock())
    read_end, write_end = os.pipe()
    os.write(write_end, keys)
    os.close(write_end)
    out = io.StringIO()
    try:
        assert run_console(live, read_end, out) == 0
    finally:
        os.close(read_end)
        live.close()
    return live, out.getvalue()


def test_the_console_lists_its_keys_from_the_table_and_words_what_each_key_did(tmp_path: Path) -> None:
    _, text = console_run(tmp_path, b"? 1uqy")
    assert "keys: Space tap all · 1-9 athlete · p pause · b back · n skip" in text
    assert "  B / Left" not in text and "  b         restart this step" in text  # `?`: the console's own keys
    assert "[recorded 2] tap Ana:" in text and "[recorded 3] undo (Ana " in text and "taken back)" in text


def test_the_console_undoes_a_skip_and_says_so_and_names_the_sound_once(tmp_path: Path) -> None:
    live, text = console_run(tmp_path, b"nuuqy")
    assert "[recorded 1] skip" in text and "[recorded 2] undo (skip taken back)" in text
    assert "NO SOUND: Sound is off" in text and "no sound: no sound" not in text.lower()
    assert [e.type for e in live.engine.events][:3] == ["start", "skip", "undo"]  # the second u: nothing to undo


class ListeningAudio:
    """An audio output that only records what it is given, and says how long until a cue published now is heard."""

    state, reason, detail = "playing", None, None

    def __init__(self, lead_ns: int) -> None:
        self.lead = lead_ns
        self.published: list[list[tuple[int, str, int]]] = []

    def start(self) -> bool:
        return True

    def set_cues(self, cues: object) -> None:
        self.published.append(list(cues))  # type: ignore[call-overload]

    def lead_ns(self) -> int:
        return self.lead

    def poll(self) -> None:
        return None

    def close(self) -> None:
        return None


def listened(
    tmp_path: Path, workout: str, lead_ns: int = 0, athletes: str = "[{name: Ana}]"
) -> tuple[LiveSession, FakeClock, ListeningAudio]:
    """A workout started on a fake clock, its cues published to a ListeningAudio heard `lead_ns` after."""
    from kicktimer.io.session_file import parse_session

    clock = FakeClock()
    text = f"name: Listened\nathletes: {athletes}\nworkout: {workout}\n"
    live = LiveSession.start_new(parse_session(text, "listened"), tmp_path, clock)
    audio = ListeningAudio(lead_ns)
    live.attach_audio(audio)
    return live, clock, audio


def test_with_sound_a_key_started_step_begins_when_its_cue_is_heard_and_muted_at_the_key(tmp_path: Path) -> None:
    live, clock, audio = listened(tmp_path, "3x60m sprint r open", 130_000_000)
    clock.advance(3)
    outcome = live.press(" ", clock.now_ns())
    assert outcome.event is not None and outcome.event.lead_ns == 130_000_000
    assert (clock.now_ns() + 130_000_000, "go", 1) in audio.published[-1]
    live.toggle_mute()  # muted: nothing to wait for
    clock.advance(8)
    outcome = live.press(" ", clock.now_ns())
    assert outcome.event is not None and outcome.event.lead_ns is None
    assert audio.published[-1] == []
    live.close()
    assert read_recording(live.journal.path).events[1].lead_ns == 130_000_000  # on disk: replays the same


def test_the_audio_is_given_a_minute_of_cues_and_topped_up_before_they_run_out(tmp_path: Path) -> None:
    from kicktimer.app.session import CUES_AHEAD_NS

    live, clock, audio = listened(tmp_path, "100x30s r30s")  # 100 min
    live.press(" ", clock.now_ns())
    start = clock.now_ns()
    first = audio.published[-1]
    assert max(t for t, _, _ in first) < start + CUES_AHEAD_NS + 30 * 10**9  # not the whole 100 minutes
    count = len(audio.published)
    live.keep_cues_ahead()
    assert len(audio.published) == count  # plenty left: nothing to do
    for _ in range(40 * 60):  # twenty minutes of the main loop, twice a second
        clock.advance(0.5)
        live.keep_cues_ahead()
        if _ % 97 == 0:  # whenever we look, the audio has every cue of the next half minute
            soon = {(c.t_ns, c.step_index) for c in live.engine.cues() if c.t_ns < clock.now_ns() + 30 * 10**9}
            assert soon <= {(t, step) for t, _, step in audio.published[-1]}
    assert 15 < len(audio.published) - count < 30 and len(audio.published[-1]) < 50  # a few dozen cues at a time
    live.close()


def test_a_tap_that_moves_no_future_publishes_nothing_new_and_one_that_does_does(tmp_path: Path) -> None:
    live, clock, audio = listened(tmp_path, "3x60s r30s", athletes="[{name: Ana}, {name: Ben}]")
    live.press(" ", clock.now_ns())  # the go: the whole timed future is known now
    count = len(audio.published)
    for key in "1212":  # laps inside the timed rep: the schedule does not move
        clock.advance(5)
        assert live.press(key, clock.now_ns()).saved
    assert len(audio.published) == count
    live.press("u", clock.now_ns())  # an undo neither
    assert len(audio.published) == count
    live.press("n", clock.now_ns())  # skip to the recovery: it does
    assert len(audio.published) == count + 1 and audio.published[-1][0][1] == "recovery"
    before = audio.published[-1]
    live.press("p", clock.now_ns())  # a pause: nothing is due while paused
    assert audio.published[-1] == []
    clock.advance(100)
    live.press("p", clock.now_ns())  # and on resume, the same future 100 s later
    assert [(t - 100 * 10**9, name) for t, name, _ in audio.published[-1]] == [(t, n) for t, n, _ in before]
    live.close()


def test_the_start_event_and_the_wall_clock_start_are_one_instant(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Creating the file (write + fsync) takes time; the start must not be stamped after it, or every exported
    clock time is early by that much."""
    from kicktimer.app import session as session_module

    clock = FakeClock()
    read_wall_at = clock.now_ns()
    create = session_module.Journal.create

    def slow_create(*args: object, **kwargs: object) -> object:
        clock.advance(0.040)  # a slow disk
        return create(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(session_module.Journal, "create", slow_create)
    live = LiveSession.start_new(load_session(SESSIONS / "kick-500s.session.yaml"), tmp_path, clock)
    live.close()
    start = read_recording(live.journal.path).events[0]
    assert start.type == "start" and start.t_ns == read_wall_at


def test_console_keys_that_do_nothing_say_why_naming_the_consoles_keys(tmp_path: Path) -> None:
    _, text = console_run(tmp_path, b"u+9p1qy")
    lines = text.splitlines()
    assert "Nothing to undo: no tap, Back or Skip stands" in lines
    assert any(line.startswith("+15 s works only during a timed recovery (now: ") for line in lines)
    assert "Key 9: there is no athlete 9 today" in lines
    assert "Paused: that tap is not recorded here. p to continue" in lines  # the console's key, not the window's P


def test_a_stray_q_only_asks_and_taps_typed_meanwhile_still_count_without_answering(tmp_path: Path) -> None:
    live, text = console_run(tmp_path, b" Q12?q1Y")
    lines = text.splitlines()
    question = "End the session? y ends it, any other key keeps running (Space and 1-9 still tap meanwhile)"
    assert lines.count(question) == 2 and "Not ended: the session keeps running" in lines  # ? answered the first
    types = [e.type for e in live.engine.events]
    assert types == ["start", "tap", "tap", "tap", "tap", "end"]  # 1, 2 and 1 were taps, not answers; Y ended it
    assert [e.athlete for e in live.engine.events[2:5]] == [0, 1, 0]
    assert "[recorded 5] end" in text


def test_a_lone_q_ends_nothing(tmp_path: Path) -> None:
    live, text = console_run(tmp_path, b" q")
    assert [e.type for e in live.engine.events] == ["start", "tap"] and "End the session?" in text
    assert "input closed: the recording" in text  # the runner stopped; the session can be resumed


def test_space_in_a_timed_recovery_says_why_it_taps_no_one_and_1_still_laps(tmp_path: Path) -> None:
    live, text = console_run(tmp_path, b" n     1")  # past the jog and the hold, the rep's 3 segments: R 5:00
    assert live.engine.snapshot().step.label == "R 5:00"
    assert "Recovery runs on the clock: Space taps no one here — 1-9 lap one athlete, n starts the next step" in text
    recovery = [s for s in live.engine.splits if live.engine.plan.steps[s.step].phase == "recovery"]
    assert [(s.athlete, s.kind) for s in recovery] == [(0, "lap")]


def test_the_consoles_clock_counts_down_as_the_windows_does(tmp_path: Path) -> None:
    from kicktimer.app.console import status_line
    from kicktimer.core.run.state import clock_text

    clock = FakeClock()
    live = LiveSession.start_new(load_session(SESSIONS / "kick-500s.session.yaml"), tmp_path, clock)
    live.press(" ", clock.now_ns())  # the 15:00 jog
    seen = []
    for advance_s in (0.4, 839.8, 0.9, 53.9, 0.5, 0.01):  # 899.6, 59.8, 58.9, 5.0, 4.5 and 4.49 s left
        clock.advance(advance_s)
        snap = live.engine.snapshot()
        line = status_line(snap, False)
        assert line.split()[0] == clock_text(snap)  # the window's clock: one function
        seen.append(line.split()[0])
    assert seen == ["15:00", "1:00", "0:59", "5.0", "4.5", "4.5"]  # whole seconds; tenths (".0" kept) in the last 10
    assert status_line(live.engine.snapshot(), True).endswith("15min jog  · End? y ends it")
    live.close()
