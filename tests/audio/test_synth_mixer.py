"""Audio as data: the palette's shape, and the mixer's onsets to the sample whatever the block sizes."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from kicktimer.audio.mixer import fix_ideal, mix_into, place, render
from kicktimer.audio.synth import PEAK, RATE, palette, sound_name

SOUNDS = palette()
NAMES = list(SOUNDS)
BANK = [SOUNDS[n] for n in NAMES]


def test_palette_is_loud_short_faded_and_in_the_band() -> None:
    for name, samples in SOUNDS.items():
        assert samples.dtype == np.float32
        assert np.max(np.abs(samples)) == np.float32(PEAK), name
        assert len(samples) < RATE, name  # under a second
        fade = int(0.005 * RATE)
        assert abs(samples[0]) < 1e-3 and abs(samples[-1]) < 1e-3, name
        assert np.max(np.abs(samples[: fade // 4])) < 0.2 * PEAK, name  # it rises, never jumps
        spectrum = np.abs(np.fft.rfft(samples))
        peak_hz = np.argmax(spectrum) * RATE / len(samples)
        assert 1500 <= peak_hz <= 3500, (name, peak_hz)
    assert sound_name("gear", "kick") != sound_name("gear", "jog")
    assert sound_name("gear", "sprint") == "gear_hard" and sound_name("gear", None) == "gear_easy"


def placed_at(frames: list[int], names: list[str]):  # type: ignore[no-untyped-def]
    placed = place([(f * 1_000_000_000 // RATE + 1, n, i) for i, (f, n) in enumerate(zip(frames, names, strict=True))],
                   NAMES)  # fmt: skip
    return fix_ideal(placed, 0, RATE), placed.sound


def test_every_onset_at_its_exact_frame() -> None:
    frames = [100, 48_000, 48_000 * 3 + 17, 200_001]
    names = ["go", "countdown", "recovery", "done"]
    onsets, sound = placed_at(frames, names)
    assert list(onsets) == frames
    out = render(onsets, sound, BANK, 260_000, block=1000)
    for frame, name in zip(frames, names, strict=True):
        sound = SOUNDS[name]
        assert not np.any(out[frame - 50 : frame])  # silence right before
        np.testing.assert_array_equal(out[frame : frame + len(sound)], sound)


def test_one_cue_per_instant_the_most_important_wins() -> None:
    placed = place([(1_000_000_000, "recovery", 3), (1_010_000_000, "set_end", 2), (5_000_000_000, "pace", 4)], NAMES)
    assert [k[1] for k in placed.keys] == ["set_end", "pace"]


@settings(max_examples=60, deadline=None)
@given(
    onsets=st.lists(st.integers(0, 90_000), min_size=1, max_size=12),
    kinds=st.lists(st.sampled_from(NAMES), min_size=12, max_size=12),
    blocks=st.lists(st.integers(32, 5000), min_size=1, max_size=40),
)
def test_random_block_sizes_give_identical_output(onsets: list[int], kinds: list[str], blocks: list[int]) -> None:
    frames, sound = placed_at(sorted(onsets), kinds[: len(onsets)])
    total = 120_000
    whole = render(frames, sound, BANK, total, block=total)
    pieces = np.zeros(total, dtype=np.float32)
    start, i = 0, 0
    while start < total:
        size = blocks[i % len(blocks)]
        mix_into(pieces[start : start + size], start, frames, sound, BANK)
        start += size
        i += 1
    np.testing.assert_array_equal(pieces, whole)
    assert np.max(np.abs(whole)) <= 1.0


def test_no_discontinuity_at_onsets_and_offsets() -> None:
    onsets, sound = placed_at([1000, 30_000, 70_000], ["go", "gear_hard", "done"])
    out = render(onsets, sound, BANK, 120_000)
    jumps = np.abs(np.diff(out))
    # the largest step anywhere is what a 3.5 kHz tone at -1 dBFS makes (2π·f/rate·peak), never a click
    assert np.max(jumps) < 2 * np.pi * 3500 * 2 / RATE * PEAK * 1.3
    for frame in (1000, 30_000, 70_000):
        assert np.max(np.abs(out[frame : frame + 24])) < 0.05  # the first 0.5 ms is still fading in


def test_volume_scales_every_sound() -> None:
    from kicktimer.audio.synth import scaled

    half = scaled(SOUNDS, 0.5)
    assert all(np.max(np.abs(half[n])) == np.float32(PEAK) * np.float32(0.5) for n in SOUNDS)
    assert all(not np.any(s) for s in scaled(SOUNDS, 0.0).values())
    assert scaled(SOUNDS, 7.0)["go"].max() == SOUNDS["go"].max()  # clamped to 0..1


def test_every_gear_sounds_and_every_cue_kind_has_a_sound() -> None:
    from typing import get_args

    from kicktimer.audio.mixer import PRIORITY
    from kicktimer.audio.synth import HARD_GEARS, sound_name
    from kicktimer.core.language.gears import GEARS
    from kicktimer.core.run.cues import CueKind

    assert HARD_GEARS <= GEARS
    names = set(palette(8000))
    for kind in get_args(CueKind):
        if kind != "announce":
            assert sound_name(kind, "hill") in names and sound_name(kind, "hill") in PRIORITY
