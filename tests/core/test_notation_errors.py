"""Each bad workout gives one clear message at the offending column, saying what would be right."""

from __future__ import annotations

import pytest

from kicktimer.core.language.notation import NotationError, parse_workout
from tests.core.helpers import ANA, expand, problems

CASES = [
    # (workout, column of the offending text, fragment of the message)
    ("60", 0, '"60": did you mean 60m or 60s?'),
    ("6x60", 2, "did you mean 60m or 60s?"),
    ("2x200m r1;30", 7, '"r1;30": expected a duration like 1:30 or 90s'),
    ("2x200m r60", 7, '"r60": did you mean r60s or r60m?'),
    ("5 min jog", 0, "write the unit straight after its number, like 5min"),
    ("10 s", 0, "like 10s"),
    ("(250m, 200m", 0, '"(" is never closed'),
    ("250m, 200m)", 10, '")" closes nothing'),
    ("3x(200m, (100m, 50m)", 2, "never closed"),
    ("30s @68s", 4, "absolute time makes no sense on a duration step"),
    ("10 pogo jumps @800", 14, "counted exercise cannot have a target"),
    ("open @800", 5, "open step cannot have a target"),
    ("250m, 200m, 150m, 100m r open", 23, "write (250m, 200m, 150m, 100m) r open"),
    ("200m r1:00", 5, "a recovery after a single step"),
    ("200m @800 @1500", 10, "one @ per step"),
    ("200m @8000", 5, "8000 is not a race"),
    ("200m @", 5, "@ needs a target"),
    ("200m @5k-2s", 5, "offset needs"),
    ("0x200m", 0, "count of at least 1"),
    ("3x", 2, "a repeat needs something to repeat"),
    ("200m +", 6, '"+" needs a step after it'),
    ("200m,", 5, "trailing comma"),
    ("(200m, 100m) fast", 13, "labels after"),
    ("2x(200m) R(100m) jog", 17, "labels after"),
    ("2x200m r", 7, "a recovery needs a duration"),
    ("Warm-up:", 8, 'title "Warm-up:" has no steps'),
    ("hill sprints", 0, "a step starts with a distance"),
    ("200meters", 0, 'unknown unit "meters"'),
    ("200m 300m", 5, "a second quantity in one step"),
    ("200m open", 5, '"open" is a step of its own'),
    ("200m x", 5, "x is for repeats"),
    ("2x200m r open @800", 14, "a recovery takes no target"),
    ("2x200m r squats", 7, "a recovery is a duration"),
    ("(200m, 100m) + 50m", 13, "joins steps into one rep"),
    ("()", 1, "is empty"),
    ("(200m,, 100m)", 6, "empty item"),
    ("Open", 0, "keywords are lowercase"),
    ("2.5 squats", 0, "a count is a whole number"),
    ("99999x(999x100m)", 0, "at most 1,000 repeats"),
    ("999x(999x100m)", 0, "a session is at most 10,000"),
    ("2x3x60m r1:00 R3:00 r1:00", 20, "more recoveries than repeats"),
    # issue 14: what used to crash, hang or point elsewhere
    ("(" * 330 + "60m" + ")" * 330, 8, "more than 8 repeats and parentheses inside each other"),
    ("1x(" * 5 + "60m" + ")" * 5, 12, "more than 8 repeats and parentheses"),
    ("1x" * 9 + "60m", 16, "more than 8 repeats and parentheses"),
    ("1" * 309 + "m", 0, "a distance of more than 200 km"),
    ("1" * 309 + "s", 0, "a duration of more than 24:00:00"),
    ("9" * 400 + ":00", 0, "a duration of more than 24:00:00"),
    ("200m @" + "1" * 309 + "s", 5, "is more than a day"),
    ("200km, 200.1km", 7, '"200.1km": a distance of more than 200 km'),
    ("1001x60m", 0, '"1001x": at most 1,000 repeats'),
    ("10001 squats", 0, '"10001": at most 10,000 of an exercise'),
    ("60m, " * 250 + "60m", 1000, "a line is at most 1,000: split it into several lines"),
    ("60m " + "x" * 81, 4, "a label of more than 80 characters"),
    ("500s: 3x(200m @800 + 100m bound + 200m kick) R5:00", 0, '"500s:" is read as a step, not a title'),
    ("(2x60m, 2x100m) sprint r open", 16, '"sprint": labels after ")" are an error'),
    ("1.5x(200m, 100m)", 4, '"1.5x": a repeat count is a whole number, like 2x'),
    ("1.5x200m", 0, '"1.5x": a repeat count is a whole number, like 2x'),
    ("0m", 0, '"0m": a distance must be more than 0'),
    ("0.0km", 0, '"0.0km": a distance must be more than 0'),
    ("0s", 0, '"0s": a duration must be more than 0'),
    ("0:00", 0, '"0:00": a duration must be more than 0'),
    ("4x200m r0s", 8, '"0s": a duration must be more than 0'),
    ("200m @0s", 5, "@0s: a target time must be more than 0"),
    ("1k @0:00/km", 3, "@0:00/km: a pace must be more than 0"),
    ("1k @3:00/0km", 3, "@3:00/0km: the distance after / (0km) must be more than 0, like @72s/400m"),
    ("60m \u200bhill", 4, "U+200B (an invisible formatting character) cannot be read here"),
    ("60m\x00", 3, "U+0000 (a control character)"),
    ("6x60m\u2028 r open", 5, "U+2028 (a line separator; use a plain line break)"),
]


