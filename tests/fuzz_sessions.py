"""Damaged and random session files, and what `check` and `plan` must do with every one of them.

`random_session(rng)` writes a file: a workout assembled from the notation's pieces (and pieces that break it),
wrapped in every YAML style, with athletes and settings, then sometimes damaged at the byte level; or a file of
the library, damaged. `check_file(data)` runs it the way `kicktimer check` and `kicktimer plan` (table and
JSON) do and raises AssertionError when anything is wrong: an exception other than SessionFileError, a message
on more than one line or without a real place, an accepted plan whose outputs are not linear or not valid JSON.

The property test (tests/test_fuzz.py) draws files from hypothesis; `make fuzz` runs many more:
`python -m tests.fuzz_sessions --files 12000 [--seed N]` prints files, accepted, rejected, crashes (a file over a
second of CPU counts as one), and the slowest file in wall-clock and CPU time.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from kicktimer.core.language.limits import MAX_STEPS
from kicktimer.core.language.plan_table import plan_json, render_table
from kicktimer.io.session_file import SessionFileError, read_session

LIBRARY = sorted((Path(__file__).resolve().parent.parent / "sessions").rglob("*.session.yaml"))
MAX_TABLE_CHARS_PER_STEP = 400  # a row's cells are capped: the table grows with the plan, never faster

_NUMBERS = ["0", "1", "2", "3", "4", "6", "8", "10", "11", "20", "60", "100", "200", "400", "1000", "1.5", "0.5",
            "00", "1" * 309, "9" * 30, "1e9", "-3"]  # fmt: skip
_QUANTITIES = ["200m", "60m", "1k", "1.5km", "mile", "1mi", "30yd", "10s", "90s", "1:30", "5min", "1:00:00",
               "0m", "0s", "0:00", "8-10s", "10-8s", "1:00-1:30", "0-5s", "8-8s", "100-150m", "open", "60", "2:75",
               "25:00:00", "1" * 309 + "m", "1" * 400 + "s", "99999:00", "200meters"]  # fmt: skip
_REPEATS = ["2x", "3x", "6x", "6 x", "4-5x", "1-3x", "5-4x", "0x", "1000x", "1001x", "1.5x", "2×", "99999x"]
_TARGETS = ["@800", "@5k", "@1500", "@mile", "@5k-2s/400m", "@mile+1s/200m", "@68s", "@2:10", "@72s/400m",
            "@3:20/km", "@0s", "@0:00/km", "@800-40s/200m", "@8000", "@", "@5k-2s", "@" + "1" * 309 + "s",
            "@3:20/0km", "@1s/0.0001m", "@5K", "@Marathon", "@800M", "@ 800", "@ ", "@5k+2s/0m"]  # fmt: skip
_WORDS = ["hill", "hills", "sprint", "sprints", "bounding", "bounds", "strides", "kicking", "floats", "jogging",
          "jog", "walk", "down", "squats", "lunges", "pogo", "jumps", "x", "open", "rest", "Open", "hilly",
          "a" * 90]  # fmt: skip
_PUNCTUATION = ["(", ")", ",", "+", "r", "R", "R(", "r(", "rest", "#", ")", "(", ",", "+", "r60-90", ", r"]
_ODD = ["\x00", "\x07", "\t", "\u2028", "\u2029", "\x85", "\u200b", "\xa0", "\ufeff", "é", "😀", "\ud800", "\x1b[2J",
        "\\", '"', "'", ":", "{", "}", "[", "]", "&a", "*a", "!!set", "? ", "---", "%"]  # fmt: skip
_TITLES = ["Warm-up:", "Main set:", "500s:", "Set 2:", "Échauffement:", "a" * 90 + ":"]
_INSERTS = ["{", "}", "[", "]", ":", ": ", "- ", "? ", "!!set ", "!!omap ", "!!binary ", "&x ", "*x", "#", '"', "'",
            "\t", "\n", "\r", "\r\n", "---\n", "  ", "\x00", "\u2028", "\x85", "|", ">", "%YAML 1.1\n",
            "? [[x]]\n: 1\n"]  # fmt: skip


def _token(rng: random.Random) -> str:
    pick = rng.random()
    if pick < 0.30:
        return rng.choice(_QUANTITIES)
    if pick < 0.45:
        return rng.choice(_REPEATS) + rng.choice(["", "", "(", rng.choice(_QUANTITIES)])
    if pick < 0.55:
        return rng.choice(_TARGETS)
    if pick < 0.70:
        return rng.choice(_WORDS)
    if pick < 0.85:
        return rng.choice(_PUNCTUATION) + rng.choice(["", rng.choice(_QUANTITIES)])
    if pick < 0.93:
        return rng.choice(_NUMBERS)
    return rng.choice(_ODD)


def _line(rng: random.Random, clean: bool) -> str:
    """A workout line: a well-formed one from a template (clean), or pieces thrown together."""
    if not clean and rng.random() < 0.55:
        return rng.choice(["", " "]).join(_token(rng) for _ in range(rng.randint(1, 30)))
    repeats = ["2x", "3x", "6x", "6 x", "4-5x", "1-3x", "2×"] + ([] if clean else _REPEATS)
    titles = _TITLES[:2] + ([] if clean else _TITLES)
    rep, distance, target = rng.choice(repeats), rng.choice(_QUANTITIES[:6]), rng.choice(_TARGETS[:10])
    gear, duration = rng.choice(_WORDS[:12]), rng.choice(["10s", "8-10s", "20s"])
    depth = rng.randint(1, 6 if clean else 12)
    close = depth if clean else rng.randint(1, 12)
    return rng.choice([
        f"{rep}{distance} {target} r open",
        f"{rep}({distance} {target} + 100m {gear}) R{rng.choice(['1:00', ' open', '60-90s'])}",
        f"{rep}(3x800m {target} r1:00) R(4x200m hill r open)",
        f"{rep}{duration} hill {gear} r open walk down",
        f"(250m, 200m, 150m, 100m) {target} r30s",
        f"3x(20 squats + 2x11 lunges + 100m {gear}) R open",
        f"{rng.choice(titles)} {rep}{distance}",
        f"{rng.randint(1, 40 if clean else 400) * 5}x({rng.randint(1, 40)}x60m r open) R2:00",
        "(" * depth + "60m" + ")" * close,
        "1x(" * depth + "60m" + ")" * close,
    ])  # fmt: skip


def _quoted(text: str, style: str) -> str:
    if style == '"':
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if style == "'":
        return "'" + text.replace("'", "''").replace("\n", "\n\n  ") + "'"
    return text


def _workout(rng: random.Random, clean: bool) -> str:
    lines = [_line(rng, clean) for _ in range(rng.randint(1, 3 if clean else 6))]
    style = rng.choice(["|", "|", ">", '"', "'", "plain"])
    if style in ("|", ">"):
        return f"workout: {style}\n" + "".join(f"  {line}\n" for line in lines)
    if style == "plain":
        return f"workout: {lines[0]}\n" + "".join(f"  {line}\n" for line in lines[1:3])
    return f"workout: {_quoted(chr(10).join(lines), style)}\n"


def _athletes(rng: random.Random, clean: bool) -> str:
    if rng.random() < 0.3:
        return ""
    out = ["athletes:"]
    for i in range(rng.randint(1, 3)):
        plausible = {"800m": '"2:08"', "1500m": '"4:22.5"', "5k": '"16:40"', "mile": "4:35", "3000": '"9:10"'}
        race = rng.choice([*plausible] + ([] if clean else ["8k", "800"]))
        odd = ['"2:08"', '"0:00"', f'"{"1" * 400}"', '"x"', '"16.40"', '"2:49"']
        time_text = plausible[race] if clean else rng.choice([*plausible.values(), *odd])
        out.append(f"  - name: {rng.choice(['Ana', 'Ben', 'Cy'])}{i if clean or rng.random() < 0.8 else ''}")
        out.append(f"    paces: {{{race}: {time_text}}}")
    return "\n".join(out) + "\n"


def _settings(rng: random.Random) -> str:
    if rng.random() < 0.7:
        return ""
    key, value = rng.choice([("countdown_s", "3"), ("countdown_s", ".nan"), ("distance_steps", "target"),
                             ("split_every_m", "100"), ("split_every_m", "0.0001"), ("split_every_m", ".inf"),
                             ("voice", "true"), ("countdwn_s", "3")])  # fmt: skip
    return f"settings:\n  {key}: {value}\n"


def _damaged(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        at = rng.randint(0, len(data))
        pick = rng.random()
        if pick < 0.35:
            data = data[:at] + rng.choice(_INSERTS).encode() + data[at:]
        elif pick < 0.6:
            data = data[:at] + data[at + rng.randint(1, 8) :]
        elif pick < 0.75:
            data = data[:at] + bytes([rng.randint(0, 255)]) + data[at:]
        elif pick < 0.85:
            data = data[:at]
        else:
            lines = data.split(b"\n")
            k = rng.randrange(len(lines))
            lines.insert(k, lines[k])
            data = b"\n".join(lines)
    return data


def random_session(rng: random.Random) -> bytes:
    """One session file, as bytes: generated (most) or from the library; damaged at the byte level (some)."""
    if rng.random() < 0.15:
        data = rng.choice(LIBRARY).read_bytes()
        return _damaged(rng, data)
    clean = rng.random() < 0.4  # well-formed pieces only: most of these are accepted and planned
    names = ["Kick 500s", "x", '"Set: 500s"'] + ([] if clean else ["Set: 500s", "", "a" * 90, "!!set t", "[x]"])
    text = f"name: {rng.choice(names)}\n{_athletes(rng, clean)}{_settings(rng)}{_workout(rng, clean)}"
    data = text.encode("utf-8", "surrogatepass")
    return _damaged(rng, data) if not clean and rng.random() < 0.5 else data


@dataclass(frozen=True)
class Outcome:
    accepted: bool
    steps: int
    problems: int


MAX_CPU_S = 1.0  # per file, check and plan together: CPU time, which other work on a shared machine does not inflate


def check_file(data: bytes, label: str = "fuzz.session.yaml") -> Outcome:
    """What `kicktimer check` and `kicktimer plan` (and `--json`) do with `data`; AssertionError when the
    checker misbehaves or takes more than a second of CPU. Any exception but SessionFileError propagates: that
    is a crash."""
    started = time.process_time()
    outcome = _check_and_plan(data, label)
    cpu_s = time.process_time() - started
    assert cpu_s < MAX_CPU_S, f"{cpu_s:.2f} s of CPU for {data[:200]!r}"
    return outcome


def _check_and_plan(data: bytes, label: str) -> Outcome:
    try:
        session = read_session(data, label)
    except SessionFileError as error:
        _check_problems(error, data, label)
        return Outcome(False, 0, len(error.problems))
    plan = session.plan
    assert 0 < len(plan.steps) <= MAX_STEPS, len(plan.steps)
    table = render_table(plan)
    assert len(table) <= MAX_TABLE_CHARS_PER_STEP * (len(plan.steps) + 4), (len(table), len(plan.steps))
    as_json = plan_json(plan.to_json())
    assert json.loads(as_json)["steps"][-1]["index"] == len(plan.steps) - 1
    return Outcome(True, len(plan.steps), 0)


def _check_problems(error: SessionFileError, data: bytes, label: str) -> None:
    assert error.problems, "an error with no problem in it"
    text = data.decode("utf-8-sig", "replace")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for problem in error.problems:
        shown = str(problem)
        assert "\n" not in shown and "\r" not in shown and shown.isprintable(), shown
        assert shown.startswith(f"{label}:{problem.line}:{problem.col}: "), shown
        assert 1 <= problem.line <= len(lines), (problem, len(lines))
        assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, (problem, lines[problem.line - 1])


def main() -> int:
    parser = argparse.ArgumentParser(description="Run many damaged and random session files through the checker")
    parser.add_argument("--files", type=int, default=12_000)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    accepted = rejected = crashes = 0
    slowest, slowest_cpu = (0.0, b""), 0.0
    started = time.perf_counter()
    for n in range(args.files):
        data = random_session(rng)
        t0, cpu0 = time.perf_counter(), time.process_time()
        try:
            outcome = check_file(data)  # more than MAX_CPU_S of CPU is an AssertionError: counted as a crash
        except Exception:  # counting crashes is the point
            crashes += 1
            if crashes <= 5:
                print(f"CRASH on file {n}: {data[:300]!r}", file=sys.stderr)
                traceback.print_exc()
            continue
        slowest = max(slowest, (time.perf_counter() - t0, data))
        slowest_cpu = max(slowest_cpu, time.process_time() - cpu0)
        accepted += outcome.accepted
        rejected += not outcome.accepted
    total = time.perf_counter() - started
    load = os.getloadavg()[0]
    print(f"files {args.files:,}  accepted {accepted:,}  rejected {rejected:,}  crashes {crashes}  "
          f"slowest {slowest[0] * 1000:.0f} ms wall, {slowest_cpu * 1000:.0f} ms CPU  "
          f"(all in {total:.1f} s, seed {args.seed}, load average {load:.1f})")  # fmt: skip
    print(f"slowest file begins: {slowest[1][:120]!r}")
    return 1 if crashes else 0


if __name__ == "__main__":
    sys.exit(main())
