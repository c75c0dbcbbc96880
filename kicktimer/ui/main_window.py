"""The main window: the session library on the left, the chosen session and its expanded plan on the right."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kicktimer.core.language.plan import Athlete, Plan
from kicktimer.core.language.roster import RosterProblem
from kicktimer.core.language.start_points import start_points
from kicktimer.ui.help_keys import FIRST_HINT, keys_dialog
from kicktimer.ui.menus import Choice, add_action, choices_menu
from kicktimer.ui.plan_view import fill_plan_table
from kicktimer.ui.roster_editor import RosterEditor
from kicktimer.ui.today_picker import SquadSource, TodayPicker

PATH_ROLE = Qt.ItemDataRole.UserRole


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
    names_athletes: bool = False  # the file has an athletes: block (it wins over today's athletes)


Loader = Callable[[Path], SessionInfo]
Starter = Callable[[Path, int], None]  # (session file, the plan step to start at: 0, or a block or rep)
WatchSender = Callable[[Path, tuple[Athlete, ...], Path], tuple[list[Path], list[str]]]  # files written, notes
RosterMemory = tuple[
    Callable[[Path], list[tuple[str, str]] | None], Callable[[Path, list[tuple[str, str]] | None], None]
]
ROSTER_FINE = "Targets follow these race times; edits are remembered for this session."
SQUAD_FINE = "Today's athletes from the squad, with their newest race times; an edit here counts for this start."


class MainWindow(QMainWindow):
    def __init__(self, libraries: list[tuple[str, Path]], load: Loader, start: Starter | None = None) -> None:
        super().__init__()
        self.setWindowTitle("kicktimer")
        self._load = load
        self._start = start
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.currentItemChanged.connect(self._on_select)
        self.title = QLabel()
        self.title.setFont(QFont(self.font().family(), 20, QFont.Weight.Bold))
        self.about = QLabel()
        self.about.setWordWrap(True)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setStyleSheet("color: #b00020; font-family: monospace;")
        self.table = QTableWidget()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.summary = QLabel()
        self.roster_editor = RosterEditor(self._roster_edited, self._reset_roster)
        self.roster, self.roster_note = self.roster_editor.table, self.roster_editor.note
        self.roster_memory: RosterMemory | None = None
        self.start_at = QComboBox()  # where to start: the beginning, a block, or a rep
        self.start_at.setToolTip("Start at a later block or rep; the steps before it are not run")
        self.start_at.currentIndexChanged.connect(self._start_at_chosen)
        self.start_button = self._start_widget()
        self.watch_button = self._watch_widget()
        self.send_to_watch: WatchSender | None = None  # set by the app: writes the files
        self.ask_folder: Callable[[str], Path | None] = self._ask_folder
        page = QWidget()
        layout = QVBoxLayout(page)
        for widget in (self.title, self.about, self.problems, self.table, self.summary, self.roster_editor):
            layout.addWidget(widget)
        start_row = QHBoxLayout()
        start_row.addWidget(QLabel("Start at:"))
        start_row.addWidget(self.start_at, 1)
        start_row.addWidget(self.watch_button)
        layout.addLayout(start_row)
        layout.addWidget(self.start_button)
        splitter, self.left = QSplitter(), QSplitter(Qt.Orientation.Vertical)  # left: the sessions, today's athletes
        self.left.addWidget(self.tree)
        splitter.addWidget(self.left)
        splitter.addWidget(page)
        splitter.setSizes([300, 900])
        self.setCentralWidget(splitter)
        self._menus()
        for label, folder in libraries:
            self._add_library(label, folder)
        self.tree.expandAll()
        self.title.setText("Pick a session")  # the first start: nothing chosen yet
        self.about.setText(FIRST_HINT)
        self.shown: SessionInfo | None = None
        self.live_view: QWidget | None = None  # the running session's window, when there is one
        self.resume_live: Callable[..., None] = lambda *_: None
        self.open_review: Callable[..., None] = lambda *_: None  # the review window, on a recording if given
        self.review_window: QWidget | None = None
        self.open_athlete: Callable[..., None] = lambda *_: None  # the athlete page, on an athlete if named
        self.athlete_window: QWidget | None = None
        self.today: TodayPicker | None = None  # who is running today, from the squad (use_squad)

    def _watch_widget(self) -> QPushButton:
        watch = QPushButton("Send to watch…")
        watch.setToolTip("A FIT workout per athlete, with their targets, into a folder you pick "
                         "(a USB-connected watch's GARMIN/NewFiles)")  # fmt: skip
        watch.setEnabled(False)
        watch.clicked.connect(self.send_shown_to_watch)
        return watch

    def _start_widget(self) -> QPushButton:
        start = QPushButton("Start  (Space)")
        start.setMinimumHeight(56)
        start_font = start.font()
        start_font.setPointSize(start_font.pointSize() + 6)
        start_font.setBold(True)
        start.setFont(start_font)
        start.setEnabled(False)
        start.clicked.connect(self._start_shown)
        start.setShortcut(QKeySequence(Qt.Key.Key_Space))
        return start

    def settings_menu(self, choices: list[Choice], changed: Callable[..., object]) -> None:
        """One submenu per choice (title, key, [(label, value)], current); `changed(key=value)` remembers it."""
        menu = choices_menu(QMenu("&Settings", self), choices, changed)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)  # Help stays last

    def _menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        add_action(menu, self, "&Open session…", self._open_dialog, QKeySequence(QKeySequence.StandardKey.Open))
        add_action(menu, self, "Send to &watch…", self.send_shown_to_watch)
        add_action(menu, self, "&Quit", self.close, QKeySequence(QKeySequence.StandardKey.Quit))
        recordings = self.menuBar().addMenu("&Recordings")
        add_action(recordings, self, "&Review recordings…", lambda: self.open_review(), QKeySequence("Ctrl+R"))
        athletes = self.menuBar().addMenu("&Athletes")
        add_action(athletes, self, "&Athlete page…", lambda: self.open_athlete(), QKeySequence("Ctrl+Shift+A"))
        self.help_menu = self.menuBar().addMenu("&Help")
        add_action(self.help_menu, self, "&Keys…", lambda: keys_dialog(self).open(), QKeySequence("F1"))

    def _add_library(self, label: str, folder: Path) -> None:
        root = QTreeWidgetItem(self.tree, [label])
        parents: dict[Path, QTreeWidgetItem] = {folder: root}
        for path in sorted(folder.rglob("*.session.yaml")) if folder.is_dir() else []:
            parent = parents.get(path.parent)
            if parent is None:
                parent = QTreeWidgetItem(root, [path.parent.name.replace("-", " ")])
                parents[path.parent] = parent
            item = QTreeWidgetItem(parent, [path.name.removesuffix(".session.yaml").replace("-", " ")])
            item.setData(0, PATH_ROLE, str(path))

    def _open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open session", "", "Sessions (*.session.yaml);;YAML (*.yaml)")
        if name:
            self.show_session(Path(name))

    def _on_select(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        path = item.data(0, PATH_ROLE) if item is not None else None
        if path:
            self.show_session(Path(path))

    def select_path(self, path: Path) -> None:
        """Select `path` in the library if it is there, else just show it."""
        for item in self.tree.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            if item.data(0, PATH_ROLE) and Path(item.data(0, PATH_ROLE)).resolve() == path.resolve():
                self.tree.setCurrentItem(item)
                return
        self.show_session(path)

    def show_session(self, path: Path) -> None:
        info = self._load(path)
        self.shown = info
        self.title.setText(info.name)
        self.about.setText("\n".join(t for t in (info.about, f"Source: {info.source}" if info.source else "") if t))
        self.problems.setVisible(bool(info.problems))
        self.problems.setPlainText("\n".join(info.problems))
        self._fill_start_points(info.plan)
        self._refill_roster()

    # --- the roster ----------------------------------------------------------------------------------------
    def roster_rows(self) -> list[tuple[str, str]]:
        return self.roster_editor.rows()

    def roster_problem(self) -> str | None:
        """What is wrong with the roster as typed, or None."""
        problem = self._roster_problem()
        return None if problem is None else problem.message

    def _roster_problem(self) -> RosterProblem | None:
        """The roster's own problem, a target its race times make zero or less (`@800-40s/200m`), or today's
        athletes from the squad cannot run (more than nine)."""
        problem, athletes = self.roster_editor.problem(), self.roster_editor.athletes()
        if problem is None and athletes is not None and self.shown is not None and self.shown.replan is not None:
            try:
                self.shown.replan(athletes)
            except ValueError as error:
                row = next((i for i, a in enumerate(athletes) if f" for {a.name};" in str(error)), 0)
                return RosterProblem(row, 1, str(error))
        return problem or (self.today.problem() if self.today is not None else None)

    def use_squad(self, source: SquadSource, ticked: list[str]) -> None:
        """Who is running today, under the sessions: the squad's ticks run the sessions that name no athletes."""
        self.today = TodayPicker(source, self._refill_roster, self.select_path)
        self.today.list.itemDoubleClicked.connect(lambda item: self.open_athlete(item.data(PATH_ROLE)))
        self.left.addWidget(self.today)
        self.left.setStretchFactor(0, 3)  # the sessions above, today's athletes below
        self.left.setStretchFactor(1, 2)
        self.today.reload(ticked)

    def _refill_roster(self) -> None:
        """Who runs the shown session: its own athletes (with the coach's edits for that file), or today's."""
        if (info := self.shown) is None:
            return
        remembered = self.roster_memory[0](info.path) if self.roster_memory else None
        own, today = list(info.athletes), self.today
        rows = today.roster_for(info.path, own, remembered, info.names_athletes) if today else remembered
        self._fill_roster(rows if rows is not None else own)
        self._roster_edited()

    def _fill_roster(self, rows: list[tuple[str, str]]) -> None:
        self.roster_editor.fill(rows)

    def _roster_edited(self) -> None:
        """The plan follows the roster as typed; while the roster is wrong it shows no targets at all (the old
        ones would be stale) and Start is off, with the reason under the roster."""
        squad = self.today is not None and self.today.in_use  # today's athletes: nothing to remember per file
        if self.shown is not None and self.roster_problem() is None and self.roster_memory is not None and not squad:
            self.roster_memory[1](self.shown.path, self.roster_rows())
        self._fill_table(self._plan_for_roster() or (self.shown.plan if self.shown is not None else None))
        self._check_roster()

    def _plan_for_roster(self) -> Plan | None:
        """The shown session's plan with the roster as typed (None when it does not read)."""
        athletes = self.roster_editor.athletes()
        if self.shown is None or self.shown.replan is None or athletes is None:
            return None
        try:
            return self.shown.replan(athletes)
        except ValueError:  # a target comes out at zero or less: said under the roster
            return None

    def _check_roster(self) -> None:
        problem = self._roster_problem()
        self.roster_editor.show_problem(problem, SQUAD_FINE if self.today and self.today.in_use else ROSTER_FINE)
        ready = self.shown is not None and self.shown.plan is not None and self._start is not None
        self.start_button.setEnabled(ready and problem is None)
        self.start_button.setToolTip("" if problem is None else f"Fix the roster first: {problem.message}")
        can_send = self.shown is not None and self.shown.plan is not None and self.send_to_watch is not None
        self.watch_button.setEnabled(can_send and problem is None)

    def _reset_roster(self) -> None:
        if self.shown is not None:
            if self.roster_memory is not None:
                self.roster_memory[1](self.shown.path, None)
            self._refill_roster()  # the file's athletes, or today's

    def _start_shown(self) -> None:
        ready = self.shown is not None and self.shown.plan is not None and self._start is not None
        if ready and self.roster_problem() is None and self.shown is not None and self._start is not None:
            self._start(self.shown.path, int(self.start_at.currentData() or 0))

    def _start_at_chosen(self, index: int) -> None:
        code = self.start_at.itemText(index).split()[0] if index > 0 else ""
        self.start_button.setText(f"Start at {code}  (Space)" if code else "Start  (Space)")
        self.start_button.setShortcut(QKeySequence(Qt.Key.Key_Space))  # setText has just dropped it

    def _fill_start_points(self, plan: Plan | None) -> None:
        self.start_at.clear()
        self.start_at.addItem("The beginning", 0)
        for point in start_points(plan)[1:] if plan is not None else []:
            self.start_at.addItem(f"{point.code}  {point.text}", point.step)
        self.start_at.setEnabled(plan is not None)

    def send_shown_to_watch(self) -> None:
        """A FIT workout per athlete (the roster as typed) into a folder the coach picks; says what it wrote."""
        shown, send, athletes = self.shown, self.send_to_watch, self.roster_editor.athletes()
        if shown is None or shown.plan is None or send is None or athletes is None:
            return
        folder = self.ask_folder(f"Send {shown.name} to a watch: pick its GARMIN/NewFiles folder")
        if folder is None:
            return
        try:
            written, notes = send(shown.path, athletes, folder)
        except (OSError, ValueError) as error:
            QMessageBox.warning(self, "Cannot send to the watch", str(error))
            return
        names = ", ".join(p.name for p in written)
        self.statusBar().showMessage(f"Wrote {names} to {folder}" + "".join(f" · {n}" for n in notes))

    def _ask_folder(self, title: str) -> Path | None:
        chosen = QFileDialog.getExistingDirectory(self, title, str(Path.home()))
        return Path(chosen) if chosen else None

    def _fill_table(self, plan: Plan | None) -> None:
        self.summary.setText(fill_plan_table(self.table, plan, self.roster_problem() is None))
