"""Every text/background pair either theme can put on the live screen reaches WCAG AA (4.5:1), computed from the
palette; a delta never sits on a phase colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from kicktimer.ui.style import THEMES, WCAG_AA, contrast, look, text_pairs


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast(QColor("black"), QColor("white")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("white")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#0057ff"), QColor("#0057ff")) == pytest.approx(1.0)


@pytest.mark.parametrize("name", sorted(THEMES))
def test_every_text_on_every_background_reaches_aa(name: str) -> None:
    theme = THEMES[name]
    pairs = text_pairs(theme)
    assert len(pairs) >= 4 * len(set(theme.backgrounds()))  # text, tile text and both deltas on each
    poor = [f"{what}: {fg} on {bg} {contrast(QColor(fg), QColor(bg)):.1f}:1" for what, fg, bg in pairs
            if contrast(QColor(fg), QColor(bg)) < WCAG_AA]  # fmt: skip
    assert not poor, poor


@pytest.mark.parametrize("name", sorted(THEMES))
def test_a_result_is_a_block_of_its_own_unlike_the_screen(name: str) -> None:
    theme = THEMES[name]
    for colour in theme.backgrounds():
        seen = look(QColor(colour), theme)
        assert seen.tile != seen.background  # the tapped tile stands out of every screen colour
        assert seen.faster != seen.slower
