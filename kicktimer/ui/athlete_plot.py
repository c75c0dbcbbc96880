"""One kind of rep across the season, read in five seconds: each date's mean rep against its target as a bar (green
under, red over, the line at 0 is on target; the mean rep itself when the reps had no target), the kick and the
fade below on the same dates."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from itertools import pairwise

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kicktimer.core.season.athlete import RepKind
from kicktimer.core.season.athlete_table import kind_summary
from kicktimer.ui.review_plots import ONE_DAY_S, fit_dates, stacked_date_plots
from kicktimer.ui.style import SUNLIGHT

FASTER, SLOWER, FADE = "#2e8b57", "#c0392b", "#7f8c8d"
NO_KICK = "no kick split in these reps (a kick is a joined rep's last segment, or a rep's last lap)"
NO_FADE = "no fade: one rep of this kind per set"
MAIN_STRETCH = 3  # the plot against target is three times the height of the kick's and the fade's


class AthletePlot:
    def __init__(self) -> None:
        self.graphs = pg.GraphicsLayoutWidget()
        self.graphs.setBackground("w")
        self.title = QLabel()  # a QLabel wraps: a long kind of rep never widens the plot out of the window
        self.title.setWordWrap(True)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setStyleSheet("background: white; color: #222222; font-size: 12pt; padding: 6px;")
        self.widget = QWidget()
        layout = QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.graphs, 1)
        self.plots = stacked_date_plots(self.graphs, ["vs target (s)", "kick (s)", "fade (s)"], first_row=0)
        for plot in self.plots[:-1]:  # the dates once, under the last
            plot.getAxis("bottom").setStyle(showValues=False)
        for row, stretch in enumerate((MAIN_STRETCH, 1, 1)):
            self.graphs.ci.layout.setRowStretchFactor(row, stretch)
        self.dates = 0  # what a test can check

    def show(self, athlete: str, kind: RepKind | None) -> None:
        for plot in self.plots:
            plot.clear()
        if kind is None:
            self.title.setText(f"{athlete}: no reps with their splits in yet")
            self.dates = 0
            return
        self.title.setText(f"{athlete} · {kind_summary(kind)}")
        points = kind.points
        self.dates = len(points)
        xs = [p.when.timestamp() for p in points]
        width = _bar_width_s(xs)
        main, kick, fade = self.plots
        deltas = [(x, p.delta_s) for x, p in zip(xs, points, strict=True) if p.delta_s is not None]
        if deltas:
            main.setLabel("left", "vs target (s)")
            main.addItem(pg.InfiniteLine(pos=0, angle=0, pen=pg.mkPen("#111111", width=2)))
            _bars(main, deltas, width, lambda d: FASTER if d <= 0 else SLOWER)
        else:
            main.setLabel("left", "mean rep")
            _line(main, [(x, p.split_s) for x, p in zip(xs, points, strict=True)], "#1f6fb2")
        kicks = [(x, p.kick_s) for x, p in zip(xs, points, strict=True) if p.kick_s is not None]
        _line(kick, kicks, SUNLIGHT.gears["kick"]) if kicks else _say(kick, NO_KICK, (xs[0] + xs[-1]) / 2)
        fades = [(x, p.fade_s) for x, p in zip(xs, points, strict=True) if p.fade_s is not None]
        _bars(fade, fades, width, lambda _d: FADE) if fades else _say(fade, NO_FADE, (xs[0] + xs[-1]) / 2)
        for plot, filled in zip(self.plots, (True, bool(kicks), bool(fades)), strict=True):
            if filled:
                plot.enableAutoRange(axis="y")
        fit_dates(self.plots, [p.when for p in points])
        if len({p.when.date() for p in points}) > 1:
            ticks = date_ticks(points[0].when, points[-1].when)
            for plot in self.plots:
                plot.getAxis("bottom").setTicks([ticks])


def date_ticks(first: datetime, last: datetime, most: int = 8) -> list[tuple[float, str]]:
    """Mondays a whole number of weeks apart, at most `most` of them, written `6 Apr`: the date axis's own ticks
    run a month's name into a day's number."""
    monday = datetime.combine(first.date() - timedelta(days=first.weekday()), datetime.min.time(), first.tzinfo)
    weeks = max(1, math.ceil((last - monday).days / 7 / most))
    ticks = []
    while monday <= last + timedelta(days=1):
        ticks.append((monday.timestamp(), f"{monday:%-d %b}"))
        monday += timedelta(weeks=weeks)
    return ticks


def _say(plot: pg.PlotItem, text: str, middle_x: float) -> None:
    """Why a panel is empty, in words, where its data would be."""
    label = pg.TextItem(text, color="#555555", anchor=(0.5, 0.5))
    plot.addItem(label)
    label.setPos(middle_x, 0.5)
    plot.setYRange(0, 1)


def _bar_width_s(xs: list[float]) -> float:
    """Most of the gap between the closest two dates, from a quarter of a day to three days."""
    gaps = [b - a for a, b in pairwise(xs) if b > a]
    return min(max(0.6 * min(gaps, default=ONE_DAY_S), ONE_DAY_S / 4), 3 * ONE_DAY_S)


def _bars(plot: pg.PlotItem, values: list[tuple[float, float]], width: float, colour: Callable[[float], str]) -> None:
    if values:
        xs, ys = zip(*values, strict=True)
        brushes = [pg.mkBrush(colour(y)) for y in ys]
        plot.addItem(pg.BarGraphItem(x=list(xs), height=list(ys), width=width, brushes=brushes, pen=pg.mkPen(None)))


def _line(plot: pg.PlotItem, values: list[tuple[float, float]], colour: str) -> None:
    if values:
        xs, ys = zip(*values, strict=True)
        plot.plot(list(xs), list(ys), pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=8, symbolBrush=colour,
                  symbolPen=pg.mkPen(colour), antialias=True)  # fmt: skip
