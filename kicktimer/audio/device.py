"""The only module that imports sounddevice: one OutputStream whose callback hands each buffer to a `CuePlayer`.

The stream asks for a generous output latency (`OUTPUT_LATENCY_S`): cue times are known in advance, so a deep
buffer costs nothing but survives a busy machine (through PulseAudio's ALSA plugin every underrun reconnects the
stream). A cue a key starts is the one exception, and the engine starts such a step when its cue is heard
(`lead_ns`). The coach reads what happened in `reason`, in plain words; the library's words are kept in
`detail` (and its console noise is kept off the console: `audio.quiet`).

A lost device (unplugged, the sound server gone) is noticed by `poll()`; a thread then tries again every
`RETRY_S`, re-reading the device list each time (PortAudio's list is a snapshot), until the device is back.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from kicktimer.audio.calibrate import lower_line
from kicktimer.audio.mixer import place
from kicktimer.audio.null import AudioOutput, CueSound, NullOutput
from kicktimer.audio.player import CuePlayer
from kicktimer.audio.quiet import alsa_quiet
from kicktimer.audio.synth import RATE, Samples
from kicktimer.core.run.clock import Clock, MonotonicClock

OUTPUT_LATENCY_S = 0.1  # ~4 buffers of 25 ms: a callback 75 ms late still finds sound queued
LOST_AFTER_NS = 1_000_000_000  # no callback for this long: the device is gone
STARTING_NS = 5_000_000_000  # ... or this long, for a stream that took its first buffers but has not started
RETRY_S = 0.25
LISTEN_LATENCY_S = 0.005  # low (a monitor then hears what is played); at 1 ms a PulseAudio sink ran 1,350 ppm fast
NO_DEVICE = "no sound: no speaker or sound system found (is one plugged in and on?); the timer runs without sound"
LOST = "sound stopped: the speaker or sound system went away; the timer carries on and sound comes back by itself"
NO_LIBRARY = "no sound: the PortAudio library is missing (on Debian: apt-get install libportaudio2)"


@contextlib.contextmanager
def _stderr_quiet() -> Iterator[None]:
    """PortAudio and its plugins print straight to file descriptor 2 while opening a device: not to the console."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def _sounddevice() -> Any:
    """sounddevice, imported quietly; raises OSError when the PortAudio library is missing."""
    alsa_quiet()
    import sounddevice

    return sounddevice


def list_outputs() -> list[str]:
    """Output devices as `index: name (host api)`; raises OSError when PortAudio is missing."""
    sd = _sounddevice()
    apis = sd.query_hostapis()
    return [
        f"{i}: {d['name']} ({apis[d['hostapi']]['name']}, {d['max_output_channels']} out)"
        for i, d in enumerate(sd.query_devices())
        if d["max_output_channels"] > 0
    ]


def output_name(device: int | str | None = None) -> str | None:
    """The name of the output `device` (None: the default) stands for: what its latency offset is remembered by."""
    try:
        sd = _sounddevice()
    except OSError:
        return None
    try:
        return str(sd.query_devices(device, "output")["name"])
    except (sd.PortAudioError, ValueError, KeyError, TypeError):
        return None


@dataclass(frozen=True)
class Heard:
    """A recording, and when each sample was captured: `t0_ns + index * ns_per_sample` on the clock it used."""

    samples: npt.NDArray[np.float32]
    t0_ns: float
    ns_per_sample: float


