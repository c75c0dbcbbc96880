"""Real sound: cues played through the real device path into a PulseAudio null sink, recorded from its monitor,
each onset within 2 ms of the schedule."""

from __future__ import annotations

import pytest

from tests.audio.loopback import SinkUnavailableError, measure, null_sink


@pytest.mark.needs_audio
def test_cues_through_a_real_device_land_within_2_ms() -> None:
    try:
        with null_sink() as env:
            result = measure(env, "ours", count=16, gap_s=0.5)
    except SinkUnavailableError as why:
        pytest.skip(str(why))
    assert result.detected == 16, result
    assert result.max_ms <= 2.0, result
    assert result.sd_ms <= 0.5, result
