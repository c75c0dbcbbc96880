"""Session files: valid ones load; each kind of mistake gives one clear file:line:col message."""

from __future__ import annotations

from pathlib import Path

import pytest

from kicktimer.io.session_file import SessionFileError, load_session, parse_session
from tests.conftest import ROOT

GOOD = """\
name: Kick 500s
about: 200 at 800 pace, bound 100, kick 200
athletes:
  - name: Ana
    paces: {800m: "2:08", 1500m: "4:22.5", 5k: "16:40"}
  - name: Ben
    paces: {mile: 4:35}
settings:
  countdown_s: 5
  distance_steps: target
workout: |
  Warm-up: 15min jog
  3x(200m @800 + 100m bound + 200m kick) R5:00
  Cool-down: 10min jog
"""


def errors(text: str) -> list[str]:
    with pytest.raises(SessionFileError) as caught:
        parse_session(text, "kick.session.yaml")
    return [str(p) for p in caught.value.problems]


def test_good_file_loads_with_times_as_text() -> None:
    session = parse_session(GOOD, "kick.session.yaml")
    assert session.name == "Kick 500s"
    plan = session.plan
    assert [a.name for a in plan.athletes] == ["Ana", "Ben"]
    assert plan.athletes[0].paces == {"800m": 128.0, "1500m": 262.5, "5k": 1000.0}
    assert plan.athletes[1].paces == {"mile": 275.0}  # unquoted 4:35 stays text in YAML 1.2
    assert plan.settings.countdown_s == 5 and plan.settings.distance_steps == "target"
    assert plan.steps[3].ends == "time" and plan.steps[3].duration_s == pytest.approx(32)


def test_error_inside_the_workout_block_points_into_the_yaml_file() -> None:
    text = GOOD.replace("R5:00", "r1;30")
    assert errors(text) == ['kick.session.yaml:13:42: "r1;30": expected a duration like 1:30 or 90s']


def test_bare_number_in_workout() -> None:
    assert errors(GOOD.replace("Cool-down: 10min jog", "Cool-down: 60")) == [
        'kick.session.yaml:14:14: "60": did you mean 60m or 60s?'
    ]


def test_unbalanced_parentheses() -> None:
    assert errors(GOOD.replace("R5:00", "R5:00)")) == [
        'kick.session.yaml:13:47: ")" closes nothing: remove it or add the "(" it belongs to'
    ]


def test_target_on_duration_step_that_makes_no_sense() -> None:
    (message,) = errors(GOOD.replace("15min jog", "30s @68s"))
    assert message.startswith("kick.session.yaml:12:16: ")
    assert "absolute time makes no sense on a duration step" in message


def test_unknown_key_suggests_the_closest_once() -> None:
    assert errors(GOOD.replace("settings:", "setings:")) == [
        'kick.session.yaml:8:1: unknown key "setings": did you mean settings?'
    ]
    assert errors(GOOD.replace("name: Kick", "nmae: Kick")) == [
        'kick.session.yaml:1:1: unknown key "nmae": did you mean name?'
    ]
    assert errors(GOOD.replace("  countdown_s", "  countdwn_s")) == [
        'kick.session.yaml:9:3: unknown key "countdwn_s": did you mean countdown_s?'
    ]
    assert errors(GOOD.replace("    paces: {mile", "    pace: {mile")) == [
        'kick.session.yaml:7:5: unknown key "pace": did you mean paces?'
    ]


def test_unquoted_time_read_as_a_number() -> None:
    (message,) = errors("%YAML 1.1\n---\n" + GOOD)
    assert message.startswith("kick.session.yaml:9:19: athletes[1].paces.mile: race times are written in quotes")
    assert "number 275" in message
    (message,) = errors(GOOD.replace('5k: "16:40"', "5k: 1000"))
    assert message.startswith("kick.session.yaml:5:48: ") and 'like "2:08"' in message


def test_empty_workout() -> None:
    (message,) = errors(GOOD.split("workout:")[0] + "workout: |\n\n")
    assert message == (
        "kick.session.yaml:11:10: the workout is empty: write at least one line, like 6x60m sprint r open"
    )
    (message,) = errors(GOOD.split("workout:")[0] + 'workout: ""\n')
    assert "empty" in message


