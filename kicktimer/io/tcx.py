"""A TCX activity for one athlete (Garmin's TrainingCenterDatabase v2, written with xml.etree): the same laps as
the FIT file, a trackpoint at each lap start, gear change and lap end, with milliseconds."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from kicktimer import __version__
from kicktimer.core.review.analysis import Review
from kicktimer.core.review.laps import Lap
from kicktimer.io.activity_laps import ActivityLap, activity_laps

TCX_NS = "http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"
LX_NS = "http://www.garmin.com/xmlschemas/ActivityExtension/v2"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _tag(name: str) -> str:
    return f"{{{TCX_NS}}}{name}"


def _sub(parent: ET.Element, name: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, _tag(name), attributes)
    if text is not None:
        element.text = text
    return element


def _lap(activity: ET.Element, result: Review, one: ActivityLap, total_m: float) -> None:
    lap = one.lap
    element = _sub(activity, "Lap", StartTime=_utc(result.wall(lap.start_t_ns)))
    _sub(element, "TotalTimeSeconds", f"{lap.timer_s:.3f}")
    _sub(element, "DistanceMeters", f"{lap.distance_m or 0.0:.1f}")  # required by the schema, even when unknown
    if one.max_speed_m_s is not None:
        _sub(element, "MaximumSpeed", f"{one.max_speed_m_s:.3f}")
    _sub(element, "Calories", "0")
    _sub(element, "Intensity", "Resting" if lap.intensity == "rest" else "Active")
    _sub(element, "TriggerMethod", "Manual")
    track = _sub(element, "Track")
    for t_ns, metres in lap.points:
        point = _sub(track, "Trackpoint")
        _sub(point, "Time", _utc(result.wall(t_ns)))
        _sub(point, "DistanceMeters", f"{total_m + metres:.1f}")
    _sub(element, "Notes", lap.name)
    if one.avg_speed_m_s is not None:
        extension = ET.SubElement(_sub(element, "Extensions"), f"{{{LX_NS}}}LX")
        ET.SubElement(extension, f"{{{LX_NS}}}AvgSpeed").text = f"{one.avg_speed_m_s:.3f}"


def tcx_bytes(result: Review, athlete: int, session_name: str) -> tuple[bytes, list[str]]:
    """The athlete's activity as TCX, and what was left out of it (a lap's impossible speed)."""
    ET.register_namespace("", TCX_NS)
    ET.register_namespace("lx", LX_NS)
    ET.register_namespace("xsi", XSI_NS)
    root = ET.Element(_tag("TrainingCenterDatabase"))
    activity = _sub(_sub(root, "Activities"), "Activity", Sport="Running")
    _sub(activity, "Id", _utc(result.wall(result.timeline.start_ns)))
    found = activity_laps(result, athlete)
    laps = found.laps
    if not laps:  # the schema wants a lap: an empty one at the start
        start = result.timeline.start_ns
        laps = [ActivityLap(Lap(start, start, 0.0, None, "rest", False, "No splits", ((start, 0.0),)), None, None)]
    total_m = 0.0
    for one in laps:
        _lap(activity, result, one, total_m)
        total_m += one.lap.distance_m or 0.0
    _sub(activity, "Notes", f"{session_name} · {result.athletes[athlete].name} · kicktimer")
    creator = _sub(activity, "Creator", **{f"{{{XSI_NS}}}type": "Device_t"})
    _sub(creator, "Name", "kicktimer")
    _sub(creator, "UnitId", "0")
    _sub(creator, "ProductID", "0")
    version = _sub(creator, "Version")
    numbers = [*(int(n) if n.isdigit() else 0 for n in __version__.split(".")[:2]), 0][:2]
    _sub(version, "VersionMajor", str(numbers[0]))
    _sub(version, "VersionMinor", str(numbers[1]))
    ET.indent(root)
    data: bytes = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return data + b"\n", found.notes
