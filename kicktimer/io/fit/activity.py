"""A FIT activity file for one athlete: a record at each lap start, gear change and lap end, a lap per rep (or per
stretch between lap taps) and per rest between reps, timer stop/start events around pauses, one session, one
activity. Every message with a timestamp is written in time order, as a watch writes them.

FIT timestamps are whole seconds (lap, record and event messages have no millisecond field); durations and
speeds keep milliseconds. Each timestamp is the true instant (the start's fraction included) rounded to the
nearest second, so laps still tile exactly. Lap names go in a `workout_step` per lap (`lap.wkt_step_index`),
the one place FIT gives a lap a name that Garmin Connect shows.
"""

from __future__ import annotations

import zlib

from fit_tool.data_message import DataMessage
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.device_info_message import DeviceInfoMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    Activity,
    Event,
    EventType,
    FileType,
    Intensity,
    LapTrigger,
    Manufacturer,
    SessionTrigger,
    Sport,
    SubSport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from kicktimer import __version__
from kicktimer.core.language.intensity import on_track
from kicktimer.core.review.analysis import Review
from kicktimer.io.activity_laps import ActivityLap, ActivityLaps, activity_laps
from kicktimer.io.fit.text import fit_text, set_fields

FIT_EPOCH_UNIX_S = 631_065_600  # 1989-12-31T00:00:00Z
INTENSITY = {"warmup": Intensity.WARMUP, "active": Intensity.ACTIVE, "rest": Intensity.REST,
             "cooldown": Intensity.COOLDOWN}  # fmt: skip
# Messages at the same second: a timer start first, then records, the lap they close, then a timer stop.
_START, _RECORD, _LAP, _STOP = range(4)


class _LeftOut:
    """The FIT fields that could not hold their value, by where they are: said once per place."""

    def __init__(self) -> None:
        self.notes: list[str] = []

    def add(self, where: str, fields: list[str]) -> None:
        if fields:
            self.notes.append(f"{where}: {', '.join(fields)} beyond what a FIT file can hold; left out")


def _timer_event(ms: int, kind: EventType, left_out: _LeftOut) -> EventMessage:
    message = EventMessage()
    left_out.add("a timer start or stop", set_fields(message, event=Event.TIMER, event_type=kind, timestamp=ms))
    return message


def _speeds(lap: ActivityLap) -> dict[str, float | None]:
    return {"avg_speed": lap.avg_speed_m_s, "enhanced_avg_speed": lap.avg_speed_m_s,
            "max_speed": lap.max_speed_m_s, "enhanced_max_speed": lap.max_speed_m_s}  # fmt: skip


def _lap_message(index: int, one: ActivityLap, span_ms: tuple[int, int], sub_sport: SubSport,
                 left_out: _LeftOut) -> LapMessage:  # fmt: skip
    message, lap = LapMessage(), one.lap
    left_out.add(f"lap {index + 1} ({lap.name})", set_fields(
        message, message_index=index, event=Event.LAP, event_type=EventType.STOP, start_time=span_ms[0],
        timestamp=span_ms[1], total_elapsed_time=lap.elapsed_s, total_timer_time=lap.timer_s,
        total_distance=lap.distance_m, intensity=INTENSITY[lap.intensity], lap_trigger=LapTrigger.MANUAL,
        sport=Sport.RUNNING, sub_sport=sub_sport, workout_step_index=index, **_speeds(one)))  # fmt: skip
    return message


def _named_steps(session_name: str, laps: ActivityLaps, left_out: _LeftOut) -> list[DataMessage]:
    workout = WorkoutMessage()
    left_out.add("the lap names", set_fields(workout, workout_name=fit_text(session_name), sport=Sport.RUNNING,
                                             num_valid_steps=len(laps.laps)))  # fmt: skip
    steps: list[DataMessage] = [workout]
    for index, one in enumerate(laps.laps):
        step = WorkoutStepMessage()
        left_out.add(f"lap {index + 1}'s name", set_fields(
            step, message_index=index, workout_step_name=fit_text(one.lap.name),
            intensity=INTENSITY[one.lap.intensity], duration_type=WorkoutStepDuration.OPEN,
            target_type=WorkoutStepTarget.OPEN))  # fmt: skip
        steps.append(step)
    return steps


