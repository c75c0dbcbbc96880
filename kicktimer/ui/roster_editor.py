"""Today's athletes and their race times, editable in the session browser; what is wrong is said in words under
the table and marked in the cell it is in."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kicktimer.core.language.plan import Athlete
from kicktimer.core.language.roster import RosterProblem, read_roster, roster_problem

MAX_ATHLETES = 9  # keys 1-9
WRONG_CELL = QColor("#ffd6d6")
WRONG_TEXT = "#b00020"


class RosterEditor(QWidget):
    def __init__(self, edited: Callable[[], None], reset: Callable[[], None]) -> None:
        super().__init__()
        self._edited = edited
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(["Athlete (key)", "Race times, e.g. 800m 2:08, 5k 16:40"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setMaximumHeight(150)
        self.table.itemChanged.connect(lambda _item: self._edited())
        self.note = QLabel()
        self.note.setWordWrap(True)
        buttons = QHBoxLayout()
        for text, slot in (("Add athlete", self.add_athlete), ("Remove", self.remove_athlete),
                           ("Reset to the file", reset)):  # fmt: skip
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        layout.addWidget(self.note)

    def rows(self) -> list[tuple[str, str]]:
        rows = []
        for r in range(self.table.rowCount()):
            name, paces = (self.table.item(r, c) for c in (0, 1))
            rows.append((name.text().strip() if name else "", paces.text().strip() if paces else ""))
        return rows

    def problem(self) -> RosterProblem | None:
        return roster_problem(self.rows())

    def athletes(self) -> tuple[Athlete, ...] | None:
        """The roster as typed, or None while it has a problem."""
        try:
            return read_roster(self.rows())
        except ValueError:
            return None

    def fill(self, rows: list[tuple[str, str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for name, paces in rows:
            self._append_row(name, paces)
        self.table.blockSignals(False)

    def show_problem(self, problem: RosterProblem | None, fine: str) -> None:
        """The problem under the table and its cell marked; `fine` when there is none."""
        self.table.blockSignals(True)
        for r in range(self.table.rowCount()):
            for c in (0, 1):
                item = self.table.item(r, c)
                wrong = problem is not None and (problem.row, problem.column) == (r, c)
                if item is not None:
                    item.setBackground(QBrush(WRONG_CELL) if wrong else QBrush())
        self.table.blockSignals(False)
        if problem is None:
            self.note.setText(fine)
        else:
            self.note.setText(f"<span style='color:{WRONG_TEXT}'><b>Start is off until this is fixed:</b> "
                              f"{html.escape(problem.message, quote=False)}</span>")  # fmt: skip

    def _append_row(self, name: str, paces: str) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(paces))
        self.table.setVerticalHeaderItem(row, QTableWidgetItem(str(row + 1)))

    def add_athlete(self) -> None:
        if self.table.rowCount() < MAX_ATHLETES:
            self.table.blockSignals(True)
            self._append_row(f"Athlete {self.table.rowCount() + 1}", "")
            self.table.blockSignals(False)
            self._edited()

    def remove_athlete(self) -> None:
        if self.table.rowCount() > 1:
            current = self.table.currentRow()
            self.table.removeRow(current if current >= 0 else self.table.rowCount() - 1)
            self._edited()
