"""Help → Keys: every key of the live view, from the command table (the same table the keys and buttons use)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kicktimer.core.run.commands import key_help

FIRST_HINT = ("Choose a session from the library on the left (or File → Open…). Its plan and today's athletes "
              "show here; then press Start. Help → Keys lists the keys used while it runs.")  # fmt: skip
INTRO = ("While a session runs, these keys (and the touch buttons along the bottom) control it. "
         "1-9 tap one athlete, Space taps everyone still running and starts the next step at a hold. "
         "Esc only asks whether to end: E ends it.")  # fmt: skip


def keys_dialog(parent: QWidget | None = None) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keys — kicktimer")
    rows = key_help("window")
    table = QTableWidget(len(rows), 3)
    table.setHorizontalHeaderLabels(["Keys", "Button", "What it does"])
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
    intro = QLabel(INTRO)
    intro.setWordWrap(True)
    close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    close.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    for widget in (intro, table, close):
        layout.addWidget(widget)
    dialog.resize(760, 480)
    return dialog
