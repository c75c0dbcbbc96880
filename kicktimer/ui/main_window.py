"""The main window: the session library and who runs today on the left, the chosen session on the right."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QWidget,
)

from kicktimer.core.language.plan import Athlete
from kicktimer.ui.help_keys import FIRST_HINT, keys_dialog
from kicktimer.ui.library_tree import PATH_ROLE, LibraryTree, NameOf, fingerprint
from kicktimer.ui.menus import Choice, add_action, choices_menu
from kicktimer.ui.session_page import SessionInfo, SessionPage
from kicktimer.ui.today_picker import SquadSource, TodayPicker

__all__ = ["PATH_ROLE", "MainWindow", "SessionInfo"]

Loader = Callable[[Path], SessionInfo]
Starter = Callable[[Path, int], None]  # (session file, the plan step to start at: 0, or a block or rep)
WatchSender = Callable[[Path, tuple[Athlete, ...], Path], tuple[list[Path], list[str]]]  # files written, notes
LEFT_SHARE = 0.27  # of the window's width: the library and who runs today
LEFT_MIN_PX = 300


def takes_space(widget: QWidget | None, tree: QWidget) -> bool:
    """Space means something to this widget (ticks an athlete, types a space, edits a cell, opens a list, toggles
    a box): it must not start the session. The library's list and plain buttons leave Space to Start."""
    if widget is None or widget is tree:
        return False
    if isinstance(widget, QPlainTextEdit | QTextEdit):
        return not widget.isReadOnly()
    if isinstance(widget, QAbstractButton):
        return widget.isCheckable()
    return isinstance(widget, QAbstractItemView | QLineEdit | QAbstractSpinBox | QComboBox)


