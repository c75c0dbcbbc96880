"""Settings ▸ Output latency and sound check, driven with real widgets against a sound that is only pretended."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kicktimer.ui.sound_dialog import Measured, SoundDialog, SoundSetup


@dataclass
class Pretend:
    now: int = 0
    checks: list[float] = field(default_factory=list)
    closed: int = 0
    saved: list[float] = field(default_factory=list)
    measure: Measured = (203.4, "203 ms later than reported (spread ±1.2 ms, 12 of 12 clicks heard)")
    taps: list[int] = field(default_factory=list)
    beat_over: bool = False

    def setup(self) -> SoundSetup:
        pretend = self

        class Playing:
            def close(self) -> None:
                pretend.closed += 1

        class Beat:
            @property
            def over(self) -> bool:
                return pretend.beat_over

            def tap(self, t_ns: int) -> None:
                pretend.taps.append(t_ns)

            def result(self) -> Measured:
                return (180.0, "180 ms later than reported (spread ±22 ms, 10 of 10 taps)")

        def check(offset: float) -> tuple[Playing, float]:
            self.checks.append(offset)
            return Playing(), 11.0

        return SoundSetup("JBL Go 3", 150.0, check, lambda: self.measure, Beat, lambda: self.now, self.saved.append)


def test_the_sound_check_plays_at_the_offset_shown_and_stops_when_done(qtbot: QtBot) -> None:
    pretend = Pretend()
    dialog = SoundDialog(pretend.setup())
    qtbot.addWidget(dialog)
    assert dialog.offset.value() == 150.0
    dialog.offset.setValue(175.0)
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert pretend.checks == [175.0] and "go, gear change up" in dialog.status.text()
    pretend.now = 12 * 10**9
    qtbot.waitUntil(lambda: pretend.closed == 1)
    qtbot.waitUntil(lambda: not dialog.timer.isActive())
    dialog.reject()
    assert pretend.saved == []  # cancelled: nothing remembered


def test_a_measurement_fills_the_offset_and_save_remembers_it(qtbot: QtBot) -> None:
    pretend = Pretend()
    dialog = SoundDialog(pretend.setup())
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.measure_button, Qt.MouseButton.LeftButton)
    assert not dialog.measure_button.isEnabled()  # one measurement at a time
    qtbot.waitUntil(lambda: dialog.measure_button.isEnabled())
    assert dialog.offset.value() == 203.0 and dialog.status.text().startswith("Measured: 203 ms later")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert pretend.saved == [203.0]


def test_a_failed_measurement_says_why_and_keeps_the_offset(qtbot: QtBot) -> None:
    pretend = Pretend(measure=(None, "the microphone heard too few of the clicks"))
    dialog = SoundDialog(pretend.setup())
    qtbot.addWidget(dialog)
    qtbot.mouseClick(dialog.measure_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.measure_button.isEnabled())
    assert dialog.offset.value() == 150.0
    assert dialog.status.text() == "Not measured: the microphone heard too few of the clicks"
    dialog.reject()


def test_tapping_along_stamps_each_space_and_shows_the_result(qtbot: QtBot) -> None:
    pretend = Pretend()
    dialog = SoundDialog(pretend.setup())
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.tap_button, Qt.MouseButton.LeftButton)
    for k in range(3):
        pretend.now = k * 10**9
        qtbot.keyClick(dialog, Qt.Key.Key_Space)
    assert pretend.taps == [0, 10**9, 2 * 10**9]
    pretend.beat_over = True
    qtbot.waitUntil(lambda: dialog.tap_button.isEnabled())
    assert dialog.offset.value() == 180.0 and "10 of 10 taps" in dialog.status.text()
    dialog.reject()
