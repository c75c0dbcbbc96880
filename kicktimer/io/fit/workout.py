"""FIT workout files (file type workout: `workout` + `workout_step`), written for one athlete and read back.

A distance step has the athlete's target as a speed range around it (`custom_target_speed_low/high`, the target
in the middle), a time step runs by the clock, an open step ends at the lap button; recoveries are rest steps;
repeats are `repeat_until_steps_cmplt` steps, nested as the plan nests them. A later segment of a joined rep is
named `+ 100m bound`: a gear change, not a new rep. A hold before a block is an open rest step whose note says
to press lap; every other step's note is its block's title.
"""

from __future__ import annotations

import zlib
from pathlib import Path

from fit_tool.data_message import DataMessage
from fit_tool.fit_file import FitFile
from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    FileType,
    Intensity,
    Manufacturer,
    Sport,
    SubSport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from kicktimer.core.language.intensity import Intensity as Level
from kicktimer.core.language.watch import StepEnd, WatchItem, WatchRepeat, WatchStep
from kicktimer.io.fit.text import fit_text, set_fields
from kicktimer.io.source_file import NotAFileError, read_at_most
from kicktimer.io.yaml_source import SourceError

HOLD_NOTE = "Press lap to start"
MAX_WORKOUT_BYTES = 1_000_000  # a workout of 10,000 steps is ~300 kB
SPEED_TOLERANCE = 0.025  # the range is the target speed ±2.5% (32.0 s for 200 m: 31.2-32.8 s)
TO_FIT = {"warmup": Intensity.WARMUP, "active": Intensity.ACTIVE, "rest": Intensity.REST,
          "cooldown": Intensity.COOLDOWN}  # fmt: skip
FROM_FIT: dict[int, Level] = {Intensity.WARMUP.value: "warmup", Intensity.COOLDOWN.value: "cooldown",
                              Intensity.REST.value: "rest", Intensity.RECOVERY.value: "rest"}  # fmt: skip


class WorkoutFileError(ValueError):
    """A file that is not a FIT workout kicktimer can read; the message names the file and what it is."""


def _step(step: WatchStep, index: int, left_out: list[str]) -> WorkoutStepMessage:
    message = WorkoutStepMessage()
    name = f"+ {step.name}" if step.joined else step.name
    fields = set_fields(message, message_index=index, workout_step_name=fit_text(name),
                        intensity=TO_FIT[step.intensity],
                        notes=fit_text(HOLD_NOTE if step.is_hold else step.note) or None)  # fmt: skip
    if step.ends == "distance" and step.distance_m:
        fields += set_fields(message, duration_type=WorkoutStepDuration.DISTANCE, duration_distance=step.distance_m)
    elif step.ends == "time" and step.duration_s:
        fields += set_fields(message, duration_type=WorkoutStepDuration.TIME, duration_time=step.duration_s)
    else:
        fields += set_fields(message, duration_type=WorkoutStepDuration.OPEN, duration_value=0)
    speed = step.speed_m_s[0] if step.speed_m_s else None
    target: list[str] = []
    if speed and step.phase == "work":
        target = set_fields(message, target_type=WorkoutStepTarget.SPEED, target_value=0,
                            custom_target_speed_low=speed * (1 - SPEED_TOLERANCE),
                            custom_target_speed_high=speed * (1 + SPEED_TOLERANCE))  # fmt: skip
    if not speed or step.phase != "work" or target:  # no target, or one no FIT speed reaches: an open step
        message.custom_target_speed_low = message.custom_target_speed_high = None
        fields += set_fields(message, target_type=WorkoutStepTarget.OPEN, target_value=0)
    if fields or target:
        what = ", ".join([*fields, *(["its target speed"] if target else [])])
        left_out.append(f"step {index + 1} ({name}): {what} beyond what a FIT workout can hold; left out")
    return message


def _messages(items: list[WatchItem] | tuple[WatchItem, ...], out: list[DataMessage], left_out: list[str]) -> None:
    for item in items:
        if isinstance(item, WatchStep):
            out.append(_step(item, len(out), left_out))
            continue
        first = len(out)
        _messages(item.body, out, left_out)
        repeat = WorkoutStepMessage()
        fields = set_fields(repeat, message_index=len(out), duration_type=WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT,
                            duration_step=first, target_type=WorkoutStepTarget.OPEN,
                            target_repeat_steps=item.count)  # fmt: skip
        if fields:
            left_out.append(f"step {len(out) + 1} (repeat {item.count}x): {', '.join(fields)} beyond what a FIT "
                            "workout can hold; left out")  # fmt: skip
        out.append(repeat)