class MainWindow(QMainWindow):
    def __init__(self, libraries: list[tuple[str, Path]], load: Loader, start: Starter | None = None,
                 name_of: NameOf = lambda _path: None) -> None:  # fmt: skip
        super().__init__()
        self.setWindowTitle("kicktimer")
        self.libraries, self._load, self._start = libraries, load, start
        self.tree = LibraryTree(name_of)
        self.tree.currentItemChanged.connect(lambda item, _old: self._on_select())
        self.page = SessionPage(self._start_shown, self.send_shown_to_watch)
        self.page.startable = start is not None
        page = self.page
        self.title, self.about, self.problems, self.table, self.summary = (page.title, page.about, page.problems,
                                                                           page.table, page.summary)  # fmt: skip
        self.roster_editor, self.start_at, self.start_button = page.roster_editor, page.start_at, page.start_button
        self.roster, self.roster_note, self.watch_button = page.roster_editor.table, page.roster_editor.note, (
            page.watch_button)  # fmt: skip
        self.last_folder: Path | None = None  # where a folder was last picked
        self.remember_folder: Callable[[Path], None] = lambda _folder: None  # kept between runs by the app
        self._send: WatchSender | None = None
        self.ask_folder: Callable[[str], Path | None] = self._ask_folder
        self.splitter, self.left = QSplitter(), QSplitter(Qt.Orientation.Vertical)  # left: sessions, today's athletes
        self.left.addWidget(self.tree)
        self.left.setChildrenCollapsible(False)
        self.splitter.addWidget(self.left)
        self.splitter.addWidget(page)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(1, 1)
        self.setCentralWidget(self.splitter)
        self._shared = False  # the width shared out once, at the first show
        self._menus()
        self.watched: list[Path] = []  # files besides the libraries whose change means reading again (squad.yaml)
        self.tree.fill(libraries)
        self.seen = fingerprint([f for _, f in libraries], self.watched)
        self.title.set_full_text("Pick a session")  # the first start: nothing chosen yet
        self.about.setText(FIRST_HINT)
        self.live_view: QWidget | None = None  # the running session's window, when there is one
        self.resume_live: Callable[..., None] = lambda *_: None
        self.resume_unfinished: Callable[[], object] = lambda: None  # Recordings → Resume unfinished session…
        self.open_review: Callable[..., None] = lambda *_: None  # the review window, on a recording if given
        self.review_window: QWidget | None = None
        self.open_athlete: Callable[..., None] = lambda *_: None  # the athlete page, on an athlete if named
        self.athlete_window: QWidget | None = None
        self.space = QShortcut(QKeySequence(Qt.Key.Key_Space), self)
        self.space.activated.connect(self._space)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    @property
    def shown(self) -> SessionInfo | None:
        return self.page.shown

    @property
    def today(self) -> TodayPicker | None:
        return self.page.today

    @property
    def send_to_watch(self) -> WatchSender | None:
        """Set by the app: writes the files (Send to watch is off without it)."""
        return self._send

    @send_to_watch.setter
    def send_to_watch(self, send: WatchSender | None) -> None:
        self._send = send
        self.page.sendable = send is not None
        self.page.refill_roster()

    def settings_menu(self, choices: list[Choice], changed: Callable[..., object]) -> None:
        """One submenu per choice (title, key, [(label, value)], current); `changed(key=value)` remembers it."""
        menu = choices_menu(QMenu("&Settings", self), choices, changed)
        self.menuBar().insertMenu(self.help_menu.menuAction(), menu)  # Help stays last

    def _menus(self) -> None:
        menu = self.menuBar().addMenu("&File")
        add_action(menu, self, "&Open session…", self._open_dialog, QKeySequence(QKeySequence.StandardKey.Open))
        add_action(menu, self, "Send to &watch…", self.send_shown_to_watch)
        add_action(menu, self, "&Quit", self.close, QKeySequence(QKeySequence.StandardKey.Quit))
        view = self.menuBar().addMenu("&View")
        add_action(view, self, "&Reload sessions and squad", self.reload, QKeySequence("F5"))
        recordings = self.menuBar().addMenu("&Recordings")
        add_action(recordings, self, "&Review recordings…", lambda: self.open_review(), QKeySequence("Ctrl+R"))
        add_action(recordings, self, "Re&sume unfinished session…", lambda: self.resume_unfinished())
        athletes = self.menuBar().addMenu("&Athletes")
        add_action(athletes, self, "&Athlete page…", lambda: self.open_athlete(), QKeySequence("Ctrl+Shift+A"))
        self.help_menu = self.menuBar().addMenu("&Help")
        add_action(self.help_menu, self, "&Keys…", lambda: keys_dialog(self).open(), QKeySequence("F1"))

    def showEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        """The first time: the library gets a fair share of the width (a long name below it wraps)."""
        super().showEvent(event)  # type: ignore[arg-type]
        if not self._shared:
            self._shared = True
            width = self.splitter.width()
            left = min(max(LEFT_MIN_PX, int(width * LEFT_SHARE)), width // 2)
            self.splitter.setSizes([left, width - left])

    # --- the library -----------------------------------------------------------------------------------------
    def _open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open session", "", "Sessions (*.session.yaml);;YAML (*.yaml)")
        if name:
            self.show_session(Path(name))

    def _on_select(self) -> None:
        path = self.tree.current_path()
        if path is not None:
            self.show_session(path)

    def select_path(self, path: Path) -> None:
        """Select `path` in the library if it is there, else just show it."""
        if not self.tree.select(path):
            self.show_session(path)

    def show_session(self, path: Path) -> None:
        self.page.show_info(self._load(path))

    def reload(self) -> None:
        """The session folders, the squad and the shown session read again (they may have changed on disk)."""
        self.tree.fill(self.libraries)
        if self.page.today is not None:
            self.page.today.reload()
        if self.page.shown is not None:
            self.show_session(self.page.shown.path)
        self.seen = fingerprint([f for _, f in self.libraries], self.watched)
        self.statusBar().showMessage("Read the sessions and the squad again")  # until the next message: no timer

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        """Back to the browser after editing a file elsewhere: what changed is read again."""
        super().changeEvent(event)
        back = event.type() == QEvent.Type.ActivationChange and self.isActiveWindow()
        if back and fingerprint([f for _, f in self.libraries], self.watched) != self.seen:
            self.reload()

    # --- today's athletes and the roster ----------------------------------------------------------------------
    def use_squad(self, source: SquadSource, ticked: list[str]) -> None:
        """Who is running today, under the sessions: the squad's ticks run the sessions that name no athletes."""
        today = TodayPicker(source, self.page.refill_roster, self.select_path)
        self.page.today = today
        today.list.itemDoubleClicked.connect(lambda item: self.open_athlete(item.data(PATH_ROLE)))
        self.left.addWidget(today)
        self.left.setStretchFactor(0, 1)  # the sessions take what today's athletes leave
        self.left.setStretchFactor(1, 0)
        today.reload(ticked)
        self.seen = fingerprint([f for _, f in self.libraries], self.watched)

    def roster_rows(self) -> list[tuple[str, str]]:
        return self.roster_editor.rows()

    def roster_problem(self) -> str | None:
        """What is wrong with the roster as typed, or None."""
        problem = self.page.roster_problem()
        return None if problem is None else problem.message

    def _reset_roster(self) -> None:
        self.page._reset_roster()

    # --- Start, and Space -------------------------------------------------------------------------------------
    def _focus_moved(self, _old: QWidget | None, now: QWidget | None) -> None:
        self.space.setEnabled(not takes_space(now, self.tree))

    def _space(self) -> None:
        if not takes_space(QApplication.focusWidget(), self.tree):
            self._start_shown()

    def _start_shown(self) -> None:
        shown = self.page.shown
        ready = shown is not None and shown.plan is not None and self._start is not None
        if ready and self.roster_problem() is None and shown is not None and self._start is not None:
            self._start(shown.path, self.page.start_step())

    def send_shown_to_watch(self) -> None:
        """A FIT workout per athlete (the roster as typed) into a folder the coach picks; says what it wrote."""
        shown, send, athletes = self.page.shown, self._send, self.roster_editor.athletes()
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
        chosen = QFileDialog.getExistingDirectory(self, title, str(self.last_folder or Path.home()))
        if chosen:
            self.last_folder = Path(chosen)
            self.remember_folder(self.last_folder)
        return Path(chosen) if chosen else None