@pytest.mark.parametrize(("text", "col", "fragment"), CASES)
def test_one_clear_message(text: str, col: int, fragment: str) -> None:
    found = problems(text)
    assert len(found) == 1, found
    assert found[0].line == 0
    assert fragment in found[0].message
    assert found[0].col == col, found[0]


def test_empty_workout() -> None:
    for text in ["", "   \n\n", "# only a comment\n"]:
        found = problems(text)
        assert len(found) == 1 and "empty" in found[0].message


def test_one_problem_per_bad_line_with_line_numbers() -> None:
    found = problems("Warm-up: 15min jog\n60\n\n4x200m r1;30\n6x60m")
    assert [(p.line, p.col) for p in found] == [(1, 0), (3, 7)]


def test_checking_stops_after_twenty_problems() -> None:
    found = problems("\n".join(["60"] * 500))
    assert len(found) == 21 and found[-1].line == 20 and "checking stopped here after 20 problems" in found[-1].message


def test_the_step_limit_counts_the_whole_workout() -> None:
    (found,) = problems("\n".join(["500x60m r open"] * 12))  # 1,000 steps a line, with its hold
    assert found.line == 10 and "comes to 11,000 steps with this line; a session is at most 10,000" in found.message
    assert not [p for p in problems("\n".join(["500x60m r open"] * 10) + "\n60") if "steps" in p.message]


def test_no_break_spaces_are_spaces_and_unicode_titles_are_titles() -> None:
    plan = expand("Échauffement:\xa015min\u2003jog")
    assert plan.block_titles == ("Échauffement",) and plan.steps[1].label == "15min jog"


def test_error_str_carries_positions() -> None:
    with pytest.raises(NotationError, match="1:1: "):
        parse_workout("60")


