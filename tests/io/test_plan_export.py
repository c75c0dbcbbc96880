"""The plan on every athlete's watch and in their training log, and back: every library session as a FIT workout
per athlete (decoded and run step by step by Garmin's FIT SDK, not by kicktimer), as intervals.icu text (read
by the syntax intervals.icu documents), and imported back into a session that plans the same steps."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from kicktimer.core.language.plan import Plan, PlanStep
from kicktimer.io.plan_export import export_plan, import_workout
from kicktimer.io.session_file import Session, load_session, parse_session, with_athletes
from tests.conftest import SESSIONS, library_files
from tests.io.consumers import garmin_messages
from tests.support.watch import on_a_watch, read_back_label

SCRIPTS = ("Zoë", "李娜", "Дмитрий", "فاطمة", "सीता")


def run_on_watch(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The steps in the order a watch runs them: a repeat step sends it back to its first step until done."""
    done, counters, pc = [], {}, 0
    while pc < len(steps):
        step = steps[pc]
        if step["duration_type"] != "repeat_until_steps_cmplt":
            done.append(step)
            pc += 1
            continue
        first, times = step["duration_step"], step["repeat_steps"]
        passes = counters.get(pc, 1)
        if passes < times:
            counters = {k: v for k, v in counters.items() if not first <= k < pc}  # inner repeats start again
            counters[pc] = passes + 1
            pc = first
        else:
            counters.pop(pc, None)
            pc += 1
    return done


def expected(step: PlanStep, athlete: int) -> tuple[str, float | None]:
    if step.phase == "hold":
        return ("open", None)
    if step.kind == "distance" and step.distance_m is not None:
        return ("distance", round(step.distance_m, 2))  # FIT keeps centimetres
    if step.kind == "duration":
        return ("time", step.duration_s)
    return ("open", None)


def watch_steps(plan: Plan, folder: Path, session: Session, athlete: int) -> list[dict[str, Any]]:
    (written,) = export_plan(session, "fit", folder / "w.fit", plan.athletes[athlete].name).written
    fit = garmin_messages(written.path)
    assert fit["file_id_mesgs"][0]["type"] == "workout"
    (workout,) = fit["workout_mesgs"]
    steps = sorted(fit["workout_step_mesgs"], key=lambda s: s["message_index"])
    assert workout["num_valid_steps"] == len(steps) and workout["sport"] == "running"
    return steps


def renamed(path: Path) -> Session:
    session = load_session(path)
    roster = tuple(replace(a, name=SCRIPTS[k % 5]) for k, a in enumerate(session.plan.athletes))
    return with_athletes(session, roster)


@pytest.mark.parametrize("session_path", library_files(), ids=lambda p: str(p.relative_to(SESSIONS)))
def test_every_library_session_runs_on_a_watch_step_for_step(session_path: Path, tmp_path: Path) -> None:
    session = renamed(session_path)
    plan = session.plan
    for athlete in range(len(plan.athletes)):
        (tmp_path / str(athlete)).mkdir()
        steps = watch_steps(plan, tmp_path / str(athlete), session, athlete)
        for k, step in enumerate(steps):
            if step["duration_type"] == "repeat_until_steps_cmplt":
                assert step["duration_step"] < k and step["repeat_steps"] >= 1
        ran = run_on_watch(steps)
        wanted = [expected(s, athlete) for s in on_a_watch(plan)[1:]]
        got = [(s["duration_type"], s.get("duration_distance") or s.get("duration_time")) for s in ran]
        assert got == wanted
        for step, planned in zip(ran, on_a_watch(plan)[1:], strict=True):
            target = planned.targets[athlete]
            if target is None or planned.distance_m is None:
                assert step["target_type"] == "open" or planned.expected_m, planned.label
                continue
            speed = planned.distance_m / target.value
            low, high = step["custom_target_speed_low"], step["custom_target_speed_high"]
            assert low < speed < high and (low + high) / 2 == pytest.approx(speed, abs=0.002)
            assert step["intensity"] in ("active", "warmup", "cooldown")
        recoveries = [s for s, p in zip(ran, on_a_watch(plan)[1:], strict=True) if p.phase == "recovery"]
        assert all(s["intensity"] == "rest" for s in recoveries)


