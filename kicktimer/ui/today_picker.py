"""Who is running today: the squad's athletes to tick (or a group at once), the keys they get, and, when the shown
session is a stage of a progression, the stage proposed for today's group, with the shown stage to mark skipped
or to repeat. It never shrinks below a few rows of athletes and the whole of what it says."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from kicktimer.core.language.paces import format_paces
from kicktimer.core.language.roster import RosterProblem, name_key
from kicktimer.core.season.progression import StageToday
from kicktimer.core.season.squad import Mark, Squad, SquadAthlete, Today, pick_today

WRONG_TEXT = "#b00020"
PICK_GROUP = "Tick a group…"
MIN_ROWS = 4  # athletes always in view (fewer when the squad has fewer)
WISH_ROWS = 9  # what the list would like to show: a day's athletes, one per key
MARK_WORDS = {"skip": "skipped (it counts as done)", "repeat": "to repeat (it is proposed again)"}


@dataclass
class SquadSource:
    """What the picker reads and does, given by the app."""

    load: Callable[[], tuple[Squad, tuple[str, ...]]]  # the squad, or an empty one and every problem of its file
    stage: Callable[[Path, tuple[str, ...]], StageToday | None]  # the session as a stage, for today's athletes
    mark: Callable[[str, int, Mark, tuple[str, ...]], str | None]  # marks a stage for them; what went wrong
    remember: Callable[[list[str]], None] = lambda _names: None  # today's ticks, kept for next time
    empty_note: str = "No squad yet: add athletes with kicktimer squad add (see docs/squad.md)."


def athlete_line(athlete: SquadAthlete) -> str:
    """`Ana  ·  key 1 · 800 group · 800m 2:06`."""
    details = ([f"key {athlete.key}"] if athlete.key else []) + list(athlete.groups)
    details += [format_paces(athlete.paces)] if athlete.paces else []
    return "  ·  ".join([athlete.name, " · ".join(details)]) if details else athlete.name


class SquadList(QListWidget):
    """The squad's athletes, one line each (cut at the edge, whole in the tooltip): never fewer than MIN_ROWS in
    view, up to WISH_ROWS when there is room."""

    def __init__(self) -> None:
        super().__init__()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setUniformItemSizes(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)

    def rows_px(self, rows: int) -> int:
        row = self.sizeHintForRow(0) if self.count() else self.fontMetrics().height() + 4
        return rows * max(row, self.fontMetrics().height()) + 2 * self.frameWidth() + 2

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(80, self.rows_px(max(1, min(self.count(), MIN_ROWS))))

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(200, self.rows_px(max(MIN_ROWS, min(self.count(), WISH_ROWS))))

    def rows_in_view(self) -> float:
        """How many rows the list shows whole."""
        return self.viewport().height() / max(1, self.sizeHintForRow(0) if self.count() else 1)


def note_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
    return label


class TodayPicker(QGroupBox):
    def __init__(self, source: SquadSource, changed: Callable[[], None], show_path: Callable[[Path], None]) -> None:
        super().__init__("Who is running today?")
        self.source, self._changed, self._show_path = source, changed, show_path
        self.squad: Squad = Squad()
        self.stage: StageToday | None = None
        self.shown_path: Path | None = None
        self.own_athletes = False  # the shown session's own athletes run
        self.problems: tuple[str, ...] = ()  # the squad file's problems
        self.in_use = False  # the shown session runs today's athletes
        self.list = SquadList()
        self.list.setToolTip("Tick who runs today; double-click an athlete for their page")
        self.list.itemChanged.connect(lambda _item: self._ticked())
        self.group = QComboBox()
        self.group.activated.connect(self._group_chosen)
        self.details = QPlainTextEdit()  # every problem of squad.yaml, where the athletes would be
        self.details.setReadOnly(True)
        self.details.setStyleSheet(f"color: {WRONG_TEXT}; font-family: monospace;")
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.note, self.progress = note_label(), note_label()
        self.go = QPushButton("Show stage")
        self.go.clicked.connect(self._go_to_proposed)
        self.mark_button = QToolButton()
        self.mark_button.setText("Mark this stage…")
        self.mark_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.mark_button)
        menu.addAction("Skipped (counts as done)…", lambda: self._mark("skip"))
        menu.addAction("To repeat (proposed again)…", lambda: self._mark("repeat"))
        self.mark_button.setMenu(menu)
        self.confirm: Callable[[str], bool] = self._confirm  # replaceable, so tests can answer
        self._lay_out()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.go)
        buttons.addWidget(self.mark_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        for widget, stretch in ((self.group, 0), (self.list, 1), (self.details, 1), (self.note, 0),
                                (self.progress, 0)):  # fmt: skip
            layout.addWidget(widget, stretch)
        layout.addLayout(buttons)
        self.details.hide()

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        """Tall enough for its wrapped words at its width and MIN_ROWS athletes: the splitter above it keeps that
        (a label's own minimum is one line, which would cut the rest)."""
        layout = self.layout()
        if layout is not None and self.width() > 0:
            needed = layout.totalHeightForWidth(self.width())
            if needed > 0 and needed != self.minimumHeight():
                self.setMinimumHeight(needed)

    def reload(self, ticked: list[str] | None = None) -> None:
        """The squad read again (the file may have changed); ticks kept by name."""
        names = self.ticked() if ticked is None else ticked
        self.squad, self.problems = self.source.load()
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
        self.list.updateGeometry()
        self.group.clear()
        self.group.addItems([PICK_GROUP, *self.squad.groups, "Everyone", "No one"])
        self.details.setPlainText("\n".join(self.problems))
        self.details.setVisible(bool(self.problems))
        self.list.setVisible(not self.problems)
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

    def roster_for(self, path: Path, file_rows: list[tuple[str, str]], named: bool,
                   squad_instead: bool = False) -> list[tuple[str, str]]:  # fmt: skip
        """Who runs the session at `path`: the athletes its file names (`file_rows`, with the coach's edits) win
        unless the coach chose today's squad instead; else today's athletes from the squad with their newest race
        times, in key order; with no one ticked, `file_rows`."""
        today = self.today()
        self.shown_path = path
        self.in_use = (not named or squad_instead) and (bool(today.athletes) or today.problem is not None)
        self.own_athletes = named and not self.in_use
        self._say()
        if self.in_use:
            return [(a.name, format_paces(a.paces)) for a in today.athletes]
        return file_rows

    def name_clashes(self, file_rows: list[tuple[str, str]]) -> list[str]:
        """A name both in the file and in the squad, with other race times: whose times set the targets."""
        lines = []
        running = {name_key(a.name) for a in self.today().athletes} if self.in_use else None
        for name, file_times in file_rows:
            athlete = self.squad.find(name)
            squad_times = format_paces(athlete.paces) if athlete is not None else ""
            if athlete is None or squad_times == file_times:
                continue
            if running is None:
                lines.append(f"{name}'s targets follow the file's {file_times or 'no race times'}, not the squad's "
                             f"{squad_times or 'no race times'}.")  # fmt: skip
            elif name_key(name) in running:
                lines.append(f"{athlete.name}'s targets follow the squad's {squad_times or 'no race times'}, not the "
                             f"file's {file_times or 'no race times'}.")  # fmt: skip
        return lines

    def problem(self) -> RosterProblem | None:
        """Today's athletes cannot run the shown session (more than nine ticked): Start stays off."""
        problem = self.today().problem if self.in_use else None
        return None if problem is None else RosterProblem(0, 0, problem)

    def _say(self, said: str | None = None) -> None:
        today = self.today()
        if self.problems:
            count = f"{len(self.problems)} problems" if len(self.problems) > 1 else "a problem"
            note = (f"<span style='color:{WRONG_TEXT}'><b>squad.yaml has {count}</b> (above): the squad is not used "
                    "until the file is fixed. Fix it, then View → Reload (F5); the browser also reads it again "
                    "when you come back to it.</span>")  # fmt: skip
        elif not self.squad.athletes:
            note = html.escape(self.source.empty_note)
        elif today.problem:
            note = f"<span style='color:{WRONG_TEXT}'><b>Start is off:</b> {html.escape(today.problem)}</span>"
        elif self.own_athletes:
            note = ("This session names its own athletes: they run, unless you choose today's squad beside its "
                    "roster.")  # fmt: skip
        else:
            keys = ", ".join(f"{k} {a.name}" for k, a in enumerate(today.athletes, start=1))
            note = html.escape("; ".join([f"Keys: {keys}" if keys else "No one ticked", *today.notes]))
        self.note.setText(note if said is None else f"<b>{html.escape(said)}</b><br>{note}")
        self._say_stage(today)
        self._fit_height()

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
        """After the coach says yes to the athletes named: the stage marked for today's athletes, and said."""
        names = tuple(a.name for a in self.today().athletes)
        stage = self.stage
        if stage is None or not names:
            return
        what = f"{stage.title}, stage {stage.number}: {MARK_WORDS[mark]}"
        if not self.confirm(f"Mark {what}, for {len(names)} athlete(s): {', '.join(names)}?"):
            return
        problem = self.source.mark(stage.progression, stage.number, mark, names)
        self.reload()
        if problem:
            self.note.setText(f"<span style='color:{WRONG_TEXT}'>{html.escape(problem)}</span>")
        else:
            self._say(f"Marked {what}, for {', '.join(names)}.")

    def _confirm(self, question: str) -> bool:
        parent: QWidget = self.window()
        answer = QMessageBox.question(parent, "Mark this stage", question)
        return answer == QMessageBox.StandardButton.Yes