def _header(session_name: str, start_ms: int, athlete: int, left_out: _LeftOut) -> list[DataMessage]:
    serial = zlib.crc32(f"{session_name}|{start_ms}|{athlete}".encode()) or 1  # stable per export
    maker = {"manufacturer": Manufacturer.DEVELOPMENT.value, "product": 0, "serial_number": serial,
             "product_name": "kicktimer"}  # fmt: skip
    file_id = FileIdMessage()
    left_out.add("the file's header", set_fields(file_id, type=FileType.ACTIVITY, time_created=start_ms, **maker))
    major, minor = [*__version__.split("."), "0"][:2]
    device = DeviceInfoMessage()
    version = float(f"{major}.{minor[:2]}")
    left_out.add("the file's header", set_fields(device, timestamp=start_ms, device_index=0, software_version=version,
                                                 **maker))  # fmt: skip
    return [file_id, device]


def activity_bytes(result: Review, athlete: int, session_name: str) -> tuple[bytes, list[str]]:
    """The athlete's activity as a FIT file, and what could not be written in it (a lap's impossible speed…)."""

    def ms(t_ns: int) -> int:  # fit-tool takes milliseconds since the Unix epoch; FIT keeps whole seconds
        return round(result.wall(t_ns).timestamp()) * 1000

    found = activity_laps(result, athlete)
    laps = [one.lap for one in found.laps]
    left_out = _LeftOut()
    timeline = result.timeline
    start_ms = ms(timeline.start_ns)
    end_ms = ms(laps[-1].end_t_ns) if laps else start_ms
    sub_sport = SubSport.TRACK if on_track(result.plan) else SubSport.GENERIC
    timed: list[tuple[int, int, DataMessage]] = [(start_ms, _START, _timer_event(start_ms, EventType.START, left_out))]
    for stop, resume in zip(timeline.stop_ns, timeline.t0_ns[1:], strict=False):
        if stop is not None and start_ms <= ms(stop) < end_ms:  # taps are refused while paused: between points
            timed.append((ms(stop), _STOP, _timer_event(ms(stop), EventType.STOP_ALL, left_out)))
            timed.append((ms(resume), _START, _timer_event(ms(resume), EventType.START, left_out)))
    distance_m = 0.0
    for index, one in enumerate(found.laps):
        lap = one.lap
        for t_ns, metres in lap.points:
            record = RecordMessage()
            left_out.add(f"lap {index + 1}'s track point", set_fields(record, timestamp=ms(t_ns),
                                                                       distance=distance_m + metres))  # fmt: skip
            timed.append((ms(t_ns), _RECORD, record))
        span = (ms(lap.start_t_ns), ms(lap.end_t_ns))
        timed.append((span[1], _LAP, _lap_message(index, one, span, sub_sport, left_out)))
        distance_m += lap.distance_m or 0.0
    timed.append((end_ms, _STOP, _timer_event(end_ms, EventType.STOP_ALL, left_out)))
    timed.sort(key=lambda item: (item[0], item[1]))  # stable: records keep their order within a second
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add_all([*_header(session_name, start_ms, athlete, left_out), *_named_steps(session_name, found, left_out)])
    builder.add_all([message for _, _, message in timed])
    builder.add_all(_summary(result, found, (start_ms, end_ms), sub_sport, left_out))
    return bytes(builder.build().to_bytes()), [*found.notes, *dict.fromkeys(left_out.notes)]


def _summary(result: Review, found: ActivityLaps, span_ms: tuple[int, int], sub_sport: SubSport,
             left_out: _LeftOut) -> list[DataMessage]:  # fmt: skip
    start_ms, end_ms = span_ms
    laps = [one.lap for one in found.laps]
    timer_s = sum(lap.timer_s for lap in laps)
    known = [lap.distance_m for lap in laps if lap.distance_m is not None]
    distance_m = sum(known) if known else None
    avg, fastest = found.avg_speed_m_s, found.max_speed_m_s
    session = SessionMessage()
    left_out.add("the session summary", set_fields(
        session, message_index=0, event=Event.SESSION, event_type=EventType.STOP,
        trigger=SessionTrigger.ACTIVITY_END, start_time=start_ms, timestamp=end_ms,
        total_elapsed_time=(end_ms - start_ms) / 1000, total_timer_time=timer_s, total_distance=distance_m,
        avg_speed=avg, enhanced_avg_speed=avg, max_speed=fastest, enhanced_max_speed=fastest,
        sport=Sport.RUNNING, sub_sport=sub_sport, first_lap_index=0, num_laps=len(laps)))  # fmt: skip
    offset = result.wall_start.utcoffset()
    local_s = end_ms // 1000 + (round(offset.total_seconds()) if offset else 0)
    activity = ActivityMessage()
    left_out.add("the activity summary", set_fields(
        activity, timestamp=end_ms, local_timestamp=local_s - FIT_EPOCH_UNIX_S, total_timer_time=timer_s,
        num_sessions=1, type=Activity.MANUAL, event=Event.ACTIVITY, event_type=EventType.STOP))  # fmt: skip
    return [session, activity]
