"""A session's plan for each athlete's watch or training log: a FIT workout file (`fit`) or intervals.icu
workout text (`icu`) per athlete, with that athlete's targets; and a FIT workout read back into a session file."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path
from typing import Literal

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

from kicktimer.core.language.intensity import on_track
from kicktimer.core.language.notation import parse_workout
from kicktimer.core.language.roster import name_key
from kicktimer.core.language.watch import WatchItem, for_athlete, watch_workout, within_limit
from kicktimer.core.language.watch_notation import to_lines
from kicktimer.io.export import Written, output_place, write_per_athlete
from kicktimer.io.file_names import name_part, write_new
from kicktimer.io.icu import icu_text
from kicktimer.io.session_file import SESSION_SUFFIX, Session, SessionFileError, parse_session

PlanFormat = Literal["fit", "icu"]
PLAN_FORMATS: tuple[PlanFormat, ...] = ("fit", "icu")
MAX_STEPS = 50  # steps per workout most Garmin watches take (repeat steps count); older ones take fewer


@dataclass(frozen=True)
class PlanExport:
    written: list[Written]
    notes: list[str] = field(default_factory=list)  # what was done to fit a watch, said to the coach


def _athletes(session: Session, athlete: str | None) -> list[int]:
    names = [a.name for a in session.plan.athletes]
    if athlete is None:
        return list(range(len(names)))
    chosen = [k for k, name in enumerate(names) if name_key(name) == name_key(athlete)]
    if not chosen:
        raise ValueError(f'no athlete "{athlete}" in {session.name} (it has {", ".join(names)})')
    return chosen


def _fit_parts(session: Session, items: list[WatchItem], name: str, max_steps: int) -> tuple[list[bytes], list[str]]:
    from kicktimer.io.fit.workout import workout_bytes  # fit-tool only when a FIT file is asked for

    parts, notes = within_limit(items, max_steps)
    created_ms = round(time.time()) * 1000
    titles = [name if len(parts) == 1 else f"{name} ({k + 1}/{len(parts)})" for k in range(len(parts))]
    files = [workout_bytes(t, p, on_track(session.plan), created_ms) for t, p in zip(titles, parts, strict=True)]
    return [data for data, _ in files], notes + [note for _, said in files for note in said]


def export_plan(
    session: Session,
    fmt: PlanFormat,
    output: Path | None = None,
    athlete: str | None = None,
    overwrite: bool = False,
    max_steps: int = MAX_STEPS,
    ascii_names: bool = False,
) -> PlanExport:
    """Write the plan for each athlete (or one); `output` is a folder, or the file of one athlete (for several,
    the name their files are made from). FIT files are named `session-athlete.fit` (`-1`, `-2` for the parts of
    a plan too long for one workout), in ASCII when asked (a watch's folder). Raises ValueError for an unknown
    athlete, OSError when a file cannot be written."""
    chosen = _athletes(session, athlete)
    tree = watch_workout(session.plan, parse_workout(session.workout))
    suffix = ".fit" if fmt == "fit" else ".txt"
    base, named = output_place(output, f"{name_part(session.name, ascii_only=True) or 'session'}{suffix}")
    labels: list[str] = []
    blobs: list[bytes] = []
    notes: list[str] = []
    for k in chosen:
        name = session.plan.athletes[k].name
        items = for_athlete(tree, k)
        if fmt == "icu":
            parts = [icu_text(items).encode("utf-8")]
        else:
            parts, said = _fit_parts(session, items, f"{session.name} - {name}", max_steps)
            notes += [f"{name}: {n}" for n in said]
        labels += [name if len(parts) == 1 else f"{name} {number}" for number in range(1, len(parts) + 1)]
        blobs += parts
    if named and len(blobs) == 1:
        return PlanExport([_one(base, blobs[0], overwrite)], notes)
    if not base.suffix:
        base = base.with_name(f"{base.name}{suffix}")
    return PlanExport(write_per_athlete(base, labels, [_given(b) for b in blobs], overwrite, ascii_names), notes)


def _given(data: bytes) -> Callable[[], tuple[bytes, list[str]]]:
    return lambda: (data, [])


def _one(path: Path, data: bytes, overwrite: bool) -> Written:
    done = write_new(path, data, overwrite)
    return Written(done, path if done != path else None)


def import_workout(path: Path, output: Path | None = None, overwrite: bool = False) -> PlanExport:
    """A FIT workout as a `*.session.yaml` in kicktimer's notation; raises ValueError (WorkoutFileError) for a
    file that is not a workout, OSError when the session file cannot be written."""
    from kicktimer.io.fit.workout import read_workout

    name, items, notes = read_workout(path)
    workout = "".join(f"{line}\n" for line in to_lines(items))
    data = {"name": name, "about": f"Imported from {path.name}; targets are one athlete's, as absolute times.",
            "workout": LiteralScalarString(workout)}  # fmt: skip
    yaml = YAML(typ="rt")
    yaml.width = 4096
    buffer = StringIO()
    yaml.dump(data, buffer)
    text = buffer.getvalue()
    try:
        parse_session(text, f"{path.name} (imported)")
    except SessionFileError as error:  # a workout kicktimer cannot say: never write a file that does not load
        raise ValueError(f"{path}: cannot be written as a session: {error.problems[0]}") from None
    target, _ = output_place(output, f"{name_part(name) or 'workout'}{SESSION_SUFFIX}")
    return PlanExport([_one(target, text.encode("utf-8"), overwrite)], notes)
