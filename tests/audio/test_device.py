"""The device backend without hardware: the callback's clock mapping as data, and missing/lost devices."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from kicktimer.audio import device as device_module
from kicktimer.audio.device import DeviceOutput, open_output
from kicktimer.audio.synth import RATE, palette
from kicktimer.core.run.clock import NS_PER_S
from tests.support.clock import FakeClock

SOUNDS = palette()


@dataclass
class TimeInfo:
    currentTime: float  # noqa: N815 - PortAudio's names
    outputBufferDacTime: float  # noqa: N815


def run_stream(out: DeviceOutput, clock: FakeClock, seconds: float, frames: int, card_speed: float = 1.0,
               latency_s: float = 0.035) -> np.ndarray:  # fmt: skip
    """Drive the callback like a sound card whose clock runs at `card_speed` against the monotonic clock, with
    the stream's time base at an arbitrary offset (PortAudio's is the wall clock here)."""
    stream_epoch = 1.8e9
    t0 = clock.t_ns
    played = []
    buffer = np.zeros((frames, 1), dtype=np.float32)
    written = 0
    while written < seconds * RATE:
        # the card has played `written` frames; its clock says so, the monotonic clock sees it scaled
        clock.t_ns = t0 + round(written / RATE / card_speed * NS_PER_S)
        stream_now = stream_epoch + (clock.t_ns - t0) / NS_PER_S
        out._callback(buffer, frames, TimeInfo(stream_now, stream_now + latency_s), 0)
        played.append(buffer[:, 0].copy())
        written += frames
    return np.concatenate(played)


def onsets(samples: np.ndarray) -> list[int]:
    loud = np.flatnonzero(np.abs(samples) > 0.03)
    return [int(i) for k, i in enumerate(loud) if k == 0 or i - loud[k - 1] > 2000]


@pytest.mark.parametrize("card_speed", [1.0, 1.001, 0.999])
@pytest.mark.parametrize("frames", [417, 256, 1024])
def test_cues_land_where_the_dac_plays_them(card_speed: float, frames: int) -> None:
    clock = FakeClock()
    out = DeviceOutput(SOUNDS, clock)
    start = clock.t_ns
    due = [start + NS_PER_S + k * 500_000_000 for k in range(40)]  # 20 s of cues, 0.5 s apart
    out.set_cues([(t, "countdown", k) for k, t in enumerate(due)])
    samples = run_stream(out, clock, 22.0, frames, card_speed)
    # frame n of the output reaches the DAC at monotonic start + latency + n / (rate · speed)
    lag = onsets(np.concatenate([np.zeros(100, np.float32), SOUNDS["countdown"]]))[0] - 100  # the detector's own
    heard_ns = [start + 35_000_000 + round((f - lag) / RATE / card_speed * NS_PER_S) for f in onsets(samples)]
    errors_ms = [(h - t) / 1e6 for h, t in zip(heard_ns, due, strict=True)]
    assert len(errors_ms) == 40
    # An onset is fixed at most two buffers ahead at the nominal rate: with the card 1‰ off that is ≤ 2 buffers
    # × 1‰ (0.04 ms at 1024 frames), the same for the 40th cue as for the first: the drift never accumulates.
    bound_ms = 0.021 + 2 * frames / RATE * abs(card_speed - 1) * 1000 * 1.1
    assert max(abs(e) for e in errors_ms) < bound_ms
    assert abs(errors_ms[-1] - errors_ms[0]) < bound_ms


def test_a_swapped_schedule_never_plays_a_cue_twice_and_a_late_cue_plays_whole() -> None:
    clock = FakeClock()
    out = DeviceOutput(SOUNDS, clock)
    t = clock.t_ns + 150_000_000
    out.set_cues([(t, "go", 1)])
    buffer = np.zeros((4800, 1), dtype=np.float32)
    out._callback(buffer, 4800, TimeInfo(0.0, 0.0), 0)  # within two buffers: fixed at 150 ms, frame 7200
    out.set_cues([(t, "go", 1), (t + 10 * NS_PER_S, "done", 5)])  # recomputed after an event
    assert int(out._placed.onset_frame[0]) == 7200
    out._callback(buffer, 4800, TimeInfo(0.1, 0.1), 0)
    out._callback(buffer, 4800, TimeInfo(0.2, 0.2), 0)
    assert np.count_nonzero(buffer) > 0 and int(out._placed.onset_frame[0]) == 7200
    late = DeviceOutput(SOUNDS, clock)
    late.set_cues([(clock.t_ns - 100_000_000, "go", 1)])  # a tap-caused cue, already 100 ms late
    late._callback(buffer, 4800, TimeInfo(0.0, 0.0), 0)
    np.testing.assert_array_equal(buffer[:100, 0], SOUNDS["go"][:100])  # from its first sample, now


class FakeStream:
    calls = 0
    fail = False

    def __init__(self, **kwargs: Any) -> None:
        if FakeStream.fail:
            raise device_module_sd().PortAudioError("Error querying device -1")
        self.active = True

    def start(self) -> None:
        FakeStream.calls += 1

    def abort(self) -> None:
        self.active = False

    def close(self) -> None:
        pass


def device_module_sd() -> Any:
    import sounddevice

    return sounddevice


def test_missing_device_gives_no_sound_with_the_reason_and_retries(monkeypatch: pytest.MonkeyPatch) -> None:
    sd = device_module_sd()
    monkeypatch.setattr(sd, "OutputStream", FakeStream)
    FakeStream.fail = True
    clock = FakeClock()
    out = open_output(SOUNDS, clock)
    assert out.state == "no sound" and out.reason is not None and "Error querying device" in out.reason
    FakeStream.fail = False
    clock.advance(3.1)
    out.poll()  # the device appeared
    assert out.state == "playing" and out.reason is None


def test_lost_device_is_noticed_and_reconnected(monkeypatch: pytest.MonkeyPatch) -> None:
    sd = device_module_sd()
    monkeypatch.setattr(sd, "OutputStream", FakeStream)
    FakeStream.fail = False
    clock = FakeClock()
    out = DeviceOutput(SOUNDS, clock)
    assert out.start() and out.state == "playing"
    clock.advance(0.5)
    out.poll()
    assert out.state == "playing"
    clock.advance(1.5)  # no callback for 2 s: the device is gone
    out.poll()
    assert out.state == "lost" and "reconnecting" in (out.reason or "")
    FakeStream.fail = True
    clock.advance(3.1)
    out.poll()
    assert out.state == "lost"
    FakeStream.fail = False
    clock.advance(3.1)
    out.poll()
    assert out.state == "playing"
    assert device_module.LOST_AFTER_NS < 3 * NS_PER_S


def test_no_portaudio_library_gives_the_silent_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def no_portaudio(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "sounddevice":
            raise OSError("PortAudio library not found")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_portaudio)
    out = open_output(SOUNDS, FakeClock())
    assert out.state == "no sound" and "libportaudio2" in (out.reason or "")
