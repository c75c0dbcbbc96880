"""`kicktimer devices`, `sound-check` and `calibrate`, and `run --latency-offset`: their arguments, and what the
terminal prints. Light to import (the parser is built for every command): the sound itself only when one runs."""

from __future__ import annotations

import argparse
import sys


def _offset(text: str) -> float:
    value = float(text) if text.lstrip("-").replace(".", "", 1).isdigit() else None
    if value is None or not -500 <= value <= 2000:
        raise argparse.ArgumentTypeError(f"{text}: a latency offset is milliseconds from -500 to 2000, like 180")
    return value


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The sound commands, and `--latency-offset` on `run` (built before)."""
    help_offset = "how much later than it reports the output plays (Bluetooth: 100-300); default: as saved"
    sub.choices["run"].add_argument("--latency-offset", type=_offset, metavar="MS", help=help_offset)
    sub.add_parser("devices", help="list audio outputs, with the latency offset remembered for each")
    check = sub.add_parser("sound-check", help="play every cue sound once at full volume, where you will stand")
    calibrate = sub.add_parser("calibrate", help="measure how late the speaker plays, with the microphone")
    for command in (check, calibrate):
        command.add_argument("--audio-device", help="output device (number or name; see `kicktimer devices`)")
    check.add_argument("--latency-offset", type=_offset, metavar="MS", help=help_offset)
    calibrate.add_argument("--input-device", help="the microphone (default: the system's)")
    calibrate.add_argument("--save", action="store_true", help="remember the result for this output device")


def sound_command(name: str, args: argparse.Namespace) -> int:
    """`kicktimer devices`, `sound-check` and `calibrate`, as parsed."""
    from kicktimer.app.sound import device_of

    if name == "calibrate":
        return calibrate_command(device_of(args.audio_device), device_of(args.input_device), args.save)
    if name == "sound-check":
        return sound_check_command(device_of(args.audio_device), 1.0, args.latency_offset)
    return devices_command()


def devices_command() -> int:
    """`kicktimer devices`: the outputs, and the latency offset remembered for each."""
    from kicktimer.app.sound import preference_store
    from kicktimer.audio.device import list_outputs

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


def calibrate_command(device: int | str | None, input_device: int | str | None, save: bool) -> int:
    """`kicktimer calibrate`: measure, say it, and remember it when asked."""
    from kicktimer.app.sound import calibrate, preference_store, remember_offset_ms

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
    from kicktimer.app.sound import preference_store, remembered_offset_ms, sound_check, wait_and_close

    offset = remembered_offset_ms(preference_store(), device) if offset_ms is None else offset_ms
    output, seconds = sound_check(device, volume, offset)
    if output.state != "playing":
        print(f"kicktimer sound-check: {output.reason}", file=sys.stderr)
        output.close()
        return 1
    print("go, gear change up, gear change down, recovery, countdown, done", flush=True)
    wait_and_close(output, seconds)
    return 0