def test_missing_workout_and_empty_file() -> None:
    assert errors("name: x\n") == ["kick.session.yaml:1:1: missing key: workout"]
    assert errors("") == [
        "kick.session.yaml:1:1: found an empty file; a session is a mapping with at least name: and workout: |"
    ]


def test_yaml_syntax_error_is_reported_on_the_line_of_the_mistake() -> None:
    # the "[" is never closed: ruamel notices on line 3; the "]" is missing at the end of line 2
    assert errors("name: x\nworkout: [6x60m\n") == ['kick.session.yaml:2:16: "[" (at 2:10) is never closed: add "]"']


def test_duplicate_key() -> None:
    assert errors("name: x\nname: y\nworkout: 6x60m\n") == [
        'kick.session.yaml:2:1: "name" is given twice (first on line 1): keep one'
    ]


def test_bad_values_name_the_key() -> None:
    (message,) = errors(GOOD.replace("distance_steps: target", "distance_steps: auto"))
    assert message.startswith("kick.session.yaml:10:19: settings.distance_steps: expected one of 'tap' or 'target'")
    (message,) = errors(GOOD.replace("countdown_s: 5", "countdown_s: -1"))
    assert message == "kick.session.yaml:9:16: settings.countdown_s: must be at least 0"
    (message,) = errors(GOOD.replace("5k: ", "8k: "))
    assert message.startswith("kick.session.yaml:5:44: athletes[0].paces.8k: unknown race") and "5k" in message


def test_names_are_unique_ignoring_case_and_the_second_is_pointed_at() -> None:
    (message,) = errors(GOOD.replace("name: Ben", "name: ana"))
    assert message == ('kick.session.yaml:6:11: athletes[1].name: "ana" is the same name as "Ana" (line 4); '
                       "give each athlete a different name")  # fmt: skip


@pytest.mark.parametrize(
    ("paces", "message"),
    [
        (
            '{marathon: "2:49"}',
            '5:23: athletes[0].paces.marathon: "2:49" is faster than the marathon world record '
            "(2:00:35): did you mean 2:49:00?",
        ),
        (
            '{800m: "2:08", 5k: "16.40"}',
            '5:31: athletes[0].paces.5k: "16.40" is faster than the 5k world record (12:35.36): did you mean 16:40?',
        ),
        (
            '{800: "2:08:00"}',
            '5:18: athletes[0].paces.800: "2:08:00" is slower than walking it (12:00 for the 800m): did you mean 2:08?',
        ),
        (
            '{hm: "9:00:00"}',
            '5:17: athletes[0].paces.hm: "9:00:00" is slower than walking it (5:16:28 for the '
            "half marathon): write it like 2:08, 4:22.5 or 1:02:30",
        ),
    ],
)
def test_a_race_time_no_one_runs_is_an_error_with_its_likely_meaning(paces: str, message: str) -> None:
    text = GOOD.replace('{800m: "2:08", 1500m: "4:22.5", 5k: "16:40"}', paces)
    assert errors(text) == [f"kick.session.yaml:{message}"]


def test_single_line_workout_positions() -> None:
    assert errors('name: x\nworkout: "6x60m r1;30"\n') == [
        'kick.session.yaml:2:17: "r1;30": expected a duration like 1:30 or 90s'
    ]
    assert errors("name: x\nworkout: 6x60 r open\n") == ['kick.session.yaml:2:12: "60": did you mean 60m or 60s?']


def test_all_problems_reported_together_in_file_order() -> None:
    text = GOOD.replace("settings:", "setings:").replace("Cool-down: 10min jog", "Cool-down: 60")
    assert [m.split(": ")[0] for m in errors(text)] == ["kick.session.yaml:8:1", "kick.session.yaml:14:14"]


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError, match="cannot read this file"):
        load_session(tmp_path / "missing.session.yaml")
    bad = tmp_path / "latin1.session.yaml"
    bad.write_bytes(b"name: x\nabout: caf\xe9\n")
    with pytest.raises(SessionFileError) as caught:
        load_session(bad)
    assert [str(p) for p in caught.value.problems] == [
        f"{bad}:2:11: byte 0xE9 is not UTF-8 text: save the file as UTF-8"
    ]
    bad.write_bytes("name: café\n".encode("utf-16"))  # Windows' "Unicode text": not a stray byte, a whole encoding
    with pytest.raises(SessionFileError) as caught:
        load_session(bad)
    assert [str(p) for p in caught.value.problems] == [
        f'{bad}:1:1: this file is UTF-16 text (Windows\' "Unicode text"): save it as UTF-8'
    ]


