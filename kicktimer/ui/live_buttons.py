"""The live view's touch buttons: the commands along the bottom (from the command table; Pause reads Continue
while paused), Review and Close in their place once the session is over, and the two buttons of the "End the
session?" panel. No button takes the keys' focus (the keys keep working); their text is as large as the
narrowest button lets it be."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kicktimer.core.run.commands import BY_NAME, COMMANDS, CONFIRM_END, Command
from kicktimer.core.run.state import Status
from kicktimer.ui.live_paint import end_panel_rows

CONTINUE = "Continue"  # the Pause button while paused
BUTTON_PX = 64  # a thumb's height


def touch_button(text: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keys keep working
    button.setMinimumHeight(BUTTON_PX)
    button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)  # equal widths, sized to fit
    button.clicked.connect(lambda _=False: slot())
    return button


class TouchButtons:
    def __init__(
        self, parent: QWidget, command: Callable[[Command], None], end: tuple[Callable[[], None], Callable[[], None]],
        leave: Callable[[bool], None],
    ) -> None:  # fmt: skip
        row = QHBoxLayout()
        self.commands = {c.name: touch_button(c.title, partial(command, c)) for c in COMMANDS if c.button}
        self.finish = {"review": touch_button("Review  (Enter)", lambda: leave(True)),
                       "close": touch_button("Close  (Esc)", lambda: leave(False))}  # fmt: skip
        for button in [*self.commands.values(), *self.finish.values()]:
            row.addWidget(button)
        for button in self.finish.values():
            button.hide()
        column = QVBoxLayout(parent)
        column.addStretch(1)
        column.addLayout(row)
        yes = touch_button(f"End the session  ({CONFIRM_END['window']})", end[0])
        self.end = (yes, touch_button(f"Keep running  ({BY_NAME['end'].keys[0]})", end[1]))
        for button in self.end:
            button.setParent(parent)
            button.hide()

    def row_height(self) -> int:
        """The row's height whichever buttons show (a button hidden before it was ever laid out has a stale size)."""
        return max(max(b.minimumHeight(), b.sizeHint().height()) for b in self.commands.values())

    def fit(self, width: float, family: str) -> None:
        """Every button's text at one size, as large as the narrowest command button lets its widest text be."""
        each = (width - 24) / max(1, len(self.commands)) - 16
        font = QFont(family)
        font.setBold(True)
        font.setPixelSize(100)
        texts = [CONTINUE, *(b.text() for b in self.commands.values())]
        widest = max(QFontMetricsF(font).horizontalAdvance(text) for text in texts)
        font.setPixelSize(max(9, min(24, int(each * 100 / widest * 0.95))))
        for button in [*self.commands.values(), *self.end, *self.finish.values()]:
            button.setFont(font)

    def show_for(self, status: Status, review: bool) -> None:
        """The commands while the session runs (Pause reads Continue while paused); Review and Close once over."""
        over = status in ("complete", "ended")
        for button in self.commands.values():
            button.setVisible(not over)
        self.finish["review"].setVisible(over and review)
        self.finish["close"].setVisible(over)
        pause = CONTINUE if status == "paused" else BY_NAME["pause"].title
        if self.commands["pause"].text() != pause:
            self.commands["pause"].setText(pause)

    def place_end(self, panel: QRectF, shown: bool) -> None:
        """The panel's two buttons side by side in its lowest row."""
        row = end_panel_rows(panel, BUTTON_PX)[2]
        width = row.width() * 0.48
        for i, button in enumerate(self.end):
            left = row.x() + (row.width() - width) * i
            button.setMinimumHeight(min(BUTTON_PX, int(row.height())))  # a small window: the panel's row, no more
            button.setGeometry(int(left), int(row.y()), int(width), int(row.height()))
            button.setVisible(shown)
