"""The session browser as a coach found it: today's squad instead of a file's athletes, a long session name, Space
while typing, every squad.yaml problem and F5, resuming an unfinished recording from the menu, the library by
session names."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from kicktimer.io.paths import recordings_dir, squad_path, user_sessions_dir
from kicktimer.ui.main_window import MainWindow
from kicktimer.ui.screen_fit import ATHLETE_SIZE, available_area, fitted_size
from tests.conftest import SESSIONS
from tests.recorded import recorded_events, scenario_plan, write_recording
from tests.ui.test_today_picker import SQUAD, browser, plain, tick

OWN = SESSIONS / "800s-with-sprints.session.yaml"  # names Ana and Cal


def menu_action(window: MainWindow, text: str) -> None:
    for menu in (a.menu() for a in window.menuBar().actions() if a.menu() is not None):
        for action in menu.actions():  # type: ignore[union-attr]
            if action.text().replace("&", "") == text:
                action.trigger()
                return
    raise AssertionError(f"no {text} in the menus")


def test_a_session_naming_its_athletes_can_run_with_todays_squad(qtbot: QtBot) -> None:
    window = browser(qtbot, OWN)
    tick(window, "Ben", "Cleo")
    box = window.page.squad_box
    assert not box.isHidden() and not box.isChecked()
    assert [name for name, _ in window.roster_rows()] == ["Ana", "Cal"]  # the file's athletes win by default
    box.setChecked(True)
    assert [name for name, _ in window.roster_rows()] == ["Cleo", "Ben"]
    assert "Keys: 1 Cleo, 2 Ben" in plain(window.today.note)  # type: ignore[union-attr]
    again = browser(qtbot, OWN)  # remembered for this file
    assert again.page.squad_box.isChecked() and [n for n, _ in again.roster_rows()] == ["Cleo", "Ben"]
    again.page.squad_box.setChecked(False)
    assert [name for name, _ in again.roster_rows()] == ["Ana", "Cal"]


def test_a_long_session_name_is_cut_on_screen_and_whole_in_its_tooltip(qtbot: QtBot) -> None:
    name = "Tuesday combined: 800 squad and distance group, lanes 1-4, bring spikes and a watch!"[:80]
    mine = user_sessions_dir() / "long.session.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text(f'name: "{name.strip()}"\nworkout: 4x400m r1:00\n', encoding="utf-8")
    window = browser(qtbot, mine)
    window.resize(QSize(1008, 520))
    window.show()
    qtbot.waitExposed(window)
    assert window.size() == QSize(1008, 520)  # not widened, not made taller
    assert window.title.text() == name.strip() and name.strip() in window.title.toolTip()
    shown = window.page.title.shown_text()
    assert shown.endswith("…") and len(shown) < len(name.strip())
    assert window.start_button.isVisible() and window.start_button.geometry().bottom() < window.page.height()
    (item,) = window.tree.findItems(name.strip(), Qt.MatchFlag.MatchRecursive)
    assert item.toolTip(0) == f"{name.strip()}\n{mine}"  # the library's line is cut at its edge too


def test_space_does_not_start_while_the_roster_or_a_field_takes_it(qtbot: QtBot) -> None:
    window = browser(qtbot, OWN)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.roster.setFocus()
    window.roster.setCurrentCell(0, 0)
    qtbot.keyClick(window.roster, Qt.Key.Key_Space)
    assert window.live_view is None
    window.today.list.setFocus()  # type: ignore[union-attr]
    qtbot.keyClick(window.today.list, Qt.Key.Key_Space)  # type: ignore[union-attr]
    assert window.live_view is None
    window.tree.setFocus()
    assert QApplication.focusWidget() is window.tree
    qtbot.keyClick(window.tree, Qt.Key.Key_Space)
    assert window.live_view is not None  # from the library, Space starts
    window.live_view.close()


def test_every_squad_problem_is_listed_and_f5_reads_the_fixed_file(qtbot: QtBot) -> None:
    broken = SQUAD.replace('- {race: 800m, time: "2:12"', '- {rce: 800m, time: "2:12"').replace(
        "key: 2\n    groups: [800 group]\n    times:\n      - {race: mile",
        "key: 12\n    groups: [800 group]\n    times:\n      - {race: mile",
    )
    window = browser(qtbot, OWN, broken)
    picker = window.today
    assert picker is not None
    lines = picker.details.toPlainText().splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"{squad_path()}:6:") and lines[1].startswith(f"{squad_path()}:")
    assert plain(picker.note).startswith("squad.yaml has 2 problems (above)")
    squad_path().write_text(SQUAD, encoding="utf-8")
    menu_action(window, "Reload sessions and squad")  # F5
    assert picker.details.isHidden() and picker.list.count() == 3


def test_f5_lists_a_session_added_to_the_library_by_its_name(qtbot: QtBot) -> None:
    window = browser(qtbot, OWN)
    mine = user_sessions_dir() / "zz-new.session.yaml"
    mine.parent.mkdir(parents=True, exist_ok=True)
    mine.write_text("name: Hill sprints on Thursday\nworkout: 6x60m sprint r open\n", encoding="utf-8")
    menu_action(window, "Reload sessions and squad")
    assert window.tree.findItems("Hill sprints on Thursday", Qt.MatchFlag.MatchRecursive)
    assert not window.tree.findItems("zz new", Qt.MatchFlag.MatchRecursive)


def unfinished(count: int) -> list[Path]:
    recordings_dir().mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        path = write_recording(recordings_dir(), recorded_events(scenario_plan())[:12])
        paths.append(path.rename(path.with_name(f"2026-05-1{number}T17-30-00-kick-500s.kick.jsonl")))
    return sorted(paths, reverse=True)  # newest first


def test_resume_unfinished_from_the_menu_offers_each_and_resumes_the_chosen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = unfinished(2)
    asked: list[Path] = []
    monkeypatch.setattr("kicktimer.app.gui_browser.ask_resume", lambda _parent, path: asked.append(path) or path)
    offered: list[list[str]] = []

    def pick(*args: object, **_kw: object) -> tuple[str, bool]:
        labels = list(args[3])  # type: ignore[call-overload]
        offered.append(labels)
        return labels[1], True

    monkeypatch.setattr(QInputDialog, "getItem", pick)
    window = browser(qtbot, OWN)
    resumed: list[object] = []
    window.resume_live = resumed.append
    menu_action(window, "Resume unfinished session…")
    assert len(offered[0]) == 2 and offered[0][0].endswith(paths[0].name) and offered[0][1].endswith(paths[1].name)
    assert asked == [paths[1]] and resumed == [paths[1]]


def test_resume_unfinished_with_none_says_so(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    window = browser(qtbot, OWN)
    menu_action(window, "Resume unfinished session…")
    assert said and said[0].startswith("No unfinished recording to resume")


def test_the_athlete_page_fits_the_screen_and_ctrl_w_or_esc_close_it(qtbot: QtBot) -> None:
    window = browser(qtbot, OWN)
    for key, modifier in ((Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
                          (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier)):  # fmt: skip
        window.open_athlete("Ana")
        page = window.athlete_window
        assert page is not None
        qtbot.waitExposed(page)
        area = available_area(page)
        assert page.size() == fitted_size(ATHLETE_SIZE, area) and area.contains(page.geometry())
        page.activateWindow()
        qtbot.waitUntil(lambda p=page: QApplication.activeWindow() is p)  # type: ignore[misc]
        qtbot.keyClick(QApplication.focusWidget() or page, key, modifier)
        assert not page.isVisible()
