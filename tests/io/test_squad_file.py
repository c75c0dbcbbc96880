"""squad.yaml: a good file reads; each kind of mistake is one line at its file:line:col with what would be right;
changes from the terminal keep the coach's comments and the old times, and never touch a file with a problem."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from kicktimer.core.season.squad import Entry, RaceTime, StageMark, parse_entry
from kicktimer.io.squad import SquadFileError, load_squad, parse_squad
from kicktimer.io.squad_edit import add_entry, add_mark, change_squad, edit_athlete

GOOD = """\
# our squad
athletes:
  - name: Ana
    key: 1
    groups: [800 group]
    times:
      - {race: 800m, time: "2:08", date: 2026-05-01}
      - {race: 800m, time: "2:06", date: 2026-11-05}   # a new best
      - {race: 5k, time: "16:40"}
  - name: Ben
    groups: [800 group, distance]
    times:
      - {race: mile, time: 4:35, date: 2026-03-01}
    stages:
      - {progression: sprint-progression, stage: 4, mark: skip, date: 2026-05-03}
  - name: Cleo
"""


def errors(text: str) -> list[str]:
    with pytest.raises(SquadFileError) as caught:
        parse_squad(text, "squad.yaml")
    return [str(p) for p in caught.value.problems]


def test_a_good_squad_reads_with_its_history_groups_keys_and_marks() -> None:
    squad = parse_squad(GOOD, "squad.yaml")
    ana, ben, cleo = squad.athletes
    assert ana.paces == {"800m": 126.0, "5k": 1000.0} and ana.key == 1
    assert [t.time_s for t in ana.times] == [128.0, 126.0, 1000.0]  # the history, as written
    assert ben.paces == {"mile": 275.0} and ben.groups == ("800 group", "distance")
    (mark,) = ben.marks
    assert (mark.progression, mark.stage, mark.mark) == ("sprint-progression", 4, "skip")
    assert (mark.at.hour, mark.at.minute, mark.at.tzinfo is not None) == (23, 59, True)  # a day: at its end
    assert cleo.times == () and squad.groups == ("800 group", "distance")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("    key: 1", "    key: 10", "squad.yaml:4:10: athletes[0].key: must be at most 9"),
        ("    key: 1", "    kye: 1", 'squad.yaml:4:5: unknown key "kye": did you mean key?'),
        ("race: 5k,", "race: 6k,", 'squad.yaml:9:16: athletes[0].times[2].race: unknown race "6k"; races are 400, '
                                   "800, 1000, 1500, mile, 3k, 5k, 10k, hm, marathon"),
        ('time: "16:40"', "time: 16.40", 'squad.yaml:9:26: athletes[0].times[2].time: race times are written in '
                                         'quotes, like "2:08"; YAML read this one as the number 16.4'),
        ('time: "16:40"', 'time: "16.40"', 'squad.yaml:9:26: athletes[0].times[2].time: "16.40" is faster than the '
                                           "5k world record (12:35.36): did you mean 16:40?"),
        ("date: 2026-05-01", "date: 2026-15-01", 'squad.yaml:7:42: athletes[0].times[0].date: "2026-15-01": expected '
                                                 "a date like 2026-12-05 (year-month-day)"),
        ("date: 2026-05-01", "date: 1 May", 'squad.yaml:7:42: athletes[0].times[0].date: "1 May": expected a date '
                                            "like 2026-12-05 (year-month-day)"),
        ("  - name: Cleo", "  - name: ana", 'squad.yaml:16:11: athletes[2].name: "ana" is already in the squad (line '
                                           "3); list each athlete once, with all their times"),
        ("mark: skip", "mark: skipped", "squad.yaml:15:59: athletes[1].stages[0].mark: expected one of 'skip' or "
                                        "'repeat'"),
        ("stage: 4,", "stage: 0,", "squad.yaml:15:50: athletes[1].stages[0].stage: must be at least 1"),
        ("    groups: [800 group]\n", "    groups: 800 group\n", "squad.yaml:5:13: athletes[0].groups: expected a "
                                                                 "list (lines starting with -)"),
        ("{race: 800m, time: \"2:08\", date: 2026-05-01}", "{race: 800m, date: 2026-05-01}",
         "squad.yaml:7:9: missing key: athletes[0].times[0].time"),
        ("  - name: Cleo\n", "  - name: Cleo\n  times: []\n", "squad.yaml:17:3: unexpected text here: the keys of "
         "one mapping line up under each other, and a value that holds a colon or starts with a quote is written in "
         "quotes"),
    ],
)  # fmt: skip
def test_each_mistake_is_one_line_at_its_place(old: str, new: str, message: str) -> None:
    assert old in GOOD
    assert errors(GOOD.replace(old, new)) == [message]


def test_every_mistake_of_a_file_is_listed_in_order() -> None:
    text = GOOD.replace('time: "16:40"', 'time: "16.40"').replace("  - name: Cleo", "  - name: ana")
    assert [m.split(": ")[0] for m in errors(text)] == ["squad.yaml:9:26", "squad.yaml:16:11"]


def test_a_file_that_is_not_a_squad_says_what_one_is() -> None:
    assert errors("- Ana\n- Ben\n") == ["squad.yaml:1:1: found a list; a squad is a mapping with athletes: "
                                        "and a list of them (name:, times:, groups:, key:)"]  # fmt: skip


def test_no_file_is_an_empty_squad(tmp_path: Path) -> None:
    assert load_squad(tmp_path / "squad.yaml").athletes == ()


def test_a_new_time_keeps_the_old_one_and_the_coachs_comments(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(GOOD, encoding="utf-8")
    said = change_squad(path, add_entry(parse_entry("ana 800m 2:05.5, 2026-11-20", date(2026, 11, 20))))
    assert said == ["Ana: 800m 2:05.5 (2026-11-20)"]
    text = path.read_text(encoding="utf-8")
    assert "# our squad" in text and "# a new best" in text
    assert '      - {race: 800m, time: "2:05.5", date: 2026-11-20}\n' in text
    ana = load_squad(path).athletes[0]
    assert [t.time_s for t in ana.times if t.race == "800m"] == [128.0, 126.0, 125.5] and ana.paces["800m"] == 125.5


def test_the_same_time_on_the_same_date_is_not_added_twice(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(GOOD, encoding="utf-8")
    said = change_squad(path, add_entry(Entry("Ana", (RaceTime("800m", 126.0, date(2026, 11, 5)),))))
    assert said == ["Ana: 800m 2:06 (2026-11-05) is already there"]
    assert path.read_text(encoding="utf-8") == GOOD  # unchanged, byte for byte


def test_the_first_athlete_makes_the_file(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    assert change_squad(path, add_entry(parse_entry("Dan", date(2026, 1, 1)))) == ["added Dan to the squad"]
    assert [a.name for a in load_squad(path).athletes] == ["Dan"]
    assert path.read_text(encoding="utf-8").startswith("# The squad: each athlete once.")


def test_a_squad_with_a_problem_is_never_changed(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    broken = GOOD.replace("    key: 1", "    key: 10")
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(SquadFileError) as caught:
        change_squad(path, add_entry(parse_entry("Dan", date(2026, 1, 1))))
    assert str(caught.value.problems[0]) == f"{path}:4:10: athletes[0].key: must be at most 9"
    assert path.read_text(encoding="utf-8") == broken


def test_edits_rename_set_keys_and_groups_and_remove(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(GOOD, encoding="utf-8")
    assert change_squad(path, edit_athlete("cleo", key=3, join=("distance",))) == ["Cleo: key 3",
                                                                                  "Cleo: groups distance"]  # fmt: skip
    assert change_squad(path, edit_athlete("Ben", rename="Benji", leave=("800 group",), key=0)) == [
        "Ben is now Benji", "Benji: no key", "Benji: groups distance"]  # fmt: skip
    squad = load_squad(path)
    assert [(a.name, a.key, a.groups) for a in squad.athletes] == [
        ("Ana", 1, ("800 group",)), ("Benji", None, ("distance",)), ("Cleo", 3, ("distance",))]  # fmt: skip
    change_squad(path, edit_athlete("Ana", remove=True))
    assert [a.name for a in load_squad(path).athletes] == ["Benji", "Cleo"]


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (edit_athlete("Zed", key=2), "Zed is not in the squad (it has Ana, Ben, Cleo)"),
        (edit_athlete("Ben", rename="ana"), "ana is already in the squad"),
    ],
)
def test_an_edit_that_cannot_be_done_says_why_and_changes_nothing(tmp_path: Path, edit: object, message: str) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(GOOD, encoding="utf-8")
    with pytest.raises(ValueError, match=re.escape(message)):
        change_squad(path, edit)  # type: ignore[arg-type]
    assert path.read_text(encoding="utf-8") == GOOD


def test_an_empty_value_is_said_at_its_key() -> None:
    assert errors('athletes:\n  - name:\n  - name: ""\n  - name: Ana\n    times:\n') == [
        'squad.yaml:2:5: athletes[0].name: empty: write the name after "name:"',
        'squad.yaml:3:5: athletes[1].name: empty: write the name after "name:"',
        'squad.yaml:5:5: athletes[2].times: empty: write the race times below "times:", like - {race: 800m, time: '
        '"2:08"}, or leave times: out',
    ]


def test_races_are_named_in_any_case_and_the_same_time_is_still_the_same(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text('athletes:\n  - name: Ana\n    times:\n      - {race: 5K, time: "16:40", date: 2026-05-01}\n')
    assert load_squad(path).athletes[0].times[0].race == "5k"
    change_squad(path, add_entry(parse_entry("Ana 5k 16:40, 2026-05-01", date(2026, 12, 1))))
    assert load_squad(path).athletes[0].times == (RaceTime("5k", 1000.0, date(2026, 5, 1)),)  # not added twice


def test_a_race_time_dated_after_today_is_a_mistake(tmp_path: Path) -> None:
    text = GOOD.replace("date: 2026-05-01}", "date: 2062-05-01}")  # 2026 typed as 2062
    with pytest.raises(SquadFileError) as caught:
        parse_squad(text, "squad.yaml", today=date(2026, 11, 20))
    assert [str(p) for p in caught.value.problems] == [
        "squad.yaml:7:42: athletes[0].times[0].date: 2062-05-01 is after today (2026-11-20): a race time is dated the "
        "day it was run"]  # fmt: skip
    assert parse_squad(GOOD, "squad.yaml", today=date(2026, 11, 5)).athletes[0].paces["800m"] == 126.0  # today: fine


def test_a_name_composed_otherwise_is_the_same_athlete(tmp_path: Path) -> None:
    """Zoë typed as one character (NFC) or as e and a combining diaeresis (NFD) is one athlete."""
    assert errors("athletes:\n  - name: Zoë\n  - name: \"Zoe\\u0308\"\n") == [
        'squad.yaml:3:11: athletes[1].name: "Zoe\u0308" is already in the squad (line 2, its accents typed another '
        "way); list each athlete once, with all their times"]  # fmt: skip
    path = tmp_path / "squad.yaml"
    change_squad(path, add_entry(parse_entry("Zoe\u0308 800m 2:15, 2026-05-01", date(2026, 11, 5))))
    assert "  - name: Zoë\n" in path.read_text(encoding="utf-8")  # written composed, as an editor shows it
    change_squad(path, add_entry(parse_entry("ZOE\u0308 800m 2:12, 2026-11-01", date(2026, 11, 5))))  # NFD again
    (zoe,) = load_squad(path).athletes
    assert [t.time_s for t in zoe.times] == [135.0, 132.0]


def test_a_name_that_is_nobodys_but_alike_someones_asks_who_was_meant(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text("athletes:\n  - name: Zoë\n  - name: Siobhán\n", encoding="utf-8")
    for change, message in [
        (add_mark("Zoe", StageMark("sprint-progression", 2, "skip", datetime(2026, 11, 5, 17, tzinfo=UTC))),
         "Zoe is not in the squad: did you mean Zoë?"),
        (add_entry(parse_entry("siobhan 1500m 4:30", date(2026, 11, 5))), "siobhan is not in the squad: did you mean "
         "Siobhán? (someone else called siobhan is added by writing their name in squad.yaml)"),
    ]:  # fmt: skip
        with pytest.raises(ValueError) as caught:
            change_squad(path, change)
        assert str(caught.value) == message
    assert path.read_text(encoding="utf-8") == "athletes:\n  - name: Zoë\n  - name: Siobhán\n"
    assert change_squad(path, edit_athlete("ZOË", key=2)) == ["Zoë: key 2"]  # the very name, in capitals
    assert change_squad(path, edit_athlete("Zoe", key=3)) == ["Zoë: key 3"]  # an edit names the one athlete alike


OLDER_WRITER = """athletes:
  - name: Siobhán
    times:
      - {race: 1500m, time: "4:30", date: &id001 2026-11-02}
      - {race: 5k, time: "16:05", date: *id001}
"""


def test_a_squad_an_older_kicktimer_wrote_with_a_shared_date_still_reads_and_changes(tmp_path: Path) -> None:
    path = tmp_path / "squad.yaml"
    path.write_text(OLDER_WRITER, encoding="utf-8")
    (athlete,) = load_squad(path).athletes
    assert [(t.race, t.on) for t in athlete.times] == [("1500m", date(2026, 11, 2)), ("5k", date(2026, 11, 2))]
    change_squad(path, add_entry(parse_entry("Siobhán 800m 2:10, 2026-11-03", date(2026, 11, 3))))
    assert len(load_squad(path).athletes[0].times) == 3
