"""Who is running today, in the session browser: ticks (or a group) run the sessions that name no athletes, in key
order with their newest race times; a session's own athletes win; more than nine keeps Start off; a stage of a
progression proposes the next one for today's group, and can be marked skipped or to repeat."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_main_window, preference_store
from kicktimer.io.paths import recordings_dir, squad_path, user_sessions_dir
from kicktimer.io.reader import read_recording
from kicktimer.io.recordings import open_recording
from kicktimer.io.session_file import load_session, with_athletes
from kicktimer.io.squad import load_squad
from kicktimer.ui.main_window import MainWindow
from tests.conftest import SESSIONS
from tests.support.recording_gen import record

SQUAD = """\
athletes:
  - name: Ana
    key: 2
    groups: [800 group]
    times:
      - {race: 800m, time: "2:12", date: 2026-02-01}
      - {race: 800m, time: "2:08", date: 2026-05-01}
  - name: Ben
    key: 2
    groups: [800 group]
    times:
      - {race: mile, time: "4:35"}
  - name: Cleo
    groups: [distance]
"""
STRIDES = SESSIONS / "strides-after-easy-run.session.yaml"
STAGES = SESSIONS / "sprint-progression"


def browser(qtbot: QtBot, shown: Path, squad: str = SQUAD) -> MainWindow:
    squad_path().parent.mkdir(parents=True, exist_ok=True)
    squad_path().write_text(squad, encoding="utf-8")
    window = build_main_window(shown, with_sound=False)
    qtbot.addWidget(window)
    return window


def plain(label: QLabel) -> str:
    """A label's words, as the coach reads them."""
    return html.unescape(re.sub(r"<[^>]+>", "", label.text()))


def tick(window: MainWindow, *names: str) -> None:
    assert window.today is not None
    for r in range(window.today.list.count()):
        item = window.today.list.item(r)
        on = item.data(Qt.ItemDataRole.UserRole) in names
        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_ticked_athletes_run_a_session_that_names_none_in_key_order(qtbot: QtBot) -> None:
    window = browser(qtbot, STRIDES)
    tick(window, "Ana", "Ben")
    assert window.roster_rows() == [("Ben", "mile 4:35"), ("Ana", "800m 2:08")]  # Ana would like key 2: free
    assert window.today is not None
    assert plain(window.today.note) == "Keys: 1 Ben, 2 Ana; Ben has key 1 today (key 2 is Ana's)"
    headers = [window.table.horizontalHeaderItem(c).text() for c in range(window.table.columnCount())]
    assert headers[-2:] == ["Ben", "Ana"] and window.start_button.isEnabled()
    assert preference_store().ticked() == ["Ana", "Ben"]  # remembered for next time
    again = build_main_window(STRIDES, with_sound=False)
    qtbot.addWidget(again)
    assert again.roster_rows() == [("Ben", "mile 4:35"), ("Ana", "800m 2:08")]
    squad_path().write_text(SQUAD.replace('"2:08"', '"2:05"'), encoding="utf-8")  # a new best, from the terminal
    window.today.reload()  # as when the browser comes back from a session
    assert window.roster_rows() == [("Ben", "mile 4:35"), ("Ana", "800m 2:05")]


def test_a_group_ticks_its_members(qtbot: QtBot) -> None:
    window = browser(qtbot, STRIDES)
    assert window.today is not None
    group = window.today.group
    assert [group.itemText(i) for i in range(group.count())] == ["Tick a group…", "800 group", "distance",
                                                                "Everyone", "No one"]  # fmt: skip
    group.activated.emit(2)
    assert window.today.ticked() == ["Cleo"] and window.roster_rows() == [("Cleo", "")]
    group.activated.emit(3)
    assert window.today.ticked() == ["Ana", "Ben", "Cleo"]
    group.activated.emit(4)  # no one: the session's own roster again (today's athletes were not remembered for it)
    assert window.today.ticked() == [] and window.roster_rows() == [("Athlete", "")]


def test_a_session_that_names_its_athletes_runs_them(qtbot: QtBot) -> None:
    window = browser(qtbot, SESSIONS / "kick-500s.session.yaml")
    tick(window, "Cleo")
    assert [name for name, _ in window.roster_rows()] == ["Ana", "Ben"]  # the file's, not today's
    assert window.today is not None and "This session names its own athletes" in plain(window.today.note)
    window.select_path(STRIDES)
    assert window.roster_rows() == [("Cleo", "")]


def test_more_than_nine_keeps_start_off_and_says_so(qtbot: QtBot) -> None:
    many = "athletes:\n" + "".join(f"  - name: Runner {n}\n" for n in range(11))
    window = browser(qtbot, STRIDES, many)
    assert window.today is not None
    window.today.group.activated.emit(window.today.group.findText("Everyone"))
    assert not window.start_button.isEnabled()
    said = "11 athletes ticked: at most 9 run at once (one per key 1-9); untick 2"
    assert said in plain(window.roster_note) and said in plain(window.today.note)
    tick(window, *(f"Runner {n}" for n in range(9)))
    assert window.start_button.isEnabled() and len(window.roster_rows()) == 9


