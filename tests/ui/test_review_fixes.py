"""The review as a coach found it: axes in seconds and m:ss (never "x0.001"), a recording a running session writes
said to be recording now, CSV for Excel from the menu, the wording of its questions and corrections."""

from __future__ import annotations

from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtWidgets import QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_review_window
from kicktimer.app.gui_recording import ask_resume
from kicktimer.cli import main
from kicktimer.io.journal import Journal
from kicktimer.ui.athlete_plot import AthletePlot
from kicktimer.ui.review_plots import ClockAxis, RepPlot, TrendPlot
from tests.recorded import recorded_events, scenario_plan, write_recording


def axes(plot: pg.PlotItem) -> list[pg.AxisItem]:
    return [plot.getAxis("left"), plot.getAxis("bottom")]


def test_no_axis_scales_its_numbers_with_a_prefix(qtbot: QtBot) -> None:
    rep, trend, athlete = RepPlot(), TrendPlot(), AthletePlot()
    for widget in (rep.widget, trend.widget, athlete.graphs):
        qtbot.addWidget(widget)
        widget.resize(600, 400)
        widget.show()
    plots = [rep.widget.getPlotItem(), *trend.plots, *athlete.plots]
    for plot in plots:
        plot.setYRange(0, 0.002)  # an empty plot's tiny range: pyqtgraph would write "(x0.001)"
        for axis in axes(plot):
            assert not axis.autoSIPrefix and "x0.001" not in axis.labelString()


def test_times_read_in_seconds_then_m_ss() -> None:
    axis = ClockAxis()
    assert axis.tickStrings([0.0, 20.0, 40.0], 1.0, 20.0) == ["0", "20", "40"]
    assert axis.tickStrings([60.0, 120.0, 180.0], 1.0, 60.0) == ["1:00", "2:00", "3:00"]
    assert axis.tickStrings([127.5, 128.0], 1.0, 0.5) == ["2:07.5", "2:08"]


def test_the_review_plots_read_in_their_units(qtbot: QtBot, tmp_path: Path) -> None:
    path = write_recording(tmp_path)
    window = build_review_window(tmp_path, path)
    qtbot.addWidget(window)
    window.show()
    axis = window.panel.rep_plot.widget.getPlotItem().getAxis("bottom")
    assert "x0" not in axis.labelString() and axis.labelString().count("rep") == 1


def test_a_recording_being_written_says_recording_now_not_an_error(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_recording(tmp_path, recorded_events(scenario_plan())[:12])
    journal = Journal.reopen(path)  # a running session holds it
    try:
        window = build_review_window(tmp_path, path)
        qtbot.addWidget(window)
        assert window.panel.title.text().endswith("· being recorded now")
        assert "being recorded now (by this program, since " in window.panel.notes.text()
        assert "did not finish" not in window.panel.notes.text()
        said: list[tuple[str, str]] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text: said.append((title, text)))
        monkeypatch.setattr(QMessageBox, "warning", lambda *_a: pytest.fail("an error box"))
        assert ask_resume(window, path) is None
        ((title, text),) = said
        assert title == "Being recorded now" and text.startswith(
            f"{path.name} is being recorded now (by this program, since "
        )
    finally:
        journal.close()
    window.show_recording(path)
    assert window.panel.title.text().endswith("· unfinished") and "can still be resumed" in window.panel.notes.text()


def test_csv_for_excel_from_the_recording_menu(qtbot: QtBot, tmp_path: Path) -> None:
    path = write_recording(tmp_path)
    window = build_review_window(tmp_path, path)
    qtbot.addWidget(window)
    out = tmp_path / "out"
    out.mkdir()
    asked: list[tuple[str, str]] = []
    window.ask_save_path = lambda title, name: asked.append((title, name)) or out / name  # type: ignore[method-assign]
    (action,) = [a for a in window.menuBar().actions()[0].menu().actions() if a.text().startswith("Export CSV for Ex")]
    action.trigger()
    assert asked == [("Export CSV for Excel", "2026-05-12T17-30-00-kick-500s-test.csv")]
    data = (out / "2026-05-12T17-30-00-kick-500s-test.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b";" in data.splitlines()[0]  # as kicktimer export --excel writes
    assert main(["export", str(path), "--format", "csv", "--excel", "--output", str(tmp_path / "cli.csv")]) == 0
    assert (tmp_path / "cli.csv").read_bytes() == data


def test_a_moved_tap_is_typed_as_m_ss_and_an_undo_reads_naturally(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_recording(tmp_path)
    window = build_review_window(tmp_path, path)
    qtbot.addWidget(window)
    typed = iter(["0:2x", " 0:29.5 "])
    offered: list[str] = []

    def get_text(_parent: object, _title: str, label: str, text: str = "") -> tuple[str, bool]:
        offered.append(text)
        return next(typed), True

    warned: list[str] = []
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    assert window._ask_seconds("Move tap", "200m kick: the split should be", 31.25) == 29.5
    assert offered == ["0:31.25", "0:2x"]  # as a coach writes it, and the mistake kept to fix
    assert warned == ["'0:2x' is not a time: write it like 1:08.5 or 68.5"]
    tab = window.panel.current_tab()
    assert tab is not None
    tab.taps.selectRow(next(r for r in range(tab.taps.rowCount()) if tab.taps.item(r, 2).text() == "200m kick"))
    window.ask_seconds = lambda _title, _label, _value: 29.5  # type: ignore[method-assign]
    window.move_tap()
    assert window.statusBar().currentMessage().startswith("Moved the tap: 200m kick now 0:29.5 (saved as a correction")
    window.undo()
    assert window.statusBar().currentMessage() == (
        "Undid the last correction; the recording keeps both. Ctrl+Z undoes the one before"
    )


def test_a_double_tapped_rep_is_not_plotted_as_real(qtbot: QtBot, tmp_path: Path) -> None:
    path = write_recording(tmp_path)
    window = build_review_window(tmp_path, path)
    qtbot.addWidget(window)
    window.panel.athletes.setCurrentIndex(1)  # Ben: his rep 3 kick is 2.0 s (Space after a missed tap)
    assert window.panel.rep_plot.bars == 2
    assert window.panel.current_tab().flags.text().startswith("⚠ Rep 3, 200m kick: 0:02.00 is too fast to be real")  # type: ignore[union-attr]
