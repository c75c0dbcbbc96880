"""The track-side display: the whole screen in the phase colour, the clock huge, a tile per athlete.

It pulls a Snapshot on every repaint and never keeps time itself: a single precise timer asks for the next
repaint at the moment the displayed clock will change (or 1 s at most), so a boundary shows within a frame
and an idle screen costs almost nothing. Keys are stamped with the clock before anything else happens, and
taps still count while a dialog is open over the window. Esc only asks: ending takes E or the panel's button,
which no tap key answers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget

from kicktimer.core.language.plan import Plan
from kicktimer.core.run.board import board
from kicktimer.core.run.commands import BY_NAME, CONFIRM_END, Command
from kicktimer.core.run.places import Split
from kicktimer.core.run.state import Outcome, Snapshot, clock_text
from kicktimer.ui.keep_awake import KeepAwake
from kicktimer.ui.live_buttons import TouchButtons
from kicktimer.ui.live_paint import Layout, screen_layout
from kicktimer.ui.live_screen import SOUND_ON, Screen, paint_clock, paint_screen
from kicktimer.ui.live_words import key_table, no_command_text, outcome_text, qt_key, refusal_text
from kicktimer.ui.style import Theme, background_for, look

__all__ = ["LiveActions", "LiveView", "clock_text", "next_change_ms"]

MAX_REPAINT_MS = 1000  # the sound state and time left refresh at least this often; keys repaint at once
FLASH_S = 0.35  # a gear change flashes the screen for this long
# not a command key: a stray Space, digit or clicker press never ends a session
CONFIRM_END_KEY = qt_key(CONFIRM_END["window"])
TAPS = ("tap", "tap_all")
REVIEW_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)  # once the session is over


@dataclass(frozen=True)
class LiveActions:
    """What the view may ask of the session; `app/gui.py` wires these to the engine, journal and audio."""

    snapshot: Callable[[], Snapshot]
    now_ns: Callable[[], int]
    execute: Callable[[Command, int | None, int], Outcome]  # (command, athlete, t_ns at the key) -> what it did
    sound_state: Callable[[], tuple[str, str]]  # (headline, why): "NO SOUND — no speaker found", the reason in words
    finish: Callable[[int, int], Split | None]  # (athlete, step) -> their latest finish of it
    unsaved: Callable[[], str]  # "NOT SAVED — disk is full, 3 waiting" while events wait for the disk, else ""


def next_change_ms(snap: Snapshot) -> int:
    """Milliseconds until `clock_text` changes, so the repaint lands on the boundary."""
    if snap.status != "running":
        return MAX_REPAINT_MS
    if snap.remaining_s is not None:
        unit = 0.1 if snap.remaining_s < 10.1 else 1.0
        to_next = snap.remaining_s - math.floor(snap.remaining_s / unit - 1e-9) * unit
    else:
        to_next = 1.0 - (snap.step_elapsed_s % 1.0)
    if snap.gear_change and snap.step_elapsed_s < FLASH_S:
        to_next = min(to_next, FLASH_S - snap.step_elapsed_s)
    return max(1, min(MAX_REPAINT_MS, math.ceil(round(to_next * 1000, 3))))  # round: float noise is not a ms


class LiveView(QWidget):
    def __init__(self, live: LiveActions, theme: Theme, plan: Plan) -> None:
        super().__init__()
        self.live = live
        self.theme = theme
        self.plan = plan
        self.countdown_s = plan.settings.countdown_s
        self.step_labels = [s.label for s in plan.steps]
        self.show_keys = False  # the key table over the screen (F1 / ?)
        self.confirming_end = False  # "End the session?" over the screen (Esc)
        self._keys = key_table()
        self.clock_pixel_size = 0
        self.message = ""  # the last thing recorded (or why a key did nothing), shown small at the bottom
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(640, 400)
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._tick)
        self._painted: tuple[object, ...] | None = None  # what was on screen apart from the clock
        self.may_close: Callable[[], bool] = lambda: True  # the app asks first when events wait for the disk
        # Set by the app when it offers the review: told, as the finished screen closes, whether the coach chose
        # the review (Enter: True) or not (Esc: False).
        self.leave: Callable[[bool], object] | None = None
        self.touch = TouchButtons(self, self._command, (self._end, self._cancel_end), self._leave)
        self.buttons, self.end_buttons = self.touch.commands, self.touch.end
        self._sound: tuple[str, str] = (SOUND_ON, "")  # the sound as last told: a change is said once
        self.on_show: list[Callable[[], None]] = []  # the app's housekeeping follows the window
        self.on_hide: list[Callable[[], None]] = []
        self.keep_awake: KeepAwake | None = None  # set by the app: the screen stays on while this window shows
        self._was_over = False  # the session was over at the last notice

    def _command(self, command: Command) -> None:
        if command.name == "end" and not self.finished():
            self._ask_end()
        else:
            self._run(command, None, self.live.now_ns())

    def _run(self, command: Command, athlete: int | None, t_ns: int) -> None:
        was_paused = self.live.snapshot().status == "paused"
        outcome = self.live.execute(command, athlete, t_ns)
        snap = self.live.snapshot()
        if outcome.event is not None:
            names = [a.name for a in self.plan.athletes]
            self.message = outcome_text(outcome, self.step_labels, names, snap.step_index)
            if was_paused and snap.status == "running" and outcome.event.type == "tap":
                self.message += ": the pause is cancelled, they kept running"
        elif command.call is not None:
            self.message = refusal_text(command, athlete, snap, self.step_labels) or self.message
        self.notice()
        self.update()

    def notice(self) -> None:
        """The buttons follow the session (Continue while paused; Review and Close once over); a change of the
        sound is said once on the message line, in the audio's own words."""
        status = self.live.snapshot().status
        over = status in ("complete", "ended")
        self.touch.show_for(status, self.leave is not None)
        if over and not self._was_over and (self.show_keys or self.confirming_end):
            self._open(None)  # the finished screen shows whole: what was open over the session closes
        self._was_over = over
        sound = self.live.sound_state()
        if sound != self._sound:
            self._sound = sound
            self.message = sound[1] or "Sound on"
            self.update()

    def finished(self) -> bool:
        return self.live.snapshot().status in ("complete", "ended")

    def _leave(self, review: bool) -> None:
        """The session is over: to its review (Enter) or back where it was started (Esc); recorded as ended."""
        if self.live.snapshot().status == "complete":
            self._run(BY_NAME["end"], None, self.live.now_ns())
        if self.leave is not None:
            self.leave(review)
        self.close()

    # --- keys, taps on the tiles, keys pressed while a dialog is open -----------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        t_ns = self.live.now_ns()  # the tap happened now: stamp it before anything else
        ctrl = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        command = self._keys.get((event.key(), ctrl))
        if self.show_keys and (event.key() == Qt.Key.Key_Escape or (command and command.name == "help")):
            self._open(None)  # Esc closes the topmost panel, and only it
        elif self.confirming_end and event.key() == CONFIRM_END_KEY:
            self._end()
        elif self.finished() and event.key() in (*REVIEW_KEYS, Qt.Key.Key_Escape):
            self._leave(event.key() in REVIEW_KEYS)
        elif command is None:
            self.message = no_command_text(event.key(), event.modifiers()) or self.message
            self.update()
        elif command.name == "tap":
            self._run(command, event.key() - Qt.Key.Key_1.value, t_ns)
        elif command.name == "fullscreen":
            self.setWindowState(self.windowState() ^ Qt.WindowState.WindowFullScreen)
        elif command.name == "help":
            self._open("keys")
        elif command.name == "end":
            self._cancel_end() if self.confirming_end else self._ask_end()
        else:
            self._run(command, None, t_ns)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        t_ns = self.live.now_ns()
        panel = self._keys_panel() if self.show_keys else self._end_panel() if self.confirming_end else None
        if panel is not None and panel.contains(event.position()):
            return  # a click on a panel taps no athlete hidden under it
        for athlete, rect in enumerate(self._layout().tiles):
            if rect.contains(event.position()):
                self._run(BY_NAME["tap"], athlete, t_ns)
                return
        super().mousePressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        """While a dialog is open over the session, its taps still count, stamped when pressed."""
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) or event.isAutoRepeat():
            return False
        modal = QApplication.activeModalWidget()
        if modal is None or not isinstance(watched, QWidget) or watched.window() is self:
            return False
        t_ns = self.live.now_ns()
        command = self._keys.get((event.key(), bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)))
        if command is None or command.name not in TAPS:
            return False
        self._run(command, event.key() - Qt.Key.Key_1.value if command.name == "tap" else None, t_ns)
        return True  # the dialog never sees it: Space and 1-9 answer nothing there

    def _open(self, panel: str | None) -> None:
        """At most one panel over the screen: "keys" (the key table), "end" (End the session?) or none."""
        self.show_keys, self.confirming_end = panel == "keys", panel == "end"
        self._place_end_buttons()
        self.update()

    def _ask_end(self) -> None:
        self._open("end")

    def _cancel_end(self) -> None:
        self._open(None)

    def _end(self) -> None:
        """Ends the session: the screen then says it is over, and offers the review."""
        self._open(None)
        self._run(BY_NAME["end"], None, self.live.now_ns())

    def _place_end_buttons(self) -> None:
        self.touch.place_end(self._end_panel(), self.confirming_end)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.may_close():
            event.ignore()
            return
        super().closeEvent(event)

    # --- painting ------------------------------------------------------------------------------------------
    def showEvent(self, event: object) -> None:  # noqa: N802
        app = QApplication.instance()
        if app is not None:  # taps pressed in a dialog over the session come here first
            app.installEventFilter(self)
        for hook in self.on_show:
            hook()
        self.notice()

    def hideEvent(self, event: object) -> None:  # noqa: N802
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
        for hook in self.on_hide:
            hook()

    def resizeEvent(self, event: object) -> None:  # noqa: N802
        self.touch.fit(self.width(), self.theme.text_family)
        self._place_end_buttons()

    def _area_height(self) -> float:
        return float(self.height() - self.touch.row_height() - 24)

    def _layout(self) -> Layout:
        return screen_layout(float(self.width()), self._area_height(), len(self.plan.athletes))

    def _end_panel(self) -> QRectF:
        """Over the tiles and the next step, under the clock: the time stays in sight while the coach decides."""
        layout = self._layout()
        top, gap = layout.step_bar.bottom() + layout.step_bar.height(), layout.step_bar.height()
        return QRectF(self.width() * 0.1, top, self.width() * 0.8, layout.next_line.bottom() - gap - top)

    def _keys_panel(self) -> QRectF:
        w, h = float(self.width()), self._area_height()
        return QRectF(w * 0.05, h * 0.02, w * 0.9, h * 0.96)

    def _frame_key(self, snap: Snapshot) -> tuple[object, ...]:
        """Everything drawn except the clock digits and the step's bar: unchanged, only those are repainted."""
        tiles = board(self.plan, snap, self.live.finish)
        flash = snap.gear_change and snap.step_elapsed_s < FLASH_S
        countdown = snap.remaining_s is not None and snap.remaining_s <= self.countdown_s
        left = math.ceil(snap.left_s)
        sound = self.live.sound_state()
        return (snap.step_index, snap.status, tiles, flash, countdown, left, self.message, sound, self.show_keys,
                self.confirming_end, self.live.unsaved())  # fmt: skip

    def _tick(self) -> None:
        self.notice()
        snap = self.live.snapshot()
        if self._painted == self._frame_key(snap):
            layout = self._layout()
            self.update(layout.clock.united(layout.step_bar).toAlignedRect().adjusted(0, 1, 0, -1))
        else:
            self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        snap = self.live.snapshot()
        layout = self._layout()
        band = layout.clock.united(layout.step_bar)
        clock_only = band.contains(QRectF(event.rect())) and self._painted == self._frame_key(snap)
        clock_only = clock_only and not (self.show_keys or self.confirming_end)  # a panel over the clock stays
        self._painted = self._frame_key(snap)
        painter = QPainter(self)
        try:
            screen = self._screen(snap, layout)
            if clock_only:  # only the digits changed: no other text is laid out (the CPU it saves is most of it)
                painter.fillRect(event.rect(), screen.look.background)
                self.clock_pixel_size = paint_clock(painter, screen)
            else:
                self.clock_pixel_size = paint_screen(painter, screen, QRectF(self.rect()))
        finally:
            painter.end()
        if self.isVisible():
            self._timer.start(next_change_ms(snap))

    def _screen(self, snap: Snapshot, layout: Layout) -> Screen:
        seen = look(background_for(snap, self.theme, self.countdown_s), self.theme)
        if snap.gear_change and snap.status == "running" and snap.step_elapsed_s < FLASH_S:
            seen = seen.inverted()  # the gear change flashes
        return Screen(
            snap, self.plan, self.step_labels, self.theme, layout, seen, board(self.plan, snap, self.live.finish),
            self.live.sound_state()[0], self.message, float(self.height()),
            self._end_panel() if self.confirming_end else None,
            self._keys_panel() if self.show_keys else None, self.leave is not None,
            self.live.unsaved(),
        )  # fmt: skip
