"""Exports of a reviewed recording: CSV and JSON (every split), TCX and FIT (an activity per athlete).

Everything is derived from the recording (corrections included), so an export can always be made again. No
export replaces a file unless asked to: a file that exists is kept and the new one is numbered.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal, NamedTuple

from kicktimer import __version__
from kicktimer.core.language.plan import describe_where
from kicktimer.core.language.quantities import format_split, tidy_floats
from kicktimer.core.language.roster import name_key
from kicktimer.core.review.analysis import AthleteReview, Review, SplitRow
from kicktimer.core.review.splits import RepRow
from kicktimer.core.review.stats import kick_s
from kicktimer.io.file_names import is_name_refused, name_part, name_parts, unicode_names_work, write_new
from kicktimer.io.recordings import Opened
from kicktimer.io.tcx import TCX_NS, tcx_bytes

Format = Literal["csv", "json", "tcx", "fit"]
FORMATS: tuple[Format, ...] = ("csv", "json", "tcx", "fit")
CSV_COLUMNS = ("athlete", "block", "block_title", "rep", "where", "segment", "label", "kind", "distance_m",
               "target_s", "target", "actual_s", "actual", "delta_s", "delta", "rep_total_s", "rep_total", "kick_s",
               "kick", "wall_time", "event")  # fmt: skip
__all__ = ["CSV_COLUMNS", "FORMATS", "TCX_NS", "Format", "Written", "export", "split_records", "to_json"]


@dataclass(frozen=True)
class Written:
    path: Path
    kept: Path | None = None  # the file that was there already and was left alone (the new one is numbered)
    athlete: str | None = None  # whose file it is, when its name was numbered to keep it apart from another's
    shared: tuple[str, str] | None = None  # (the other athlete, their file): names that come out the same
    notes: tuple[str, ...] = ()  # what could not be written in it (a lap's impossible speed…)

    def __str__(self) -> str:
        text = f"wrote {self.path}"
        if self.shared is not None:
            text += f": {self.athlete} ({self.shared[0]} has {self.shared[1]})"
        return text + (f" ({self.kept.name} exists and was kept)" if self.kept else "")


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def clock_text(seconds: float | None, signed: bool = False) -> str | None:
    """`32.5` → `0:32.50`, `3725` → `1:02:05.00`: always with hundredths, so a spreadsheet reads m:ss, not h:mm."""
    if seconds is None:
        return None
    sign = "-" if seconds < 0 else "+" if signed else ""
    return f"{sign}{format_split(abs(seconds))}"


class _Split(NamedTuple):
    block: int
    rep: int
    segment: int | None  # None: a lap tapped in a recovery, after the rep it follows
    label: str
    where: str
    kind: str  # finish, lap, clock (a timed segment), missing (no tap)
    actual_s: float | None
    distance_m: float | None
    target_s: float | None
    t_ns: int | None
    event: int | None

    @classmethod
    def of(cls, s: SplitRow) -> _Split:
        return cls(s.block, s.rep, s.segment, s.label, s.where, s.kind, s.actual_s, s.distance_m, s.target_s, s.t_ns,
                   s.event)  # fmt: skip


def _record(result: Review, name: str, split: _Split, row: RepRow | None = None) -> dict[str, Any]:
    """The CSV row of one split; a rep's last row (`row` given) also carries the rep's total and its kick."""
    delta = None if split.actual_s is None or split.target_s is None else split.actual_s - split.target_s
    total, kick = (row.total_s, kick_s(row)) if row is not None else (None, None)
    wall = None if split.t_ns is None else result.wall(split.t_ns).isoformat(timespec="milliseconds")
    return {
        "athlete": name, "block": split.block + 1, "block_title": result.plan.block_titles[split.block] or "",
        "rep": split.rep, "where": split.where, "segment": split.segment, "label": split.label,
        "kind": split.kind, "distance_m": split.distance_m,
        "target_s": _seconds(split.target_s), "target": clock_text(split.target_s),
        "actual_s": _seconds(split.actual_s), "actual": clock_text(split.actual_s),
        "delta_s": _seconds(delta), "delta": clock_text(delta, signed=True),
        "rep_total_s": _seconds(total), "rep_total": clock_text(total),
        "kick_s": _seconds(kick), "kick": clock_text(kick), "wall_time": wall, "event": split.event,
    }  # fmt: skip


def _rep_splits(result: Review, row: RepRow, number: int, splits: dict[int, list[SplitRow]]) -> list[_Split]:
    """A rep's splits in order; a segment the group reached with no tap and no clock gets a `missing` one."""
    out = []
    for k, index in enumerate(row.steps):
        found = splits.get(k + 1, [])
        out += [_Split.of(s) for s in found]
        if index in result.replay.starts and all(s.kind == "lap" for s in found):
            step = result.plan.steps[index]
            out.append(_Split(row.block, number, k + 1, step.label, describe_where(step.where), "missing", None,
                              step.distance_m, row.segment_target_s[k], None, None))  # fmt: skip
    return out


