"""Packaging: the menu entry and icons, and `pip install .` into a fresh venv used from outside the source tree.
(The PyInstaller app is built and smoke-tested by `make package`: too slow and too big for every test run.)"""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kicktimer.ui.icons import ICON_SIZES
from tests.conftest import ROOT

DESKTOP = ROOT / "packaging" / "io.github.kicktimer.KickTimer.desktop"
ICONS = ROOT / "kicktimer" / "resources" / "icons"


def test_the_desktop_entry_starts_the_gui_with_its_icon() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Exec"].split()[0] == "kicktimer-gui"
    assert entry["Icon"] == DESKTOP.name.removesuffix(".desktop")  # reverse-DNS id, as setDesktopFileName says
    assert "io.github.kicktimer.KickTimer" in (ROOT / "kicktimer" / "app" / "gui.py").read_text(encoding="utf-8")
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False)
        assert result.returncode == 0 and "error" not in result.stdout, result.stdout


def test_every_icon_size_is_there_and_square() -> None:
    from PySide6.QtGui import QImage

    assert (ICONS / "kicktimer.svg").read_text(encoding="utf-8").lstrip().startswith("<?xml")
    for size in ICON_SIZES:
        image = QImage(str(ICONS / f"kicktimer-{size}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_the_menu_entry_installs_for_one_user_and_comes_off_again(tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "share"), "PATH": os.environ["PATH"]}
    script = ROOT / "packaging" / "linux" / "install-desktop-entry.sh"
    subprocess.run(["sh", str(script)], env=env, check=True, capture_output=True)
    share = tmp_path / "share"
    assert (share / "applications" / DESKTOP.name).read_text(encoding="utf-8") == DESKTOP.read_text(encoding="utf-8")
    for size in ICON_SIZES:
        assert (share / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "io.github.kicktimer.KickTimer.png").is_file()
    subprocess.run(["sh", str(script), "--remove"], env=env, check=True, capture_output=True)
    assert not (share / "applications" / DESKTOP.name).exists()


@pytest.mark.slow
def test_pip_install_into_a_fresh_venv_works_from_outside_the_source_tree() -> None:
    result = subprocess.run([sys.executable, str(ROOT / "packaging" / "install_check.py")], capture_output=True,
                            text=True, timeout=1200, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.rstrip().endswith("5 passed, 0 failed"), result.stdout
