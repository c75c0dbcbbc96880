"""The track-side display: the whole screen in the phase colour, the clock huge, what comes next.

It pulls a Snapshot on every repaint and never keeps time itself: a single precise timer asks for the next
repaint at the moment the displayed clock will change (or 250 ms at most), so a boundary shows within a frame
and an idle screen costs almost nothing. Keys are stamped with the clock before anything else happens.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QKeyEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QVBoxLayout, QWidget

from kicktimer.core.language.paces import format_target
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.run.commands import BY_NAME, COMMANDS, Command
from kicktimer.core.run.engine import Outcome, Snapshot
from kicktimer.ui.keep_awake import KeepAwake
from kicktimer.ui.live_words import key_table, outcome_text, paint_key_table
from kicktimer.ui.style import Theme, background_for, delta_colour

MAX_REPAINT_MS = 1000  # the sound state and time left refresh at least this often; keys repaint at once
FLASH_S = 0.35  # a gear change flashes the screen for this long
CLOCK_TOP, CLOCK_BAND = 0.18, 0.50  # the clock's band, as fractions of the area above the buttons
CLOCK_MIN_OF_WINDOW = 0.401  # the digits are never smaller than 40% of the window's height


@dataclass(frozen=True)
class LiveActions:
    """What the view may ask of the session; `app/gui.py` wires these to the engine, journal and audio."""

    snapshot: Callable[[], Snapshot]
    now_ns: Callable[[], int]
    execute: Callable[[Command, int | None, int], Outcome]  # (command, athlete, t_ns at the key) -> what it did
    sound_state: Callable[[], str]


def clock_text(snap: Snapshot) -> str:
    """Counting down for time-ended steps, up for tap-ended ones; tenths only in the last 10 s of a countdown."""
    if snap.remaining_s is not None:
        if snap.remaining_s < 10:
            return f"{math.ceil(snap.remaining_s * 10) / 10:.1f}"
        return format_clock(math.ceil(snap.remaining_s))
    return format_clock(math.floor(snap.step_elapsed_s))


def next_change_ms(snap: Snapshot) -> int:
    """Milliseconds until `clock_text` changes, so the repaint lands on the boundary."""
    if snap.status != "running":
        return MAX_REPAINT_MS
    if snap.remaining_s is not None:
        unit = 0.1 if snap.remaining_s < 10.1 else 1.0
        to_next = snap.remaining_s - math.floor(snap.remaining_s / unit - 1e-9) * unit
    else:
        to_next = 1.0 - (snap.step_elapsed_s % 1.0)
    if snap.step.joined and snap.step_elapsed_s < FLASH_S:
        to_next = min(to_next, FLASH_S - snap.step_elapsed_s)
    return max(1, min(MAX_REPAINT_MS, math.ceil(round(to_next * 1000, 3))))  # round: float noise is not a ms


class LiveView(QWidget):
    def __init__(
        self, live: LiveActions, theme: Theme, step_labels: Sequence[str], countdown_s: float = 3.0,
        athletes: Sequence[str] = (),
    ) -> None:  # fmt: skip
        super().__init__()
        self.live = live
        self.countdown_s = countdown_s
        self.theme = theme
        self.step_labels = list(step_labels)
        self.athlete_names = list(athletes)
        self.show_keys = False  # the key table over the screen (F1 / ?)
        self._keys = key_table()
        self.clock_pixel_size = 0
        self.message = ""  # the last thing recorded, shown small at the bottom
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(640, 400)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._painted: tuple[object, ...] | None = None  # what was on screen apart from the clock
        self.ends_session: Callable[[], object] = self.close
        self.buttons = self._touch_buttons(athletes)
        self.on_show: list[Callable[[], None]] = []  # the app's housekeeping follows the window
        self.on_hide: list[Callable[[], None]] = []
        self.keep_awake: KeepAwake | None = None  # set by the app: the screen stays on while this window shows

    def _touch_buttons(self, athletes: Sequence[str]) -> dict[str, QPushButton]:
        """Big buttons along the bottom for touch screens: the command table's, and one per athlete."""
        row = QHBoxLayout()
        buttons: dict[str, QPushButton] = {}
        tap_all, tap = BY_NAME["tap_all"], BY_NAME["tap"]
        spec: list[tuple[str, str, Command, int | None]] = [(tap_all.name, tap_all.title, tap_all, None)]
        spec += [(f"tap{i}", f"{i + 1} {name}", tap, i) for i, name in enumerate(athletes) if len(athletes) > 1]
        spec += [(c.name, c.title, c, None) for c in COMMANDS if c.button and c is not tap_all]
        for key, text, command, athlete in spec:
            button = QPushButton(text)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys keep working
            button.setMinimumHeight(64)
            font = button.font()
            font.setPixelSize(24)
            font.setBold(True)
            button.setFont(font)
            button.clicked.connect(lambda _=False, c=command, a=athlete: self._run(c, a, self.live.now_ns()))
            row.addWidget(button)
            buttons[key] = button
        column = QVBoxLayout(self)
        column.addStretch(1)
        column.addLayout(row)
        return buttons

    def _run(self, command: Command, athlete: int | None, t_ns: int) -> None:
        outcome = self.live.execute(command, athlete, t_ns)
        if outcome.event is not None:
            self.message = outcome_text(outcome, self.step_labels, self.athlete_names)
        self.update()

    # --- keys ----------------------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        t_ns = self.live.now_ns()  # the tap happened now: stamp it before anything else
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        command = self._keys.get((event.key(), ctrl))
        if command is None:
            super().keyPressEvent(event)
        elif command.name == "tap":
            self._run(command, event.key() - Qt.Key.Key_1.value, t_ns)
        elif command.name == "fullscreen":
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        elif command.name == "help":
            self.show_keys = not self.show_keys
            self.update()
        elif command.name == "end":
            self._confirm_end()
        else:
            self._run(command, None, t_ns)

    def _confirm_end(self) -> None:
        answer = QMessageBox.question(self, "End the session?", "End the session now? The recording is kept.")
        if answer == QMessageBox.StandardButton.Yes:
            self._run(BY_NAME["end"], None, self.live.now_ns())
            self.ends_session()

    # --- painting ------------------------------------------------------------------------------------------
    def showEvent(self, event: object) -> None:  # noqa: N802
        for hook in self.on_show:
            hook()

    def hideEvent(self, event: object) -> None:  # noqa: N802
        self._timer.stop()
        for hook in self.on_hide:
            hook()

    def _frame_key(self, snap: Snapshot) -> tuple[object, ...]:
        """Everything drawn except the clock digits: when it has not changed, only the clock is repainted."""
        splits = tuple((a.pending, a.last_split) for a in snap.athletes)
        flash = snap.step.joined and snap.step_elapsed_s < FLASH_S
        countdown = snap.remaining_s is not None and snap.remaining_s <= self.countdown_s
        left = math.ceil(snap.left_s)
        sound = self.live.sound_state()
        return (snap.step_index, snap.status, splits, flash, countdown, left, self.message, sound, self.show_keys)

    def _tick(self) -> None:
        snap = self.live.snapshot()
        if self._painted == self._frame_key(snap):
            self.update(self._clock_band().toAlignedRect().adjusted(0, 1, 0, -1))
        else:
            self.update()

    def _clock_band(self) -> QRectF:
        h = float(self.height() - self.buttons["tap_all"].height() - 24)
        return QRectF(0, h * CLOCK_TOP, float(self.width()), h * CLOCK_BAND)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        snap = self.live.snapshot()
        clock_only = self._clock_band().contains(QRectF(event.rect())) and self._painted == self._frame_key(snap)
        self._painted = self._frame_key(snap)
        painter = QPainter(self)
        try:
            if clock_only:  # only the digits changed: no other text is laid out (the CPU it saves is most of it)
                bg, fg = self._colours(snap)
                painter.fillRect(event.rect(), bg)
                painter.setPen(fg)
                self._paint_clock(painter, snap)
            else:
                self._paint(painter, snap)
        finally:
            painter.end()
        if self.isVisible():
            self._timer.start(next_change_ms(snap))

    def _paint(self, p: QPainter, snap: Snapshot) -> None:
        # everything is laid out above the touch buttons
        w, h = float(self.width()), float(self.height() - self.buttons["tap_all"].height() - 24)
        bg, fg = self._colours(snap)
        p.fillRect(self.rect(), bg)
        p.setPen(fg)
        text_font = QFont(self.theme.text_family)
        text_font.setBold(True)

        def line(text: str, top: float, height: float, align: Qt.AlignmentFlag, scale: float = 0.7) -> None:
            text_font.setPixelSize(max(8, int(height * scale)))
            p.setFont(text_font)
            p.drawText(QRectF(w * 0.03, top, w * 0.94, height), int(align | Qt.AlignmentFlag.AlignVCenter), text)

        status = {"ready": "READY", "paused": "PAUSED", "complete": "DONE", "ended": "ENDED"}.get(snap.status, "")
        line(snap.counters or snap.step.phase.upper(), 0, h * 0.09, Qt.AlignmentFlag.AlignLeft)
        line(f"{status}  {self.live.sound_state()}".strip(), 0, h * 0.09, Qt.AlignmentFlag.AlignRight, 0.45)
        self._segments(p, snap, h * 0.09, h * 0.11, w, fg, text_font)
        self._paint_clock(p, snap)
        self._athletes(p, snap, h * 0.68, h * 0.13, w, fg, text_font)
        nxt = f"Next: {snap.next_step.label}" if snap.next_step is not None else ""
        line(nxt, h * 0.81, h * 0.08, Qt.AlignmentFlag.AlignLeft, 0.6)
        line(f"{format_clock(math.ceil(snap.left_s))} left", h * 0.81, h * 0.08, Qt.AlignmentFlag.AlignRight, 0.6)
        bar = QRectF(w * 0.03, h * 0.905, w * 0.94, h * 0.025)
        p.fillRect(bar, QColor(fg.red(), fg.green(), fg.blue(), 60))
        p.fillRect(QRectF(bar.x(), bar.y(), bar.width() * snap.progress, bar.height()), fg)
        line(self.message, h * 0.94, h * 0.06, Qt.AlignmentFlag.AlignLeft, 0.5)
        if self.show_keys:
            paint_key_table(p, QRectF(w * 0.08, h * 0.06, w * 0.84, h * 0.88), bg, fg, text_font)

    def _colours(self, snap: Snapshot) -> tuple[QColor, QColor]:
        bg, fg = background_for(snap, self.theme, self.countdown_s)
        if snap.step.joined and snap.status == "running" and snap.step_elapsed_s < FLASH_S:
            return fg, bg  # the gear change flashes
        return bg, fg

    def _paint_clock(self, p: QPainter, snap: Snapshot) -> None:
        band = self._clock_band()
        clock_font = QFont(self.theme.clock_family)
        clock_font.setBold(True)
        clock_font.setPixelSize(int(max(CLOCK_MIN_OF_WINDOW * self.height(), 0.9 * band.height())))
        clock_font.setStyleHint(QFont.StyleHint.Monospace)
        p.setFont(clock_font)
        p.drawText(band, int(Qt.AlignmentFlag.AlignCenter), clock_text(snap))
        self.clock_pixel_size = clock_font.pixelSize()

    def _segments(self, p: QPainter, snap: Snapshot, top: float, height: float, w: float, fg: QColor,
                  font: QFont) -> None:  # fmt: skip
        """The rep's segments in a row, the current one lit: "200m @800 → 100m bound → 200m kick"."""
        font.setPixelSize(max(8, int(height * 0.6)))
        p.setFont(font)
        labels = [self.step_labels[i] for i in snap.rep_steps]
        parts = " → ".join(labels)
        metrics_width = p.fontMetrics().horizontalAdvance(parts)
        x = max(w * 0.03, (w - metrics_width) / 2)
        for i, (index, label) in enumerate(zip(snap.rep_steps, labels, strict=True)):
            lit = index == snap.step_index
            p.setPen(fg if lit else QColor(fg.red(), fg.green(), fg.blue(), 110))
            text = label + (" → " if i < len(labels) - 1 else "")
            p.drawText(QRectF(x, top, w, height), int(Qt.AlignmentFlag.AlignVCenter), text)
            x += p.fontMetrics().horizontalAdvance(text)
        p.setPen(fg)

    def _athletes(self, p: QPainter, snap: Snapshot, top: float, height: float, w: float, fg: QColor,
                  font: QFont) -> None:  # fmt: skip
        """Each athlete's last split and its delta to target, in columns."""
        count = max(1, len(snap.athletes))
        column = w * 0.94 / count
        font.setPixelSize(max(8, int(min(height * 0.36, column / 7))))
        p.setFont(font)
        for i, athlete in enumerate(snap.athletes):
            x = w * 0.03 + i * column
            split = athlete.last_split
            waiting = "…" if snap.step_index in athlete.pending else ""
            target = snap.step.targets[i] if i < len(snap.step.targets) else None
            aim = f"  → {format_target(target)}" if target else ""
            name = f"{i + 1} {athlete.name}{waiting}{aim}"
            p.setPen(fg)
            p.drawText(QRectF(x, top, column, height / 2), int(Qt.AlignmentFlag.AlignLeft), name)
            if split is None:
                continue
            text = format_clock(round(split.duration_s, 1))
            if split.delta_s is not None:
                p.setPen(delta_colour(split.delta_s, self.theme))
                text += f"  {split.delta_s:+.1f}"
            p.drawText(QRectF(x, top + height / 2, column, height / 2), int(Qt.AlignmentFlag.AlignLeft), text)
        p.setPen(fg)