def test_more_than_nine_athletes() -> None:
    roster = "".join(f"  - name: A{i}\n" for i in range(10))
    (message,) = errors(f"name: x\nathletes:\n{roster}workout: 6x60m\n")
    assert "athletes: at most 9" in message


def test_every_yaml_style_of_workout_points_at_the_file() -> None:
    folded = "name: x\nworkout: >\n  Warm-up: 15min jog\n  easy\n\n  6x60m\n  r1;30\n"
    assert errors(folded) == [
        "kick.session.yaml:2:1: workout: its 4 lines are read as 2 (YAML joins the lines of a value not written after "
        '|); write "workout: |" and the workout\'s lines below it, indented',
        'kick.session.yaml:7:3: "r1;30": expected a duration like 1:30 or 90s',
    ]
    quoted = 'name: x\nworkout: "Warm-up: 15min jog\\n  Main: 6x60m \\"fast\\" r1;30"\n'
    assert errors(quoted) == ['kick.session.yaml:2:54: "r1;30": expected a duration like 1:30 or 90s']
    single = "name: x\nworkout: 'Warm-up: 15min jog\n\n  6x60m it''s r1;30'\n"
    assert errors(single) == ['kick.session.yaml:4:15: "r1;30": expected a duration like 1:30 or 90s']
    plain = "name: x\nworkout: 6x60m\n  r1;30\n"
    assert errors(plain)[1:] == ['kick.session.yaml:3:3: "r1;30": expected a duration like 1:30 or 90s']
    indented = "name: x\nworkout: |2\n    60m\n    r1;30\n"
    assert errors(indented) == ['kick.session.yaml:4:5: "r1;30": a recovery follows a repeat or a group, like 6x60m '
                                "sprint r open"]  # fmt: skip


def test_columns_count_characters_and_only_real_line_breaks_count_as_lines() -> None:
    text = "name: Café 😀\r\nabout: x\r\nworkout: |\r\n  6x60m r1;30 # é\r\n"
    assert errors(text) == ['kick.session.yaml:4:9: "r1;30": expected a duration like 1:30 or 90s']
    for char in ("\x85", "\u2028", "\u2029"):
        (message,) = errors(f"name: x\nabout: a{char}b\nworkout: |\n  6x60m\n")
        assert message.startswith(f"kick.session.yaml:2:9: U+{ord(char):04X} (") and "line break" in message


def test_a_missing_brace_or_colon_is_reported_on_its_own_line() -> None:
    brace = 'name: x\nathletes:\n  - name: Ana\n    paces: {800m: "2:08"  # fast\n  - name: Ben\nworkout: 60m\n'
    assert errors(brace) == ['kick.session.yaml:4:25: "{" (at 4:12) is never closed: add "}"']
    comma = 'name: x\nathletes:\n  - name: Ana\n    paces: {800m: "2:08" 5k: "16:40"}\nworkout: 60m\n'
    (message,) = errors(comma)
    assert message.startswith('kick.session.yaml:4:26: a "," or "}" is missing here')
    assert errors("name: x\nabout\nworkout: 60m\n") == [
        'kick.session.yaml:2:6: this line has no ":"; write a key, a colon and its value, like name: Kick 500s'
    ]
    (message,) = errors('name: "Kick\nworkout: 60m\n')
    assert message.startswith('kick.session.yaml:1:7: this " quote is never closed')


