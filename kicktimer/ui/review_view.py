"""The review window: the history of recordings on the left, the chosen one on the right; corrections, exports.

Everything it shows comes through a ReviewSource that app/gui.py builds from the files; corrections go back through
it as events, and the recording is read again, so what is shown is always what the file says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kicktimer.core.language.paces import parse_race_time_s
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.review.analysis import SplitRow
from kicktimer.core.review.review_table import history_matches
from kicktimer.core.run.clock import to_ns
from kicktimer.core.run.events import CorrectionOp, Event
from kicktimer.ui.menus import add_action
from kicktimer.ui.recording_panel import RecordingPanel, Shown, fit_columns, make_table
from kicktimer.ui.review_plots import TrendPoint, save_png

EXPORT_FORMATS = (("CSV (every split)", "csv"), ("CSV for Excel (; and decimal commas)", "excel"), ("JSON", "json"),
                  ("TCX (laps, per athlete)", "tcx"), ("FIT (activity, per athlete)", "fit"))  # fmt: skip
SUFFIX = {"excel": "csv"}  # a format whose files are named otherwise
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
# The history's columns a coach scans down, in view first whatever the names; long cells are cut (their full text
# is the tooltip) so that these stay on screen.
HISTORY_FIRST = ("Date", "Status", "Taps", "Length")
HISTORY_MAX_PX = {"Status": 150}
HISTORY_DEFAULT_MAX_PX = 220


@dataclass(frozen=True)
class HistoryRow:
    path: Path
    cells: tuple[str, ...]
    sort_keys: tuple[object, ...]  # per cell: what the column sorts by (a date as ISO text, a length as seconds)
    session: str
    athletes: tuple[str, ...]


@dataclass(frozen=True)
class ReviewSource:
    header: list[str]
    history: Callable[[], list[HistoryRow]]
    open: Callable[[Path], Shown | str]  # a message instead when it cannot be read
    trend: Callable[[Path, str], list[TrendPoint]]  # the recording's session, one athlete, across dates
    correct: Callable[[Path, Event], str | None]  # None when saved, else why not
    export: Callable[[Path, str, Path], list[Path]]


class SortItem(QTableWidgetItem):
    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if isinstance(mine, int | float) and isinstance(theirs, int | float):
            return mine < theirs
        return str(mine) < str(theirs)


class ReviewWindow(QMainWindow):
    def __init__(self, source: ReviewSource) -> None:
        super().__init__()
        self.setWindowTitle("kicktimer — recordings")
        self.source = source
        self.rows: list[HistoryRow] = []
        self.session_filter = QLineEdit()
        self.session_filter.setPlaceholderText("Session contains…")
        self.session_filter.textChanged.connect(self._filter)
        self.athlete_filter = QComboBox()
        self.athlete_filter.currentIndexChanged.connect(self._filter)
        self.history = make_table(source.header)
        self.history.itemSelectionChanged.connect(self._open_selected)
        header = self.history.horizontalHeader()
        for visual, name in enumerate(n for n in HISTORY_FIRST if n in source.header):
            header.moveSection(header.visualIndex(source.header.index(name)), visual)
        filters = QHBoxLayout()
        filters.addWidget(self.session_filter, 2)
        filters.addWidget(self.athlete_filter, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.history)
        self.panel = RecordingPanel(source.trend)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, text, slot in (("move", "Move tap…", self.move_tap), ("delete", "Delete tap", self.delete_tap),
                                ("add", "Add tap after…", self.add_tap), ("undo", "Undo correction", self.undo),
                                ("png", "Save plot as PNG…", self.save_plot)):  # fmt: skip
            self.buttons[key] = button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch(1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.panel, 1)
        right_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([560, 900])
        self.setCentralWidget(splitter)
        self._menus()
        # Dialogs, replaceable so tests can answer them: (title, label, value) -> number; (title, name) -> path.
        self.ask_seconds: Callable[[str, str, float], float | None] = self._ask_seconds
        self.ask_save_path: Callable[[str, str], Path | None] = self._ask_save_path
        self.on_close: list[Callable[[], None]] = []
        self.refresh()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        for hook in self.on_close:
            hook()
        super().closeEvent(event)

    def _menus(self) -> None:
        menu = self.menuBar().addMenu("&Recording")
        for label, fmt in EXPORT_FORMATS:
            add_action(menu, self, f"Export {label}…", partial(self.export, fmt))
        add_action(menu, self, "&Undo correction", self.undo, QKeySequence(QKeySequence.StandardKey.Undo))
        add_action(menu, self, "&Refresh the list", self.refresh, QKeySequence(QKeySequence.StandardKey.Refresh))
        add_action(menu, self, "&Close", self.close, QKeySequence(QKeySequence.StandardKey.Close))

    # --- history --------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self.rows = self.source.history()
        self.history.setSortingEnabled(False)
        self.history.setRowCount(len(self.rows))
        for r, row in enumerate(self.rows):
            for c, (text, key) in enumerate(zip(row.cells, row.sort_keys, strict=True)):
                item = SortItem(text)
                item.setToolTip(text)
                item.setData(SORT_ROLE, key)
                item.setData(Qt.ItemDataRole.UserRole, str(row.path))
                self.history.setItem(r, c, item)
        self.history.setSortingEnabled(True)
        self.history.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        fit_columns(self.history)
        for column, name in enumerate(self.source.header):
            widest = HISTORY_MAX_PX.get(name, HISTORY_DEFAULT_MAX_PX)
            if self.history.columnWidth(column) > widest:
                self.history.setColumnWidth(column, widest)
        first = [
            self.history.columnWidth(self.source.header.index(n)) for n in HISTORY_FIRST if n in self.source.header
        ]
        scrollbar = self.history.verticalScrollBar().sizeHint().width()
        self.history.setMinimumWidth(sum(first) + scrollbar + 2 * self.history.frameWidth())  # the splitter keeps these
        names = sorted({a for row in self.rows for a in row.athletes}, key=str.casefold)
        current = self.athlete_filter.currentText()
        self.athlete_filter.blockSignals(True)
        self.athlete_filter.clear()
        self.athlete_filter.addItems(["All athletes", *names])
        self.athlete_filter.setCurrentText(current if current in names else "All athletes")
        self.athlete_filter.blockSignals(False)
        self._filter()

    def _path_at(self, row: int) -> Path:
        item = self.history.item(row, 0)
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item is not None else Path()

    def _filter(self) -> None:
        text = self.session_filter.text().strip()
        athlete = self.athlete_filter.currentText() if self.athlete_filter.currentIndex() > 0 else None
        by_path = {row.path: row for row in self.rows}
        for r in range(self.history.rowCount()):
            row = by_path[self._path_at(r)]
            self.history.setRowHidden(r, not history_matches(row.session, row.athletes, text, athlete))

    def visible_paths(self) -> list[Path]:
        return [self._path_at(r) for r in range(self.history.rowCount()) if not self.history.isRowHidden(r)]

    def select(self, path: Path) -> None:
        for r in range(self.history.rowCount()):
            if self._path_at(r) == path:
                self.history.selectRow(r)
                return
        self.show_recording(path)

    def _open_selected(self) -> None:
        rows = self.history.selectionModel().selectedRows()
        if rows:
            self.show_recording(self._path_at(rows[0].row()))

    def show_recording(self, path: Path) -> bool:
        shown = self.source.open(path)
        if isinstance(shown, str):
            QMessageBox.warning(self, "Cannot open this recording", shown)
            return False
        self.panel.show_recording(shown)
        return True

    # --- corrections ----------------------------------------------------------------------------------------
    def _selected(self) -> tuple[Shown, int, SplitRow] | None:
        tab, shown = self.panel.current_tab(), self.panel.shown
        split = tab.selected_split() if tab is not None else None
        if shown is None or tab is None or split is None:
            self.statusBar().showMessage("Select a tap in the table first.", 5000)
            return None
        return shown, tab.athlete.index, split

    def _at(self, shown: Shown, split: SplitRow, after_s: float) -> int:
        """The recording's clock `after_s` of session time after a split (pauses do not count)."""
        timeline = shown.review.timeline
        return timeline.t_at(timeline.active_at(split.t_ns) + to_ns(after_s))

    def _correct(self, shown: Shown, op: CorrectionOp, done: str, t_ns: int = 0, **fields: int | None) -> None:
        problem = self.source.correct(shown.path, Event(t_ns, "correct", op=op, **fields))  # type: ignore[arg-type]
        if problem is not None:
            QMessageBox.warning(self, "Cannot make that correction", problem)
            return
        tab = self.panel.current_tab()
        row = tab.taps.currentRow() if tab is not None else -1
        self.show_recording(shown.path)
        tab = self.panel.current_tab()
        if tab is not None:
            tab.select_split(row)
        kept = " (saved as a correction; Ctrl+Z undoes it)"
        if op == "revert":  # the file keeps the correction and its undo: nothing is ever taken out of it
            kept = "; the recording keeps both. Ctrl+Z undoes the one before"
        self.statusBar().showMessage(done + kept, 8000)

    def _selected_tap(self) -> tuple[Shown, int, SplitRow] | None:
        chosen = self._selected()
        if chosen is not None and chosen[2].event is None:
            self.statusBar().showMessage("A timed segment ends by the clock: there is no tap to move or delete.", 5000)
            return None
        return chosen

    def move_tap(self) -> None:
        chosen = self._selected_tap()
        if chosen is None:
            return
        shown, _, split = chosen
        value = self.ask_seconds("Move tap", f"{split.label}: the split should be", split.actual_s)
        if value is not None and value > 0:
            t_ns = self._at(shown, split, value - split.actual_s)
            self._correct(shown, "move", f"Moved the tap: {split.label} now {format_clock(value)}", t_ns,
                          ref=split.event)  # fmt: skip

    def delete_tap(self) -> None:
        chosen = self._selected_tap()
        if chosen is not None:
            self._correct(chosen[0], "delete", f"Deleted the tap at {chosen[2].label}", ref=chosen[2].event)

    def add_tap(self) -> None:
        chosen = self._selected()
        if chosen is None:
            return
        shown, athlete, split = chosen
        value = self.ask_seconds("Add a missed tap", f"Time after the tap at {split.label}", 20.0)
        if value is not None and value > 0:
            t_ns = self._at(shown, split, value)
            self._correct(shown, "add", f"Added a tap {format_clock(value)} after {split.label}", t_ns, athlete=athlete)

    def undo(self) -> None:
        if self.panel.shown is not None:
            self._correct(self.panel.shown, "revert", "Undid the last correction")

    # --- exports --------------------------------------------------------------------------------------------
    def export(self, fmt: str) -> None:
        shown = self.panel.shown
        if shown is None:
            return
        suffix = SUFFIX.get(fmt, fmt)
        name = shown.path.name.removesuffix(".kick.jsonl") + f".{suffix}"
        target = self.ask_save_path("Export CSV for Excel" if fmt == "excel" else f"Export {fmt.upper()}", name)
        if target is None:
            return
        try:
            written = self.source.export(shown.path, fmt, target)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self, "Export failed", str(error))
            return
        self.statusBar().showMessage("Wrote " + ", ".join(str(p) for p in written), 10000)

    def save_plot(self) -> None:
        widget = self.panel.plots.currentWidget()
        if self.panel.shown is None or widget is None:
            return
        target = self.ask_save_path("Save plot as PNG", self.panel.shown.path.name.removesuffix(".kick.jsonl") + ".png")
        if target is not None:
            save_png(widget, target)
            self.statusBar().showMessage(f"Saved {target}", 8000)

    def _ask_seconds(self, title: str, label: str, value: float) -> float | None:
        """A time as a coach writes it (`1:08.5`, `68.5`, `68.5s`), asked again until it reads or is cancelled."""
        text = format_clock(value)
        while True:
            text, ok = QInputDialog.getText(self, title, f"{label}, e.g. 1:08.5 or 68.5", text=text)
            if not ok:
                return None
            seconds = parse_race_time_s(text.strip())
            if seconds is not None:
                return seconds
            QMessageBox.warning(self, title, f"{text.strip()!r} is not a time: write it like 1:08.5 or 68.5")

    def _ask_save_path(self, title: str, name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(self, title, str(Path.home() / name))
        return Path(chosen) if chosen else None
