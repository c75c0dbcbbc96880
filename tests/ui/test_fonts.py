"""Athletes named in any script show as letters, not boxes: the fonts `make` installs (scripts/sysdeps.sh) cover
the scripts of the world's runners through Qt's font fallback, DejaVu first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from pytestqt.qtbot import QtBot

from kicktimer.ui.style import THEMES


def _drawn(text: str, family: str, merging: bool = True) -> QImage:
    image = QImage(120, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont(family)
    font.setPixelSize(40)
    if not merging:  # this family's own glyphs only: no fallback to another font
        font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QRectF(0, 0, 120, 60), int(Qt.AlignmentFlag.AlignLeft), text)
    painter.end()
    return image


# A letter of each script an athlete may be named in: (script, letter)
SCRIPTS = [
    ("Latin", "ë"), ("Latin", "Ñ"), ("Cyrillic", "\u0410"), ("Greek", "\u03a9"), ("Armenian", "\u0531"),
    ("Georgian", "\u10d0"), ("Hebrew", "\u05e9"), ("Arabic", "\u0645"), ("Han", "李"), ("Han", "娜"),
    ("Hiragana", "\u304b"), ("Katakana", "\u30ab"), ("Hangul", "\uae40"), ("Hangul", "\ubbfc"),
    ("Devanagari", "\u0939"), ("Bengali", "\u0995"), ("Tamil", "\u0b95"), ("Telugu", "\u0c15"),
    ("Gujarati", "\u0a95"), ("Gurmukhi", "\u0a15"), ("Malayalam", "\u0d15"), ("Sinhala", "\u0d9a"),
    ("Thai", "\u0e01"), ("Lao", "\u0e81"), ("Khmer", "\u1780"), ("Myanmar", "\u1000"),
    ("Ethiopic", "\u12a0"),  # Amharic, Tigrinya, Oromo in Ge'ez
]  # fmt: skip


# Qt first tries the theme's family (DejaVu), finds no shaping tables for an Indic or Khmer script, says so, then
# draws with the fallback font: a note, not a missing glyph (the box check below is what fails for that)
@pytest.mark.qt_log_ignore("OpenType support missing")
@pytest.mark.parametrize(("script", "letter"), SCRIPTS, ids=[f"{s}-{ord(c):04x}" for s, c in SCRIPTS])
def test_every_script_of_an_athletes_name_has_a_glyph(qtbot: QtBot, script: str, letter: str) -> None:
    for theme in THEMES.values():
        missing = _drawn("\ue000", theme.text_family)  # a private-use code point: the missing-glyph box
        drawn = _drawn(letter, theme.text_family)
        assert drawn != missing and not _box(drawn), f"{script} {letter!r} draws as a box in {theme.text_family}"


def _box(image: QImage) -> bool:
    """Whether the ink is an empty rectangle: the box Qt draws when no font has the letter at all (it differs
    from font to font and script to script, so comparing with one box is not enough)."""
    ink = [(x, y) for y in range(image.height()) for x in range(image.width()) if image.pixelColor(x, y).value() < 128]
    if not ink:
        return True  # nothing drawn is no better than a box
    xs, ys = [x for x, _ in ink], [y for _, y in ink]
    inside = [(x, y) for x, y in ink if min(xs) + 3 <= x <= max(xs) - 3 and min(ys) + 3 <= y <= max(ys) - 3]
    return not inside


@pytest.mark.qt_log_ignore("OpenType support missing")
@pytest.mark.parametrize("letter", ["\uae40", "\u0e01", "\u12a0", "\u0995"])
def test_the_box_check_sees_a_missing_glyph(qtbot: QtBot, letter: str) -> None:
    """DejaVu alone has no Hangul, Thai, Ethiopic or Bengali: its box, and the check must say so."""
    assert _box(_drawn(letter, "DejaVu Sans", merging=False)) and not _box(_drawn("K", "DejaVu Sans"))
