"""What the session browser reads and does besides running a session: session files as it shows them (and their
names, for the library), sending a plan to a watch, the squad, the athlete page, resuming an unfinished
recording from the menu or the review."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from kicktimer.app.gui_recording import ask_resume
from kicktimer.app.season import SeasonFiles, squad_and_problems
from kicktimer.app.sound import preference_store
from kicktimer.core.language.paces import format_paces
from kicktimer.core.language.plan import Athlete, Plan
from kicktimer.io.plan_export import export_plan
from kicktimer.io.reader import nothing_to_resume, unfinished_recordings
from kicktimer.io.recordings import history_cells, history_entry
from kicktimer.io.session_file import SessionFileError, load_session, with_athletes
from kicktimer.ui.athlete_page import AthleteSource, AthleteWindow
from kicktimer.ui.main_window import MainWindow, SessionInfo
from kicktimer.ui.preferences import PreferenceStore
from kicktimer.ui.screen_fit import ATHLETE_SIZE, restore_or_fit
from kicktimer.ui.today_picker import SquadSource


def load_for_ui(path: Path) -> SessionInfo:
    try:
        session = load_session(path)
    except SessionFileError as error:
        name = path.name.removesuffix(".session.yaml")
        return SessionInfo(path, name, None, None, None, tuple(str(p) for p in error.problems))
    roster = tuple((a.name, format_paces(a.paces)) for a in session.plan.athletes)

    def replan(athletes: tuple[Athlete, ...]) -> Plan:
        """The plan with the roster as typed; ValueError when a target comes out at zero or less for it."""
        try:
            return with_athletes(session, athletes).plan
        except SessionFileError as error:
            raise ValueError(error.problems[0].message) from None

    return SessionInfo(path, session.name, session.about, session.source, session.plan, (), roster, replan,
                       bool(session.athletes))  # fmt: skip


class SessionNames:
    """A session file's own name, for the library: each file read once while it is unchanged."""

    def __init__(self) -> None:
        self._names: dict[Path, tuple[tuple[int, int], str | None]] = {}

    def __call__(self, path: Path) -> str | None:
        try:
            stat = path.stat()
        except OSError:
            return None
        stamp = (stat.st_mtime_ns, stat.st_size)
        known = self._names.get(path)
        if known is None or known[0] != stamp:
            try:
                name: str | None = load_session(path).name
            except (SessionFileError, OSError):
                name = None  # listed by its file's name; choosing it shows why it does not read
            known = (stamp, name)
            self._names[path] = known
        return known[1]


def send_to_watch(path: Path, roster: tuple[Athlete, ...], folder: Path) -> tuple[list[Path], list[str]]:
    """A FIT workout per athlete into `folder` (ASCII names: watches), as the browser's Send to watch does."""
    try:
        session = with_athletes(load_session(path), roster)
    except SessionFileError as error:
        raise ValueError(str(error)) from None
    done = export_plan(session, "fit", folder, ascii_names=True)
    return [w.path for w in done.written], done.notes


def squad_source(files: SeasonFiles, store: PreferenceStore) -> SquadSource:
    """Who is running today: the squad, the stage proposed for them, their marks, their ticks remembered."""
    empty = f"No squad yet: add athletes with kicktimer squad add, or write {files.squad_file} (docs/squad.md)."
    return SquadSource(lambda: squad_and_problems(files.squad_file), files.stage, files.mark, store.set_ticked, empty)


def use_squad(window: MainWindow, files: SeasonFiles, store: PreferenceStore) -> None:
    """Who runs today, under the library; squad.yaml changed elsewhere is read again when the coach comes back."""
    window.watched = [files.squad_file]
    window.use_squad(squad_source(files, store), store.ticked())


def remember_in_browser(window: MainWindow, store: PreferenceStore) -> None:
    """What the browser keeps between runs, besides the ticks: edited rosters, the squad chosen over a file's own
    athletes, the folder a watch was last found in."""
    window.page.roster_memory = (store.roster, store.set_roster)
    window.page.squad_memory = (store.squad_instead, store.set_squad_instead)
    window.last_folder = store.folder("watch")
    window.remember_folder = lambda folder: store.set_folder("watch", folder)


def build_athlete_window(files: SeasonFiles, name: str | None, open_review: Callable[[Path], None]) -> AthleteWindow:
    """The athlete page, sized for the screen it opens on; a recording double-clicked opens in the review."""
    window = AthleteWindow(
        AthleteSource(files.names, files.shown, lambda file: open_review(files.recordings / file)), name
    )
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    store = preference_store()
    restore_or_fit(window, store.geometry("athlete"), ATHLETE_SIZE)
    window.on_close.append(lambda: store.set_geometry("athlete", window.saveGeometry()))
    return window


def show_athlete(window: MainWindow, files: SeasonFiles, name: str | None, open_review: Callable[[Path], None]) -> None:
    page = build_athlete_window(files, name, open_review)
    window.athlete_window = page
    page.show()
    page.activateWindow()


def resume_recording(window: MainWindow, path: Path, parent: QWidget | None = None) -> bool:
    """The resume question for one recording (where it stopped, where it is now); True when it was resumed."""
    live = ask_resume(parent or window, path)
    if live is None:
        return False
    window.resume_live(live)
    return True


def resume_unfinished(window: MainWindow, directory: Path) -> bool:
    """Recordings → Resume unfinished session…: the one unfinished recording nobody is writing, or the one the
    coach picks of several; when there is none, why (one being recorded right now is named)."""
    found = unfinished_recordings(directory) if directory.is_dir() else []
    if not found:
        error = str(nothing_to_resume(directory))
        QMessageBox.information(window, "Nothing to resume", f"{error[:1].upper()}{error[1:]}.")
        return False
    chosen: Path | None = found[0]
    if len(found) > 1:
        labels = [" · ".join(history_cells(history_entry(p))[:2]) + f" · {p.name}" for p in found]
        label, ok = QInputDialog.getItem(window, "Resume unfinished session", "Which one (newest first)?", labels,
                                         0, False)  # fmt: skip
        chosen = found[labels.index(label)] if ok and label in labels else None
    return chosen is not None and resume_recording(window, chosen)
