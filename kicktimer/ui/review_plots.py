"""The review's plots (pyqtgraph): each rep's segments stacked against its target, and a session across dates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtGui import QColor

from kicktimer.core.language.plan import Plan
from kicktimer.core.review.analysis import AthleteReview
from kicktimer.ui.style import SUNLIGHT, step_colour

TrendPoint = tuple[datetime, float | None, float | None]  # when, average rep (s), average kick (s)
TARGET_PEN = pg.mkPen("#111111", width=3)


def _plot_widget(title: str, left: str, bottom: str, axis: pg.AxisItem | None = None) -> pg.PlotWidget:
    widget = pg.PlotWidget(background="w", axisItems={"bottom": axis} if axis is not None else None)
    for side in ("left", "bottom"):
        widget.getAxis(side).setPen("#222222")
        widget.getAxis(side).setTextPen("#222222")
    widget.setTitle(title, size="12pt", color="#222222")
    widget.setLabel("left", left)
    widget.setLabel("bottom", bottom)
    widget.showGrid(x=False, y=True, alpha=0.3)
    widget.setMouseEnabled(x=False, y=False)
    widget.setMenuEnabled(False)
    widget.addLegend(offset=(10, 2), labelTextColor="#222222", brush=pg.mkBrush(255, 255, 255, 230), colCount=5)
    return widget


class RepPlot:
    """Actual against target per rep: one bar per rep, its segments stacked in their gear's colour, the target
    as a black line across the bar (over the segments it covers)."""

    def __init__(self) -> None:
        self.widget = _plot_widget("Reps against target", "seconds", "rep (in session order)")
        self.bars = 0  # reps drawn: what a test can check

    def show(self, plan: Plan, athlete: AthleteReview) -> None:
        """One bar item per gear and one line item for every target: a handful of items for any number of reps
        (hundreds of items made a 100-rep recording take half a second to draw)."""
        self.widget.clear()
        reps = [r for r in athlete.reps if r.total_s is not None and any(f is not None for f in r.finishes)]
        self.bars = len(reps)
        self.widget.setTitle(f"{athlete.name}: reps against target", size="12pt", color="#222222")
        self.widget.getAxis("bottom").setTicks([[(x, str(x)) for x in range(1, len(reps) + 1)]])
        layers: dict[str, tuple[QColor, list[float], list[float], list[float]]] = {}  # gear: colour, x, y0, height
        target_x: list[float] = []
        target_y: list[float] = []
        for x, row in enumerate(reps, start=1):
            bottom = 0.0
            for step_index, seconds in zip(row.steps, row.segment_s, strict=True):
                step = plan.steps[step_index]
                layer = layers.setdefault(
                    step.gear or "work", (step_colour(step.phase, step.gear, SUNLIGHT), [], [], [])
                )
                layer[1].append(x)
                layer[2].append(bottom)
                layer[3].append(seconds or 0.0)
                bottom += seconds or 0.0
            if row.target_s is not None:  # where the targeted segments would end, had they been on target
                first = next(k for k, t in enumerate(row.segment_target_s) if t is not None)
                level = sum(s or 0.0 for s in row.segment_s[:first]) + row.target_s
                target_x += [x - 0.42, x + 0.42]
                target_y += [level, level]
        for name, (colour, xs, y0s, heights) in layers.items():
            self.widget.addItem(pg.BarGraphItem(x=xs, y0=y0s, height=heights, width=0.7, brush=colour,
                                                pen=pg.mkPen("#ffffff"), name=name))  # fmt: skip
        if target_x:
            self.widget.plot(target_x, target_y, pen=TARGET_PEN, connect="pairs", name="target")
        top = max((r.total_s or 0.0 for r in reps), default=1.0)
        self.widget.setYRange(0, top * 1.3)  # headroom for the legend
        self.widget.setXRange(0.4, len(reps) + 0.6)


class TrendPlot:
    """The same session across dates: the average of its main rep (top) and the average kick split (below), each
    on its own scale so that a second gained shows, with the dates linked."""

    def __init__(self) -> None:
        self.widget = pg.GraphicsLayoutWidget()
        self.widget.setBackground("w")
        self.title = self.widget.addLabel("Across dates", size="12pt", color="#222222")
        self.plots: list[pg.PlotItem] = []
        for row, name in enumerate(("average rep", "average kick"), start=1):
            plot = self.widget.addPlot(row=row, col=0, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
            plot.setLabel("left", f"{name} (s)")
            plot.showGrid(x=False, y=True, alpha=0.3)
            plot.setMouseEnabled(x=False, y=False)
            plot.setMenuEnabled(False)
            for side in ("left", "bottom"):
                plot.getAxis(side).setPen("#222222")
                plot.getAxis(side).setTextPen("#222222")
            if self.plots:
                plot.setXLink(self.plots[0])
            self.plots.append(plot)
        self.points = 0

    def show(self, athlete: str, session: str, points: list[TrendPoint]) -> None:
        self.title.setText(f"{athlete}: {session} across dates", size="12pt", color="#222222")
        self.points = len(points)
        for plot, column, colour in zip(self.plots, (1, 2), ("#1f6fb2", SUNLIGHT.gears["kick"]), strict=True):
            plot.clear()
            pairs = [(p[0].timestamp(), p[column]) for p in points if p[column] is not None]
            if pairs:
                xs, ys = zip(*pairs, strict=True)
                plot.plot(list(xs), list(ys), pen=pg.mkPen(colour, width=2), symbol="o", symbolSize=9,
                          symbolBrush=colour, antialias=True)  # fmt: skip
                plot.enableAutoRange()


def save_png(widget: pg.PlotWidget | pg.GraphicsLayoutWidget, path: Path) -> None:
    """The plot as a PNG, twice the size it has on screen (sharp enough to print)."""
    exporter = ImageExporter(widget.scene())
    exporter.parameters()["width"] = max(800, 2 * widget.width())
    exporter.export(str(path))
