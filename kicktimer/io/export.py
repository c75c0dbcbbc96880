"""Exports of a reviewed recording: CSV and JSON (every split), TCX and FIT (an activity per athlete, laps per rep).

Everything is derived from the recording (corrections included), so an export can always be made again.
"""

from __future__ import annotations

import csv
import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from kicktimer import __version__
from kicktimer.core.review.analysis import AthleteReview, Review
from kicktimer.core.review.laps import athlete_laps
from kicktimer.core.review.stats import kick_s
from kicktimer.io.recordings import Opened

Format = Literal["csv", "json", "tcx", "fit"]
FORMATS: tuple[Format, ...] = ("csv", "json", "tcx", "fit")
CSV_COLUMNS = ("athlete", "block", "block_title", "rep", "where", "segment", "label", "kind", "distance_m",
               "target_s", "actual_s", "delta_s", "wall_time", "event")  # fmt: skip
TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def split_records(result: Review, athletes: list[AthleteReview]) -> list[dict[str, Any]]:
    """One record per split (finish, lap, or a timed segment by the clock), in CSV_COLUMNS order."""
    titles = result.plan.block_titles
    return [
        {
            "athlete": s.athlete,
            "block": s.block + 1,
            "block_title": titles[s.block] or "",
            "rep": s.rep,
            "where": s.where,
            "segment": s.segment,
            "label": s.label,
            "kind": s.kind,
            "distance_m": s.distance_m,
            "target_s": _seconds(s.target_s),
            "actual_s": _seconds(s.actual_s),
            "delta_s": _seconds(s.delta_s),
            "wall_time": result.wall(s.t_ns).isoformat(timespec="milliseconds"),
            "event": s.event,
        }
        for athlete in athletes
        for s in athlete.splits
    ]


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
        "wall_start": opened.recording.header.wall_start, "finished": result.finished, "status": result.status,
        "started_at": result.started_at,  # null, or the block or rep it started at: the steps before did not run
        "athletes": [_athlete_json(a) for a in athletes], "splits": split_records(result, athletes),
    }  # fmt: skip


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def write_tcx(opened: Opened, athlete: AthleteReview, path: Path) -> None:
    result = opened.review
    ET.register_namespace("", TCX_NS)
    root = ET.Element(f"{{{TCX_NS}}}TrainingCenterDatabase")
    activity = ET.SubElement(ET.SubElement(root, f"{{{TCX_NS}}}Activities"), f"{{{TCX_NS}}}Activity", Sport="Running")
    laps = athlete_laps(result, athlete.index)
    ET.SubElement(activity, f"{{{TCX_NS}}}Id").text = _utc(result.wall(result.timeline.start_ns))
    total_m = 0.0
    for lap in laps:
        element = ET.SubElement(activity, f"{{{TCX_NS}}}Lap", StartTime=_utc(result.wall(lap.start_t_ns)))
        for tag, text in (("TotalTimeSeconds", f"{lap.timer_s:.3f}"), ("DistanceMeters", f"{lap.distance_m:.1f}"),
                          ("Calories", "0"), ("Intensity", "Active" if lap.active else "Resting"),
                          ("TriggerMethod", "Manual")):  # fmt: skip
            ET.SubElement(element, f"{{{TCX_NS}}}{tag}").text = text
        track = ET.SubElement(element, f"{{{TCX_NS}}}Track")
        for t_ns, metres in lap.points:
            point = ET.SubElement(track, f"{{{TCX_NS}}}Trackpoint")
            ET.SubElement(point, f"{{{TCX_NS}}}Time").text = _utc(result.wall(t_ns))
            ET.SubElement(point, f"{{{TCX_NS}}}DistanceMeters").text = f"{total_m + metres:.1f}"
        total_m += lap.distance_m
        ET.SubElement(element, f"{{{TCX_NS}}}Notes").text = lap.label
    ET.SubElement(activity, f"{{{TCX_NS}}}Notes").text = f"{opened.session.name} · {athlete.name} · kicktimer"
    ET.indent(root)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "athlete"


def export(opened: Opened, fmt: Format, output: Path | None = None, athlete: str | None = None) -> list[Path]:
    """Write the export; returns the files written. TCX and FIT make one file per athlete, the athlete's name
    added to the file name unless `output` names the file of one athlete. Raises ValueError for an athlete
    not in the recording, OSError when the file cannot be written."""
    athletes = list(opened.review.athletes)
    if athlete is not None:
        athletes = [a for a in athletes if a.name.casefold() == athlete.casefold()]
        if not athletes:
            names = ", ".join(a.name for a in opened.review.athletes)
            raise ValueError(f'no athlete "{athlete}" in this recording (it has {names})')
    stem = opened.recording.path.name.removesuffix(".kick.jsonl")
    base = output or Path(f"{stem}.{fmt}")
    if fmt == "csv":
        with base.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, CSV_COLUMNS)
            writer.writeheader()
            writer.writerows(split_records(opened.review, athletes))
        return [base]
    if fmt == "json":
        base.write_text(json.dumps(to_json(opened, athletes), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return [base]
    written = []
    for one in athletes:
        named = output is not None and len(athletes) == 1  # a file named for one athlete is used as it is
        path = base if named else base.with_name(f"{base.stem}-{_slug(one.name)}{base.suffix}")
        if fmt == "tcx":
            write_tcx(opened, one, path)
        else:
            from kicktimer.io.fit_export import write_fit  # fit-tool takes ~0.15 s to import: only when asked

            write_fit(opened.review, one.index, path, opened.session.name)
        written.append(path)
    return written
