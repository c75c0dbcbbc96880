"""The review's plots (pyqtgraph): each rep's segments stacked against its target, and a session across dates."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyqtgraph as pg
from pyqtgraph.exporters import ImageExporter
from PySide6.QtGui import QColor

from kicktimer.core.language.plan import Plan
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.review.analysis import AthleteReview
from kicktimer.core.review.splits import RepRow
from kicktimer.core.review.stats import plausible
from kicktimer.ui.style import SUNLIGHT, step_colour

TrendPoint = tuple[datetime, float | None, float | None]  # when, average rep (s), average kick (s)
TARGET_PEN = pg.mkPen("#111111", width=3)
LEGEND_OFFSET = (10, 2)  # px from the plot's top left corner
LEGEND_GAP_PX = 8  # between the legend and the tallest bar
ONE_DAY_S = 86_400.0


class ClockAxis(pg.AxisItem):  # type: ignore[misc]  # pyqtgraph has no types
    """Times as a coach writes them: seconds below a minute, m:ss from a minute on; never pyqtgraph's scaled
    units ("x0.001", "ks")."""

    def __init__(self, orientation: str = "left") -> None:
        super().__init__(orientation)
        self.enableAutoSIPrefix(False)

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802 - pyqtgraph's
        if not values or max(abs(v) for v in values) < 60:
            return list(super().tickStrings(values, scale, spacing))
        return [format_clock(round(v, 0 if spacing >= 1 else 1)) for v in values]


def dark_axes(plot: pg.PlotItem | pg.PlotWidget) -> None:
    """Dark axes in their own units (no auto SI prefix: an empty plot's 0..1 would read "x0.001")."""
    for side in ("left", "bottom"):
        plot.getAxis(side).setPen("#222222")
        plot.getAxis(side).setTextPen("#222222")
        plot.getAxis(side).enableAutoSIPrefix(False)


def _plot_widget(title: str, left: str, bottom: str) -> pg.PlotWidget:
    widget = pg.PlotWidget(background="w", axisItems={"left": ClockAxis()})
    dark_axes(widget)
    widget.setTitle(title, size="12pt", color="#222222")
    widget.setLabel("left", left)
    widget.setLabel("bottom", bottom)
    widget.showGrid(x=False, y=True, alpha=0.3)
    widget.setMouseEnabled(x=False, y=False)
    widget.setMenuEnabled(False)
    widget.addLegend(offset=LEGEND_OFFSET, labelTextColor="#222222", brush=pg.mkBrush(255, 255, 255, 230), colCount=5)
    return widget


def rep_ticks(numbered: list[tuple[RepRow, int]]) -> list[tuple[float, str]]:
    """A bar per rep, labelled by its real number ("1, 3, 4" when rep 2 is incomplete), "block.rep" when the
    bars come from more than one block."""
    blocks = len({row.block for row, _ in numbered})
    return [(x, str(n) if blocks < 2 else f"{row.block + 1}.{n}") for x, (row, n) in enumerate(numbered, start=1)]


class RepPlot:
    """Actual against target per rep: one bar per rep, its segments stacked in their gear's colour, the target
    as a black line across the bar (over the segments it covers)."""

    def __init__(self) -> None:
        self.widget = _plot_widget("Reps against target", "time", "rep")
        self.bars = 0  # reps drawn: what a test can check
        self.tops: list[float] = []  # per bar: its top or its target line, whichever is higher (s)
        self.widget.getViewBox().sigResized.connect(self._fit_height)

    def show(self, plan: Plan, athlete: AthleteReview) -> None:
        """One bar item per gear and one line item for every target: a handful of items for any number of reps
        (hundreds of items made a 100-rep recording take half a second to draw)."""
        self.widget.clear()
        self.tops = []
        real = plausible(athlete.reps)  # a double tap is flagged in the table, never drawn as a real rep
        numbered = [(r, n) for r, n in zip(athlete.reps, athlete.rep_numbers, strict=True)
                    if r in real and r.total_s is not None and any(f is not None for f in r.finishes)]  # fmt: skip
        reps = [r for r, _ in numbered]
        self.bars = len(reps)
        self.widget.setTitle(f"{athlete.name}: reps against target", size="12pt", color="#222222")
        self.widget.getAxis("bottom").setTicks([rep_ticks(numbered)])
        self.widget.setLabel("bottom", "rep" if len({r.block for r in reps}) < 2 else "block.rep")
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
            self.tops.append(max(bottom, target_y[-1] if row.target_s is not None else 0.0))
        for name, (colour, xs, y0s, heights) in layers.items():
            self.widget.addItem(pg.BarGraphItem(x=xs, y0=y0s, height=heights, width=0.7, brush=colour,
                                                pen=pg.mkPen("#ffffff"), name=name))  # fmt: skip
        if target_x:
            self.widget.plot(target_x, target_y, pen=TARGET_PEN, connect="pairs", name="target")
        self.widget.setXRange(0.4, len(reps) + 0.6)
        self._fit_height()

    def _fit_height(self) -> None:
        """Room above the tallest bar for the legend, at the plot's height now: the legend never covers a bar."""
        view, legend = self.widget.getViewBox(), self.widget.getPlotItem().legend
        top = max(self.tops, default=1.0)
        room_px = LEGEND_OFFSET[1] + (legend.height() if legend is not None else 0.0) + LEGEND_GAP_PX
        height_px = view.height()
        self.widget.setYRange(0, top * height_px / max(height_px - room_px, height_px * 0.25), padding=0)


class TrendPlot:
    """The same session across dates: the average of its main rep (top) and the average kick split (below), each
    on its own scale so that a second gained shows, with the dates linked."""

    def __init__(self) -> None:
        self.widget = pg.GraphicsLayoutWidget()
        self.widget.setBackground("w")
        self.title = self.widget.addLabel("Across dates", size="12pt", color="#222222")
        self.plots = stacked_date_plots(self.widget, ["average rep", "average kick (s)"])
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
                plot.enableAutoRange(axis="y")
        fit_dates(self.plots, [p[0] for p in points])


def stacked_date_plots(widget: pg.GraphicsLayoutWidget, labels: list[str], first_row: int = 1) -> list[pg.PlotItem]:
    """One plot per label, stacked, dates along the bottom, linked so that they scroll and zoom together."""
    plots: list[pg.PlotItem] = []
    for row, label in enumerate(labels, start=first_row):
        axes = {"bottom": pg.DateAxisItem(orientation="bottom"), "left": ClockAxis()}
        plot = widget.addPlot(row=row, col=0, axisItems=axes)
        plot.setLabel("left", label)
        plot.showGrid(x=False, y=True, alpha=0.3)
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        dark_axes(plot)
        if plots:
            plot.setXLink(plots[0])
        plots.append(plot)
    return plots


def fit_dates(plots: list[pg.PlotItem], dates: list[datetime]) -> None:
    """Dates spread out: the axis picks its ticks. One date (a range of nothing, which would tick in
    milliseconds): a week around it, with the date written out under it."""
    times = [d.timestamp() for d in dates]
    one_date = bool(times) and max(times) - min(times) < ONE_DAY_S
    for plot in plots:
        ticks = [[(t, d.strftime("%a %-d %b %Y")) for t, d in zip(times, dates, strict=True)][:1]]
        plot.getAxis("bottom").setTicks(ticks if one_date else None)
    if one_date:
        middle = (max(times) + min(times)) / 2
        plots[0].setXRange(middle - 3.5 * ONE_DAY_S, middle + 3.5 * ONE_DAY_S, padding=0)
    else:
        plots[0].enableAutoRange(axis="x")


def save_png(widget: pg.PlotWidget | pg.GraphicsLayoutWidget, path: Path) -> None:
    """The plot as a PNG, twice the size it has on screen (sharp enough to print)."""
    exporter = ImageExporter(widget.scene())
    exporter.parameters()["width"] = max(800, 2 * widget.width())
    exporter.export(str(path))
