"""What a coach reads on the live screen: a tile per athlete (running / tapped with split and delta), the rep's
sum-up in the recovery, nothing running past its box with nine athletes on small screens, every text colour
readable on its background, the pause changing the whole screen, the hints and labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRectF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kicktimer.app.gui import build_live_view
from kicktimer.app.session import LiveSession
from kicktimer.io.session_file import parse_session
from kicktimer.ui.live_paint import tile_rects
from kicktimer.ui.live_screen import step_fraction
from kicktimer.ui.live_view import LiveView
from kicktimer.ui.style import THEMES, background_for, look
from tests.support.clock import FakeClock
from tests.support.roster import NAMES, session_text
from tests.ui.drawn import drawn_texts, texts

MINUS = chr(0x2212)

SIZES = [(640, 400), (1024, 600), (1366, 768), (1920, 1080)]  # the smallest the window goes, and screens


def start(tmp_path: Path, count: int) -> tuple[LiveSession, FakeClock]:
    clock = FakeClock()
    return LiveSession.start_new(parse_session(session_text(count), "test"), tmp_path, clock), clock


def press(live: LiveSession, clock: FakeClock, keys: str, seconds: float = 0.0) -> None:
    for key in keys:
        clock.advance(seconds)
        live.press(key, clock.now_ns())


def into_the_200(live: LiveSession, clock: FakeClock) -> None:
    press(live, clock, " ", 1.0)  # leave the warm-up hold; the jog runs out; leave the main set's hold
    clock.advance(600)
    press(live, clock, " ", 1.0)
    assert live.engine.snapshot().step.label == "200m @800"


def shown(qtbot: QtBot, live: LiveSession, size: tuple[int, int] = (1366, 768), theme: str = "sunlight") -> LiveView:
    view = build_live_view(live, theme)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_tile_says_the_segment_each_runs_and_fills_only_when_they_finish_the_rep(
    qtbot: QtBot, tmp_path: Path
) -> None:
    live, clock = start(tmp_path, 3)
    into_the_200(live, clock)
    press(live, clock, "2", 31.0)  # Ben at the 200: the group goes on to the bound
    view = shown(qtbot, live)
    drawn = texts(view)
    assert "0:31.0" in drawn and f"  {MINUS}2.0 ▼" in drawn  # Ben's split and delta: sign and arrow, not only colour
    assert drawn.count("in ") == 3 and drawn.count("100m bound") == 1  # Ben is in the bound
    assert drawn.count("200m @800") == 2 and "→ 0:32" in drawn and "→ 0:34" in drawn  # Ana, Mohammed: the 200
    assert not any("…" in t for t in drawn)  # no "Ana…" for waiting
    tiles = view._layout().tiles
    seen = look(background_for(live.engine.snapshot(), view.theme, 3.0), view.theme)

    def fills() -> list[QColor]:
        clock.advance(1.0)  # past a gear change's flash
        image = view.grab().toImage()
        return [image.pixelColor(int(r.right() - r.width() * 0.1), int(r.bottom() - r.height() * 0.1)) for r in tiles]

    assert fills() == [seen.background] * 3  # all three still run: outlines on the screen's colour
    press(live, clock, "13", 0.5)  # everyone has the 200: all still run (no block for "tapped the 200")
    assert fills() == [seen.background] * 3
    press(live, clock, "2", 15.0)  # Ben first at the bound's end: the group is on the kick
    press(live, clock, "2", 28.0)  # Ben finishes the rep: his tile fills, with the rep's total
    seen = look(background_for(live.engine.snapshot(), view.theme, 3.0), view.theme)
    assert fills() == [seen.background, seen.tile, seen.background]
    assert "1:17.0" in texts(view)  # 31 + 18 (1 + 0.5 + 0.5 + 1 + 15: the looks take 1 s each) + 28
    press(live, clock, "1", 1.0)  # Ana at the bound's end: still running, in the kick; Ben stays done
    assert fills() == [seen.background, seen.tile, seen.background]
    assert "200m kick" in texts(view)


def test_tapping_a_tile_taps_that_athlete_stamped_at_the_touch(qtbot: QtBot, tmp_path: Path) -> None:
    live, clock = start(tmp_path, 9)
    into_the_200(live, clock)
    view = shown(qtbot, live)
    clock.advance(30.5)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view._layout().tiles[6].center().toPoint())
    split = live.engine.splits[-1]
    assert split.athlete == 6 and split.duration_s == pytest.approx(30.5)
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))  # not a tile: nothing
    assert len(live.engine.splits) == 1


def test_the_recovery_after_a_joined_rep_shows_each_total_and_the_targeted_split(qtbot: QtBot, tmp_path: Path) -> None:
    live, clock = start(tmp_path, 2)
    into_the_200(live, clock)
    for key, seconds in (("1", 31.6), ("2", 1.8), ("1", 16.4), ("2", 2.0), ("1", 27.0), ("2", 1.0)):
        press(live, clock, key, seconds)  # the 200 m, the bound and the kick, Ana then Ben at each
    assert live.engine.snapshot().step.label == "R 5:00"
    view = shown(qtbot, live)
    drawn = texts(view)
    assert "Rep 1/2: total · 200m @800 · R 5:00" in drawn  # the sum-up, and which recovery this is
    assert "1:18.8" in drawn and "1:19.8" in drawn  # Ana 31.6 + 18.2 + 29.0; Ben 33.4 + 18.4 + 28.0
    assert "0:31.6" in drawn and f"  {MINUS}0.4 ▼" in drawn  # Ana's 200 m against 0:32.0
    assert "0:33.4" in drawn and "  +0.4 ▲" in drawn  # Ben's against 0:33.0


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", [1, 2, 5, 9])
def test_nothing_runs_past_its_box_and_no_button_is_cut_off(
    qtbot: QtBot, tmp_path: Path, size: tuple[int, int], count: int
) -> None:
    live, clock = start(tmp_path, count)
    into_the_200(live, clock)
    press(live, clock, "".join(str(a + 1) for a in range(0, count, 2)), 31.0)
    view = shown(qtbot, live, size)
    area = QRectF(view.rect())
    tiles = view._layout().tiles
    assert all(not a.intersects(b) for i, a in enumerate(tiles) for b in tiles[i + 1 :])  # names never collide
    for drawn in drawn_texts(view):
        assert drawn.fits(), f"{drawn.text!r} is {drawn.advance:.0f} px in a {drawn.rect} box at {size}"
        assert drawn.rect is None or area.adjusted(-1, -1, 1, 1).contains(drawn.rect), drawn
        if drawn.rect is not None and drawn.rect.intersects(tiles[0].united(tiles[-1])) and drawn.rect.height() < 60:
            assert any(t.contains(drawn.rect.adjusted(1, 1, -1, -1)) for t in tiles), drawn
    on_screen = texts(view)
    for name in NAMES[:count]:  # every name is there, shortened at worst: "Bartholomew-F…"
        assert any(t == name or (len(t) > 3 and t.endswith("…") and name.startswith(t[:-1])) for t in on_screen)
    for button in view.findChildren(QPushButton):
        if button.isVisible():
            box = QRectF(button.geometry())
            assert area.contains(box), f"{button.text()} at {box} outside {area}"
            assert button.fontMetrics().horizontalAdvance(button.text()) + 12 <= button.width(), button.text()


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_every_text_drawn_is_a_colour_of_the_screens_readable_pairs(qtbot: QtBot, tmp_path: Path, theme: str) -> None:
    live, clock = start(tmp_path, 3)
    into_the_200(live, clock)
    press(live, clock, "1", 31.0)
    press(live, clock, "3", 1.5)
    view = shown(qtbot, live, theme=theme)
    for keys in ("", "p"):  # running, then paused (the whole screen changes)
        press(live, clock, keys, 0.5)
        view.message = "Ana 0:31.0 (−1.0) 200m @800"
        seen = look(background_for(live.engine.snapshot(), view.theme, 3.0), view.theme)
        for drawn in drawn_texts(view):
            assert drawn.colour.alpha() == 255, drawn  # no faded text: its contrast would be unknown
            assert drawn.colour.name() in seen.text_colours(), f"{drawn.text!r} in {drawn.colour.name()}"


@pytest.mark.parametrize("theme", sorted(THEMES))
def test_pause_changes_the_whole_screen_and_says_how_to_go_on(qtbot: QtBot, tmp_path: Path, theme: str) -> None:
    live, clock = start(tmp_path, 2)
    into_the_200(live, clock)
    view = shown(qtbot, live, theme=theme)
    running = view.grab().toImage()
    press(live, clock, "p", 3.0)
    paused = view.grab().toImage()
    assert paused.pixelColor(2, 2) == QColor(THEMES[theme].paused) != running.pixelColor(2, 2)
    big = [d for d in drawn_texts(view) if d.text == "PAUSED — P to continue"]
    assert big and big[0].font.pixelSize() >= 0.06 * view.height()
    chosen = THEMES[theme]
    assert chosen.paused not in [*chosen.phases.values(), *chosen.gears.values(), chosen.countdown, chosen.done]


def test_a_hold_says_which_key_starts_and_the_cool_down_is_named(qtbot: QtBot, tmp_path: Path) -> None:
    live, clock = start(tmp_path, 2)
    view = shown(qtbot, live)
    assert "Space to start 10min jog" in texts(view) and "Warm-up" in texts(view)
    press(live, clock, " ", 1.0)
    clock.advance(601)
    assert "Space to start 200m @800" in texts(view)
    press(live, clock, " ", 1.0)
    press(live, clock, "nnnnnnn", 0.5)  # skip the rest of the main set
    assert live.engine.snapshot().step.label == "Cool-down"
    press(live, clock, " ", 1.0)
    assert live.engine.snapshot().step.label == "10min jog"
    drawn = texts(view)
    assert "Cool-down" in drawn and "Work" not in drawn and "WORK" not in drawn


def test_the_steps_progress_shows_beside_the_sessions(qtbot: QtBot, tmp_path: Path) -> None:
    live, clock = start(tmp_path, 1)
    press(live, clock, " ", 1.0)
    clock.advance(150)  # a quarter of the 10 min jog
    snap = live.engine.snapshot()
    assert step_fraction(snap) == pytest.approx(0.25) and snap.progress < 0.25
    view = shown(qtbot, live)
    image = view.grab().toImage()
    bar = view._layout().step_bar
    seen = look(background_for(snap, view.theme, 3.0), view.theme)
    y = int(bar.center().y())
    assert image.pixelColor(int(bar.x() + bar.width() * 0.2), y) == seen.text  # filled to a quarter
    assert image.pixelColor(int(bar.x() + bar.width() * 0.3), y) == seen.background


def test_tiles_never_overlap_and_stay_in_their_area() -> None:
    area = QRectF(30, 400, 960, 160)
    for count in range(1, 10):
        rects = tile_rects(area, count)
        assert len(rects) == count
        assert all(area.adjusted(-0.01, -0.01, 0.01, 0.01).contains(r) for r in rects)
        assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