# Issue 19: a message that suggests a fix suggests one that reads, and means what the coach wrote.
SUGGESTED = [
    # (workout, column, message, the workout as the message says to write it)
    ("r open", 0, '"r open": a recovery follows a repeat or a group, like 6x60m sprint r open; a rest of its own is '
     "written rest open", "rest open"),
    ("6x60m sprint, r open", 14, '"r open": a recovery follows its repeat or group with no comma between them: '
     "write 6x60m sprint r open", "6x60m sprint r open"),
    ("(200m, 100m), r2:00", 14, '"r2:00": a recovery follows its repeat or group with no comma between them: write '
     "(200m, 100m) r2:00", "(200m, 100m) r2:00"),
    ("3x200m @ 800 r1:00", 7, '"@ 800": write the target straight after @, like @800', "3x200m @800 r1:00"),
    ("400m @5k + 2s/400m", 5, '"@5k + 2s/400m": write the offset without spaces, like @5k+2s/400m',
     "400m @5k+2s/400m"),
    ("Main set 6x60m r open", 0, '"Main set": a block title ends with a colon, like Main set: 6x60m r open; a step '
     "starts with a distance (200m), a duration (90s, 1:30), a count (10 hops) or open", "Main set: 6x60m r open"),
    ("4x8-10s hill r60-90", 13, '"r60-90": did you mean r60-90s? (a range of durations, ended by a tap)',
     "4x8-10s hill r60-90s"),
    ("6x60m r90", 6, '"r90": did you mean r90s or r90m?', "6x60m r90s"),
    ("60-90 jog", 0, '"60-90": did you mean 60-90s? (a range of durations; distances have no ranges)', "60-90s jog"),
    ("400m @5k+2s/0m", 5, "@5k+2s/0m: the distance after / (0m) must be more than 0, like @5k-2s/400m",
     "400m @5k-2s/400m"),
    ("400m @72s/0m", 5, "@72s/0m: the distance after / (0m) must be more than 0, like @72s/400m", "400m @72s/400m"),
    ("200m @5K", 5, "@5K: targets are written in lower case: @5k", "200m @5k"),
    ("1k @Marathon", 3, "@Marathon: targets are written in lower case: @marathon", "1k @marathon"),
    ("200m @800M", 5, "@800M: targets are written in lower case: @800m", "200m @800m"),
    ("10x400m @68", 8, "@68: 68 is not a race; races are 400, 800, 1000, 1500, mile, 3k, 5k, 10k, hm, marathon; "
     "a target time is written with its unit, like @68s", "10x400m @68s"),
    ("10x400m @1:08/400", 8, "@1:08/400: did you mean @1:08/400m?", "10x400m @1:08/400m"),
    ("200m + + 100m", 7, '"+" twice: one "+" joins two steps, like 200m + 100m; remove the extra one', "200m + 100m"),
    ("+ 100m", 0, '"+" needs a step before it: it joins two steps, like 200m + 100m', "200m + 100m"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "col", "message", "fixed"), SUGGESTED)
def test_the_fix_a_message_suggests_reads(text: str, col: int, message: str, fixed: str) -> None:
    (found,) = problems(text)
    assert (found.col, found.message) == (col, message)
    assert expand(fixed, (ANA,)).steps  # the suggestion, written as said, is a workout


def test_a_recovery_alone_suggests_a_rest_only_when_the_rest_would_read() -> None:
    (found,) = problems("r1;30")
    assert found.message == '"r1;30": a recovery follows a repeat or a group, like 6x60m sprint r open'


def test_every_target_of_a_line_that_does_not_read_is_said() -> None:
    found = problems("3x200m @900, 2x100m @5k+1, 200m @x\n4x(200m @1500 + 100m) @Mile r open")
    assert [(p.line, p.col, p.message.split(":")[0]) for p in found] == [
        (0, 7, "@900"), (0, 20, "@5k+1"), (0, 32, "@x"), (1, 22, "@Mile")
    ]  # fmt: skip
    spaced = problems("3x200m @ 800, 200m @ 5k")
    assert [(p.col, p.message) for p in spaced] == [
        (7, '"@ 800": write the target straight after @, like @800'),
        (19, '"@ 5k": write the target straight after @, like @5k'),
    ]
    (mixed, other) = problems("200m @x, 300m 400m")  # a bad target and the line's own mistake
    assert (mixed.col, other.col) == (5, 14) and "a second quantity" in other.message


def test_checking_stops_after_twenty_problems_even_inside_a_line() -> None:
    found = problems("\n".join(["200m @x, 200m @y, 200m @z"] * 10))
    assert len(found) == 21 and (found[-1].line, found[-1].col) == (6, 23)
    assert "checking stopped here after 20 problems" in found[-1].message
