"""The device backend without hardware: missing and lost devices, said in a coach's words, and back by themselves.
(Cue timing through the callback: test_device_timing.py.)"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pytest

from kicktimer.audio import device as device_module
from kicktimer.audio.device import LOST, NO_DEVICE, DeviceOutput, open_output
from kicktimer.audio.synth import palette
from tests.support.clock import FakeClock

SOUNDS = palette()


class FakeStream:
    fail = False
    opened = 0

    def __init__(self, **kwargs: Any) -> None:
        if FakeStream.fail:
            raise device_module._sounddevice().PortAudioError("Error querying device -1")
        FakeStream.opened += 1
        self.active = False
        self.latency = kwargs.get("latency", 0.1)
        self.device = 0

    def start(self) -> None:
        self.active = True

    def abort(self) -> None:
        self.active = False

    def close(self) -> None:
        pass


@pytest.fixture
def fake_stream(monkeypatch: pytest.MonkeyPatch) -> type[FakeStream]:
    monkeypatch.setattr(device_module._sounddevice(), "OutputStream", FakeStream)
    FakeStream.fail, FakeStream.opened = False, 0
    return FakeStream


class Info:
    currentTime = 0.0  # noqa: N815 - PortAudio's names
    outputBufferDacTime = 0.1  # noqa: N815


def callbacks(out: DeviceOutput, clock: FakeClock, seconds: float) -> None:
    """The stream running: a buffer every 25 ms."""
    buffer = np.zeros((1200, 1), dtype=np.float32)
    for _ in range(round(seconds / 0.025)):
        clock.advance(0.025)
        out._callback(buffer, 1200, Info(), 0)


def wait_for(condition: Any, seconds: float) -> float:
    """Seconds until `condition()` held (real time); fails after `seconds`."""
    start = time.monotonic()
    while not condition():
        assert time.monotonic() - start < seconds, "not within the time"
        time.sleep(0.01)
    return time.monotonic() - start


def test_no_device_is_said_in_plain_words_and_sound_comes_when_one_appears(fake_stream: type[FakeStream]) -> None:
    fake_stream.fail = True
    out = open_output(SOUNDS, FakeClock())
    try:
        assert out.state == "no sound" and out.reason == NO_DEVICE
        assert "PortAudio" not in (out.reason or "") and "Error querying device" in (out.detail or "")
        fake_stream.fail = False  # the speaker is plugged in
        assert wait_for(lambda: out.state == "playing", 1.0) < 1.0
        assert out.reason is None
    finally:
        out.close()


def test_a_lost_device_is_noticed_and_back_within_a_second_of_its_return(fake_stream: type[FakeStream]) -> None:
    clock = FakeClock()
    out = DeviceOutput(SOUNDS, clock)
    try:
        assert out.start() and out.state == "playing"
        callbacks(out, clock, 0.5)
        out.poll()
        assert out.state == "playing"
        fake_stream.fail = True  # the sound server is gone: no callback for over a second, and it cannot reopen
        clock.advance(device_module.LOST_AFTER_NS / 1e9 + 0.1)
        out.poll()
        assert out.state == "lost" and out.reason == LOST
        time.sleep(0.6)  # it keeps trying, quietly
        assert out.state == "lost"
        fake_stream.fail = False  # back
        assert wait_for(lambda: out.state == "playing", 1.0) < 1.0
        assert fake_stream.opened == 2
    finally:
        out.close()
    assert out.state == "stopped"


def test_a_stream_that_took_its_first_buffers_is_given_time_to_start(fake_stream: type[FakeStream]) -> None:
    """A device may take the first buffers and start playing only seconds later (an idle PulseAudio sink does):
    that is not a lost device, until it has said nothing for STARTING_NS."""
    clock = FakeClock()
    out = DeviceOutput(SOUNDS, clock)
    try:
        out.start()
        callbacks(out, clock, 0.025)
        clock.advance(2.0)
        out.poll()
        assert out.state == "playing"
        clock.advance(device_module.STARTING_NS / 1e9)
        out.poll()
        assert out.state == "lost"
    finally:
        out.close()


def test_a_stream_that_stops_by_itself_is_a_lost_device(fake_stream: type[FakeStream]) -> None:
    out = DeviceOutput(SOUNDS, FakeClock())
    try:
        out.start()
        out._stream.active = False  # PortAudio stopped it (the device reported an error)
        out.poll()
        assert out.state == "lost"
        assert wait_for(lambda: out.state == "playing", 1.0) < 1.0
    finally:
        out.close()


def test_no_portaudio_library_gives_the_silent_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> Any:
        raise OSError("PortAudio library not found")

    monkeypatch.setattr(device_module, "_sounddevice", missing)
    out = open_output(SOUNDS, FakeClock())
    assert out.state == "no sound" and "libportaudio2" in (out.reason or "")
    assert out.detail == "PortAudio library not found"


def test_the_sound_libraries_own_lines_never_reach_the_console_and_everything_else_does() -> None:
    import subprocess
    import sys

    script = (
        "import os, sys\n"
        "from kicktimer.audio.quiet import quiet_console\n"
        "quiet = quiet_console()\n"
        "os.write(2, b'ALSA lib pcm.c:8570:(snd_pcm_recover) underrun occurred\\n')\n"
        "os.write(2, b\"Expression 'PaAlsaStream_WaitForFrames( stream, &framesAvail, &xrun )' failed in "
        "'src/hostapi/alsa/pa_linux_alsa.c', line: 4285\\n\")\n"
        "os.write(2, b'a C library with something to say\\n')\n"
        "print('python says so', file=sys.stderr)\n"
        "quiet.close()\n"  # drained: every line so far has been looked at
        "print(quiet.count)\n"
        "raise SystemExit('and a last word')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=30, check=False)
    assert "ALSA lib" not in done.stderr and "pa_linux_alsa" not in done.stderr
    assert "a C library with something to say" in done.stderr and "python says so" in done.stderr
    assert "and a last word" in done.stderr and done.stdout.strip() == "2"