def _athlete_records(result: Review, athlete: AthleteReview) -> list[dict[str, Any]]:
    """Every split of every rep the group reached, in plan order, with a `missing` row for a segment with no
    tap; the laps tapped in a recovery after the rep they follow."""
    by_rep: dict[tuple[int, int], dict[int, list[SplitRow]]] = {}
    recovery: dict[tuple[int, int], list[SplitRow]] = {}
    for s in athlete.splits:
        if s.segment is None:
            recovery.setdefault((s.block, s.rep), []).append(s)
        else:
            by_rep.setdefault((s.block, s.rep), {}).setdefault(s.segment, []).append(s)
    records = []
    for row, number in zip(athlete.reps, athlete.rep_numbers, strict=True):
        if number == 1:
            records += [_record(result, athlete.name, _Split.of(s)) for s in recovery.pop((row.block, 0), [])]
        splits = _rep_splits(result, row, number, by_rep.get((row.block, number), {}))
        for k, split in enumerate(splits):
            records.append(_record(result, athlete.name, split, row if k == len(splits) - 1 else None))
        records += [_record(result, athlete.name, _Split.of(s)) for s in recovery.pop((row.block, number), [])]
    return records + [_record(result, athlete.name, _Split.of(s)) for laps in recovery.values() for s in laps]


def split_records(result: Review, athletes: list[AthleteReview]) -> list[dict[str, Any]]:
    """One record per split (finish, lap, a timed segment by the clock, or a missing tap), in CSV_COLUMNS order."""
    return [record for athlete in athletes for record in _athlete_records(result, athlete)]


def _athlete_json(athlete: AthleteReview) -> dict[str, Any]:
    reps = []
    for row, number in zip(athlete.reps, athlete.rep_numbers, strict=True):
        segments = [
            {"label": label, "actual_s": _seconds(actual), "target_s": _seconds(target)}
            for label, actual, target in zip(row.segment_labels, row.segment_s, row.segment_target_s, strict=True)
        ]
        reps.append({"block": row.block + 1, "rep": number, "label": row.label, "segments": segments,
                     "total_s": _seconds(row.total_s), "target_s": _seconds(row.target_s),
                     "delta_s": _seconds(row.delta_s), "kick_s": _seconds(kick_s(row))})  # fmt: skip
    fades = [{"block": f.block + 1, "first_s": f.first_s, "last_s": f.last_s, "fade_s": _seconds(f.fade_s),
              "fade_pct": round(f.fade_pct, 2)} for f in athlete.fades]  # fmt: skip
    return {"name": athlete.name, "main_rep": athlete.main_label, "average_rep_s": _seconds(athlete.average_rep_s),
            "average_kick_s": _seconds(athlete.average_kick_s), "fades": fades, "reps": reps}  # fmt: skip


def to_json(opened: Opened, athletes: list[AthleteReview]) -> dict[str, Any]:
    result = opened.review
    return {
        "format": "kicktimer-export", "version": 1, "app_version": __version__,
        "session": opened.session.name, "recording": opened.recording.path.name,
        "wall_start": result.wall_start.isoformat(timespec="milliseconds"), "finished": result.finished,
        "status": result.status,
        "started_at": result.started_at,  # null, or the block or rep it started at: the steps before did not run
        "athletes": [_athlete_json(a) for a in athletes], "splits": split_records(result, athletes),
    }  # fmt: skip


def _excel_value(value: Any) -> Any:
    """Decimal commas for a spreadsheet in a European locale; integers (block, rep, event) stay as they are."""
    if isinstance(value, float) or (isinstance(value, str) and value[:1] in "+-0123456789" and ":" in value):
        return str(value).replace(".", ",")
    return value