def listen(seconds: float, clock: Clock, device: int | str | None = None, rate: int = RATE) -> Heard:
    """Record `seconds` from an input (the laptop's microphone). A buffer is delivered after it was captured, never
    before: the earliest deliveries trace frame -> time, less what the input reports beyond the buffer itself (a
    microphone's own latency). Raises OSError (no PortAudio) or RuntimeError (no input)."""
    sd = _sounddevice()
    samples = np.zeros(int((seconds + 1) * rate), dtype=np.float32)
    log = np.zeros((int(seconds * 4000) + 64, 3))  # (delivered ns, frames so far, reported beyond the buffer ns)
    state = [0, 0]  # frames so far, callbacks so far

    def callback(indata: Any, frames: int, time_info: Any, status: Any) -> None:
        now, pos, k = clock.now_ns(), state[0], state[1]
        n = min(frames, len(samples) - pos)
        samples[pos : pos + n] = indata[:n, 0]
        if k < len(log):
            beyond = (time_info.currentTime - time_info.inputBufferAdcTime) * 1e9 - frames * 1e9 / rate
            log[k] = (now, pos + frames, beyond)
        state[0], state[1] = pos + n, k + 1

    try:
        with _stderr_quiet():
            stream = sd.InputStream(samplerate=rate, channels=1, dtype="float32", device=device, callback=callback,
                                    latency=LISTEN_LATENCY_S)  # fmt: skip
            stream.start()
        time.sleep(seconds)
        with _stderr_quiet():
            stream.stop()
            stream.close()
    except (sd.PortAudioError, ValueError) as error:
        raise RuntimeError(f"no microphone: {error}") from None
    rows = log[: min(state[1], len(log))]
    if len(rows) < 10:
        raise RuntimeError("the microphone gave (almost) nothing")
    ns_per_sample, at_end = lower_line(rows[:, 1], rows[:, 0])
    lateness = rows[:, 0] - (at_end + ns_per_sample * rows[:, 1])
    beyond = max(0.0, float(np.median(rows[:, 2] - lateness)))
    return Heard(samples[: state[0]], at_end - beyond, ns_per_sample)


def open_output(
    sounds: Mapping[str, Samples], clock: Clock, device: int | str | None = None, offset_ms: float = 0.0
) -> AudioOutput:
    """A started device output (retrying by itself while there is no device); the silent backend, with the
    reason, when PortAudio itself is missing."""
    try:
        _sounddevice()
    except OSError as error:
        return NullOutput(NO_LIBRARY, str(error))
    output = DeviceOutput(sounds, clock, device, offset_ms=offset_ms)
    output.start()
    return output


