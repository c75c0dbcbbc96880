"""The browser's session library: each folder's sessions listed by the names they give themselves (the file's name
when it does not read), a progression's stages in their order; read again when the files change."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

PATH_ROLE = Qt.ItemDataRole.UserRole
SUFFIX = ".session.yaml"
STAGE = re.compile(r"(\d+)[-_ .]")  # a progression's stage: the number a file name starts with

NameOf = Callable[[Path], str | None]  # a session file's own name, None when it does not read


def file_label(path: Path) -> str:
    """`kick-500s.session.yaml` → `kick 500s`: what a file is called when its session does not read."""
    return path.name.removesuffix(SUFFIX).replace("-", " ")


def _order(path: Path, label: str) -> tuple[float, str]:
    """Numbered files (a progression's stages) by their number, then the others by the name shown."""
    number = STAGE.match(path.name)
    return (int(number.group(1)) if number else math.inf, label.casefold())


def fingerprint(folders: list[Path], files: list[Path]) -> tuple[tuple[str, int, int], ...]:
    """Every session file in `folders`, and each of `files`, with its size and when it last changed: two equal
    fingerprints mean nothing was added, removed or edited."""
    found = [p for f in folders if f.is_dir() for p in f.rglob(f"*{SUFFIX}")] + files
    seen = []
    for path in sorted(found):
        try:
            stat = path.stat()
        except OSError:
            seen.append((str(path), -1, -1))
            continue
        seen.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(seen)


class LibraryTree(QTreeWidget):
    def __init__(self, name_of: NameOf) -> None:
        super().__init__()
        self.setHeaderHidden(True)
        self.name_of = name_of

    def fill(self, libraries: list[tuple[str, Path]]) -> None:
        """Every library, read again; the session selected stays selected when it is still there."""
        current = self.current_path()
        self.blockSignals(True)
        self.clear()
        for label, folder in libraries:
            self._add_library(label, folder)
        self.expandAll()
        self.blockSignals(False)
        if current is not None:
            self.select(current, quietly=True)

    def _add_library(self, label: str, folder: Path) -> None:
        root = QTreeWidgetItem(self, [label])
        parents: dict[Path, QTreeWidgetItem] = {folder: root}
        files = sorted(folder.rglob(f"*{SUFFIX}")) if folder.is_dir() else []
        for directory in sorted({p.parent for p in files} - {folder}):
            for step in reversed([directory, *directory.parents]):  # each folder under its own parent folder
                if step not in parents and folder in step.parents:
                    parents[step] = QTreeWidgetItem(parents[step.parent], [step.name.replace("-", " ")])
        shown = [(path, self.name_of(path) or file_label(path)) for path in files]
        for path, name in sorted(shown, key=lambda item: (str(item[0].parent), *_order(*item))):
            item = QTreeWidgetItem(parents[path.parent], [name])
            item.setData(0, PATH_ROLE, str(path))
            item.setToolTip(0, f"{name}\n{path}")  # whole, when the list cuts it

    def current_path(self) -> Path | None:
        item = self.currentItem()
        path = item.data(0, PATH_ROLE) if item is not None else None
        return Path(path) if path else None

    def select(self, path: Path, quietly: bool = False) -> bool:
        """Select `path` if the library lists it (without telling anyone when `quietly`); False when it does not."""
        for item in self.findItems("*", Qt.MatchFlag.MatchWildcard | Qt.MatchFlag.MatchRecursive):
            if item.data(0, PATH_ROLE) and Path(item.data(0, PATH_ROLE)).resolve() == path.resolve():
                self.blockSignals(quietly)
                self.setCurrentItem(item)
                self.blockSignals(False)
                return True
        return False