def csv_bytes(records: list[dict[str, Any]], excel: bool = False) -> bytes:
    """UTF-8 with `,`; for Excel, UTF-8 with a BOM (so Excel on Windows shows `Zoë`), `;` and decimal commas, and
    the wall time as `2026-05-12 17:36:01,000` (local to the recording), which Excel reads as a date."""
    handle = io.StringIO(newline="")
    writer = csv.DictWriter(handle, CSV_COLUMNS, delimiter=";" if excel else ",")
    writer.writeheader()
    for record in records:
        record = {k: _inert(v) if k in TYPED_COLUMNS else v for k, v in record.items()}
        if excel:
            wall = record["wall_time"]
            record = {k: _excel_value(v) for k, v in record.items()}
            record["wall_time"] = None if wall is None else wall[:23].replace("T", " ").replace(".", ",")
        writer.writerow(record)
    return handle.getvalue().encode("utf-8-sig" if excel else "utf-8")


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula (OWASP's list)
TYPED_COLUMNS = (
    "athlete",
    "block_title",
    "where",
    "label",
)  # text a coach typed (kicktimer's own, like -0:01.20, is kept)


def _inert(value: object) -> object:
    """Text a spreadsheet would take for a formula (an athlete named `=HYPERLINK(…)`, `-Ana`) gets a leading
    apostrophe, which Excel and LibreOffice show as text; numbers stay numbers."""
    return f"'{value}" if isinstance(value, str) and value.startswith(FORMULA_STARTS) else value


def _select(opened: Opened, athlete: str | None) -> list[AthleteReview]:
    athletes = list(opened.review.athletes)
    if athlete is None:
        return athletes
    chosen = [a for a in athletes if name_key(a.name) == name_key(athlete)]
    if not chosen:
        names = ", ".join(a.name for a in athletes)
        raise ValueError(f'no athlete "{athlete}" in this recording (it has {names})')
    return chosen


def _fit_bytes(result: Review, athlete: int, session_name: str) -> tuple[bytes, list[str]]:
    from kicktimer.io.fit.activity import activity_bytes  # fit-tool takes ~0.15 s to import: only when asked

    return activity_bytes(result, athlete, session_name)


def output_place(output: Path | None, default_name: str) -> tuple[Path, bool]:
    """Where an export goes: (the file, or the name per-athlete files are made from; whether `output` named it).
    No output: `default_name` here; a folder: `default_name` inside it; anything else names the file."""
    if output is None:
        return Path(default_name), False
    if str(output) in ("", "."):
        raise ValueError("-o names no file: give a file name, or a folder")
    if output.is_dir():
        return output / default_name, False
    return output, True


def export(
    opened: Opened,
    fmt: Format,
    output: Path | None = None,
    athlete: str | None = None,
    overwrite: bool = False,
    excel: bool = False,
) -> list[Written]:
    """Write the export; returns the files written. `output` is a file, or a folder to write in (the files
    named after the recording). TCX and FIT make one file per athlete, the athlete's name added to the file name
    unless `output` names the file of one athlete. A file that exists is kept (the new one is numbered) unless
    `overwrite`. Raises ValueError for an athlete not in the recording, OSError when a file cannot be written."""
    athletes = _select(opened, athlete)
    stem = opened.recording.path.name.removesuffix(".kick.jsonl")
    base, named = output_place(output, f"{stem}.{fmt}")
    if fmt in ("csv", "json"):
        records = split_records(opened.review, athletes)
        if fmt == "csv":
            data = csv_bytes(records, excel)
        else:
            data = (json.dumps(tidy_floats(to_json(opened, athletes)), indent=2, ensure_ascii=False) + "\n").encode()
        return [_written(base, write_new(base, data, overwrite))]
    make: Callable[[Review, int, str], tuple[bytes, list[str]]] = tcx_bytes if fmt == "tcx" else _fit_bytes
    if named and len(athletes) == 1:  # a file named for one athlete is used as it is
        data, notes = make(opened.review, athletes[0].index, opened.session.name)
        return [_written(base, write_new(base, data, overwrite), tuple(f"{athletes[0].name}: {n}" for n in notes))]
    if not base.suffix:
        base = base.with_name(f"{base.name}.{fmt}")
    contents: list[Callable[[], tuple[bytes, list[str]]]] = [
        partial(make, opened.review, a.index, opened.session.name) for a in athletes
    ]
    return write_per_athlete(base, [a.name for a in athletes], contents, overwrite)


def write_per_athlete(
    base: Path,
    names: list[str],
    contents: list[Callable[[], tuple[bytes, list[str]]]],
    overwrite: bool = False,
    ascii_only: bool = False,
) -> list[Written]:
    """`base-name.ext` per athlete: the names as written where the file system takes them (one that refuses a
    name gets it transliterated), ASCII when asked (a watch's folder); distinct, and numbered on a clash (the
    file written says whose it is, and who has the name without the number)."""
    ascii_only = ascii_only or not unicode_names_work(base.parent)
    parts, ascii_parts = name_parts(names, ascii_only), name_parts(names, ascii_only=True)
    written: list[Written] = []
    for k, (part, fallback, content) in enumerate(zip(parts, ascii_parts, contents, strict=True)):
        path = base.with_name(f"{base.stem}-{part}{base.suffix}")
        data, said = content()
        notes = tuple(f"{names[k]}: {n}" for n in said)
        try:
            written.append(_written(path, write_new(path, data, overwrite), notes))
        except OSError as error:
            if part == fallback or not is_name_refused(error):
                raise
            path = base.with_name(f"{base.stem}-{fallback}{base.suffix}")
            written.append(_written(path, write_new(path, data, overwrite), notes))
        natural = name_part(names[k], ascii_only) or f"athlete-{k + 1}"
        other = next((j for j in range(k) if part != natural and _same(parts[j], natural)), None)
        if other is not None:  # numbered because an earlier athlete's name came out the same: say whose is whose
            written[-1] = replace(written[-1], athlete=names[k], shared=(names[other], written[other].path.name))
    return written


def _same(part: str, other: str) -> bool:
    """Two name parts a case-insensitive, normalising file system (macOS, Windows) takes for one."""
    return unicodedata.normalize("NFD", part).casefold() == unicodedata.normalize("NFD", other).casefold()


def _written(asked: Path, path: Path, notes: tuple[str, ...] = ()) -> Written:
    return Written(path, asked if path != asked else None, notes=notes)
