"""The athlete page window: the kind of rep run most is plotted date by date; picking another kind plots it; a
recording double-clicked opens its review; the athletes come from the squad first, then the recordings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from kicktimer.app.season import SeasonFiles
from kicktimer.io.session_file import load_session, with_athletes
from kicktimer.ui.athlete_page import AthleteSource, AthleteWindow
from tests.conftest import SESSIONS
from tests.support.recording_gen import record

FIRST = datetime(2026, 4, 7, 17, 30, tzinfo=UTC)


def season(folder: Path) -> None:
    kicks = load_session(SESSIONS / "kick-500s.session.yaml")
    for week in range(4):
        record(kicks, folder / "recordings" / f"k{week}.kick.jsonl", FIRST + timedelta(weeks=week), week)
    fours = with_athletes(load_session(SESSIONS / "1500-race-pace-400s.session.yaml"), kicks.plan.athletes[:1])
    for week in range(2):
        record(fours, folder / "recordings" / f"f{week}.kick.jsonl", FIRST + timedelta(weeks=week, days=2), week)
    (folder / "squad.yaml").write_text("athletes:\n  - name: Cleo\n  - name: Ana\n    key: 1\n", encoding="utf-8")


def window(qtbot: QtBot, folder: Path, opened: list[Path], name: str | None = None) -> AthleteWindow:
    recordings, squad = folder / "recordings", folder / "squad.yaml"
    files = SeasonFiles(recordings, squad, [SESSIONS])
    source = AthleteSource(files.names, files.shown, lambda file: opened.append(recordings / file))
    shown = AthleteWindow(source, name)
    qtbot.addWidget(shown)
    return shown


def test_the_kind_run_most_is_plotted_and_another_can_be_picked(qtbot: QtBot, tmp_path: Path) -> None:
    season(tmp_path)
    opened: list[Path] = []
    page = window(qtbot, tmp_path, opened, "Ana")
    assert [page.choose.itemText(i) for i in range(page.choose.count())] == ["Cleo", "Ana", "Ben"]
    assert page.heading.text() == "Ana · 6 recordings · in the squad (key 1)"
    assert page.kinds.rowCount() == 2 and page.kinds.item(0, 0).text() == "200m race + 100m bound + 200m kick"
    assert page.plot.dates == 4 and page.runs.rowCount() == 6
    page.kinds.selectRow(1)
    assert page.plot.dates == 2 and "400m race" in page.plot.title.text()
    page.runs.cellDoubleClicked.emit(0, 0)
    assert opened == [tmp_path / "recordings" / page.shown.page.runs[0].file]  # type: ignore[union-attr]


def test_another_athlete_and_one_with_nothing_run(qtbot: QtBot, tmp_path: Path) -> None:
    season(tmp_path)
    page = window(qtbot, tmp_path, [])
    assert page.choose.currentText() == "Cleo"
    assert page.heading.text() == "Cleo · 0 recordings · in the squad"
    assert page.kinds.rowCount() == 0 and page.plot.dates == 0
    page.choose.setCurrentText("Ben")
    assert page.heading.text() == "Ben · 4 recordings · not in the squad" and page.plot.dates == 4


def test_no_one_yet(qtbot: QtBot, tmp_path: Path) -> None:
    page = window(qtbot, tmp_path, [])
    assert page.heading.text() == "No athletes yet: add them to the squad, or record a session"


def test_a_squad_file_with_a_problem_is_said_and_the_recordings_still_show(qtbot: QtBot, tmp_path: Path) -> None:
    season(tmp_path)
    (tmp_path / "squad.yaml").write_text("athletes:\n  - name: Ana\n    key: 12\n", encoding="utf-8")
    page = window(qtbot, tmp_path, [], "Ana")
    assert page.heading.text() == (f"Ana · 6 recordings · not in the squad · the squad file has a problem: "
                                   f"{tmp_path / 'squad.yaml'}:3:10: athletes[0].key: must be at most 9")  # fmt: skip
    assert page.plot.dates == 4
