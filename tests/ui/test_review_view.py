"""The review window, offscreen: history, per-athlete tables, corrections, exports, plots, damaged files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_main_window, build_review_window
from kicktimer.io.paths import recordings_dir
from kicktimer.ui.recording_panel import KICK_BACKGROUND, KICK_COLUMN, AthleteTab
from kicktimer.ui.review_view import ReviewWindow
from kicktimer.ui.style import DELTA_ON_LIGHT, SUNLIGHT
from tests.conftest import SESSIONS
from tests.recorded import recorded_events, scenario_plan, write_recording


def copy_at(source: Path, folder: Path, wall_start: str, athletes: list[str] | None = None) -> Path:
    """The same recording as if made on another day (and with other athletes)."""
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    header = json.loads(lines[0])
    header["wall_start"] = wall_start
    if athletes:
        header["athletes"] = [{"name": n, "paces": {"800m": 130.0}} for n in athletes]
        header["source_text"] = header["source_text"].replace("Ana", athletes[0]).replace("Ben", athletes[1])
    target = folder / f"{wall_start[:19].replace(':', '-')}-kick.kick.jsonl"
    target.write_text(json.dumps(header) + "\n" + "".join(lines[1:]), encoding="utf-8")
    return target


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> ReviewWindow:
    first = write_recording(tmp_path)
    copy_at(first, tmp_path, "2026-04-02T17:00:00+02:00", ["Cleo", "Dan"])
    copy_at(first, tmp_path, "2026-06-20T09:15:00+02:00")
    review = build_review_window(tmp_path)
    qtbot.addWidget(review)
    review.resize(1400, 900)
    review.show()
    return review


def history_column(window: ReviewWindow, column: int) -> list[str]:
    table = window.history
    return [table.item(r, column).text() for r in range(table.rowCount()) if not table.isRowHidden(r)]


def test_history_is_newest_first_sortable_and_filterable(window: ReviewWindow) -> None:
    assert history_column(window, 0) == ["2026-06-20 09:15", "2026-05-12 17:30", "2026-04-02 17:00"]
    window.history.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert history_column(window, 0)[0] == "2026-04-02 17:00"
    window.athlete_filter.setCurrentText("Cleo")
    assert history_column(window, 2) == ["Cleo, Dan"]
    window.athlete_filter.setCurrentIndex(0)
    window.session_filter.setText("hill")
    assert history_column(window, 0) == []
    window.session_filter.setText("KICK 500")
    assert len(window.visible_paths()) == 3
    assert [window.athlete_filter.itemText(i) for i in range(window.athlete_filter.count())] == [
        "All athletes", "Ana", "Ben", "Cleo", "Dan"]  # fmt: skip


def test_the_date_column_sorts_by_the_moment_in_any_time_zone(qtbot: QtBot, tmp_path: Path) -> None:
    first = write_recording(tmp_path)  # 17:30 at UTC+2: 15:30 UTC
    copy_at(first, tmp_path, "2026-05-12T17:00:00+00:00")  # 17:00 UTC: later, though its clock reads earlier
    first.unlink()
    copy_at(tmp_path / "2026-05-12T17-00-00-kick.kick.jsonl", tmp_path, "2026-05-12T17:30:00+02:00")
    review = build_review_window(tmp_path)
    qtbot.addWidget(review)
    assert history_column(review, 0) == ["2026-05-12 17:00", "2026-05-12 17:30"]
    review.history.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert history_column(review, 0) == ["2026-05-12 17:30", "2026-05-12 17:00"]


def open_first(window: ReviewWindow, date: str = "2026-05-12 17:30") -> AthleteTab:
    row = history_column(window, 0).index(date)
    window.history.selectRow(row)
    tab = window.panel.current_tab()
    assert tab is not None
    return tab


def test_a_recording_shows_a_table_per_athlete_with_fade_and_kick(window: ReviewWindow) -> None:
    tab = open_first(window)
    assert [window.panel.athletes.tabText(i) for i in range(window.panel.athletes.count())] == ["Ana", "Ben"]
    assert window.panel.title.text() == "Kick 500s test · 2026-05-12 17:30 · complete"
    table = tab.reps
    assert table.rowCount() == 4
    assert [table.item(1, c).text() for c in range(table.columnCount())] == [
        "Main set", "1", "Rep 1/3", "200m @800 → 100m bound → 200m kick", "0:32 (200m @800)", "1:20.00", "-1.00",
        "0:31.00 / 0:20.00 / 0:29.00", "0:29.00"]  # fmt: skip
    assert table.item(1, KICK_COLUMN).background().color() == KICK_BACKGROUND
    assert table.item(1, 6).foreground().color() == QColor(DELTA_ON_LIGHT[0])
    assert table.item(3, 6).foreground().color() == QColor(DELTA_ON_LIGHT[1])
    assert "Fade (Main set): first 1:20.00, last 1:24.50, +4.50 s (+5.6%)" in tab.summary.text()
    assert window.panel.rep_plot.bars == 3
    image = window.panel.rep_plot.widget.grab().toImage()
    kick = QColor(SUNLIGHT.gears["kick"])
    assert count_colour(image, kick) > 500  # the kick segments are drawn


def count_colour(image: QImage, colour: QColor) -> int:
    return sum(
        1
        for y in range(0, image.height(), 2)
        for x in range(0, image.width(), 2)
        if image.pixelColor(x, y).rgb() == colour.rgb()
    )


def taps(tab: AthleteTab) -> list[tuple[str, ...]]:
    table = tab.taps
    return [tuple(table.item(r, c).text() for c in (1, 2, 5)) for r in range(table.rowCount())]


def select_tap(window: ReviewWindow, rep: str, segment: str) -> None:
    tab = window.panel.current_tab()
    assert tab is not None
    row = next(i for i, t in enumerate(taps(tab)) if t[:2] == (rep, segment))
    tab.taps.selectRow(row)


def test_corrections_move_add_delete_and_undo(window: ReviewWindow, qtbot: QtBot) -> None:
    path = window.history.item(1, 0).data(Qt.ItemDataRole.UserRole)
    tab = open_first(window)
    window.ask_seconds = lambda title, label, value: 29.0  # type: ignore[method-assign]
    select_tap(window, "2", "200m kick")
    window.buttons["move"].click()
    tab = window.panel.current_tab()
    assert tab is not None and ("2", "200m kick", "0:29.00") in taps(tab)
    assert tab.reps.item(2, 5).text() == "1:22.50"
    window.panel.athletes.setCurrentIndex(1)  # Ben forgot his bound tap in rep 3
    window.ask_seconds = lambda title, label, value: 22.0  # type: ignore[method-assign]
    select_tap(window, "3", "200m @800")
    window.buttons["add"].click()
    tab = window.panel.current_tab()
    assert tab is not None and tab.athlete.name == "Ben"
    assert [t for t in taps(tab) if t[0] == "3"] == [("3", "200m @800", "0:33.50"), ("3", "100m bound", "0:22.00"),
                                                     ("3", "200m kick", "0:30.00")]  # fmt: skip
    select_tap(window, "3", "100m bound")
    window.buttons["delete"].click()
    tab = window.panel.current_tab()
    assert tab is not None and ("3", "100m bound", "0:52.00") in taps(tab)
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    assert [json.loads(line).get("op") for line in lines[-3:]] == ["move", "add", "delete"]
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    window.panel.athletes.setCurrentIndex(0)
    tab = window.panel.current_tab()
    assert tab is not None and ("2", "200m kick", "0:29.50") in taps(tab)
    assert "Ctrl+Z" in window.statusBar().currentMessage()


def test_a_correction_that_cannot_be_made_says_why(window: ReviewWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    open_first(window)
    window.buttons["undo"].click()
    assert said == ["there is no correction to undo"]
    window.buttons["move"].click()
    assert window.statusBar().currentMessage() == "Select a tap in the table first."
    select_tap(window, "1", "5min jog")  # the warm-up ends by the clock
    window.buttons["delete"].click()
    assert window.statusBar().currentMessage().startswith("A timed segment ends by the clock")
    assert said == ["there is no correction to undo"]


def test_exports_and_plot_png_from_the_window(window: ReviewWindow, tmp_path: Path) -> None:
    open_first(window)
    out = tmp_path / "out"
    out.mkdir()
    window.ask_save_path = lambda title, name: out / name  # type: ignore[method-assign]
    for fmt in ("csv", "json", "tcx", "fit"):
        window.export(fmt)
    names = sorted(p.name for p in out.iterdir())
    stem = "2026-05-12T17-30-00-kick-500s-test"
    assert names == sorted([f"{stem}.csv", f"{stem}.json", f"{stem}-ana.tcx", f"{stem}-ben.tcx",
                            f"{stem}-ana.fit", f"{stem}-ben.fit"])  # fmt: skip
    window.buttons["png"].click()
    image = QImage(str(out / f"{stem}.png"))
    assert not image.isNull() and image.width() >= 800
    window.panel.plots.setCurrentIndex(1)
    window.ask_save_path = lambda title, name: out / "trend.png"  # type: ignore[method-assign]
    window.save_plot()
    assert not QImage(str(out / "trend.png")).isNull()


def test_the_trend_has_one_point_per_date_of_the_session(window: ReviewWindow) -> None:
    open_first(window)
    assert window.panel.trend_plot.points == 0  # read only when its tab is shown
    window.panel.plots.setCurrentIndex(1)
    assert window.panel.trend_plot.points == 2  # Ana ran it on 12 May and 20 June; Cleo's day is not hers
    assert "Ana: Kick 500s test across dates" in window.panel.trend_plot.title.text
    window.panel.athletes.setCurrentIndex(1)
    assert window.panel.trend_plot.points == 2 and "Ben" in window.panel.trend_plot.title.text


def test_a_damaged_recording_shows_a_message_not_a_traceback(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: said.append(text))
    (tmp_path / "2026-01-01T00-00-00-x.kick.jsonl").write_text("garbage\n", encoding="utf-8")
    unfinished = write_recording(tmp_path, recorded_events(scenario_plan())[:12])
    review = build_review_window(tmp_path)
    qtbot.addWidget(review)
    assert history_column(review, 3)[1].startswith("unreadable: ")
    review.history.selectRow(1)
    assert len(said) == 1 and "this is not a kicktimer recording" in said[0]
    assert review.show_recording(unfinished)
    assert "did not finish" in review.panel.notes.text() and review.panel.title.text().endswith("unfinished")


def test_the_browser_opens_the_review_and_a_finished_session_goes_straight_to_it(qtbot: QtBot) -> None:
    window = build_main_window(SESSIONS / "sprint-progression" / "04-sprints-6x60m.session.yaml", with_sound=False)
    qtbot.addWidget(window)
    window.show()
    (action,) = [a for a in window.findChildren(QAction) if a.text() == "&Review recordings…"]
    assert action.shortcut().toString() == "Ctrl+R"
    action.trigger()
    assert isinstance(window.review_window, ReviewWindow) and window.review_window.isVisible()
    window.review_window.close()
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    view = window.live_view
    assert view is not None
    qtbot.keyClick(view, Qt.Key.Key_Space)  # leave the hold: the first sprint starts
    qtbot.keyClick(view, Qt.Key.Key_1)  # its split
    view.close()
    qtbot.waitUntil(lambda: isinstance(window.review_window, ReviewWindow) and window.review_window.isVisible())
    review = window.review_window
    assert isinstance(review, ReviewWindow) and review.panel.shown is not None
    (made,) = recordings_dir().glob("*.kick.jsonl")
    assert review.panel.shown.path == made
    assert review.panel.shown.review.athletes[0].splits[0].kind == "lap"  # key 1 in the timed warm-up


def test_every_library_session_opens_in_the_review(qtbot: QtBot, tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from kicktimer.io.session_file import load_session
    from tests.conftest import library_files
    from tests.support.recording_gen import record

    paths = [record(load_session(p), tmp_path / f"{i:02d}.kick.jsonl", datetime(2026, 3, 3, 18, i, tzinfo=UTC), i,
                    mishaps=0.12) for i, p in enumerate(library_files())]  # fmt: skip
    review = build_review_window(tmp_path)
    qtbot.addWidget(review)
    assert len(review.visible_paths()) == len(paths)
    for path in paths:
        assert review.show_recording(path)
        for index in range(review.panel.athletes.count()):
            review.panel.athletes.setCurrentIndex(index)
            tab = review.panel.current_tab()
            assert tab is not None and tab.filled and tab.reps.rowCount() == len(tab.athlete.reps)
        review.panel.plots.setCurrentIndex(1)
        review.panel.plots.setCurrentIndex(0)
