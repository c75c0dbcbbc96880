"""`squad.yaml` changed from the terminal or the browser without losing a comment or a line the coach wrote
(ruamel.yaml round-trip): the new text is read back as a squad before it replaces the file, whole or not at all,
and a file with a problem is never changed (it is fixed by hand first: nothing is guessed). Processes changing
it take turns (writer_lock.taking_turns), so two adding athletes at once both keep theirs."""

from __future__ import annotations

import io
import os
import stat
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import NamedTuple

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from kicktimer.core.language.paces import parse_race_time_s, written_race_key
from kicktimer.core.language.quantities import format_clock
from kicktimer.core.language.roster import name_key
from kicktimer.core.season.squad import Entry, RaceTime, StageMark, alike_key, did_you_mean, written_name
from kicktimer.io.disk import os_error_advice
from kicktimer.io.session_file import Problem
from kicktimer.io.squad import MAX_SQUAD_BYTES, SquadFileError, parse_squad, read_squad_text
from kicktimer.io.writer_lock import LockedError, taking_turns

NEW_FILE = """\
# The squad: each athlete once. Race times keep their history (the newest of each race sets the targets);
# groups and a preferred key (1-9) are optional. See docs/squad.md, or `kicktimer squad --help`.
#   - name: Ana
#     key: 1
#     groups: [800 group]
#     times:
#       - {race: 800m, time: "2:08", date: 2026-05-01}
athletes: []
"""


def round_trip() -> YAML:
    """For changes: ruamel's round trip keeps every comment and layout; lists indented under their key
    (`  - name: Ana`), as the file is written."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096  # a line as long as it is: a mark's date is not wrapped onto a line of its own
    yaml.representer.ignore_aliases = lambda _data: True  # one date for two times: written twice, no &id001
    return yaml


Change = Callable[[CommentedSeq], list[str]]  # edits the athletes list in place; says what it did


def change_squad(path: Path, change: Change) -> list[str]:
    """Apply `change` to the file's athletes and write it back (atomically), after reading the new text back as a
    squad; SquadFileError, and the file untouched, when the file or the change has a problem, when the squad
    would grow past its size, or when the file cannot be written (read-only, a full disk)."""
    try:
        with taking_turns(path):
            return _change_file(path, change)
    except LockedError as error:
        raise _file_error(path, str(error)) from None
    except OSError as error:
        raise _file_error(path, f"cannot change this file: {os_error_advice(error)}; nothing was changed") from None


def _change_file(path: Path, change: Change) -> list[str]:
    text = read_squad_text(path)
    if text is not None and not _writable(path):
        raise _file_error(path, "this file is read-only: make it writable to change the squad (chmod u+w, or "
                                "untick Read-only in its properties); nothing was changed")  # fmt: skip
    text = NEW_FILE if text is None else text.replace("\r\n", "\n").replace("\r", "\n")  # as written: one kind
    parse_squad(text, str(path))  # a file with a problem is fixed by hand first: nothing is guessed
    data = round_trip().load(text)
    if not isinstance(data.get("athletes"), CommentedSeq):
        data["athletes"] = CommentedSeq()
    said = change(data["athletes"])
    out = io.StringIO()
    round_trip().dump(data, out)
    size = len(out.getvalue().encode("utf-8"))
    if size > MAX_SQUAD_BYTES:
        limit = f"a squad file is at most {MAX_SQUAD_BYTES:,}"
        raise _file_error(path, f"the squad would be {size:,} bytes; {limit}: nothing was changed (take out athletes "
                                "who left, or old race times, first)")  # fmt: skip
    parse_squad(out.getvalue(), f"{path} (as changed)")
    _write_atomically(path, out.getvalue())
    return said


def _file_error(path: Path, message: str) -> SquadFileError:
    return SquadFileError([Problem(str(path), 0, 0, message)])


def _writable(path: Path) -> bool:
    """Not marked read-only (by its permissions: as root, or on some shares, access() says yes regardless)."""
    write_bits = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
    return os.access(path, os.W_OK) and bool(path.stat().st_mode & write_bits)


def all_of(changes: list[Change]) -> Change:
    """The changes one after the other, as one change of the file."""
    return lambda athletes: [line for change in changes for line in change(athletes)]


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=".squad-", suffix=".yaml", dir=path.parent)
    try:
        mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else 0o644
        Path(temp).chmod(mode)  # the file keeps who may read it (mkstemp makes it the owner's alone)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fsync(file.fileno())
        Path(temp).replace(path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def find_node(athletes: CommentedSeq, name: str) -> CommentedMap | None:
    """The athlete of that name (name_key: ignoring case, spaces around it and how it is composed)."""
    key = name_key(name)
    return next((a for a in athletes if name_key(str(a.get("name", ""))) == key), None)


def _names(athletes: CommentedSeq) -> list[str]:
    return [str(a.get("name", "")) for a in athletes]


def _flow(**items: object) -> CommentedMap:
    node = CommentedMap(items)
    node.fa.set_flow_style()
    return node


def time_node(race_time: RaceTime) -> CommentedMap:
    written = DoubleQuotedScalarString(format_clock(race_time.time_s))
    if race_time.on is None:
        return _flow(race=race_time.race, time=written)
    return _flow(race=race_time.race, time=written, date=race_time.on)


class Added(NamedTuple):
    name: str  # as the squad writes it
    new: bool  # a new athlete
    times: list[RaceTime]
    again: list[RaceTime]  # already there on the same date: not added twice


class Roster:
    """The athletes of the file by name (name_key) and by names alike (alike_key), kept as athletes are added: an
    import of thousands of rows finds each at once, not by reading every name again."""

    def __init__(self, athletes: CommentedSeq) -> None:
        self.athletes = athletes
        self._named: dict[str, CommentedMap] = {}
        self._alike: dict[str, list[str]] = {}
        for node in athletes:
            self._note(node)

    def _note(self, node: CommentedMap) -> None:
        name = str(node.get("name", ""))
        self._named.setdefault(name_key(name), node)
        self._alike.setdefault(alike_key(name), []).append(name)

    def find(self, name: str) -> CommentedMap | None:
        return self._named.get(name_key(name))

    def new(self, name: str) -> CommentedMap:
        """A new athlete at the end; ValueError when the name is alike someone's (did you mean Zoë?)."""
        alike = did_you_mean(self._alike.get(alike_key(name), []), name)
        if alike:
            raise ValueError(f"{name.strip()} is not in the squad: {alike} (someone else called {name.strip()} is "
                             "added by writing their name in squad.yaml)")  # fmt: skip
        node = CommentedMap(name=written_name(name))
        self.athletes.append(node)
        self._note(node)
        return node