def comparable(plan: Plan) -> list[tuple[object, ...]]:
    """What an imported session must plan as the original did on the watch (targets become absolute; labels lose
    them; ranges are what the watch ran)."""
    return [(s.phase, s.kind, s.distance_m, s.duration_s, s.ends, s.segment, s.block, s.where,
             None if s.gear == "race" else s.gear, re.sub(r" @\S+", "", read_back_label(s)).replace("Rest ", "R "))
            for s in on_a_watch(plan)]  # fmt: skip


@pytest.mark.parametrize("session_path", library_files(), ids=lambda p: str(p.relative_to(SESSIONS)))
def test_a_workout_exported_and_imported_is_the_same_session(session_path: Path, tmp_path: Path) -> None:
    session = load_session(session_path)
    athlete = len(session.plan.athletes) - 1
    name = session.plan.athletes[athlete].name
    (fit,) = export_plan(session, "fit", tmp_path / "w.fit", name).written
    (imported,) = import_workout(fit.path, tmp_path / "back.session.yaml").written
    back = load_session(imported.path)
    assert comparable(back.plan) == comparable(session.plan)
    assert back.plan.block_titles == session.plan.block_titles
    for mine, theirs in zip(back.plan.steps, on_a_watch(session.plan), strict=True):
        target, original = mine.targets[0], theirs.targets[athlete]
        assert (target is None) == (original is None), theirs.label
        if target is not None and original is not None:
            assert target.value == pytest.approx(original.value, abs=0.05)
    (again,) = export_plan(back, "fit", tmp_path / "again.fit").written  # and round again: the same steps
    first = garmin_messages(fit.path)["workout_step_mesgs"]
    second = garmin_messages(again.path)["workout_step_mesgs"]
    keys = ("duration_type", "duration_distance", "duration_time", "duration_step", "repeat_steps", "intensity")
    assert [[s.get(k) for k in keys] for s in first] == [[s.get(k) for k in keys] for s in second]