class DeviceOutput:
    def __init__(
        self, sounds: Mapping[str, Samples], clock: Clock | None = None, device: int | str | None = None,
        rate: int = RATE, offset_ms: float = 0.0, latency_s: float = OUTPUT_LATENCY_S,
    ) -> None:  # fmt: skip
        self.clock = clock or MonotonicClock()
        self.device = device
        self.rate = rate
        self.latency_s = latency_s
        self.names = list(sounds)
        self.player = CuePlayer([sounds[n] for n in self.names], rate, latency_s * 1e9, round(offset_ms * 1e6))
        self.state = "stopped"
        self.reason: str | None = None
        self.detail: str | None = None  # the library's own words, for diagnostics
        self.device_name: str | None = None
        self.underflows = 0
        self._stream: Any = None
        self._last_callback_ns = 0
        self._first_callback_ns = 0
        self._lock = threading.Lock()  # never taken by the callback: start, reconnect and close
        self._closing = threading.Event()
        self._retrying: threading.Thread | None = None

    # --- the audio interface -------------------------------------------------------------------------------
    def start(self) -> bool:
        """Open the device; without one, say so and keep trying in the background."""
        with self._lock:
            opened = self._open()
        if not opened:
            self._retry_in_background()
        return opened

    def set_cues(self, cues: Sequence[CueSound]) -> None:
        """Publish a new schedule: one immutable object, one reference swap; the callback merges it."""
        self.player.schedule = place(cues, self.names)

    def lead_ns(self) -> int:
        """From now until a cue published now can be heard; 0 without sound (a step then begins at its key)."""
        return self.player.lead_ns(self.clock.now_ns()) if self.state == "playing" else 0

    def poll(self) -> None:
        """Call from the main loop: notices a lost device (the thread that reconnects does the rest)."""
        if self.state != "playing":
            return
        stream = self._stream
        dead = stream is None or not stream.active
        first = self._first_callback_ns
        started = first > 0 and self._last_callback_ns - first > self.latency_s * 1e9 / 2
        if dead or self.clock.now_ns() - self._last_callback_ns > (LOST_AFTER_NS if started else STARTING_NS):
            self.state, self.reason = "lost", LOST
            self._retry_in_background()

    def close(self) -> None:
        self._closing.set()
        with self._lock:
            self._drop_stream()
            self.state = "stopped"
        if self._retrying is not None and self._retrying is not threading.current_thread():
            self._retrying.join(timeout=5)

    def stats(self) -> dict[str, float]:
        """What the stream went through: for the bench and for diagnostics."""
        player, clock = self.player, self.player.clock
        return {
            "fixed": player.fixed, "late": player.late, "dropped": player.dropped, "cut": player.cut,
            "underflows": self.underflows, "gaps": clock.discontinuities, "rejected_reports": clock.rejected,
            "latency_ms": clock.latency_ns / 1e6, "rate_ppm": -clock.slope_ns / clock.nominal_ns * 1e6,
        }  # fmt: skip

    # --- the stream ----------------------------------------------------------------------------------------
    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        now_ns = self.clock.now_ns()
        underflow = bool(status) and bool(status.output_underflow)
        if underflow:
            self.underflows += 1
        report_s = time_info.outputBufferDacTime - time_info.currentTime
        self.player.fill(outdata[:, 0], now_ns, report_s, underflow)
        self._last_callback_ns = now_ns
        if not self._first_callback_ns:
            self._first_callback_ns = now_ns

    def _open(self) -> bool:
        """Open and start a stream (holding the lock); on failure, the state says why."""
        try:
            sd = _sounddevice()
        except OSError as error:
            self.state, self.reason, self.detail = "no sound", NO_LIBRARY, str(error)
            return False
        try:
            with _stderr_quiet():
                stream = sd.OutputStream(
                    samplerate=self.rate, channels=1, dtype="float32", device=self.device, callback=self._callback,
                    latency=self.latency_s,
                )  # fmt: skip
                self.player.new_stream(stream.latency * 1e9)
                self._last_callback_ns, self._first_callback_ns = self.clock.now_ns(), 0
                stream.start()
        except (sd.PortAudioError, OSError, ValueError) as error:
            self.state, self.reason = ("lost", LOST) if self.state == "lost" else ("no sound", NO_DEVICE)
            self.detail = str(error)
            return False
        self._stream = stream
        self.device_name = _device_name(sd, stream)
        self.state, self.reason, self.detail = "playing", None, None
        return True

    def _retry_in_background(self) -> None:
        if self._closing.is_set() or (self._retrying is not None and self._retrying.is_alive()):
            return
        self._retrying = threading.Thread(target=self._retry_until_back, name="kicktimer-audio-retry", daemon=True)
        self._retrying.start()

    def _retry_until_back(self) -> None:
        while not self._closing.is_set():
            if self.reconnect_once():
                return
            self._closing.wait(RETRY_S)

    def reconnect_once(self) -> bool:
        """Drop the stream, re-read the device list, open again. True when sound is back (or closing)."""
        with self._lock:
            if self._closing.is_set():
                return True
            self._drop_stream()
            sd = _sounddevice()
            try:
                with _stderr_quiet():
                    if sd._initialized:
                        sd._terminate()  # PortAudio's device list is read once: a returning device needs a new one
                    sd._initialize()
            except sd.PortAudioError as error:
                self.detail = str(error)
                return False
            return self._open()

    def _drop_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            # a dying device may raise anything; it is dropped anyway
            with contextlib.suppress(Exception), _stderr_quiet():
                stream.abort()
                stream.close()


def _device_name(sd: Any, stream: Any) -> str | None:
    try:
        return str(sd.query_devices(stream.device)["name"])
    except (sd.PortAudioError, ValueError, TypeError, KeyError):
        return None
