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


@pytest.mark.needs_audio
def test_a_sound_server_that_dies_mid_session_is_noticed() -> None:
    import json
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from tests.audio.loopback import ROOT

    try:
        with null_sink() as env:
            player = subprocess.Popen(
                [sys.executable, "-m", "tests.audio.player", "lose", "0", "6"],
                env={**env, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, text=True, cwd=ROOT,
            )  # fmt: skip
            time.sleep(2.5)
            pid = int(Path(env["XDG_RUNTIME_DIR"], "pulse", "pid").read_text().split()[0])
            os.kill(pid, signal.SIGKILL)  # the device disappears mid-session
            out, _ = player.communicate(timeout=30)
    except SinkUnavailableError as why:
        pytest.skip(str(why))
    result = json.loads(out)
    assert result["states"][0] == "playing"
    assert "lost" in result["states"], result
