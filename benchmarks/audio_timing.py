"""Cue timing through real sound, absolutely: a private PulseAudio null sink held like a sound card (a reader keeps
its latency low), every onset on the sink's own sample clock mapped to the monotonic clock and compared with the
instant it was planned for (tests/audio/loopback.py). In one run: idle and with two busy loops, the naive baseline,
key -> cue, 300 ms stalls, the sound server killed for 5 s, the callback's cost, tap -> fsync with the device
attached, and the microphone calibration against a speaker 200 ms late. `--soak MIN` adds a soak (cues every 2 s).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import time
from typing import Any

import numpy as np

from kicktimer.audio.device import LOST as LOST_TEXT
from kicktimer.audio.synth import palette
from tests.audio.loopback import (
    Errors,
    Monitor,
    Pulse,
    Recording,
    SinkUnavailableError,
    busy_loops,
    judge,
    played,
    pulse,
    run_player,
    stop_all,
)

SOUNDS = palette()
GOALS = "goals: every cue heard once; |mean| <= 1 ms, SD <= 0.1 ms idle, SD <= 0.5 ms busy"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def cue_errors(recording: Recording, plan: dict[str, Any], sound: str = "countdown") -> tuple[Errors, float]:
    due = plan["planned"]
    clock = recording.clock((due[0] - 2e9, due[-1] + 0.5e9))
    return judge(recording, clock, due, SOUNDS[sound]), clock.rate_ppm


def steady(server: Pulse, count: int, busy: int) -> None:
    loops = busy_loops(busy) if busy else []
    try:
        recording, plan, report, _ = played(server, ["cues", str(count), "0.5"])
    finally:
        stop_all(loops)
    errors, ppm = cue_errors(recording, plan)
    label = "idle" if not busy else f"{busy} busy loops"
    print(errors.line(f"  {label:>12}") + f"; sink {ppm:+.1f} ppm (model {report['stats']['rate_ppm']:+.1f})")


def naive(server: Pulse) -> None:
    recording, plan, _, _ = played(server, ["naive", "12", "2.0"])
    errors, _ = cue_errors(recording, plan)
    print(errors.line("  naive baseline (a 10 ms timer calling sounddevice.play())"))


def keys(server: Pulse) -> None:
    """Space every 1.5 s: each starts a step whose cue (go, recovery) is heard when the step begins."""
    recording, _, report, _ = played(server, ["keys", "10", "1.5"])
    presses = report["presses"]
    clock = recording.clock((presses[0]["key_ns"] - 2e9, presses[-1]["key_ns"] + 1e9))
    agree, after_key = [], []
    for name in ("go", "recovery"):
        mine = [p for p in presses if p["sound"] == name]
        errors = judge(recording, clock, [p["begins_ns"] for p in mine], SOUNDS[name], 60, 60)
        agree += errors.errors_ms
        after_key += [(p["begins_ns"] - p["key_ns"]) / 1e6 + e for p, e in zip(mine, errors.errors_ms, strict=False)]
    print(
        f"  key -> cue: {len(agree)}/{len(presses)} key-started cues heard {np.mean(after_key):.1f} ms after the key"
        f" (the output latency); heard vs the step's start on the clock: mean {np.mean(agree):+.3f} ms, "
        f"max |e| {np.max(np.abs(agree)):.3f} ms (goal <= 1 ms)"
    )


def stall(server: Pulse) -> None:
    """Cues every 0.25 s; three times the player is stopped for 300 ms (SIGSTOP), 150 ms before a cue."""
    stopped: list[int] = []

    def stop_three_times(plan: dict[str, Any]) -> None:
        for k in (12, 24, 36):
            due = plan["planned"][k]
            while time.monotonic_ns() < due - 150_000_000:
                time.sleep(0.001)
            os.kill(plan["pid"], signal.SIGSTOP)
            stopped.append(time.monotonic_ns())
            time.sleep(0.3)
            os.kill(plan["pid"], signal.SIGCONT)

    recording, plan, report, err = played(server, ["cues", "48", "0.25"], stop_three_times)
    due = plan["planned"]
    clock = recording.clock((due[0] - 2e9, due[-1] + 0.5e9))
    in_stall = [due[k] for k in (12, 24, 36)]
    others = [t for t in due if t not in in_stall]
    errors = judge(recording, clock, others, SOUNDS["countdown"], 50, 50)
    late = judge(recording, clock, in_stall, SOUNDS["countdown"], 1, 240)
    after = judge(recording, clock, [due[k] for k in (13, 25, 37)], SOUNDS["countdown"], 50, 50)
    stats = report["stats"]
    print(
        f"  stalls (3 x 300 ms SIGSTOP): {errors.heard}/{len(due)} cues heard; the cues due in the stalls"
        f" came {', '.join(f'{e:+.0f}' for e in late.errors_ms)} ms late, once each; the first cue after each stall"
        f" {', '.join(f'{e:+.3f}' for e in after.errors_ms)} ms; all others: mean {errors.mean_ms:+.3f} ms, max |e|"
        f" {errors.max_ms:.3f} ms; the stream saw {stats['gaps']} gaps, {stats['late']} late, {stats['dropped']}"
        f" dropped, {stats['cut']} cut; console lines from the libraries: {len(err.splitlines())}"
    )


def device_loss(server: Pulse) -> None:
    """The sound server is killed 1 s after the first cue and comes back 5 s later; the player carries on."""
    player = run_player(server, "cues", "60", "0.25")
    assert player.stdout is not None
    plan = json.loads(player.stdout.readline())
    monitor = Monitor(server)
    due = plan["planned"]
    while time.monotonic_ns() < due[0] + 1_000_000_000:
        time.sleep(0.01)
    server.kill()
    killed = time.monotonic_ns()
    time.sleep(5.0)
    monitor.stop()
    server.start()
    back = time.monotonic_ns()
    monitor = Monitor(server)
    time.sleep(1.0)
    monitor.note_render_ahead()
    out, err = player.communicate(timeout=120)
    recording = monitor.stop()
    report = json.loads(out.splitlines()[-1])
    states = report["states"]
    lost = next((t for t, s in states if s != "playing" and t > killed - 1e9), float("nan"))
    playing = next((t for t, s in states if s == "playing" and t > lost), float("nan"))
    later = [t for t in due if t > back]
    clock = recording.clock((later[0] - 1e9, later[-1] + 0.5e9))
    first_sound = min((h for h in (clock.heard_ns(i) for i in _onsets(recording)) if h > back), default=float("nan"))
    settled = [t for t in due if t > first_sound + 0.5e9]
    errors = judge(recording, clock, settled, SOUNDS["countdown"], 50, 50)
    print(
        f"  device loss (server killed for 5 s): noticed {(lost - killed) / 1e9:.2f} s after, said as "
        f'"{LOST_TEXT[:40]}…"; playing again {(playing - back) / 1e9:.2f} s after the server returned (goal <= 1 s);'
        f" first sound {(first_sound - back) / 1e9:.2f} s after it (a fresh null sink consumes nothing for its first"
        f" ~1.7 s: a bare stream opened then waits as long); cues from 0.5 s later: {errors.heard}/{errors.expected} "
        f"heard, mean {errors.mean_ms:+.3f} ms, max |e| {errors.max_ms:.3f} ms; {report['stats']['dropped']} cues due"
        f" while away dropped; console lines from the libraries: {len(err.splitlines())}"
    )


def _onsets(recording: Recording) -> list[int]:
    from tests.audio.loopback import onsets

    return onsets(recording.samples, SOUNDS["countdown"])


def callback_cost() -> None:
    """CuePlayer.fill alone, 256-frame buffers (5.3 ms), a schedule re-published every second as after events."""
    from kicktimer.audio.mixer import place
    from kicktimer.audio.player import CuePlayer

    names = list(SOUNDS)
    for count in (10, 2_400):
        player = CuePlayer([SOUNDS[n] for n in names], 48_000, 100e6)
        gap_ns = 3_600 * 10**9 // count  # the session is an hour long
        cues = [(10**9 + k * gap_ns, "countdown", k) for k in range(count)]
        frames, t_ns, times = 256, 0, []
        out = np.zeros(frames, dtype=np.float32)
        start_k = count // 2
        t_ns = cues[start_k][0] - 2 * 10**9
        for i in range(20_000):
            if i % 190 == 0:
                player.schedule = place(cues, names)
            t0 = time.perf_counter_ns()
            player.fill(out, t_ns, 0.1, False)
            times.append((time.perf_counter_ns() - t0) / 1e6)
            t_ns += frames * 10**9 // 48_000
        print(
            f"  callback cost at {count:>5} cues: p50 {statistics.median(times):.3f} ms, p99 "
            f"{percentile(times, 0.99):.3f} ms, max {max(times):.3f} ms over {len(times)} buffers (goal p99 <= 0.2 ms)"
        )


def taps(server: Pulse) -> None:
    player = run_player(server, "taps", "500")
    out, err = player.communicate(timeout=300)
    if player.returncode != 0:
        print(f"  tap -> fsync: the player failed: {err.strip()[-300:]}")
        return
    report = json.loads(out.splitlines()[-1])
    times, disk = report["tap_to_fsync_ms"], report["write_and_fsync_ms"]
    ours = [t - d for t, d in zip(times, disk, strict=True)]
    print(
        f"  tap -> fsync, {report['steps']}-step timed session, sound {report['state']}: p50 "
        f"{statistics.median(times):.2f} ms, p99 {percentile(times, 0.99):.2f} ms, max {max(times):.2f} ms over "
        f"{len(times)} taps (goal p99 <= 1 ms); of which the journal's write + fsync p50 {statistics.median(disk):.2f}"
        f" ms, p99 {percentile(disk, 0.99):.2f} ms; the rest (engine, schedule, sound) p50 "
        f"{statistics.median(ours):.2f} ms, p99 {percentile(ours, 0.99):.2f} ms"
    )


def calibration() -> None:
    """A second null sink plays what the first plays 200 ms later (module-loopback): a speaker with 200 ms it does not
    report, whose monitor is the microphone. `kicktimer calibrate --save`, then cues measured at that speaker."""
    import subprocess
    import sys
    import tempfile

    from tests.audio.loopback import ROOT

    with pulse(speaker_delay_ms=200) as server, tempfile.TemporaryDirectory() as home:
        holders = [Monitor(server, latency_ms=0.5), Monitor(server, "spk", latency_ms=0.5)]
        time.sleep(3.0)
        env = {**server.env, "KICKTIMER_HOME": home, "PYTHONPATH": str(ROOT)}
        found = []
        for _ in range(3):
            done = subprocess.run([sys.executable, "-m", "kicktimer", "calibrate", "--save"], env=env,
                                  capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
            found.append(done.stdout.strip().splitlines()[-2] if done.returncode == 0 else done.stderr.strip())
        server.env["KICKTIMER_HOME"] = home
        recording, plan, _, _ = played(server, ["cues", "40", "0.5", "countdown", "saved"], sink="spk")
        for holder in holders:
            holder.stop()
    errors, _ = cue_errors(recording, plan)
    print(f"  calibration on a speaker 200 ms late (kicktimer calibrate, 3 runs): {'; '.join(found)}")
    print(errors.line(f"    with the last one saved ({plan['offset_ms']:.0f} ms), at that speaker"))


def soak(server: Pulse, minutes: float) -> None:
    count = int(minutes * 30)
    recording, plan, report, _ = played(server, ["cues", str(count), "2.0"])
    errors, ppm = cue_errors(recording, plan)
    t, e = np.array(errors.times_s), np.array(errors.errors_ms)
    drift = float(np.polyfit(t, e, 1)[0] * 600) if len(t) > 2 else float("nan")
    minute = (t // 60).astype(int)
    worst = max(((float(np.max(np.abs(e[minute == m]))), m) for m in set(minute)), default=(float("nan"), 0))
    print(
        errors.line(f"  soak {minutes:.0f} min")
        + f"; drift {drift:+.3f} ms per 10 min; worst minute #{worst[1] + 1}: max |e| {worst[0]:.3f} ms; sink "
        f"{ppm:+.1f} ppm; {report['stats']['gaps']} gaps"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cues", type=int, default=40)
    parser.add_argument("--soak", type=float, default=0.0, help="minutes of soak (one cue every 2 s)")
    args = parser.parse_args()
    print(f"audio timing, absolute (load average {os.getloadavg()[0]:.1f}); {GOALS}")
    try:
        with pulse() as server:
            holder = Monitor(server, latency_ms=20)  # the sink is held like a sound card from the start
            try:
                steady(server, args.cues, 0)
                steady(server, args.cues, 2)
                naive(server)
                keys(server)
                stall(server)
                taps(server)
                if args.soak:
                    soak(server, args.soak)
            finally:
                holder.stop()
            device_loss(server)
        calibration()
    except SinkUnavailableError as why:
        print(f"audio timing: skipped ({why})")
    callback_cost()


if __name__ == "__main__":
    main()
