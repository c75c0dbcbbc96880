"""The athlete page: one athlete across the season. The plot of one kind of rep (the one run most, or the one
picked in the list) fills the right; on the left, every kind of rep with what moved, the race times over time and
every recording they ran (double-click one to review it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QFont, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kicktimer.core.season.athlete_table import (
    KINDS_HEADER,
    RUN_HEADER,
    TIME_HEADER,
    AthleteShown,
    kind_row,
    run_cells,
    time_cells,
)
from kicktimer.ui.athlete_plot import AthletePlot
from kicktimer.ui.labels import ElidedLabel, WrappingLabel
from kicktimer.ui.recording_panel import make_table

LEFT_SHARE = (9, 11)  # the tables and the plot share the width 9:11 (620 px of 1366 for the tables)
CELL_MAX_PX = 250  # a long session name is cut (whole in its tooltip)


@dataclass(frozen=True)
class AthleteSource:
    names: Callable[[], list[str]]  # the squad's, then anyone else in the recordings
    shown: Callable[[str], AthleteShown]
    open_recording: Callable[[str], None] = lambda _file: None  # a recording's file name: its review


def _table(header: list[str]) -> QTableWidget:
    table = make_table(header)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> list[QTableWidgetItem]:
    """The rows, each cell's text whole in its tooltip; the columns as wide as their cells, up to a limit. The
    first cell of each row is returned."""
    table.setRowCount(len(rows))
    firsts = []
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            table.setItem(r, c, cell)
            if c == 0:
                firsts.append(cell)
    table.resizeColumnsToContents()
    for c in range(table.columnCount() - 1):
        table.setColumnWidth(c, min(table.columnWidth(c), CELL_MAX_PX))
    return firsts


class AthleteWindow(QWidget):
    def __init__(self, source: AthleteSource, name: str | None = None) -> None:
        super().__init__()
        self.setWindowTitle("kicktimer — athlete")
        self.source = source
        self.shown: AthleteShown | None = None
        self._shared = False  # the width shared out between the tables and the plot
        self.choose = QComboBox()
        self.choose.setMinimumWidth(180)
        self.heading = ElidedLabel(QFont(self.font().family(), 15, QFont.Weight.Bold))  # never widens the page
        self.standings = WrappingLabel()
        self.kinds, self.times, self.runs = _table(KINDS_HEADER), _table(TIME_HEADER), _table(RUN_HEADER)
        self.kinds.itemSelectionChanged.connect(self._kind_chosen)
        self.runs.cellDoubleClicked.connect(self._open_run)
        self.runs.setToolTip("Double-click a recording to review it")
        self.runs.setColumnHidden(RUN_HEADER.index("File"), True)  # in the tooltip of its date
        self.plot = AthletePlot()
        self._lay_out()
        self.choose.addItems(source.names())
        if name:
            self.choose.setCurrentText(name)
        self.choose.currentTextChanged.connect(self.show_athlete)
        self.show_athlete(name or self.choose.currentText())  # once: before the chooser says it changed
        self.on_close: list[Callable[[], None]] = []
        for keys in ("Ctrl+W", "Esc"):
            QShortcut(QKeySequence(keys), self, self.close)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        for hook in self.on_close:
            hook()
        super().closeEvent(event)

    def _lay_out(self) -> None:
        top = QHBoxLayout()
        top.addWidget(QLabel("Athlete:"))
        top.addWidget(self.choose)
        top.addWidget(self.heading, 1)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        tables = (("Kinds of rep (pick one to plot it)", self.kinds, 2), ("Race times over time", self.times, 1),
                  ("Recordings", self.runs, 3))  # fmt: skip
        for title, table, stretch in tables:
            column.addWidget(QLabel(f"<b>{title}</b>"))
            column.addWidget(table, stretch)
        self.split = split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(left)
        split.addWidget(self.plot.widget)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.standings)
        layout.addWidget(split, 1)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        """The first time: the tables and the plot share the width (the tables alone would ask for all of it)."""
        super().showEvent(event)
        if not self._shared:
            self._shared = True
            width = self.split.width()
            self.split.setSizes([width * LEFT_SHARE[0] // sum(LEFT_SHARE), width * LEFT_SHARE[1] // sum(LEFT_SHARE)])

    def show_athlete(self, name: str) -> None:
        if not name.strip():
            self.heading.set_full_text("No athletes yet: add them to the squad, or record a session")
            self.plot.show("", None)
            return
        self.shown = self.source.shown(name)
        page = self.shown.page
        self.heading.set_full_text(self.shown.who)
        self.standings.setText("\n".join(self.shown.standings))
        self.standings.setVisible(bool(self.shown.standings))
        _fill(self.kinds, [kind_row(kind) for kind in page.kinds])
        _fill(self.times, time_cells(page.times))
        for cell, run in zip(_fill(self.runs, [run_cells(run) for run in page.runs]), page.runs, strict=True):
            cell.setToolTip(f"{run.file}: double-click to review it")
        if page.kinds:
            self.kinds.selectRow(0)  # the kind run most often
        else:
            self.plot.show(page.name, None)

    def _kind_chosen(self) -> None:
        rows = self.kinds.selectionModel().selectedRows()
        if self.shown is not None and rows:
            self.plot.show(self.shown.page.name, self.shown.page.kinds[rows[0].row()])

    def _open_run(self, row: int, _column: int) -> None:
        if self.shown is not None:
            self.source.open_recording(self.shown.page.runs[row].file)
