"""Closing a session while events still wait for the disk: keep trying, save them elsewhere, or (only when
the coach says so) lose them. The dialog closes by itself when the disk takes them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

RETRY_MS = 1000
Outcome = Literal["saved", "rescued", "lost", "back"]


class UnsavedDialog(QDialog):
    """`retry()` is True once everything is on disk; `rescue(folder)` saves a whole copy there (OSError if it
    cannot) and returns what to say; `waiting()` says how many and why."""

    def __init__(
        self, parent: QWidget | None, waiting: Callable[[], str], retry: Callable[[], bool],
        rescue: Callable[[Path], str], home: Path,
    ) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle("Not saved yet")
        self.outcome: Outcome = "back"
        self.said = ""
        self._waiting, self._retry, self._rescue = waiting, retry, rescue
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.home_button = QPushButton(f"Save them in {home}")
        self.other_button = QPushButton("Save them in another folder…")
        self.lose_button = QPushButton("Quit and lose them")
        self.back_button = QPushButton("Back to the session")
        self.back_button.setDefault(True)
        self.home_button.clicked.connect(lambda: self._save(home))
        self.other_button.clicked.connect(self._choose_folder)
        self.lose_button.clicked.connect(lambda: self._finish("lost"))
        self.back_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.back_button, self.home_button, self.other_button, self.lose_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.addWidget(self.text)
        column.addLayout(buttons)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._try)
        self._timer.start(RETRY_MS)
        self._show_waiting()

    def _show_waiting(self, problem: str = "") -> None:
        self.text.setText(f"{problem}{self._waiting()}\nkicktimer keeps trying every second; this closes by "
                          "itself when the disk takes them.")  # fmt: skip

    def _try(self) -> None:
        if self._retry():
            self.said = "The disk accepted the events that were waiting: everything is recorded."
            self._finish("saved")

    def _save(self, folder: Path) -> None:
        try:
            self.said = self._rescue(folder)
        except OSError as error:
            self._show_waiting(f"Cannot save in {folder}: {error.strerror or error}. Choose another folder.\n\n")
            return
        self._finish("rescued")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Save the recording in…")
        if folder:
            self._save(Path(folder))

    def _finish(self, outcome: Outcome) -> None:
        self.outcome = outcome
        self._timer.stop()
        self.accept()

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)
