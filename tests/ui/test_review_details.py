"""The details a coach reads in the review (issue 13): reps numbered by their real number, a legend that covers no
bar, sane dates across one date, and a history whose Status, Taps and Length stay in view."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_review_window
from kicktimer.core.run.engine import SessionEngine
from kicktimer.io.recordings import open_recording
from kicktimer.ui.review_plots import RepPlot
from tests.recorded import scenario_plan, write_recording
from tests.support.clock import FakeClock


def ben_misses_rep_2(recordings: Path) -> Path:
    """Three Kick 500s; in rep 2 the coach moves on (N) before Ben's kick is tapped: his rep 2 is incomplete."""
    clock = FakeClock()
    engine = SessionEngine(scenario_plan(), clock)
    engine.start()
    script: list[tuple[float, int | str | None]] = [(1, None), (330, None)]
    for rep in range(3):
        script += [(31, 0), (0.5, 1), (20, 0), (0.5, 1), (29, 0), (0.5, 1 if rep != 1 else "skip"), (120, "wait")]
    for wait_s, key in script:
        clock.advance(wait_s)
        if key == "skip":
            engine.skip()
        elif key != "wait":
            engine.tap(key if isinstance(key, int) else None)
    engine.end()
    return write_recording(recordings, engine.events)


def drawn_texts(axis: object) -> list[str]:
    """The tick labels the axis draws now."""
    image = QImage(800, 100, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        specs = axis.generateDrawSpecs(painter)  # type: ignore[attr-defined]
    finally:
        painter.end()
    return [text for _rect, _flags, text in specs[2]] if specs else []


def shown_plot(qtbot: QtBot, recordings: Path, athlete: int, size: tuple[int, int]) -> RepPlot:
    plot = RepPlot()
    qtbot.addWidget(plot.widget)
    plot.widget.resize(*size)
    plot.widget.show()
    plot.show(scenario_plan(), open_recording(ben_misses_rep_2(recordings)).review.athletes[athlete])
    return plot


def test_reps_are_numbered_by_their_real_number_when_one_is_incomplete(qtbot: QtBot, tmp_path: Path) -> None:
    plot = shown_plot(qtbot, tmp_path, 1, (700, 320))  # Ben
    assert plot.bars == 2
    assert drawn_texts(plot.widget.getAxis("bottom")) == ["1", "3"]


def test_the_legend_covers_no_bar_at_any_height(qtbot: QtBot, tmp_path: Path) -> None:
    plot = shown_plot(qtbot, tmp_path, 0, (1200, 420))  # Ana
    for width, height in ((1200, 420), (700, 260), (420, 200)):  # drawn once, then the window is made smaller
        plot.widget.resize(width, height)
        QApplication.processEvents()
        view, legend = plot.widget.getViewBox(), plot.widget.getPlotItem().legend
        covered = legend.sceneBoundingRect()
        for x, top in enumerate(plot.tops, start=1):
            bar = view.mapViewToScene(QRectF(x - 0.42, 0, 0.84, top)).boundingRect()
            assert not covered.intersects(bar), (width, height, x)


def test_across_dates_with_one_date_ticks_that_date(qtbot: QtBot, tmp_path: Path) -> None:
    write_recording(tmp_path)  # the scenario, run once: on Tuesday 12 May 2026
    window = build_review_window(tmp_path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.history.selectRow(0)
    window.panel.plots.setCurrentIndex(1)
    trend = window.panel.trend_plot
    assert trend.points == 1
    for plot in trend.plots:
        assert drawn_texts(plot.getAxis("bottom")) == ["Tue 12 May 2026"]


def test_the_history_keeps_status_taps_and_length_in_view(qtbot: QtBot, tmp_path: Path) -> None:
    path = ben_misses_rep_2(tmp_path)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["session_name"] = "Kick 500s with a very long name the coach gave it, from the club's winter plan"
    header["athletes"] = [{"name": f"Athlete-with-a-long-name {n}", "paces": {}} for n in range(9)]
    path.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    (tmp_path / "2026-01-01T00-00-00-x.kick.jsonl").write_text("garbage that is not a recording at all\n")
    window = build_review_window(tmp_path)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.history.selectRow(0)  # the long-named one: its title must not push the list off the screen
    QApplication.processEvents()
    assert window.panel.title.text().startswith(header["session_name"])
    assert window.width() <= 1366 and window.minimumSizeHint().width() <= 1024
    table, names = window.history, list(window.source.header)
    viewport = table.viewport().width()
    for name in ("Date", "Status", "Taps", "Length"):
        column = names.index(name)
        left = table.horizontalHeader().sectionViewportPosition(column)
        assert left >= 0 and left + table.columnWidth(column) <= viewport, name
    session = table.item(0, names.index("Session"))
    assert session.toolTip() == header["session_name"]  # cut on screen, whole in the tooltip
