"""The main window lists the library and shows a session's plan or its problems."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_main_window
from tests.conftest import SESSIONS, library_files


def test_library_tree_lists_every_session(qtbot: QtBot) -> None:
    window = build_main_window()
    qtbot.addWidget(window)
    items = window.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)
    paths = {i.data(0, Qt.ItemDataRole.UserRole) for i in items} - {None}
    assert {str(p) for p in library_files()} <= paths


def test_selecting_a_session_shows_its_plan(qtbot: QtBot) -> None:
    path = SESSIONS / "kick-500s.session.yaml"
    window = build_main_window(path)
    qtbot.addWidget(window)
    assert window.title.text() == "Kick 500s"
    assert "bounding" in window.about.text()
    assert window.problems.isHidden()
    shown = window.shown
    assert shown is not None and shown.plan is not None
    assert window.table.rowCount() == len(shown.plan.steps)
    headers = [window.table.horizontalHeaderItem(c).text() for c in range(window.table.columnCount())]
    assert headers[-2:] == ["Ana", "Ben"]
    whats = [window.table.item(r, 2).text() for r in range(window.table.rowCount())]
    assert "→ 100m bound" in whats
    assert "work distance 1500m" in window.summary.text()


def test_a_broken_session_shows_its_problems_not_a_traceback(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.session.yaml"
    bad.write_text("name: x\nworkout: |\n  4x200m r1;30\n", encoding="utf-8")
    window = build_main_window(bad)
    qtbot.addWidget(window)
    assert not window.problems.isHidden()
    assert f'{bad}:3:10: "r1;30": expected a duration like 1:30 or 90s' in window.problems.toPlainText()
    assert window.table.rowCount() == 0


def test_user_sessions_folder_is_listed(qtbot: QtBot, tmp_path: Path, monkeypatch: object) -> None:
    from kicktimer.io.paths import user_sessions_dir

    mine = user_sessions_dir()
    mine.mkdir(parents=True)
    (mine / "my-strides.session.yaml").write_text("name: Mine\nworkout: 4x50m stride r open\n", encoding="utf-8")
    window = build_main_window()
    qtbot.addWidget(window)
    names = [i.text(0) for i in window.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive)]
    assert "My sessions" in names and "Mine" in names  # the session's own name, not its file's


def test_start_opens_the_live_view_and_the_browser_comes_back(qtbot: QtBot) -> None:
    window = build_main_window(SESSIONS / "kick-500s.session.yaml", with_sound=False)
    qtbot.addWidget(window)
    window.show()
    assert window.start_button.isEnabled()
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    view = window.live_view
    assert view is not None and view.isVisible() and not window.isVisible()
    qtbot.keyClick(view, Qt.Key.Key_Space)
    view.close()
    qtbot.waitUntil(window.isVisible)
    from kicktimer.io.paths import recordings_dir
    from kicktimer.io.reader import read_recording

    (recording,) = recordings_dir().glob("*.kick.jsonl")
    assert [e.type for e in read_recording(recording).events] == ["start", "tap"]
    window.close()


def test_a_broken_session_cannot_be_started(qtbot: QtBot, tmp_path: Path) -> None:
    bad = tmp_path / "bad.session.yaml"
    bad.write_text("name: x\nworkout: 60\n", encoding="utf-8")
    window = build_main_window(bad, with_sound=False)
    qtbot.addWidget(window)
    assert not window.start_button.isEnabled()


def test_the_roster_is_editable_remembered_and_used(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTableWidgetItem

    path = SESSIONS / "kick-500s.session.yaml"
    window = build_main_window(path, with_sound=False)
    qtbot.addWidget(window)
    assert window.roster_rows() == [("Ana", "800m 2:08, 1500m 4:22.5, 5k 16:40"), ("Ben", "mile 4:35")]
    window.roster.setItem(1, 1, QTableWidgetItem("800m 2:00"))  # Ben ran a faster 800
    window.roster.setItem(0, 0, QTableWidgetItem("Ana B"))
    headers = [window.table.horizontalHeaderItem(c).text() for c in range(window.table.columnCount())]
    assert headers[-2:] == ["Ana B", "Ben"]  # the plan follows the roster
    first_200 = next(r for r in range(window.table.rowCount()) if window.table.item(r, 2).text() == "200m @800")
    assert window.table.item(first_200, headers.index("Ben")).text() == "0:30"
    assert window.start_button.isEnabled()
    window.roster.setItem(1, 1, QTableWidgetItem("800m fast"))
    assert not window.start_button.isEnabled() and "expected a time" in window.roster_note.text()
    window.roster.setItem(1, 1, QTableWidgetItem("800m 2:00"))
    again = build_main_window(path, with_sound=False)  # the next run remembers
    qtbot.addWidget(again)
    assert again.roster_rows()[1] == ("Ben", "800m 2:00") and again.roster_rows()[0][0] == "Ana B"
    again.start_button.click()
    view = again.live_view
    assert view is not None
    from kicktimer.io.paths import recordings_dir
    from kicktimer.io.reader import read_recording

    (recording,) = recordings_dir().glob("*.kick.jsonl")
    header = read_recording(recording).header
    assert header.athletes[1] == {"name": "Ben", "paces": {"800m": 120.0}}
    assert header.plan["athletes"] == ["Ana B", "Ben"]
    first_200 = next(s for s in header.plan["steps"] if s["label"] == "200m @800")
    assert first_200["target_s"]["Ben"] == 30.0  # from the edited 2:00, not the file's mile
    view.close()
    again.close()
    window._reset_roster()
    assert window.roster_rows()[1] == ("Ben", "mile 4:35")


def test_a_resumed_session_keeps_the_edited_roster(tmp_path: Path) -> None:
    from kicktimer.app.session import LiveSession
    from kicktimer.core.language.plan import Athlete
    from kicktimer.io.session_file import load_session, with_athletes
    from tests.support.clock import FakeClock

    session = with_athletes(load_session(SESSIONS / "kick-500s.session.yaml"), (Athlete("Cy", {"800m": 110.0}),))
    live = LiveSession.start_new(session, tmp_path, FakeClock())
    live.apply(live.engine.tap)
    live.journal.close()
    resumed = LiveSession.resume(live.journal.path)
    assert [a.name for a in resumed.engine.plan.athletes] == ["Cy"]
    target = resumed.engine.plan.steps[3].targets[0]
    assert target is not None and abs(target.value - 27.5) < 1e-9  # 200 m at a 1:50 800
    resumed.close()


def _headers(window: object) -> list[str]:
    table = window.table  # type: ignore[attr-defined]
    return [table.horizontalHeaderItem(c).text() for c in range(table.columnCount())]


def test_a_wrong_roster_shows_no_stale_targets_and_start_says_why_it_is_off(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QTableWidgetItem

    from kicktimer.ui.roster_editor import WRONG_CELL

    window = build_main_window(SESSIONS / "kick-500s.session.yaml", with_sound=False)
    qtbot.addWidget(window)
    assert _headers(window)[-2:] == ["Ana", "Ben"] and window.start_button.isEnabled()
    window.roster.setItem(1, 1, QTableWidgetItem("marathon 2:49"))  # meant 2:49:00
    assert not window.start_button.isEnabled()
    note = window.roster_note.text()
    assert "Start is off until this is fixed" in note and "did you mean 2:49:00?" in note
    assert "did you mean 2:49:00?" in window.start_button.toolTip()
    assert window.roster.item(1, 1).background().color() == WRONG_CELL
    assert _headers(window) == ["#", "Phase", "What", "Where", "Ends", "Clock"]  # no targets rather than old ones
    assert "no targets until the roster below is fixed" in window.summary.text()
    window.roster.setItem(1, 1, QTableWidgetItem("marathon 2:49:00"))
    assert window.start_button.isEnabled() and _headers(window)[-2:] == ["Ana", "Ben"]
    assert window.roster.item(1, 1).background().color() != WRONG_CELL
    window.roster.setItem(1, 0, QTableWidgetItem("ana"))
    assert not window.start_button.isEnabled()
    assert '"ana" and "Ana" are the same name' in window.roster_note.text()
    assert _headers(window)[-1] == "Clock"
    window.roster.setItem(1, 0, QTableWidgetItem("Ben"))
    assert window.start_button.isEnabled() and _headers(window)[-2:] == ["Ana", "Ben"]


def test_start_at_a_rep_from_the_browser(qtbot: QtBot) -> None:
    from kicktimer.io.paths import recordings_dir
    from kicktimer.io.reader import read_recording

    window = build_main_window(SESSIONS / "kick-500s.session.yaml", with_sound=False)
    qtbot.addWidget(window)
    window.show()
    choices = [window.start_at.itemText(i) for i in range(window.start_at.count())]
    assert choices[0] == "The beginning"
    assert "2.3  Main set, rep 3 (Rep 3/3): 200m @800 + 100m bound + 200m kick" in choices
    assert "3  Cool-down, from its start" in choices
    window.start_at.setCurrentIndex(choices.index(next(c for c in choices if c.startswith("2.3 "))))
    assert window.start_button.text() == "Start at 2.3  (Space)"
    assert window.space.key().toString() == "Space"  # still started by Space
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    view = window.live_view
    assert view is not None and view.isVisible()
    snap = view.live.snapshot()  # type: ignore[attr-defined]
    assert snap.step.label == "Main set" and snap.next_step is not None and snap.next_step.where == ((3, 3),)
    qtbot.keyClick(view, Qt.Key.Key_Space)
    assert view.live.snapshot().counters == "Rep 3/3"  # type: ignore[attr-defined]
    view.close()
    qtbot.waitUntil(window.isVisible)
    (recording,) = recordings_dir().glob("*.kick.jsonl")
    start = read_recording(recording).events[0]
    assert (start.type, start.step) == ("start", 11)
    window.show_session(SESSIONS / "kick-500s.session.yaml")
    assert window.start_at.currentIndex() == 0  # the next start is from the beginning again
    assert window.start_button.text() == "Start  (Space)"


def test_a_roster_that_makes_a_target_zero_or_less_is_pointed_out(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QTableWidgetItem

    path = tmp_path / "offsets.session.yaml"
    athletes = 'athletes:\n  - name: Ana\n    paces: {800m: "2:08"}\n'
    path.write_text(f"name: Offsets\n{athletes}workout: |\n  4x200m @800-30s/200m r open\n", encoding="utf-8")
    window = build_main_window(path, with_sound=False)
    qtbot.addWidget(window)
    assert window.start_button.isEnabled()
    window.roster.setItem(0, 1, QTableWidgetItem("800m 1:50"))  # 27.5 s per 200 m, less 30
    assert not window.start_button.isEnabled()
    assert '"@800-30s/200m": comes out at -0:02.5 for Ana' in window.roster_note.text()
    window.roster.setItem(0, 1, QTableWidgetItem("800m 2:08"))
    assert window.start_button.isEnabled()
    window.close()


def test_send_to_watch_writes_a_workout_per_athlete_with_the_roster_as_typed(qtbot: QtBot, tmp_path: Path) -> None:
    from garmin_fit_sdk import Decoder, Stream

    window = build_main_window(SESSIONS / "kick-500s.session.yaml")
    qtbot.addWidget(window)
    watch = tmp_path / "GARMIN" / "NewFiles"
    watch.mkdir(parents=True)
    asked: list[str] = []
    window.ask_folder = lambda title: asked.append(title) or watch  # type: ignore[func-returns-value]
    window.roster.item(1, 0).setText("Zoë")  # the second athlete renamed, and faster, before sending
    window.roster.item(1, 1).setText("800m 2:00")
    assert window.watch_button.isEnabled()
    qtbot.mouseClick(window.watch_button, Qt.MouseButton.LeftButton)
    assert asked and "GARMIN/NewFiles" in asked[0]
    assert sorted(p.name for p in watch.iterdir()) == ["kick-500s-ana.fit", "kick-500s-zoe.fit"]
    messages, errors = Decoder(Stream.from_file(str(watch / "kick-500s-zoe.fit"))).read()
    assert errors == [] and messages["workout_mesgs"][0]["wkt_name"] == "Kick 500s - Zoë"
    first = next(s for s in messages["workout_step_mesgs"] if s.get("wkt_step_name") == "200m @800")
    middle = (first["custom_target_speed_low"] + first["custom_target_speed_high"]) / 2
    assert middle == pytest.approx(200 / 30, abs=0.001)  # 800m in 2:00
    assert "kick-500s-zoe.fit" in window.statusBar().currentMessage()
    window.roster.item(0, 1).setText("800m 2;08")  # a mistake in the roster: nothing is sent
    assert not window.watch_button.isEnabled()


def test_the_first_start_says_to_pick_a_session(qtbot: QtBot) -> None:
    window = build_main_window()
    qtbot.addWidget(window)
    assert window.title.text() == "Pick a session" and "library on the left" in window.about.text()
    assert not window.start_button.isEnabled()
    window.select_path(SESSIONS / "kick-500s.session.yaml")
    assert window.title.text() == "Kick 500s" and "library on the left" not in window.about.text()


def test_help_keys_lists_every_key_of_the_command_table(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialog, QTableWidget

    from kicktimer.core.run.commands import key_help

    window = build_main_window()
    qtbot.addWidget(window)
    keys = next(a for a in window.help_menu.actions() if a.text() == "&Keys…")
    keys.trigger()
    dialog = next(d for d in window.findChildren(QDialog) if d.isVisible())
    table = dialog.findChild(QTableWidget)
    assert table is not None
    rows = {(table.item(r, 0).text(), table.item(r, 2).text()) for r in range(table.rowCount())}
    assert rows == {(keys, what) for keys, _, what in key_help("window")}  # sleep_pause: the console's
    assert "asks whether to end the session: E ends it; the recording is kept" in {what for _, what in rows}
    dialog.close()


def test_the_plans_phase_cells_are_readable(qtbot: QtBot) -> None:
    from PySide6.QtGui import QColor

    from kicktimer.ui.style import WCAG_AA, contrast

    window = build_main_window(SESSIONS / "800s-with-hill-sprints.session.yaml")
    qtbot.addWidget(window)
    for r in range(window.table.rowCount()):
        cell = window.table.item(r, 1)
        assert contrast(QColor(cell.foreground().color()), cell.background().color()) >= WCAG_AA, cell.text()