def add_times(roster: Roster, entry: Entry) -> Added:
    """The entry's times added to the athlete's history (a new athlete at the end)."""
    found = roster.find(entry.name)
    new = found is None
    node = roster.new(entry.name) if found is None else found
    times = node.setdefault("times", CommentedSeq())
    added, again = [], []
    for race_time in entry.times:
        if any(_same_time(t, race_time) for t in times):
            again.append(race_time)
        else:
            times.append(time_node(race_time))
            added.append(race_time)
    return Added(str(node["name"]), new, added, again)


def add_entry(entry: Entry) -> Change:
    def change(athletes: CommentedSeq) -> list[str]:
        name, new, added, again = add_times(Roster(athletes), entry)
        said = [f"added {name} to the squad"] if new else []
        said += [f"{name}: {t.race} {format_clock(t.time_s)}{'' if t.on is None else f' ({t.on})'}" for t in added]
        said += [f"{name}: {t.race} {format_clock(t.time_s)} ({t.on}) is already there" for t in again]
        return said

    return change


def _same_time(node: object, race_time: RaceTime) -> bool:
    if not isinstance(node, CommentedMap):
        return False
    written = node.get("date")
    return (written_race_key(str(node.get("race"))) == race_time.race
            and parse_race_time_s(str(node.get("time")).strip()) == race_time.time_s
            and (written if isinstance(written, date) else None) == race_time.on)  # fmt: skip


def _named(athletes: CommentedSeq, name: str, loosely: bool = False) -> CommentedMap:
    """The athlete of that name; `loosely`, else the one athlete whose name differs from it only in accents,
    case or spacing ("Zoe" finds Zoë: an edit names one athlete); several such are asked about, never guessed."""
    node = find_node(athletes, name)
    if node is None and loosely:
        found = [a for a in athletes if alike_key(str(a.get("name", ""))) == alike_key(name)]
        node = found[0] if len(found) == 1 else None
    if node is None:
        alike = did_you_mean(_names(athletes), name)
        known = ", ".join(_names(athletes)) or "nobody yet"
        raise ValueError(f"{name} is not in the squad: {alike}" if alike else f"{name} is not in the squad (it has "
                         f"{known})")  # fmt: skip
    return node


def add_mark(name: str, mark: StageMark) -> Change:
    """A coach's word on a stage, kept with the athlete (`stages:`), at the local minute it was given."""

    def change(athletes: CommentedSeq) -> list[str]:
        node = _named(athletes, name)
        moment = mark.at.astimezone().replace(tzinfo=None).isoformat(timespec="minutes")
        stage = _flow(progression=mark.progression, stage=mark.stage, mark=mark.mark, date=moment)
        node.setdefault("stages", CommentedSeq()).append(stage)
        return [f"{node['name']}: {mark.progression} stage {mark.stage}: {mark.mark}"]

    return change


def edit_athlete(name: str, rename: str | None = None, key: int | None = None,
                 join: tuple[str, ...] = (), leave: tuple[str, ...] = (), remove: bool = False) -> Change:  # fmt: skip
    """Rename, set the preferred key (0 clears it; None leaves it), join or leave groups, or take the athlete out of the
    squad (their recordings stay; they keep their name there)."""

    def change(athletes: CommentedSeq) -> list[str]:
        node = _named(athletes, name, loosely=True)
        said = []
        if remove:
            athletes.remove(node)
            return [f"{node['name']} is no longer in the squad (their recordings are kept)"]
        if rename and rename.strip() != node["name"]:
            other = find_node(athletes, rename)
            if other is not None and other is not node:
                raise ValueError(f"{rename} is already in the squad")
            said.append(f"{node['name']} is now {written_name(rename)}")
            node["name"] = written_name(rename)
        if key is not None:
            said.append(_set(node, "key", key or None, f"{node['name']}: {f'key {key}' if key else 'no key'}"))
        if join or leave:
            groups = [g for g in node.get("groups", []) if g not in leave]
            groups += [g for g in join if g not in groups]
            said.append(_set(node, "groups", _flow_list(groups) if groups else None,
                             f"{node['name']}: groups {', '.join(groups) or 'none'}"))  # fmt: skip
        return said

    return change


def _set(node: CommentedMap, key: str, value: object, said: str) -> str:
    if value is None:
        node.pop(key, None)
    elif key in node:
        node[key] = value
    else:  # new keys go after the name, before the times, where a coach looks for them
        node.insert(min(1, len(node)), key, value)
    return said


def _flow_list(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq
