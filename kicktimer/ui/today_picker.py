"""Who is running today: the squad's athletes to tick (or a group at once), the keys they get, and, when the shown
session is a stage of a progression, the stage proposed for today's group, with the shown stage to mark skipped
or to repeat."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
)

from kicktimer.core.language.paces import format_paces
from kicktimer.core.language.roster import RosterProblem, name_key
from kicktimer.core.season.progression import StageToday
from kicktimer.core.season.squad import Mark, Squad, SquadAthlete, Today, pick_today

WRONG_TEXT = "#b00020"
PICK_GROUP = "Tick a group…"


@dataclass
class SquadSource:
    """What the picker reads and does, given by the app."""

    load: Callable[[], tuple[Squad, str | None]]  # the squad, or an empty one and its file's first problem
    stage: Callable[[Path, tuple[str, ...]], StageToday | None]  # the session as a stage, for today's athletes
    mark: Callable[[str, int, Mark, tuple[str, ...]], str | None]  # marks a stage for them; what went wrong
    remember: Callable[[list[str]], None] = lambda _names: None  # today's ticks, kept for next time
    empty_note: str = "No squad yet: add athletes with kicktimer squad add (see docs/squad.md)."


def athlete_line(athlete: SquadAthlete) -> str:
    """`Ana  ·  key 1 · 800 group · 800m 2:06`."""
    details = ([f"key {athlete.key}"] if athlete.key else []) + list(athlete.groups)
    details += [format_paces(athlete.paces)] if athlete.paces else []
    return "  ·  ".join([athlete.name, " · ".join(details)]) if details else athlete.name


class TodayPicker(QGroupBox):
    def __init__(self, source: SquadSource, changed: Callable[[], None], show_path: Callable[[Path], None]) -> None:
        super().__init__("Who is running today?")
        self.source, self._changed, self._show_path = source, changed, show_path
        self.squad: Squad = Squad()
        self.stage: StageToday | None = None
        self.shown_path: Path | None = None
        self.own_athletes = False  # the shown session names its own athletes: they run
        self.problem_text: str | None = None  # the squad file's first problem
        self.in_use = False  # the shown session runs today's athletes
        self.list = QListWidget()
        self.list.setToolTip("Tick who runs today; double-click an athlete for their page")
        self.list.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)  # the splitter decides
        self.list.itemChanged.connect(lambda _item: self._ticked())
        self.group = QComboBox()
        self.group.activated.connect(self._group_chosen)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.go = QPushButton("Show stage")
        self.go.clicked.connect(self._go_to_proposed)
        self.mark_button = QToolButton()
        self.mark_button.setText("Mark this stage…")
        self.mark_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.mark_button)
        menu.addAction("Skipped (counts as done)", lambda: self._mark("skip"))
        menu.addAction("To repeat (proposed again)", lambda: self._mark("repeat"))
        self.mark_button.setMenu(menu)
        self._lay_out()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.go)
        buttons.addWidget(self.mark_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget, stretch in ((self.group, 0), (self.list, 1), (self.note, 0), (self.progress, 0)):
            layout.addWidget(widget, stretch)
        layout.addLayout(buttons)

    def reload(self, ticked: list[str] | None = None) -> None:
        """The squad read again (the file may have changed); ticks kept by name."""
        names = self.ticked() if ticked is None else ticked
        self.squad, problem = self.source.load()
        self.list.blockSignals(True)
        self.list.clear()
        for athlete in self.squad.athletes:
            item = QListWidgetItem(athlete_line(athlete))
            item.setToolTip(athlete_line(athlete))
            item.setData(Qt.ItemDataRole.UserRole, athlete.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = name_key(athlete.name) in {name_key(n) for n in names}
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.group.clear()
        self.group.addItems([PICK_GROUP, *self.squad.groups, "Everyone", "No one"])
        self.problem_text = problem
        self._say()
        self._changed()  # new race times, or someone gone from the squad: the roster follows

    def ticked(self) -> list[str]:
        items = (self.list.item(r) for r in range(self.list.count()))
        return [str(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def today(self) -> Today:
        return pick_today(self.squad, self.ticked())

    def _group_chosen(self, index: int) -> None:
        chosen = self.group.itemText(index)
        if chosen != PICK_GROUP:
            members = {a.name for a in self.squad.members(chosen)} if chosen not in ("Everyone", "No one") else set()
            self.list.blockSignals(True)
            for r in range(self.list.count()):
                item = self.list.item(r)
                on = chosen == "Everyone" or item.data(Qt.ItemDataRole.UserRole) in members
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.list.blockSignals(False)
            self.group.setCurrentIndex(0)
            self._ticked()

    def _ticked(self) -> None:
        self.source.remember(self.ticked())
        self._say()
        self._changed()

    def roster_for(self, path: Path, own: list[tuple[str, str]], remembered: list[tuple[str, str]] | None,
                   named: bool) -> list[tuple[str, str]]:  # fmt: skip
        """Who runs the session at `path`: the athletes its file names win (with the coach's edits for that file);
        else today's athletes from the squad with their newest race times, in key order; else the coach's edits
        for that file, or `own` (the plan's roster)."""
        self.shown_path, self.own_athletes = path, named
        today = self.today()
        self.in_use = not named and (bool(today.athletes) or today.problem is not None)
        self._say()
        if self.in_use:
            return [(a.name, format_paces(a.paces)) for a in today.athletes]
        return remembered if remembered is not None else own

    def problem(self) -> RosterProblem | None:
        """Today's athletes cannot run the shown session (more than nine ticked): Start stays off."""
        problem = self.today().problem if self.in_use else None
        return None if problem is None else RosterProblem(0, 0, problem)

    def _say(self) -> None:
        today = self.today()
        if self.problem_text:
            note = f"<span style='color:{WRONG_TEXT}'>{html.escape(self.problem_text)}</span>"
        elif not self.squad.athletes:
            note = html.escape(self.source.empty_note)
        elif today.problem:
            note = f"<span style='color:{WRONG_TEXT}'><b>Start is off:</b> {html.escape(today.problem)}</span>"
        elif self.own_athletes:
            note = "This session names its own athletes: they run (today's ticks run the sessions that name none)."
        else:
            keys = ", ".join(f"{k} {a.name}" for k, a in enumerate(today.athletes, start=1))
            note = html.escape("; ".join([f"Keys: {keys}" if keys else "No one ticked", *today.notes]))
        self.note.setText(note)
        self._say_stage(today)

    def _say_stage(self, today: Today) -> None:
        names = tuple(a.name for a in today.athletes)
        self.stage = None if self.shown_path is None else self.source.stage(self.shown_path, names)
        stage = self.stage
        for widget in (self.progress, self.go, self.mark_button):
            widget.setVisible(stage is not None)
        if stage is None:
            return
        self.progress.setText(f"<b>{html.escape(stage.title)}, stage {stage.number}.</b> "
                              f"{html.escape(stage.proposal.text)}")  # fmt: skip
        proposed = stage.proposal.stage
        self.go.setText("Show stage" if proposed is None else f"Show stage {proposed.number}")
        self.go.setEnabled(proposed is not None and proposed.number != stage.number)
        self.mark_button.setEnabled(bool(names))
        self.mark_button.setToolTip(f"Mark stage {stage.number} for {', '.join(names) or 'no one'}")

    def _go_to_proposed(self) -> None:
        if self.stage is not None and self.stage.proposal.stage is not None:
            self._show_path(Path(self.stage.proposal.stage.file))

    def _mark(self, mark: Mark) -> None:
        names = tuple(a.name for a in self.today().athletes)
        if self.stage is None or not names:
            return
        problem = self.source.mark(self.stage.progression, self.stage.number, mark, names)
        self.reload()
        if problem:
            self.note.setText(f"<span style='color:{WRONG_TEXT}'>{html.escape(problem)}</span>")