def test_a_squad_file_with_a_problem_is_said_where_it_is(qtbot: QtBot) -> None:
    window = browser(qtbot, STRIDES, SQUAD.replace("    key: 2\n    groups: [800 group]\n    times:\n      - {race: "
                                                   "800m", "    key: 2\n    groups: [800 group]\n    times:\n      "
                                                   "- {rce: 800m", 1))  # fmt: skip
    assert window.today is not None and window.today.list.count() == 0
    assert window.today.details.toPlainText() == f'{squad_path()}:6:10: unknown key "rce": did you mean race?'
    assert plain(window.today.note).startswith("squad.yaml has a problem (above)")

    assert window.roster_rows() == [("Athlete", "")]  # as without a squad


def test_a_recording_keeps_its_roster_when_the_squad_changes(qtbot: QtBot) -> None:
    mine = user_sessions_dir() / "fours.session.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("name: Fours\nworkout: 4x400m @800 r1:00\n", encoding="utf-8")
    window = browser(qtbot, mine)
    tick(window, "Ana")
    qtbot.mouseClick(window.start_button, Qt.MouseButton.LeftButton)
    assert window.live_view is not None
    window.live_view.close()
    (path,) = recordings_dir().glob("*.kick.jsonl")
    assert read_recording(path).header.athletes == [{"name": "Ana", "paces": {"800m": 128.0}}]
    before = [s.targets for s in open_recording(path).session.plan.steps]
    squad_path().write_text(SQUAD.replace('"2:08"', '"2:01"'), encoding="utf-8")
    assert load_squad(squad_path()).athletes[0].paces == {"800m": 121.0}
    assert [s.targets for s in open_recording(path).session.plan.steps] == before


def run_stage(number: int, day: int, *names: str) -> None:
    (path,) = STAGES.glob(f"{number:02d}-*.session.yaml")
    squad = load_squad(squad_path())
    roster = tuple(a.athlete for a in squad.athletes if a.name in names)
    when = datetime(2026, 4, 6, 17, tzinfo=UTC) + timedelta(days=day)
    record(with_athletes(load_session(path), roster), recordings_dir() / f"s{number}-{day}.kick.jsonl", when)


def test_a_stage_proposes_the_next_one_for_today_and_can_be_marked(qtbot: QtBot) -> None:
    squad_path().parent.mkdir(parents=True, exist_ok=True)
    squad_path().write_text(SQUAD, encoding="utf-8")
    run_stage(1, 0, "Ana", "Ben")
    run_stage(2, 3, "Ana", "Ben")
    run_stage(1, 3, "Cleo")
    window = browser(qtbot, next(STAGES.glob("02-*.session.yaml")))
    tick(window, "Ana", "Ben", "Cleo")
    picker = window.today
    assert picker is not None and picker.stage is not None
    assert picker.progress.text() == ("<b>Sprint progression, stage 2.</b> Proposed: stage 3, Sprint progression 3: "
                                      "10 hill sprints (Ben, Ana); Cleo is due stage 2")  # fmt: skip
    qtbot.mouseClick(picker.go, Qt.MouseButton.LeftButton)
    assert window.shown is not None and window.shown.path.name.startswith("03-")
    window.select_path(next(STAGES.glob("02-*.session.yaml")))
    tick(window, "Ana", "Ben")
    asked: list[str] = []
    picker.confirm = lambda question: asked.append(question) is not None  # the coach says no
    picker._mark("repeat")
    assert asked == ["Mark Sprint progression, stage 2: to repeat (it is proposed again), for 2 athlete(s): Ben, Ana?"]
    assert load_squad(squad_path()).athletes[0].marks == ()  # nothing marked without a yes
    picker.confirm = lambda _question: True
    picker._mark("repeat")
    assert plain(picker.note).startswith("Marked Sprint progression, stage 2: to repeat")
    assert [(m.stage, m.mark) for m in load_squad(squad_path()).athletes[0].marks] == [(2, "repeat")]
    assert picker.stage is not None and picker.stage.proposal.stage is not None
    assert picker.stage.proposal.stage.number == 2 and not picker.go.isEnabled()  # stage 2 again: shown already


def test_the_athlete_page_opens_from_the_menu_and_from_the_squad(qtbot: QtBot) -> None:
    window = browser(qtbot, STRIDES)
    assert window.today is not None
    window.today.list.itemDoubleClicked.emit(window.today.list.item(1))
    page = window.athlete_window
    assert page is not None and page.heading.text() == "Ben · 0 recordings · in the squad (key 2; 800 group)"  # type: ignore[attr-defined]
    page.close()