def workout_bytes(name: str, items: list[WatchItem], on_track: bool, created_ms: int) -> tuple[bytes, list[str]]:
    """One athlete's workout (each step's `speed_m_s` holds that athlete's target) as a FIT workout file, and
    what it could not hold (a target faster than a FIT speed goes: that step has no target)."""
    steps: list[DataMessage] = []
    left_out: list[str] = []
    _messages(items, steps, left_out)
    file_id = FileIdMessage()
    set_fields(file_id, type=FileType.WORKOUT, manufacturer=Manufacturer.DEVELOPMENT.value, product=0,
               serial_number=zlib.crc32(name.encode()) or 1, time_created=created_ms,
               product_name="kicktimer")  # fmt: skip
    workout = WorkoutMessage()
    set_fields(workout, workout_name=fit_text(name, 60), sport=Sport.RUNNING,
               sub_sport=SubSport.TRACK if on_track else SubSport.GENERIC, num_valid_steps=len(steps))  # fmt: skip
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add_all([file_id, workout, *steps])
    return bytes(builder.build().to_bytes()), left_out


def _spoken(name: str) -> str:
    """`HR_LESS_THAN` → `heart rate less than`."""
    return " ".join({"hr": "heart rate", "cmplt": "complete"}.get(w, w) for w in name.lower().split("_"))


def _ends(kind: int | None, path: Path, index: int, notes: list[str]) -> StepEnd:
    if kind == WorkoutStepDuration.DISTANCE.value:
        return "distance"
    if kind == WorkoutStepDuration.TIME.value:
        return "time"
    if kind not in (WorkoutStepDuration.OPEN.value, None):
        notes.append(f"{path.name}: step {index + 1} ends on something kicktimer does not time "
                     f"({_spoken(WorkoutStepDuration(kind).name)}); it ends on a tap here")  # fmt: skip
    return "open"


def _watch_step(message: WorkoutStepMessage, path: Path, index: int, notes: list[str]) -> WatchStep:
    name = (message.workout_step_name or "").strip()
    note = (message.notes or "").strip()
    level = FROM_FIT.get(int(message.intensity) if message.intensity is not None else -1, "active")
    ends = _ends(message.duration_type, path, index, notes)
    hold = ends == "open" and note == HOLD_NOTE
    phase = "hold" if hold else "recovery" if level == "rest" else "work"
    speed = None
    if message.target_type == WorkoutStepTarget.SPEED.value:
        low, high = message.custom_target_speed_low, message.custom_target_speed_high
        speed = (low + high) / 2 if low and high else None
        if speed is None:
            notes.append(f"{path.name}: step {index + 1} has a speed zone, not a speed: its target is left out")
    distance = message.duration_distance if ends == "distance" else None
    duration = message.duration_time if ends == "time" else None
    kind = "hold" if hold else "distance" if distance else "duration" if duration else "open"
    return WatchStep(ends, name.removeprefix("+ ") if name else "", level, phase, kind, distance, duration,  # type: ignore[arg-type]
                     (speed,), None, name.startswith("+ "), 0, "" if hold else note)  # fmt: skip


def read_workout(path: Path) -> tuple[str, list[WatchItem], list[str]]:
    """(workout name, steps and repeats, notes on what could not be kept) of a FIT workout file; raises
    WorkoutFileError when the file is not one."""
    try:
        data = read_at_most(path, MAX_WORKOUT_BYTES, "a FIT workout")
    except FileNotFoundError:
        raise WorkoutFileError(f"{path}: no such file") from None
    except (NotAFileError, SourceError) as error:
        raise WorkoutFileError(f"{path}: {error}") from None
    except OSError as error:
        raise WorkoutFileError(f"{path}: cannot read this file: {error.strerror or error}") from None
    try:
        fit = FitFile.from_bytes(data)
    except Exception as error:  # fit-tool raises many kinds for a file that is not FIT
        raise WorkoutFileError(f"{path}: not a FIT file that can be read ({error})") from None
    messages = [record.message for record in fit.records]
    kinds = [m.type for m in messages if isinstance(m, FileIdMessage)]
    if kinds and kinds[0] != FileType.WORKOUT.value:
        raise WorkoutFileError(f"{path}: a FIT {FileType(kinds[0]).name.lower()} file, not a workout; "
                               "import reads workout files (from kicktimer export-plan or Garmin Connect)")  # fmt: skip
    steps = sorted((m for m in messages if isinstance(m, WorkoutStepMessage)), key=lambda m: m.message_index or 0)
    if not steps:
        raise WorkoutFileError(f"{path}: this FIT file has no workout steps")
    names = [m.workout_name for m in messages if isinstance(m, WorkoutMessage)]
    notes: list[str] = []
    built: list[tuple[int, WatchItem]] = []  # (first FIT step it covers, item)
    for index, message in enumerate(steps):
        if message.duration_type == WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT.value:
            first = message.duration_step or 0
            body = [item for start, item in built if start >= first]
            built = [(start, item) for start, item in built if start < first]
            if not body:
                raise WorkoutFileError(f"{path}: step {index + 1} repeats steps that are not before it")
            built.append((first, WatchRepeat(max(1, message.target_repeat_steps or 1), tuple(body))))
        else:
            built.append((index, _watch_step(message, path, index, notes)))
    return (names[0] if names and names[0] else path.stem), [item for _, item in built], notes
