"""The device backend without hardware: missing and lost devices, said in a coach's words, and back by themselves.
(Cue timing through the callback: test_device_timing.py.)"""

from __future__ import annotations

import time
from typing import Any

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
        clock.advance(0.5)
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
