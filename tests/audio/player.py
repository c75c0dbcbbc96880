"""Plays cues in a subprocess (its own PulseAudio environment): `python -m tests.audio.player ours|naive N GAP_S`.
Prints the schedule it meant, as JSON. `ours` is kicktimer's device path; `naive` is the baseline AUDIO.md
describes: a 10 ms timer that calls sounddevice.play() when a cue is due."""

from __future__ import annotations

import json
import sys
import time

from kicktimer.audio.device import DeviceOutput
from kicktimer.audio.synth import RATE, palette
from kicktimer.core.run.clock import NS_PER_S, MonotonicClock


def main() -> None:
    mode, count, gap_s = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    sounds = palette()
    clock = MonotonicClock()
    latency = None
    if mode == "lose":  # play, and report the device state while the test kills the sound server
        out = DeviceOutput(sounds, clock)
        out.start()
        states = [out.state]
        out.set_cues([(clock.now_ns() + k * NS_PER_S // 2, "countdown", k) for k in range(1, 20)])
        for _ in range(int(gap_s / 0.1)):
            time.sleep(0.1)
            out.poll()
            if out.state != states[-1]:
                states.append(out.state)
        out.close()
        print(json.dumps({"states": states, "reason": out.reason}))
        return
    if mode == "ours":
        out = DeviceOutput(sounds, clock)
        if not out.start():
            raise SystemExit(f"no device: {out.reason}")
        time.sleep(1.0)  # as in a session: the stream runs from the first hold, long before the first cue
        start = clock.now_ns() + NS_PER_S
        due = [start + round(k * gap_s * NS_PER_S) for k in range(count)]
        out.set_cues([(t, "countdown", k) for k, t in enumerate(due)])
        latency = out._stream.latency
        time.sleep((due[-1] - clock.now_ns()) / NS_PER_S + 1.0)
        out.close()
    else:
        import sounddevice as sd

        start = clock.now_ns() + NS_PER_S
        due = [start + round(k * gap_s * NS_PER_S) for k in range(count)]
        for t in due:
            while clock.now_ns() < t:
                time.sleep(0.01)
            sd.play(sounds["countdown"], RATE)
        sd.wait()
    print(json.dumps({"due_ns": due, "latency_s": latency}))


if __name__ == "__main__":
    main()
