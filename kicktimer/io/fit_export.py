"""A FIT activity file for one athlete (fit-tool): a record at each lap start and gear change, a lap per rep and
per rest between reps, timer stop/start events around pauses, one session, one activity."""

from __future__ import annotations

import zlib
from collections.abc import Callable
from pathlib import Path

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.activity_message import ActivityMessage
from fit_tool.profile.messages.event_message import EventMessage
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.lap_message import LapMessage
from fit_tool.profile.messages.record_message import RecordMessage
from fit_tool.profile.messages.session_message import SessionMessage
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
)

from kicktimer.core.review.analysis import Review
from kicktimer.core.review.laps import Lap, athlete_laps


def _timer_event(ms: int, kind: EventType) -> EventMessage:
    message = EventMessage()
    message.event = Event.TIMER
    message.event_type = kind
    message.timestamp = ms
    return message


def _lap_message(index: int, lap: Lap, ms: Callable[[int], int]) -> LapMessage:
    message = LapMessage()
    message.message_index = index
    message.event = Event.LAP
    message.event_type = EventType.STOP
    message.start_time = ms(lap.start_t_ns)
    message.timestamp = ms(lap.end_t_ns)
    message.total_elapsed_time = lap.elapsed_s
    message.total_timer_time = lap.timer_s
    message.total_distance = lap.distance_m
    message.intensity = Intensity.ACTIVE if lap.active else Intensity.REST
    message.lap_trigger = LapTrigger.MANUAL
    message.sport = Sport.RUNNING
    message.sub_sport = SubSport.TRACK
    return message


def write_fit(result: Review, athlete: int, path: Path, session_name: str) -> None:
    def ms(t_ns: int) -> int:  # fit-tool takes milliseconds since the Unix epoch
        return round(result.wall(t_ns).timestamp() * 1000)

    laps = athlete_laps(result, athlete)
    timeline = result.timeline
    start_ms = ms(timeline.start_ns)
    end_ms = ms(laps[-1].end_t_ns) if laps else start_ms
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    file_id = FileIdMessage()
    file_id.type = FileType.ACTIVITY
    file_id.manufacturer = Manufacturer.DEVELOPMENT.value
    file_id.product = 0
    file_id.serial_number = zlib.crc32(f"{session_name}|{start_ms}|{athlete}".encode()) or 1  # stable per export
    file_id.time_created = start_ms
    builder.add(file_id)
    builder.add(_timer_event(start_ms, EventType.START))
    pauses = [(ms(stop), ms(t0)) for stop, t0 in zip(timeline.stop_ns, timeline.t0_ns[1:], strict=False) if stop]
    distance_m, timer_s = 0.0, 0.0
    for index, lap in enumerate(laps):
        for stop_ms, resume_ms in pauses:  # pauses fall between laps' points: taps are refused while paused
            if ms(lap.start_t_ns) <= stop_ms < ms(lap.end_t_ns):
                builder.add(_timer_event(stop_ms, EventType.STOP_ALL))
                builder.add(_timer_event(resume_ms, EventType.START))
        for t_ns, metres in lap.points:
            record = RecordMessage()
            record.timestamp = ms(t_ns)
            record.distance = distance_m + metres
            builder.add(record)
        builder.add(_lap_message(index, lap, ms))
        distance_m += lap.distance_m
        timer_s += lap.timer_s
    builder.add(_timer_event(end_ms, EventType.STOP_ALL))
    session = SessionMessage()
    session.message_index = 0
    session.event = Event.SESSION
    session.event_type = EventType.STOP
    session.trigger = SessionTrigger.ACTIVITY_END
    session.start_time = start_ms
    session.timestamp = end_ms
    session.total_elapsed_time = (end_ms - start_ms) / 1000
    session.total_timer_time = timer_s
    session.total_distance = distance_m
    session.sport = Sport.RUNNING
    session.sub_sport = SubSport.TRACK
    session.first_lap_index = 0
    session.num_laps = len(laps)
    builder.add(session)
    activity = ActivityMessage()
    activity.timestamp = end_ms
    activity.total_timer_time = timer_s
    activity.num_sessions = 1
    activity.type = Activity.MANUAL
    activity.event = Event.ACTIVITY
    activity.event_type = EventType.STOP
    builder.add(activity)
    path.write_bytes(builder.build().to_bytes())
