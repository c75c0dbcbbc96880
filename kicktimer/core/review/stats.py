"""What the splits say: fade over a set and the kick at the end of each rep."""

from __future__ import annotations

from dataclasses import dataclass

from kicktimer.core.review.splits import RepRow, implausible_s


@dataclass(frozen=True)
class Fade:
    block: int
    first_s: float
    last_s: float

    @property
    def fade_s(self) -> float:
        return self.last_s - self.first_s

    @property
    def fade_pct(self) -> float:
        return 100.0 * self.fade_s / self.first_s if self.first_s else 0.0


def fades(rows: list[RepRow]) -> list[Fade]:
    """Per block: the last complete rep against the first complete rep of the same kind (same label)."""
    out = []
    for block in sorted({r.block for r in rows}):
        done = [r for r in rows if r.block == block and r.total_s is not None]
        if len(done) < 2:
            continue
        first = done[0]
        last = next(r for r in reversed(done) if r.label == first.label)
        if last is not first and first.total_s is not None and last.total_s is not None:
            out.append(Fade(block, first.total_s, last.total_s))
    return out


def kick_s(row: RepRow) -> float | None:
    """The kick: a joined rep's last segment, or a single step's last split section (after its last lap)."""
    if len(row.steps) > 1:
        return row.segment_s[-1]
    finish = row.finishes[0]
    if finish is None or not row.laps:
        return None
    return (finish.active_ns - row.laps[-1].active_ns) / 1e9


def kick_too_fast(row: RepRow) -> bool:
    """The kick is no real split (a double tap): it is flagged, and left out of averages and plots."""
    kick = kick_s(row)
    if kick is None:
        return False
    return len(row.steps) - 1 in row.too_fast if len(row.steps) > 1 else implausible_s(kick)


def plausible(rows: list[RepRow]) -> list[RepRow]:
    """The reps whose every tapped split could be real: what averages, fades and plots are made of."""
    return [r for r in rows if not r.too_fast and not kick_too_fast(r)]
