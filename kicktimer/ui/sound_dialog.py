"""Settings ▸ Output latency and sound check: hear every cue sound where you stand, and set — or measure — how much
later than it reports the output plays (a Bluetooth speaker adds 100-300 ms that its driver often does not report).
What the dialog asks of the sound is given to it (`SoundSetup`, wired in app/gui.py): the UI never opens a device."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

Measured = tuple[float | None, str]  # (the offset in ms, or None when it could not be measured; what to tell the coach)
POLL_MS = 100


class TapBeat(Protocol):
    """A beat of clicks under way: taps are stamped by the caller; `over` once the last click has sounded."""

    @property
    def over(self) -> bool: ...
    def tap(self, t_ns: int) -> None: ...
    def result(self) -> Measured: ...


class Playing(Protocol):
    def close(self) -> None: ...


@dataclass(frozen=True)
class SoundSetup:
    device: str  # the output's name, as the offset is remembered by
    offset_ms: float
    sound_check: Callable[[float], tuple[Playing, float]]  # play the palette at this offset: (it, for how many s)
    calibrate: Callable[[], Measured]  # blocks ~12 s: run on a worker thread
    tap_along: Callable[[], TapBeat]
    now_ns: Callable[[], int]
    save: Callable[[float], object]


class SoundDialog(QDialog):
    def __init__(self, setup: SoundSetup, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setup = setup
        self.setWindowTitle("Output latency and sound check")
        self.offset = QDoubleSpinBox()
        self.offset.setRange(-500.0, 2000.0)
        self.offset.setDecimals(0)
        self.offset.setSingleStep(5.0)
        self.offset.setSuffix(" ms")
        self.offset.setValue(setup.offset_ms)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.check_button = QPushButton("&Sound check")
        self.measure_button = QPushButton("&Measure with the microphone")
        self.tap_button = QPushButton("&Tap along")
        self.check_button.clicked.connect(self.sound_check)
        self.measure_button.clicked.connect(self.measure)
        self.tap_button.clicked.connect(self.tap_along)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self.timer = QTimer(self)
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)
        self._measuring: list[Measured] = []
        self._worker: threading.Thread | None = None
        self._beat: TapBeat | None = None
        self._playing: tuple[Playing, float] | None = None

    def _layout(self) -> None:
        explain = QLabel(
            "A Bluetooth speaker plays every cue later than the computer knows. Measure how much later with the "
            "laptop's microphone (keep quiet for about 12 s), or by tapping Space on each click you hear, or set it "
            "yourself. It is remembered for this output and added to every cue."
        )
        explain.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Output:", QLabel(self.setup.device))
        form.addRow("Plays later by:", self.offset)
        actions = QHBoxLayout()
        for button in (self.check_button, self.measure_button, self.tap_button):
            actions.addWidget(button)
        column = QVBoxLayout(self)
        self.setMinimumWidth(600)  # wide enough for the wrapped text to take its whole height
        column.addWidget(explain)
        column.addLayout(form)
        column.addLayout(actions)
        column.addWidget(self.status)
        column.addWidget(self.buttons)

    # --- what the buttons do ------------------------------------------------------------------------------
    def sound_check(self) -> None:
        self._stop_playing()
        playing, seconds = self.setup.sound_check(self.offset.value())
        self._playing = (playing, self.setup.now_ns() + seconds * 1e9)
        self.status.setText("Playing: go, gear change up, gear change down, recovery, countdown, done.")
        self.timer.start()

    def measure(self) -> None:
        self._busy(True)
        self.status.setText("Measuring: clicks from the speaker, the microphone listening. Keep quiet for about 12 s…")
        self._worker = threading.Thread(target=lambda: self._measuring.append(self.setup.calibrate()), daemon=True)
        self._worker.start()
        self.timer.start()

    def tap_along(self) -> None:
        self._busy(True)
        self._beat = self.setup.tap_along()
        self.status.setText("Tap Space on every click you hear, in time with the beat (about 15 s)…")
        self.setFocus()
        self.timer.start()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        t_ns = self.setup.now_ns()  # stamped first: the tap happened when the key came
        if self._beat is not None and event.key() == Qt.Key.Key_Space:
            self._beat.tap(t_ns)
            return
        super().keyPressEvent(event)

    def _poll(self) -> None:
        if self._playing is not None and self.setup.now_ns() > self._playing[1]:
            self._stop_playing()
        if self._measuring:
            self._show(self._measuring.pop())
            self._worker = None
        if self._beat is not None and self._beat.over:
            beat, self._beat = self._beat, None
            self._show(beat.result())
        if self._playing is None and self._worker is None and self._beat is None:
            self.timer.stop()

    def _show(self, measured: Measured) -> None:
        offset, text = measured
        self._busy(False)
        if offset is None:
            self.status.setText(f"Not measured: {text}")
            return
        self.offset.setValue(round(offset))
        self.status.setText(f"Measured: {text}. Save to use it.")

    def _busy(self, busy: bool) -> None:
        for button in (self.check_button, self.measure_button, self.tap_button):
            button.setEnabled(not busy)

    def _stop_playing(self) -> None:
        if self._playing is not None:
            self._playing[0].close()
            self._playing = None

    # --- closing ------------------------------------------------------------------------------------------
    def accept(self) -> None:
        self.setup.save(self.offset.value())
        super().accept()

    def done(self, result: int) -> None:
        self.timer.stop()
        self._stop_playing()
        if self._beat is not None:
            self._beat.result()  # stops its clicks
            self._beat = None
        super().done(result)
