"""One recording in review: a tab per athlete (reps against targets, fade, kick; the taps behind them) and plots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kicktimer.core.review.analysis import AthleteReview, Review, SplitRow
from kicktimer.core.review.review_table import (
    REP_HEADER,
    TOO_FAST_MARK,
    clock_or_dash,
    format_delta,
    rep_cells,
    split_or_dash,
    summary_lines,
)
from kicktimer.ui.labels import ElidedLabel
from kicktimer.ui.review_plots import RepPlot, TrendPlot, TrendPoint
from kicktimer.ui.style import DELTA_ON_LIGHT, delta_colour

TAP_HEADER = ["Block", "Rep", "Segment", "Kind", "Target", "Actual", "Δ", "Time of day"]
KICK_BACKGROUND = QColor("#f3d9fb")  # the kick column, highlighted in the kick's colour family
DELTA_COLUMN, KICK_COLUMN = REP_HEADER.index("Δ"), REP_HEADER.index("Kick")
TAP_DELTA_COLUMN = TAP_HEADER.index("Δ")


@dataclass(frozen=True)
class Shown:
    """A recording as the review shows it (built by app/gui.py from the file)."""

    path: Path
    title: str
    notes: tuple[str, ...]
    review: Review


def make_table(header: list[str]) -> QTableWidget:
    """Read-only, whole rows selected; columns are sized once, by `fit_columns`, after the rows are in."""
    table = QTableWidget(0, len(header))
    table.setHorizontalHeaderLabels(header)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setResizeContentsPrecision(100)  # size columns by a sample of rows, not all
    return table


def fit_columns(table: QTableWidget, stretch: int | None = None) -> None:
    table.resizeColumnsToContents()  # once: resize-to-contents mode re-measures on every item set
    if stretch is not None:
        table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)


def _delta_item(text: str, seconds: float | None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    if seconds is not None:
        item.setForeground(delta_colour(seconds, QColor("white")))  # the table's own light background
        font = item.font()
        font.setBold(True)
        item.setFont(font)
    return item


class AthleteTab(QWidget):
    """One athlete's reps and taps. The tables are filled when the tab is first shown: a coach looks at one
    athlete at a time, and a long session with several athletes opens at once."""

    def __init__(self, result: Review, athlete: AthleteReview) -> None:
        super().__init__()
        self.result, self.athlete = result, athlete
        self.filled = False
        titles = result.plan.block_titles
        self.reps = make_table(REP_HEADER)
        lines = summary_lines(athlete, titles)
        self.summary = QLabel("<br>".join(t for t in lines if not t.startswith(TOO_FAST_MARK))
                              or "No complete reps to compare yet.")  # fmt: skip
        self.flags = ElidedLabel(self.font())  # a split too fast to be real: one line (whole in its tooltip)
        self.flags.set_full_text("  ".join(t for t in lines if t.startswith(TOO_FAST_MARK)))
        self.flags.setStyleSheet(f"color: {DELTA_ON_LIGHT[1]};")
        self.flags.setVisible(bool(self.flags.text()))
        summary_font = QFont(self.summary.font())
        summary_font.setPointSize(summary_font.pointSize() + 2)
        summary_font.setBold(True)
        self.summary.setFont(summary_font)
        fading = any(f.fade_s > 0 for f in athlete.fades)
        self.summary.setStyleSheet(f"color: {DELTA_ON_LIGHT[1] if fading else DELTA_ON_LIGHT[0]};")
        self.taps = make_table(TAP_HEADER)
        layout = QVBoxLayout(self)
        layout.addWidget(self.reps, 3)
        layout.addWidget(self.summary)
        layout.addWidget(self.flags)
        layout.addWidget(QLabel("Taps (select one to correct it; the recording keeps the original):"))
        layout.addWidget(self.taps, 2)

    def fill(self) -> None:
        if self.filled:
            return
        self.filled = True
        athlete, titles = self.athlete, self.result.plan.block_titles
        self.reps.setRowCount(len(athlete.reps))
        for r, (row, cells) in enumerate(zip(athlete.reps, rep_cells(athlete, titles), strict=True)):
            for c, text in enumerate(cells):
                item = _delta_item(text, row.delta_s) if c == DELTA_COLUMN else QTableWidgetItem(text)
                if c == KICK_COLUMN and text:
                    item.setBackground(KICK_BACKGROUND)
                self.reps.setItem(r, c, item)
        fit_columns(self.reps, REP_HEADER.index("What"))
        self.taps.setRowCount(len(athlete.splits))
        for r, split in enumerate(athlete.splits):
            cells = [titles[split.block] or str(split.block + 1), str(split.rep), split.label, split.kind,
                     clock_or_dash(split.target_s), split_or_dash(split.actual_s), format_delta(split.delta_s),
                     self.result.wall(split.t_ns).strftime("%H:%M:%S.%f")[:-4]]  # fmt: skip
            for c, text in enumerate(cells):
                self.taps.setItem(
                    r, c, _delta_item(text, split.delta_s) if c == TAP_DELTA_COLUMN else QTableWidgetItem(text)
                )
        fit_columns(self.taps)

    def selected_split(self) -> SplitRow | None:
        rows = self.taps.selectionModel().selectedRows()
        return self.athlete.splits[rows[0].row()] if rows else None

    def select_split(self, index: int) -> None:
        if 0 <= index < self.taps.rowCount():
            self.taps.selectRow(index)


class RecordingPanel(QWidget):
    def __init__(self, trend: Callable[[Path, str], list[TrendPoint]]) -> None:
        super().__init__()
        self._trend = trend
        self.shown: Shown | None = None
        self.title = QLabel("Choose a recording on the left.")
        title_font = QFont(self.title.font())
        title_font.setPointSize(title_font.pointSize() + 6)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.title.setWordWrap(True)  # a long session name wraps; it never widens the window off the screen
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setStyleSheet("color: #9a4d00;")
        self.athletes = QTabWidget()
        self.athletes.currentChanged.connect(lambda _index: self._athlete_shown())
        self.rep_plot, self.trend_plot = RepPlot(), TrendPlot()
        self.plots = QTabWidget()
        self.plots.addTab(self.rep_plot.widget, "Reps against target")
        self.plots.addTab(self.trend_plot.widget, "Across dates")
        self.plots.currentChanged.connect(lambda _index: self._show_trend())
        self._trend_of: tuple[Path, str] | None = None  # what the trend plot shows now
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.athletes)
        split.addWidget(self.plots)
        split.setSizes([520, 300])
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.notes)
        layout.addWidget(split, 1)

    def show_recording(self, shown: Shown) -> None:
        keep = self.athletes.currentIndex()
        self.shown = shown
        self.title.setText(shown.title)
        self.notes.setText("\n".join(shown.notes))
        self.notes.setVisible(bool(shown.notes))
        self.athletes.blockSignals(True)
        while self.athletes.count():
            old = self.athletes.widget(0)
            self.athletes.removeTab(0)
            if old is not None:
                old.deleteLater()
        for athlete in shown.review.athletes:
            self.athletes.addTab(AthleteTab(shown.review, athlete), athlete.name)
        self.athletes.setCurrentIndex(max(0, min(keep, self.athletes.count() - 1)))
        self.athletes.blockSignals(False)
        self._athlete_shown()

    def current_tab(self) -> AthleteTab | None:
        tab = self.athletes.currentWidget()
        return tab if isinstance(tab, AthleteTab) else None

    def _athlete_shown(self) -> None:
        tab = self.current_tab()
        if self.shown is None or tab is None:
            return
        tab.fill()
        self.rep_plot.show(self.shown.review.plan, tab.athlete)
        self._trend_of = None
        self._show_trend()

    def _show_trend(self) -> None:
        """Only while its tab is shown: the trend reads every recording of the session."""
        tab = self.current_tab()
        if self.shown is None or tab is None or self.plots.currentWidget() is not self.trend_plot.widget:
            return
        if self._trend_of != (self.shown.path, tab.athlete.name):
            self._trend_of = (self.shown.path, tab.athlete.name)
            points = self._trend(self.shown.path, tab.athlete.name)
            self.trend_plot.show(tab.athlete.name, self.shown.review.plan.name, points)
