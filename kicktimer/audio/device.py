"""The only module that imports sounddevice: one OutputStream whose callback writes each cue at its frame.

Each callback measures the offset between the engine's clock and the stream's clock, smooths it, and maps the
DAC time of its first frame onto the engine's clock; a cue's onset frame is fixed when it comes within two
buffers, so the sound card's own drift never accumulates. The callback allocates no arrays, takes no lock,
emits no signal and does no I/O: it reads the current `Placed` (swapped whole by `set_cues`) and mixes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from kicktimer.audio.mixer import mix_into, place
from kicktimer.audio.null import AudioOutput, CueSound, NullOutput
from kicktimer.audio.synth import RATE, Samples
from kicktimer.core.run.clock import Clock, MonotonicClock

OFFSET_SMOOTHING = 0.05
LOST_AFTER_NS = 1_500_000_000  # no callback for this long: the device is gone
RETRY_EVERY_NS = 3_000_000_000


def list_outputs() -> list[str]:
    """Output devices as `index: name (host api)`; raises OSError when PortAudio is missing."""
    import sounddevice as sd

    apis = sd.query_hostapis()
    return [
        f"{i}: {d['name']} ({apis[d['hostapi']]['name']}, {d['max_output_channels']} out)"
        for i, d in enumerate(sd.query_devices())
        if d["max_output_channels"] > 0
    ]


def open_output(sounds: Mapping[str, Samples], clock: Clock, device: int | str | None = None) -> AudioOutput:
    """A started device output; the silent backend, with the reason, when PortAudio itself is missing."""
    try:
        import sounddevice  # noqa: F401
    except OSError as error:
        return NullOutput(f"no sound: {error} (on Debian: apt-get install libportaudio2)")
    output = DeviceOutput(sounds, clock, device)
    output.start()
    return output


class DeviceOutput:
    def __init__(
        self, sounds: Mapping[str, Samples], clock: Clock | None = None, device: int | str | None = None,
        rate: int = RATE,
    ) -> None:  # fmt: skip
        self.clock = clock or MonotonicClock()
        self.device = device
        self.rate = rate
        self.names = list(sounds)
        self.sounds = [sounds[name] for name in self.names]
        self.state = "stopped"
        self.reason: str | None = None
        self.underflows = 0
        self._placed = place([], self.names)
        self._frame = 0
        self._offset_s = 0.0
        self._have_offset = False
        self._last_callback_ns = 0
        self._next_retry_ns = 0
        self._stream: Any = None

    def start(self) -> bool:
        try:
            import sounddevice as sd
        except OSError as error:  # no PortAudio library
            self.state, self.reason = "no sound", f"no audio: {error}"
            return False
        try:
            self._stream = sd.OutputStream(
                samplerate=self.rate, channels=1, dtype="float32", device=self.device, callback=self._callback
            )
            self._have_offset = False
            self._last_callback_ns = self.clock.now_ns()
            self._stream.start()
        except (sd.PortAudioError, OSError, ValueError) as error:
            self._stream = None
            self.state, self.reason = "no sound", f"no audio device: {error}"
            return False
        self.state, self.reason = "playing", None
        return True

    def set_cues(self, cues: Sequence[CueSound]) -> None:
        """Swap in a new schedule; onsets already fixed for the same cue are kept (it never plays twice)."""
        new = place(cues, self.names)
        old = self._placed
        fixed = {key: int(frame) for key, frame in zip(old.keys, old.onset_frame, strict=True) if frame >= 0}
        for i, key in enumerate(new.keys):
            if key in fixed:
                new.onset_frame[i] = fixed[key]
        self._placed = new

    def _callback(self, outdata: Any, frames: int, time_info: Any, status: Any) -> None:
        now_ns = self.clock.now_ns()
        if status:
            self.underflows += 1
        raw = now_ns / 1e9 - time_info.currentTime
        if self._have_offset:
            self._offset_s += OFFSET_SMOOTHING * (raw - self._offset_s)
        else:
            self._offset_s, self._have_offset = raw, True
        dac_ns = (time_info.outputBufferDacTime + self._offset_s) * 1e9
        placed, start = self._placed, self._frame
        onsets, times = placed.onset_frame, placed.t_ns
        horizon = start + 2 * frames
        for i in range(len(onsets)):
            if onsets[i] >= 0:
                continue
            frame = start + round((int(times[i]) - dac_ns) * self.rate / 1e9)
            if frame >= horizon:
                break
            onsets[i] = frame if frame > start else start  # late: play it whole, now
        out = outdata[:, 0]
        out.fill(0.0)
        mix_into(out, start, placed, self.sounds)
        self._frame = start + frames
        self._last_callback_ns = now_ns

    def poll(self) -> None:
        """Call from the main loop: notices a lost device and tries to reconnect every few seconds."""
        now = self.clock.now_ns()
        if self.state == "playing":
            stream_dead = self._stream is None or not self._stream.active
            if stream_dead or now - self._last_callback_ns > LOST_AFTER_NS:
                self._drop_stream()
                self.state, self.reason = "lost", "the audio device stopped; reconnecting"
                self._next_retry_ns = now + RETRY_EVERY_NS
        elif self.state in ("lost", "no sound") and now >= self._next_retry_ns:
            self._next_retry_ns = now + RETRY_EVERY_NS
            self._frame = 0
            placed = self._placed
            placed.onset_frame[placed.onset_frame >= 0] = np.iinfo(np.int64).max  # played or lost: never again
            was = self.state
            if not self.start() and was == "lost":
                self.state, self.reason = "lost", f"reconnecting: {self.reason}"

    def _drop_stream(self) -> None:
        stream, self._stream = self._stream, None
        if stream is not None:
            try:
                stream.abort()
                stream.close()
            except Exception:  # a dying device may raise anything; it is being dropped anyway
                pass

    def close(self) -> None:
        self._drop_stream()
        self.state = "stopped"
