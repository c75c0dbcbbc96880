"""Sound settings that need a device: the output latency offset remembered per output device, a sound check of the
palette, and measuring the offset — with the microphone, or by tapping along."""

from __future__ import annotations

import sys
import time
from argparse import Namespace

from kicktimer.app.session import LiveSession, attach_sound
from kicktimer.audio.calibrate import (
    MAX_LATENCY_S,
    Calibration,
    click,
    click_train,
    from_recording,
    from_taps,
    tap_train,
)
from kicktimer.audio.device import DeviceOutput, list_outputs, listen, output_name
from kicktimer.audio.null import AudioOutput
from kicktimer.audio.synth import palette, scaled
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


def attach_remembered(
    live: LiveSession, device: int | str | None, volume: float, offset_ms: float | None, *, mute: bool = False
) -> None:
    """Sound on the chosen output, its offset the one given, or else the one remembered for it."""
    if offset_ms is None and not mute:
        offset_ms = remembered_offset_ms(preference_store(), device)
    attach_sound(live, mute=mute, volume=volume, device=device, offset_ms=offset_ms or 0.0)


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


def calibrate_command(device: int | str | None, input_device: int | str | None, save: bool) -> int:
    """`kicktimer calibrate`: measure, say it, and remember it when asked."""
    print("playing clicks and listening with the microphone for about 12 s: keep quiet…", flush=True)
    found = calibrate(device, input_device)
    if isinstance(found, str):
        print(f"kicktimer calibrate: {found}", file=sys.stderr)
        return 1
    print(f"the speaker plays {found.summary()}")
    if save:
        name = remember_offset_ms(preference_store(), device, found.offset_ms)
        print(f"saved: {found.offset_ms:.0f} ms for {name}" if name else "not saved: no such output device")
    else:
        print(f"to use it: kicktimer calibrate --save, or kicktimer run --latency-offset {found.offset_ms:.0f}")
    return 0


def sound_check_command(device: int | str | None, volume: float, offset_ms: float | None) -> int:
    """`kicktimer sound-check`: every cue sound once, at the offset given or remembered for the output."""
    offset = remembered_offset_ms(preference_store(), device) if offset_ms is None else offset_ms
    output, seconds = sound_check(device, volume, offset)
    if output.state != "playing":
        print(f"kicktimer sound-check: {output.reason}", file=sys.stderr)
        output.close()
        return 1
    print("go, gear change up, gear change down, recovery, countdown, done", flush=True)
    wait_and_close(output, seconds)
    return 0


def device_of(text: str | None) -> int | str | None:
    """A device as given (command line, settings): its number, (part of) its name, or None (the default)."""
    return int(text) if text and text.isdigit() else text or None


def sound_command(name: str, args: Namespace) -> int:
    """`kicktimer devices`, `sound-check` and `calibrate`, as parsed."""
    if name == "calibrate":
        return calibrate_command(device_of(args.audio_device), device_of(args.input_device), args.save)
    if name == "sound-check":
        return sound_check_command(device_of(args.audio_device), 1.0, args.latency_offset)
    return devices_command()


def devices_command() -> int:
    """`kicktimer devices`: the outputs, and the latency offset remembered for each."""
    try:
        outputs = list_outputs()
    except OSError as error:
        print(f"kicktimer devices: {error} (on Debian: apt-get install libportaudio2)", file=sys.stderr)
        return 1
    store = preference_store()
    for line in outputs:
        offset = store.latency_offset(line.split(": ", 1)[1].rsplit(" (", 1)[0])
        print(line + (f", plays {offset:.0f} ms later than it reports" if offset else ""))
    if not outputs:
        print("no audio outputs found")
    return 0
