"""The browser's right side: the chosen session (its name, what it is, its plan or its problems), who runs it (the
file's athletes, the coach's edits of them, or today's squad) and Start. Nothing here widens the window: titles
wrap, tables scroll."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from kicktimer.core.language.plan import Athlete, Plan
from kicktimer.core.language.roster import RosterProblem
from kicktimer.core.language.start_points import start_points
from kicktimer.ui.labels import ElidedLabel, WrappingLabel
from kicktimer.ui.plan_view import fill_plan_table
from kicktimer.ui.roster_editor import RosterEditor
from kicktimer.ui.today_picker import TodayPicker

ROSTER_FINE = "Targets follow these race times; edits are remembered for this session."
SQUAD_FINE = "Today's athletes from the squad, with their newest race times; an edit here counts for this start."
START_TEXT = "Start  (Space)"
PLAN_MIN_ROWS = 3  # the plan table never shrinks below this many rows


@dataclass(frozen=True)
class SessionInfo:
    """What the window shows of one session file: its plan, or the problems that stop it loading."""

    path: Path
    name: str
    about: str | None
    source: str | None
    plan: Plan | None
    problems: tuple[str, ...] = ()
    athletes: tuple[tuple[str, str], ...] = ()  # (name, race times) as the plan has them
    replan: Callable[[tuple[Athlete, ...]], Plan] | None = None  # the plan again with another roster
    names_athletes: bool = False  # the file has an athletes: block (it wins over today's athletes unless told)


Rows = list[tuple[str, str]]  # (name, race times)
RosterMemory = tuple[Callable[[Path], Rows | None], Callable[[Path, Rows | None], None]]  # read, write per file
SquadMemory = tuple[Callable[[Path], bool], Callable[[Path, bool], None]]


class SessionPage(QWidget):
    def __init__(self, start: Callable[[], None], send: Callable[[], None]) -> None:
        super().__init__()
        self.title = ElidedLabel(QFont(self.font().family(), 20, QFont.Weight.Bold))
        self.about = WrappingLabel()
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setStyleSheet("color: #b00020; font-family: monospace;")
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * (PLAN_MIN_ROWS + 1))
        self.summary = WrappingLabel()
        self.squad_box = QCheckBox()
        self.squad_box.toggled.connect(self._squad_chosen)
        self.squad_note = WrappingLabel()
        self.roster_editor = RosterEditor(self._roster_edited, self._reset_roster)
        self.start_at = QComboBox()  # where to start: the beginning, a block, or a rep
        self.start_at.setToolTip("Start at a later block or rep; the steps before it are not run")
        self.start_at.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.start_at.setMinimumContentsLength(12)  # a long rep's text is cut in the closed list, whole when open
        self.start_at.currentIndexChanged.connect(self._start_at_chosen)
        self.start_button = QPushButton(START_TEXT)
        self.watch_button = QPushButton("Send to watch…")
        self._buttons(start, send)
        self._lay_out()
        self.shown: SessionInfo | None = None
        self.today: TodayPicker | None = None
        self.roster_memory: RosterMemory | None = None  # the coach's edits of a file's athletes
        self.squad_memory: SquadMemory | None = None  # a session naming its athletes run by today's squad instead
        self.startable = False  # the app can start a session
        self.sendable = False  # and send one to a watch

    def _buttons(self, start: Callable[[], None], send: Callable[[], None]) -> None:
        self.start_button.setMinimumHeight(56)
        start_font = self.start_button.font()
        start_font.setPointSize(start_font.pointSize() + 6)
        start_font.setBold(True)
        self.start_button.setFont(start_font)
        self.start_button.setEnabled(False)
        self.start_button.clicked.connect(start)
        self.watch_button.setToolTip("A FIT workout per athlete, with their targets, into a folder you pick "
                                     "(a USB-connected watch's GARMIN/NewFiles)")  # fmt: skip
        self.watch_button.setEnabled(False)
        self.watch_button.clicked.connect(send)

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        for widget, stretch in ((self.title, 0), (self.about, 0), (self.problems, 1), (self.table, 3),
                                (self.summary, 0), (self.squad_box, 0), (self.squad_note, 0),
                                (self.roster_editor, 2)):  # fmt: skip
            layout.addWidget(widget, stretch)
        start_row = QHBoxLayout()
        start_row.addWidget(QLabel("Start at:"))
        start_row.addWidget(self.start_at, 1)
        start_row.addWidget(self.watch_button)
        layout.addLayout(start_row)
        layout.addWidget(self.start_button)
        for widget in (self.problems, self.squad_box, self.squad_note):
            widget.hide()

    def show_info(self, info: SessionInfo) -> None:
        self.shown = info
        self.title.set_full_text(info.name, str(info.path))
        self.about.setText("\n".join(t for t in (info.about, f"Source: {info.source}" if info.source else "") if t))
        self.problems.setVisible(bool(info.problems))
        self.problems.setPlainText("\n".join(info.problems))
        self._fill_start_points(info.plan)
        self.refill_roster()

    # --- who runs it -------------------------------------------------------------------------------------------
    def roster_problem(self) -> RosterProblem | None:
        """The roster's own problem, a target its race times make zero or less (`@800-40s/200m`), or today's
        athletes from the squad cannot run (more than nine)."""
        return self._replanned()[1]

    def _replanned(self) -> tuple[Plan | None, RosterProblem | None]:
        """The shown session's plan with the roster as typed (None when it does not read) and the roster's
        problem, from one replan."""
        problem, athletes = self.roster_editor.problem(), self.roster_editor.athletes()
        plan = None
        if athletes is not None and self.shown is not None and self.shown.replan is not None:
            try:
                plan = self.shown.replan(athletes)
            except ValueError as error:  # a target comes out at zero or less: said under the roster
                if problem is None:
                    row = next((i for i, a in enumerate(athletes) if f" for {a.name};" in str(error)), 0)
                    return None, RosterProblem(row, 1, str(error))
        return plan, problem or (self.today.problem() if self.today is not None else None)

    def squad_instead(self) -> bool:
        """The shown session names its athletes, and the coach chose today's squad to run it instead."""
        info, memory = self.shown, self.squad_memory
        return info is not None and info.names_athletes and memory is not None and memory[0](info.path)

    def refill_roster(self) -> None:
        """Who runs the shown session: its own athletes (with the coach's edits for that file), or today's."""
        if (info := self.shown) is None:
            return
        remembered = self.roster_memory[0](info.path) if self.roster_memory else None
        file_rows = remembered if remembered is not None else list(info.athletes)
        today = self.today
        if today is None:
            self.roster_editor.fill(file_rows)
        else:
            self.roster_editor.fill(today.roster_for(info.path, file_rows, info.names_athletes, self.squad_instead()))
        self._say_squad_choice(file_rows)
        self._roster_edited()

    def _say_squad_choice(self, file_rows: Rows) -> None:
        """For a session with its own athletes: the choice of today's squad instead, and whose times a name in
        both sets the targets by."""
        today, info = self.today, self.shown
        offered = today is not None and info is not None and info.names_athletes and bool(today.squad.athletes)
        self.squad_box.setVisible(offered)
        self.squad_note.setVisible(offered)
        if today is None or not offered:
            return
        ticked = len(today.ticked())
        self.squad_box.blockSignals(True)
        self.squad_box.setText(f"Run with today's squad ({ticked} ticked) instead of the file's athletes")
        self.squad_box.setChecked(self.squad_instead())
        self.squad_box.setEnabled(ticked > 0 or self.squad_box.isChecked())
        self.squad_box.blockSignals(False)
        self.squad_box.setToolTip("" if ticked else "Tick who runs today (on the left) first")
        lines = today.name_clashes(file_rows)
        if self.squad_box.isChecked() and not ticked:
            lines.insert(0, "No one is ticked today: the file's athletes run.")
        self.squad_note.setText("\n".join(lines))
        self.squad_note.setVisible(bool(lines))

    def _squad_chosen(self, on: bool) -> None:
        if self.shown is not None and self.squad_memory is not None:
            self.squad_memory[1](self.shown.path, on)
            self.refill_roster()

    def _roster_edited(self) -> None:
        """The plan follows the roster as typed; while the roster is wrong it shows no targets at all (the old
        ones would be stale) and Start is off, with the reason under the roster."""
        squad = self.today is not None and self.today.in_use  # today's athletes: nothing to remember per file
        plan, problem = self._replanned()
        if self.shown is not None and problem is None and self.roster_memory is not None and not squad:
            self.roster_memory[1](self.shown.path, self.roster_editor.rows())
        plan = plan or (self.shown.plan if self.shown is not None else None)
        self.summary.setText(fill_plan_table(self.table, plan, problem is None))
        self.roster_editor.show_problem(problem, SQUAD_FINE if squad else ROSTER_FINE)
        ready = self.shown is not None and self.shown.plan is not None
        self.start_button.setEnabled(ready and self.startable and problem is None)
        self.start_button.setToolTip("" if problem is None else f"Fix the roster first: {problem.message}")
        self.watch_button.setEnabled(ready and self.sendable and problem is None)

    def _reset_roster(self) -> None:
        if self.shown is not None:
            if self.roster_memory is not None:
                self.roster_memory[1](self.shown.path, None)
            self.refill_roster()  # the file's athletes, or today's

    # --- where to start ----------------------------------------------------------------------------------------
    def start_step(self) -> int:
        return int(self.start_at.currentData() or 0)

    def _start_at_chosen(self, index: int) -> None:
        code = self.start_at.itemText(index).split()[0] if index > 0 else ""
        self.start_button.setText(f"Start at {code}  (Space)" if code else START_TEXT)

    def _fill_start_points(self, plan: Plan | None) -> None:
        self.start_at.clear()
        self.start_at.addItem("The beginning", 0)
        for point in start_points(plan)[1:] if plan is not None else []:
            self.start_at.addItem(f"{point.code}  {point.text}", point.step)
            self.start_at.setItemData(self.start_at.count() - 1, f"{point.code}  {point.text}",
                                      Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        self.start_at.setEnabled(plan is not None)
