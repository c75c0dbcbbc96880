"""Sound settings that need a device: the output latency offset remembered per output device, a sound check of the
palette, and measuring the offset — with the microphone, or by tapping along."""

from __future__ import annotations

import time

from kicktimer.app.session import LiveSession
from kicktimer.audio.calibrate import (
    MAX_LATENCY_S,
    Calibration,
    click,
    click_train,
    from_recording,
    from_taps,
    tap_train,
)
from kicktimer.audio.device import DeviceOutput, listen, open_output, output_name
from kicktimer.audio.null import AudioOutput
from kicktimer.audio.quiet import quiet_console
from kicktimer.audio.synth import palette, scaled
from kicktimer.audio.voice import voice_clips
from kicktimer.core.run.clock import NS_PER_S, Clock, MonotonicClock
from kicktimer.io.paths import data_dir
from kicktimer.ui.preferences import PreferenceStore

SOUND_CHECK = ("go", "gear_hard", "gear_easy", "recovery", "countdown", "countdown", "countdown", "done")
SOUND_CHECK_GAP_S = 1.2
SETTLE_S = 3.0  # the output's clock model locks within its first 2 s
TOO_FEW_TAPS = "too few taps on the beat: tap Space once for every click you hear"
TOO_FEW = "the microphone heard too few of the clicks: turn the speaker up or bring it closer, keep quiet, try again"


def preference_store() -> PreferenceStore:
    return PreferenceStore(data_dir() / "settings.ini")


def remembered_offset_ms(store: PreferenceStore, device: int | str | None) -> float:
    name = output_name(device)
    return store.latency_offset(name) if name else 0.0


def remember_offset_ms(store: PreferenceStore, device: int | str | None, offset_ms: float) -> str | None:
    """Remember the offset for this output; its name, or None when there is no such output."""
    name = output_name(device)
    if name:
        store.set_latency_offset(name, offset_ms)
    return name


def attach_sound(
    live: LiveSession, *, mute: bool = False, volume: float = 1.0, device: int | str | None = None,
    offset_ms: float | None = None,
) -> None:  # fmt: skip
    """The palette and any voice clips (made now, before the stream starts) on the chosen output, muted (as M
    mutes: M turns the cues on) or not; `offset_ms` is what the output adds to its reported latency (a Bluetooth
    speaker), added to every onset: the one given, or else the one remembered for this output."""
    live.muted = mute  # muted as M mutes: the output opens all the same, and M turns the cues on
    quiet_console()  # the sound libraries print to the console by themselves: not in front of a coach
    clips, notice = voice_clips(live.engine.plan)
    if notice:
        live.notes.append(notice)
    offset = remembered_offset_ms(preference_store(), device) if offset_ms is None else offset_ms
    live.attach_audio(open_output(scaled({**palette(), **clips}, volume), live.engine.clock, device, offset))


def device_of(text: str | None) -> int | str | None:
    """A device as given (command line, settings): its number, (part of) its name, or None (the default)."""
    return int(text) if text and text.isdigit() else text or None


def sound_check(
    device: int | str | None, volume: float, offset_ms: float, clock: Clock | None = None
) -> tuple[AudioOutput, float]:
    """Start playing the palette (go, gear change up and down, recovery, countdown, done) a little over a second
    apart; the output to close, and after how many seconds it is done."""
    clock = clock or MonotonicClock()
    output = DeviceOutput(scaled(palette(), volume), clock, device, offset_ms=offset_ms)
    output.start()
    first = clock.now_ns() + output.lead_ns() + NS_PER_S // 2
    output.set_cues([(first + round(k * SOUND_CHECK_GAP_S * NS_PER_S), name, k) for k, name in enumerate(SOUND_CHECK)])
    return output, 1.0 + len(SOUND_CHECK) * SOUND_CHECK_GAP_S + 1.0


def calibrate(device: int | str | None, input_device: int | str | None = None) -> Calibration | str:
    """Play a click train and record it with the microphone: how much later than reported the speaker plays.
    Takes about 12 s; the reason in plain words when it cannot."""
    clock = MonotonicClock()
    output = DeviceOutput({"click": click()}, clock, device)
    try:
        if not output.start():
            return output.reason or "no sound"
        planned = click_train(clock.now_ns() + round(SETTLE_S * NS_PER_S))
        output.set_cues([(t, "click", k) for k, t in enumerate(planned)])
        seconds = (planned[-1] - clock.now_ns()) / NS_PER_S + MAX_LATENCY_S + 0.5
        try:
            heard = listen(seconds, clock, input_device)
        except (OSError, RuntimeError) as error:
            return f"cannot record: {error}"
    finally:
        output.close()
    found = from_recording(heard.samples, heard.t0_ns, heard.ns_per_sample, planned, click())
    return found if found is not None else TOO_FEW


def as_measured(found: Calibration | str) -> tuple[float | None, str]:
    """(offset ms, what to say), or (None, why not)."""
    return (None, found) if isinstance(found, str) else (found.offset_ms, found.summary())


class TapAlong:
    """A steady beat of clicks to tap along with; `result()` once the beat is over."""

    def __init__(self, device: int | str | None, clock: Clock | None = None) -> None:
        self.clock = clock or MonotonicClock()
        self.output = DeviceOutput({"click": click()}, self.clock, device)
        self.output.start()
        self.planned = tap_train(self.clock.now_ns() + round(SETTLE_S * NS_PER_S))
        self.output.set_cues([(t, "click", k) for k, t in enumerate(self.planned)])
        self.taps: list[int] = []

    def tap(self, t_ns: int) -> None:
        self.taps.append(t_ns)

    @property
    def over(self) -> bool:
        return self.clock.now_ns() > self.planned[-1] + NS_PER_S

    def result(self) -> tuple[float | None, str]:
        self.output.close()
        found = from_taps(self.planned, self.taps)
        return as_measured(
            found if found is not None else "too few taps on the beat: tap once for every click you hear"
        )


def wait_and_close(output: AudioOutput, seconds: float) -> None:
    """For a caller without an event loop (the console): let it play, then close it."""
    time.sleep(seconds)
    output.close()
