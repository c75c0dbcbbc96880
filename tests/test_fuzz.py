"""The checker never crashes or hangs, and points at the real mistake.

A fixed corpus (tests/fuzz_corpus: the reproducers of issue 14, each with the place and words of its first
message) and hypothesis-drawn files (tests/fuzz_sessions.py writes them and holds the rules every outcome must
obey, a second of CPU per file among them: CPU, not the wall clock, which other work on a shared machine
stretches). `make fuzz` runs far more.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kicktimer.core.language.expand import planned_steps
from kicktimer.core.language.notation import parse_workout
from kicktimer.io.session_file import SessionFileError, read_session
from tests.fuzz_sessions import LIBRARY, check_file, random_session

CORPUS = Path(__file__).parent / "fuzz_corpus"
FILES = sorted(CORPUS.glob("*.session.yaml"))

# The first problem of each rejected file: "line:col: words of the message" (None: the file is accepted).
FIRST_PROBLEM = {
    "bad-utf8": "2:11: byte 0xE9 is not UTF-8 text",
    "billion-laughs": '1:4: the anchor "&a": a list, a mapping or a long value is not shared',
    "complex-key": "2:3: a list or mapping as a key",
    "control-character": "3:7: U+0007 (a control character)",
    "counted-repeat-in-rep": None,
    "deep-parentheses": "3:11: more than 8 repeats and parentheses inside each other",
    "deep-recovery-sets": "3:1003: this line is 2,256 characters long",
    "deep-repeats": "3:1003: this line is 1,203 characters long",
    "deep-repeats-short": "3:29: more than 8 repeats and parentheses",
    "deep-yaml": "2:17: more than 10 levels of nesting",
    "digit-title": '3:3: "500s:" is read as a step, not a title: a title starts with a letter',
    "duration-range": None,
    "folded-workout": "2:1: workout: its 4 lines are read as 2 (YAML joins the lines",  # then 7:3 r1;30
    "fractional-repeat": '3:7: "1.5x": a repeat count is a whole number',
    "huge-clock": "3:1003: this line is 5,003 characters long",
    "huge-distance": '3:3: "111111111111…11111111111m": a distance of more than 200 km',
    "huge-duration": '3:3: "111111111111…11111111111s": a duration of more than 24:00:00',
    "huge-number-setting": "3:16: settings.countdown_s: expected a number",
    "huge-race-time": "4:19: athletes[0].paces.800m:",
    "huge-target": "3:8: @1111111111111111…111111111111111s:",
    "infinite-setting": "2:25: settings.countdown_s: expected a number",
    "label-after-group-then-recovery": '3:19: "sprint": labels after ")" are an error',
    "line-separator": "3:8: U+2028 (line separator) is not a line break",
    "lone-surrogate": "2:14: U+D800",
    "many-bad-lines": '3:3: "60": did you mean 60m or 60s?',
    "many-unknown-keys": '2:1: unknown key "k0"',
    "missing-brace": '4:25: "{" (at 4:12) is never closed: add "}"',
    "missing-colon": '2:9: this line has no ":"',
    "missing-colon-before-key": '1:7: this line has no ":"',
    "negative-target": '6:8: "@800-40s/200m": comes out at -0:08 for Ana',
    "nel": "2:11: U+0085 (next line) is not a line break",
    "nul-byte": "1:8: U+0000 (a control character)",
    "omap-tag": '2:11: the tag "!!omap"',
    "one-line-of-300-items": "3:1003: this line is 1,198 characters long",
    "one-line-of-5000-items": "3:1003: this line is 24,998 characters long",
    "paragraph-separator": "3:7: U+2029 (paragraph separator)",
    "quoted-workout": '2:49: "r1;30": expected a duration',
    "repeat-chain": "3:19: more than 8 repeats and parentheses",
    "repeat-range": None,
    "set-tag": '1:7: the tag "!!set"',
    "split-every-tiny": "2:27: settings.split_every_m: 0 (no split points) or at least 10 metres",
    "tab-indent": "3:1: a tab in the indentation: YAML indents with spaces",
    "ten-thousand-steps": None,
    "thirty-lines-of-5000x": '3:3: "5000x": at most 1,000 repeats',
    "thirty-lines-of-500x": "13:3: the workout comes to 11,000 steps with this line; a session is at most 10,000",
    "too-big": "1:1: this file is 120,029 bytes; a session file is at most 100,000",
    "two-documents": '3:1: a second document ("---")',
    "zero-distance": '3:5: "0m": a distance must be more than 0',
    "zero-duration": '3:5: "0s": a duration must be more than 0',
    "zero-pace": "3:6: @0:00/km: a pace must be more than 0",
    "zero-target": "3:8: @0s: a target time must be more than 0",
}


def test_every_corpus_file_has_its_expectation() -> None:
    assert sorted(f.name.removesuffix(".session.yaml") for f in FILES) == sorted(FIRST_PROBLEM)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name.removesuffix(".session.yaml"))
def test_corpus_file_is_checked_cleanly(path: Path) -> None:
    data = path.read_bytes()
    outcome = check_file(data, path.name)
    expected = FIRST_PROBLEM[path.name.removesuffix(".session.yaml")]
    if expected is None:
        assert outcome.accepted
        return
    with pytest.raises(SessionFileError) as caught:
        read_session(data, path.name)
    assert str(caught.value.problems[0]).startswith(f"{path.name}:{expected}")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_random_session_files(rng: random.Random) -> None:
    check_file(random_session(rng))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000))
def test_random_bytes(data: bytes) -> None:
    check_file(data)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400), st.sampled_from(["|", ">", "'", '"', ""]))
def test_random_text_as_a_workout(text: str, style: str) -> None:
    if style in ("|", ">"):
        body = f"workout: {style}\n" + "".join(f"  {line}\n" for line in text.split("\n"))
    elif style:
        escaped = text.replace(style, style * 2 if style == "'" else "\\" + style)
        body = f"workout: {style}{escaped}{style}\n"
    else:
        body = f"workout: {text}\n"
    check_file(f"name: x\n{body}".encode("utf-8", "surrogatepass"))


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(LIBRARY), st.integers(min_value=0), st.binary(min_size=0, max_size=8), st.integers(0, 20))
def test_library_files_damaged(path: Path, at: int, insert: bytes, cut: int) -> None:
    data = path.read_bytes()
    at %= len(data) + 1
    check_file(data[:at] + insert + data[at + cut :])


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_planned_steps_count_what_the_plan_lays_out(rng: random.Random) -> None:
    """The step limit is checked before expanding, from the tree: the count must be exactly the plan's."""
    try:
        session = read_session(random_session(rng), "x")
    except SessionFileError:
        return
    workout = parse_workout(session.workout)
    assert sum(1 + planned_steps(block.body) for block in workout.blocks) == len(session.plan.steps)