def test_yaml_shapes_a_session_never_has() -> None:
    assert errors("name: x\n? [[x]]\n: 1\nworkout: 60m\n") == [
        "kick.session.yaml:2:3: a list or mapping as a key: a key is a plain word, like name:"
    ]
    assert errors("name: !!set x\nworkout: 60m\n") == [
        'kick.session.yaml:1:7: the tag "!!set": a session file uses plain values, no tags'
    ]
    assert errors("name: x\nworkout: !!omap 60m\n")[0].startswith('kick.session.yaml:2:10: the tag "!!omap"')
    assert errors("name: *a\nworkout: 60m\n") == [
        'kick.session.yaml:1:7: the alias "*a": only a short value written before with its anchor is repeated; '
        "write the value itself here"
    ]
    shared = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    assert errors(shared + "name: t\nathletes: *b\nworkout: 60m\n") == [
        'kick.session.yaml:1:4: the anchor "&a": a list, a mapping or a long value is not shared between places; '
        "write it itself in each place"
    ]  # a billion laughs is refused where it starts, before anything is built from it
    long = "x" * 41
    assert errors(f"name: &n {long}\nabout: *n\nworkout: 60m\n")[0].startswith('kick.session.yaml:1:7: the anchor "&n"')
    session = parse_session("name: &n Kick 500s\nabout: *n\nworkout: 60m\n", "x")  # a short value, repeated
    assert session.name == "Kick 500s"
    (message,) = errors("name: x\nabout: " + "[" * 20 + "]" * 20 + "\nworkout: 60m\n")
    assert message == "kick.session.yaml:2:17: more than 10 levels of nesting"
    assert parse_session("name: !!str 8\nworkout: 60m\n", "x").name == "8"  # !!str is harmless: allowed


def test_values_yaml_reads_as_numbers_dates_and_infinities() -> None:
    session = parse_session("name: 2026-05-12\nworkout: 60m\n", "x")
    assert session.name == "2026-05-12"  # a date stays the text it is
    (message,) = errors("name: x\nsettings: {countdown_s: .inf}\nworkout: 60m\n")
    assert "settings.countdown_s: expected a number, like 3 (not infinite)" in message
    (message,) = errors("name: x\nathletes:\n  - name: Ana\n    paces: {800m: '0:00'}\nworkout: 60m\n")
    assert "(at most a day)" in message


def test_names_are_one_short_line() -> None:
    (message,) = errors('name: "a\\tb"\nworkout: 60m\n')
    assert message == "kick.session.yaml:1:7: name: a name is one line of plain text, without control characters"
    (message,) = errors(f"name: {'a' * 81}\nworkout: 60m\n")
    assert message == "kick.session.yaml:1:7: name: at most 80 characters; keep it short"


def test_a_target_that_comes_out_at_zero_or_less_for_an_edited_roster(tmp_path: Path) -> None:
    from kicktimer.core.language.plan import Athlete
    from kicktimer.io.session_file import with_athletes

    path = tmp_path / "off.session.yaml"
    path.write_text("name: Off\nworkout: |\n  Main: 4x200m @800-20s/200m r open\n", encoding="utf-8")
    session = load_session(path)
    ana = with_athletes(session, (Athlete("Ana", {"800m": 128.0}),)).plan.steps[1].targets[0]
    assert ana is not None and ana.value == 12.0  # 32 s per 200 m, less 20
    with pytest.raises(SessionFileError) as caught:
        with_athletes(session, (Athlete("Flo", {"800m": 60.0}),))  # 15 s per 200 m, less 20
    assert [str(p) for p in caught.value.problems] == [
        f'{path}:3:16: "@800-20s/200m": comes out at -0:05 for Flo; a target must be more than 0: make the offset '
        "smaller"
    ]


def test_an_empty_value_is_said_at_its_key_with_what_to_write() -> None:
    text = 'name:\nathletes:\n  - name:\n    paces: {800m: "2:08", 5k: }\n  - name: ""\n    paces:\n'
    text += "settings:\n  voice:\nworkout:\n"
    assert errors(text) == [
        'kick.session.yaml:1:1: name: empty: write the name after "name:"',
        'kick.session.yaml:3:5: athletes[0].name: empty: write the name after "name:"',
        'kick.session.yaml:4:27: athletes[0].paces.5k: empty: write the race time after "5k:", in quotes ("m:ss" or '
        '"h:mm:ss")',
        'kick.session.yaml:5:5: athletes[1].name: empty: write the name after "name:"',
        'kick.session.yaml:6:5: athletes[1].paces: empty: write the race times after "paces:", like paces: {800m: '
        '"2:08"}, or leave paces: out',
        'kick.session.yaml:8:3: settings.voice: empty: write a value after "voice:"',
        'kick.session.yaml:9:1: workout: empty: write "workout: |" and the workout\'s lines below it, indented',
    ]