def icu_steps(text: str) -> list[tuple[str, int | None, bool]]:
    """intervals.icu text read by its documented syntax: sections, `Nx` lines (no nesting), `- cue amount`."""
    out: list[tuple[str, int | None, bool]] = []
    repeat: tuple[int, list[tuple[str, int | None, bool]]] | None = None
    for line in [*text.splitlines(), ""]:
        if re.fullmatch(r"\d+x", line):
            assert repeat is None, "intervals.icu has no nested repeats"
            repeat = (int(line[:-1]), [])
            continue
        if not line.startswith("- "):
            if repeat is not None:
                out += repeat[1] * repeat[0]
                repeat = None
            continue
        tokens = line[2:].split()
        durations = [
            m for t in tokens if t[:1].isdigit() and (m := re.fullmatch(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?", t))
        ]
        distances = [m for t in tokens if (m := re.fullmatch(r"(\d+)mtr|([\d.]+)km|(\d)mi", t))]
        amount: tuple[str, int | None] = ("open", None)
        if distances:
            match = distances[0]
            metres = float(match[1]) if match[1] else float(match[2]) * 1000 if match[2] else 1609.344
            amount = ("distance", round(metres))
        elif durations:
            match = durations[0]
            amount = ("time", sum(int(v or 0) * k for v, k in zip(match.groups(), (3600, 60, 1), strict=True)))
        if "press lap" in line:
            amount = ("open", None)
        (repeat[1] if repeat is not None else out).append((*amount, line.endswith("/km Pace")))
    return out


@pytest.mark.parametrize("session_path", library_files(), ids=lambda p: str(p.relative_to(SESSIONS)))
def test_intervals_icu_text_has_every_step_with_nested_repeats_written_out(session_path: Path, tmp_path: Path) -> None:
    session = load_session(session_path)
    (written,) = export_plan(session, "icu", tmp_path / "w.txt", session.plan.athletes[0].name).written
    text = written.path.read_text(encoding="utf-8")
    wanted = [(*expected(s, 0), s.targets[0] is not None or bool(s.expected_m and s.expected_m[0]))
              for s in on_a_watch(session.plan)[1:]]  # fmt: skip
    assert icu_steps(text) == [(k, None if v is None else round(v), pace) for k, v, pace in wanted]


MANY = """\
name: Long ladder
athletes:
  - name: Ana
    paces: {800m: "2:08"}
workout: |
  Warm-up: 15min jog
  Ladder: (100m, 200m, 300m, 400m, 500m, 600m, 700m, 800m, 900m, 1000m, 1100m, 1200m, 1300m, 1400m) @800 r30s
  Fast finish: 20x(100m sprint + 100m jog)
  Cool-down: 10min jog
"""


def test_a_plan_longer_than_a_watch_takes_is_split_and_said(tmp_path: Path) -> None:
    session = parse_session(MANY, "long.session.yaml")
    done = export_plan(session, "fit", tmp_path, max_steps=12)
    assert len(done.written) > 1 and any("written as" in n for n in done.notes)
    ran = []
    for w in done.written:
        steps = sorted(garmin_messages(w.path)["workout_step_mesgs"], key=lambda s: s["message_index"])
        assert len(steps) <= 12
        ran += run_on_watch(steps)
    assert [(s["duration_type"], s.get("duration_distance") or s.get("duration_time")) for s in ran] == [
        expected(s, 0) for s in session.plan.steps[1:]
    ]
    (tmp_path / "small").mkdir()
    squeezed = export_plan(session, "fit", tmp_path / "small", max_steps=2)
    assert any("pass by pass" in n for n in squeezed.notes)


def test_nested_repeats_are_fit_repeat_steps_inside_repeat_steps(tmp_path: Path) -> None:
    session = load_session(SESSIONS / "800s-with-hill-sprints.session.yaml")
    steps = watch_steps(session.plan, tmp_path, session, 0)
    repeats = [(s["duration_step"], k) for k, s in enumerate(steps) if s["duration_type"] == "repeat_until_steps_cmplt"]
    assert any(a < b and b2 < k for (a, k) in repeats for (b, b2) in repeats if (a, k) != (b, b2))
    names = [s.get("wkt_step_name") for s in steps]
    assert "Main set" in names  # the hold before the main set: an open step, press lap
    (hold,) = [s for s in steps if s.get("wkt_step_name") == "Main set"]
    assert hold["duration_type"] == "open" and hold["intensity"] == "rest"


def test_gear_segments_of_a_joined_rep_are_consecutive_steps_with_their_own_targets(tmp_path: Path) -> None:
    session = load_session(SESSIONS / "canova-1000-600.session.yaml")
    steps = watch_steps(session.plan, tmp_path, session, 0)
    work = [s for s in steps if s.get("wkt_step_name", "").startswith(("1000m", "+ 600m"))]
    assert [s["wkt_step_name"] for s in work[:2]] == ["1000m @5k", "+ 600m steady @marathon+3s/km"]
    assert work[0]["custom_target_speed_low"] > work[1]["custom_target_speed_high"]  # 5k pace, then steady


def garmin_connect_style(path: Path) -> Path:
    """A workout as Garmin Connect builds one: no holds, no notes, the recovery inside the repeat, a step that
    ends on heart rate."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import FileType, Intensity, Sport, WorkoutStepDuration, WorkoutStepTarget

    def step(name: str, intensity: Intensity, duration: WorkoutStepDuration, **values: float) -> WorkoutStepMessage:
        message = WorkoutStepMessage()
        message.workout_step_name, message.intensity, message.duration_type = name, intensity, duration
        message.target_type = WorkoutStepTarget.SPEED if "custom_target_speed_low" in values else WorkoutStepTarget.OPEN
        for key, value in values.items():
            setattr(message, key, value)
        return message

    file_id = FileIdMessage()
    file_id.type, file_id.manufacturer, file_id.product, file_id.time_created = (
        FileType.WORKOUT,
        1,
        0,
        1_700_000_000_000,
    )
    steps = [
        step("Warm up", Intensity.WARMUP, WorkoutStepDuration.TIME, duration_time=600.0),
        step("Run", Intensity.ACTIVE, WorkoutStepDuration.DISTANCE, duration_distance=1000.0,
             custom_target_speed_low=4.6, custom_target_speed_high=4.92),
        step("Recover", Intensity.RECOVERY, WorkoutStepDuration.TIME, duration_time=120.0),
        step("", Intensity.ACTIVE, WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT, duration_step=1,
             target_repeat_steps=5),
        step("Easy", Intensity.ACTIVE, WorkoutStepDuration.HR_LESS_THAN, duration_hr=120),
        step("Cool down", Intensity.COOLDOWN, WorkoutStepDuration.OPEN),
    ]  # fmt: skip
    for index, message in enumerate(steps):
        message.message_index = index
    workout = WorkoutMessage()
    workout.workout_name, workout.sport, workout.num_valid_steps = "Tuesday 5x1k", Sport.RUNNING, len(steps)
    builder = FitFileBuilder(auto_define=True, min_string_size=50)
    builder.add_all([file_id, workout, *steps])
    path.write_bytes(builder.build().to_bytes())
    return path


def test_a_workout_built_in_garmin_connect_imports_as_a_session(tmp_path: Path) -> None:
    done = import_workout(garmin_connect_style(tmp_path / "gc.fit"), tmp_path / "gc.session.yaml")
    assert any("heart" in note and "step 5" in note for note in done.notes)  # what could not be kept is said
    text = done.written[0].path.read_text(encoding="utf-8")
    assert "name: Tuesday 5x1k" in text
    plan = load_session(done.written[0].path).plan
    assert plan.block_titles == ("Warm-up", "Main set", "Cool-down")
    runs = [s for s in plan.steps if s.distance_m == 1000.0]
    assert len(runs) == 5 and all(s.targets[0] is not None for s in runs)
    assert runs[0].targets[0] is not None and runs[0].targets[0].value == pytest.approx(1000 / 4.76, abs=0.05)
    assert sum(s.phase == "recovery" and s.duration_s == 120.0 for s in plan.steps) == 5  # as Garmin runs it


def test_import_says_what_a_file_is_when_it_is_not_a_workout(tmp_path: Path) -> None:
    from kicktimer.io.export import export
    from kicktimer.io.recordings import open_recording
    from tests.recorded import write_recording

    activity = export(open_recording(write_recording(tmp_path)), "fit", tmp_path / "a.fit", "Ana")[0].path
    with pytest.raises(ValueError, match="a FIT activity file, not a workout"):
        import_workout(activity)
    junk = tmp_path / "junk.fit"
    junk.write_bytes(b"not a fit file at all")
    with pytest.raises(ValueError, match=r"junk\.fit: not a FIT file"):
        import_workout(junk)


def test_export_plan_never_replaces_a_file_and_names_athletes_in_any_script(tmp_path: Path) -> None:
    session = renamed(SESSIONS / "kick-500s.session.yaml")
    first = export_plan(session, "fit", tmp_path).written
    assert [w.path.name for w in first] == ["kick-500s-zoë.fit", "kick-500s-李娜.fit"]
    second = export_plan(session, "fit", tmp_path, ascii_names=True).written
    assert [w.path.name for w in second] == ["kick-500s-zoe.fit", "kick-500s-lina.fit"]
    third = export_plan(session, "fit", tmp_path, ascii_names=True).written
    assert [w.path.name for w in third] == ["kick-500s-zoe-2.fit", "kick-500s-lina-2.fit"]
    assert third[0].kept == tmp_path / "kick-500s-zoe.fit"
    with pytest.raises(ValueError, match='no athlete "Ana"'):
        export_plan(session, "fit", tmp_path, "Ana")


def test_an_athlete_is_found_however_their_name_was_typed(tmp_path: Path) -> None:
    text = 'name: x\nathletes:\n  - name: "Zo\\u00eb"\n    paces: {800m: "2:08"}\n  - name: Ben\nworkout: 2x200m @800\n'
    session = parse_session(text, "x.session.yaml")
    done = export_plan(session, "icu", tmp_path, athlete="ZOE\u0308")  # upper case, the accent typed apart
    (written,) = done.written
    assert written.path.name.startswith("x-zo")  # Zoë's plan, not Ben's
