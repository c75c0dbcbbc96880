"""Plays through kicktimer's device path in a process of its own (its own PulseAudio environment), for the loopback
tests and the bench. `python -m tests.audio.player MODE ...`; prints JSON lines: first what it plans (times on the
monotonic clock, shared with the measuring process), at the end what happened.

  cues N GAP_S [SOUND] [OFFSET_MS]   N cues GAP_S apart, the first 3 s after the stream opens (OFFSET_MS
                                     "saved": the offset remembered for the default output)
  keys N GAP_S                       a session of key-started steps (Nx60m sprint r open), Space every GAP_S
  taps REPS                          tap -> fsync on a REPSx(30s r30s) session (2 x REPS timed steps), sound on
  naive N GAP_S                      the baseline: a 10 ms timer calling sounddevice.play()
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

from kicktimer.audio.device import DeviceOutput
from kicktimer.audio.quiet import quiet_console
from kicktimer.audio.synth import palette
from kicktimer.core.run.clock import NS_PER_S, MonotonicClock

STATE_POLL_S = 0.05


def say(**data: object) -> None:
    print(json.dumps(data), flush=True)


def wait_until(clock: MonotonicClock, t_ns: int, out: DeviceOutput | None, states: list[tuple[int, str]]) -> None:
    """Sleep until `t_ns`, polling the device as the app's main loop does (and noting its states)."""
    while (now := clock.now_ns()) < t_ns:
        time.sleep(min(STATE_POLL_S, (t_ns - now) / NS_PER_S))
        if out is not None:
            out.poll()
            if not states or states[-1][1] != out.state:
                states.append((clock.now_ns(), out.state))


def cues(count: int, gap_s: float, sound: str, offset_ms: float) -> None:
    quiet_console()  # as the app does when it attaches sound
    clock = MonotonicClock()
    out = DeviceOutput(palette(), clock, offset_ms=offset_ms)
    states: list[tuple[int, str]] = []
    out.start()
    first = clock.now_ns() + 3 * NS_PER_S  # as in a session: the stream runs from the first hold
    due = [first + round(k * gap_s * NS_PER_S) for k in range(count)]
    out.set_cues([(t, sound, k) for k, t in enumerate(due)])
    say(planned=due, sound=sound, device=out.device_name, state=out.state, offset_ms=offset_ms)
    wait_until(clock, due[-1] + NS_PER_S, out, states)
    say(stats=out.stats(), states=states, reason=out.reason)
    out.close()


def keys(count: int, gap_s: float) -> None:
    """Space every `gap_s`: each begins a step (the go, then the recovery) when its cue is heard."""
    from kicktimer.app.session import LiveSession
    from kicktimer.app.sound import attach_sound
    from kicktimer.io.session_file import parse_session

    text = f"name: Keys\nathletes: [{{name: Ana}}]\nworkout: {count + 1}x60m sprint r open\n"
    clock = MonotonicClock()
    with tempfile.TemporaryDirectory() as home:
        live = LiveSession.start_new(parse_session(text, "keys"), Path(home), clock)
        attach_sound(live)
        say(presses=2 * count, state=live.audio.state)
        states: list[tuple[int, str]] = []
        wait_until(clock, clock.now_ns() + 3 * NS_PER_S, None, states)
        presses = []
        for _ in range(2 * count):
            key_ns = clock.now_ns()
            live.press(" ", key_ns)
            step = live.engine.snapshot().step_index
            (cue,) = [c for c in live.engine.cues() if c.step_index == step and c.kind in ("go", "recovery")]
            presses.append({"key_ns": key_ns, "begins_ns": cue.t_ns, "sound": cue.kind})  # the step's start
            live.audio.poll()
            wait_until(clock, key_ns + round(gap_s * NS_PER_S), None, states)
        wait_until(clock, clock.now_ns() + NS_PER_S, None, states)
        say(presses=presses, state=live.audio.state)
        live.close()


def taps(reps: int) -> None:
    """Taps (two athletes' laps, 40 ms apart) in timed steps, all known ahead: a schedule reaches far. The time
    from the key to the fsync, and of that the fsync alone (the disk's share)."""
    from kicktimer.app.session import LiveSession
    from kicktimer.app.sound import attach_sound
    from kicktimer.io.session_file import parse_session

    text = f"name: Taps\nathletes: [{{name: Ana}}, {{name: Ben}}]\nworkout: {reps}x30s r30s\n"
    clock = MonotonicClock()
    with tempfile.TemporaryDirectory() as home:
        live = LiveSession.start_new(parse_session(text, "taps"), Path(home), clock)
        attach_sound(live)
        time.sleep(1.0)
        live.press(" ", clock.now_ns())
        append, fsync_ms = live.journal.append, [0.0]

        def timed(event: object) -> bool:
            t0 = time.perf_counter_ns()
            saved = append(event)  # type: ignore[arg-type]
            fsync_ms[0] = (time.perf_counter_ns() - t0) / 1e6
            return saved

        live.journal.append = timed  # type: ignore[method-assign]
        times_ms, disk_ms = [], []
        for i in range(1000):
            time.sleep(0.04)
            t0 = time.perf_counter_ns()
            outcome = live.press("12"[i % 2], clock.now_ns())
            times_ms.append((time.perf_counter_ns() - t0) / 1e6)
            disk_ms.append(fsync_ms[0])
            assert outcome.saved and outcome.event is not None
        say(tap_to_fsync_ms=times_ms, write_and_fsync_ms=disk_ms, steps=len(live.engine.plan.steps),
            state=live.audio.state)  # fmt: skip
        live.close()


def naive(count: int, gap_s: float) -> None:
    import sounddevice as sd

    sounds = palette()
    clock = MonotonicClock()
    start = clock.now_ns() + NS_PER_S
    due = [start + round(k * gap_s * NS_PER_S) for k in range(count)]
    say(planned=due, sound="countdown")
    for t in due:
        while clock.now_ns() < t:
            time.sleep(0.01)
        sd.play(sounds["countdown"], 48_000)
    sd.wait()
    say(done=True)


def offset(text: str) -> float:
    if text != "saved":
        return float(text)
    from kicktimer.app.sound import preference_store, remembered_offset_ms

    return remembered_offset_ms(preference_store(), None)


def main() -> None:
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "cues":
        sound = args[2] if len(args) > 2 else "countdown"
        cues(int(args[0]), float(args[1]), sound, offset(args[3]) if len(args) > 3 else 0.0)
    elif mode == "keys":
        keys(int(args[0]), float(args[1]))
    elif mode == "taps":
        taps(int(args[0]))
    elif mode == "naive":
        naive(int(args[0]), float(args[1]))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main()