def test_a_workout_written_without_its_bar_is_told_to_use_one() -> None:
    pipe = 'write "workout: |" and the workout\'s lines below it, indented'
    as_keys = "name: x\nworkout:\n  Warm-up: 15min jog\n  Main set: 6x60m r open\n"
    assert errors(as_keys) == [f"kick.session.yaml:2:1: workout: the workout is text: {pipe}"]
    not_yaml = "name: x\nworkout:\n  Main: 6x60m\n  r1;30\n"  # YAML stops at the line without a colon
    assert errors(not_yaml) == [f"kick.session.yaml:2:1: workout: its lines are read as YAML here; {pipe}"]
    joined = "name: x\nworkout:\n  15min jog\n  6x60m r open\n"  # YAML joins them: "15min jog 6x60m r open"
    assert errors(joined)[0] == (
        f"kick.session.yaml:2:1: workout: its 2 lines are read as 1 (YAML joins the lines of a value not written "
        f"after |); {pipe}"
    )
    assert errors(joined.replace("workout: >", "workout: |")) == errors(joined)
    parse_session(joined.replace("workout:", "workout: |"), "kick.session.yaml")
    paragraphs = "name: x\nworkout: >\n  15min jog\n\n  6x60m r1;30\n"  # folded, one line each: nothing joined
    assert errors(paragraphs) == ['kick.session.yaml:5:9: "r1;30": expected a duration like 1:30 or 90s']


def test_races_are_named_in_any_case_and_spacing() -> None:
    races = '{5K: "16:40", Marathon: "2:40:00", "10 km": "35:00", HM: "1:15:00", 1500M: "4:10"}'
    text = GOOD.replace('{800m: "2:08", 1500m: "4:22.5", 5k: "16:40"}', races)
    paces = parse_session(text, "kick.session.yaml").plan.athletes[0].paces
    assert paces == {"5k": 1000.0, "marathon": 9600.0, "10k": 2100.0, "hm": 4500.0, "1500m": 250.0}


@pytest.mark.parametrize(
    ("paces", "message"),
    [
        ('{5k: "16:40", 5K: "16:50"}', '5:26: athletes[0].paces: "5K" is the same race as "5k" (at 5:13)'),
        ('{800m: "2:08", 800: "2:10"}', '5:27: athletes[0].paces: "800" is the same race as "800m" (at 5:13)'),
        ('{5 km: "16:40", 5000m: "16:50"}', '5:28: athletes[0].paces: "5000m" is the same race as "5 km" (at 5:13)'),
    ],
)
def test_the_same_race_twice_under_two_spellings_is_an_error(paces: str, message: str) -> None:
    text = GOOD.replace('{800m: "2:08", 1500m: "4:22.5", 5k: "16:40"}', paces)
    assert errors(text) == [f"kick.session.yaml:{message}; give each race once"]


def test_names_typed_with_their_accents_composed_otherwise_are_the_same_athlete() -> None:
    text = 'name: x\nathletes:\n  - name: Zo\u00eb\n  - name: "ZOE\\u0308"\n  - name: Zoe\nworkout: 200m\n'
    assert errors(text) == [
        'kick.session.yaml:4:11: athletes[1].name: "ZOE\u0308" is the same name as "Zo\u00eb" (line 3); give each '
        "athlete a different name"
    ]


def test_tabs_are_spaces_within_a_workout_line_and_an_error_where_yaml_reads_only_spaces() -> None:
    rule = " ".join((ROOT / "docs" / "notation.md").read_text(encoding="utf-8").split())
    assert "Within a line, a tab is a space" in rule and "a tab in the indentation is an error at the tab" in rule
    plan = parse_session("name: x\nworkout: |\n  Main:\t6x60m\tsprint \tr open\n", "k").plan
    assert (plan.block_titles, plan.steps[1].label) == (("Main",), "60m sprint")
    indent = "a tab in the indentation: YAML indents with spaces; replace the tab with spaces"
    assert errors("name: x\nworkout: |\n\t6x60m\n") == [f"kick.session.yaml:3:1: {indent}"]
    assert errors("name: x\nsettings:\n\tvoice: true\nworkout: 6x60m\n") == [f"kick.session.yaml:3:1: {indent}"]
    between = 'a tab here: YAML reads only spaces after a key\'s colon, a "-" or a value; replace it with a space'
    assert errors("name:\tx\nworkout: 6x60m\n") == [f"kick.session.yaml:1:6: {between}"]
    assert errors("name: x\nathletes:\n  -\tname: Ana\nworkout: 6x60m\n") == [f"kick.session.yaml:3:4: {between}"]
