"""The season from the files: the progressions in the session folders, the stages each athlete completed (from
the recordings' headers), and an athlete's page from every recording they ran."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ruamel.yaml.error import YAMLError

from kicktimer.core.language.roster import name_key
from kicktimer.core.season.athlete import AthletePage, Ran, athlete_page
from kicktimer.core.season.progression import Done, Progression, progression, stage_number, stage_of
from kicktimer.core.season.squad import Squad
from kicktimer.io.journal import RecordingError
from kicktimer.io.recordings import HistoryEntry, RecordingCache
from kicktimer.io.session_file import SESSION_SUFFIX
from kicktimer.io.source_file import UnreadableFileError, read_text
from kicktimer.io.source_map import LineIndex
from kicktimer.io.yaml_source import MAX_FILE_BYTES, SourceError, load


def progression_in(folder: Path) -> Progression | None:
    """The progression a folder holds: its numbered session files (at least two), named as the sessions are."""
    files = sorted(folder.glob(f"*{SESSION_SUFFIX}")) if folder.is_dir() else []
    numbered = [path for path in files if stage_number(path.name) is not None]
    if len(numbered) < 2:
        return None
    return progression(folder.name, [(str(path), _session_name(path)) for path in numbered])


def progressions(libraries: Iterable[Path]) -> list[Progression]:
    """Every progression under the session libraries, by folder."""
    folders = {p.parent for library in libraries if library.is_dir() for p in library.rglob(f"*{SESSION_SUFFIX}")}
    found = (progression_in(folder) for folder in sorted(folders))
    return [p for p in found if p is not None]


_NAME_LINE = re.compile(r"^name:.*$", re.MULTILINE)


def _session_name(path: Path) -> str:
    """The session's name as its file gives it, from its `name:` line alone (a dozen files are named in
    milliseconds); the file's own name when that does not read."""
    fallback = path.name.removesuffix(SESSION_SUFFIX).replace("-", " ")
    try:
        line = _NAME_LINE.search(read_text(path, MAX_FILE_BYTES, "a session file"))
        read = load(line.group(0), LineIndex(line.group(0))).data if line else None
    except (OSError, UnreadableFileError, SourceError, YAMLError):
        return fallback
    name = read.get("name") if isinstance(read, dict) else None
    return str(name) if isinstance(name, str) and name.strip() else fallback


def completions(entries: Iterable[HistoryEntry]) -> list[Done]:
    """Every stage an athlete completed: a recording of a numbered session that ran to its end, per athlete."""
    done = []
    for entry in entries:
        staged = stage_of(entry.source_path) if entry.source_path else None
        at = entry.instant
        if staged is None or entry.status != "complete" or at is None:
            continue
        done += [Done(name, staged[0], staged[1], at) for name in entry.athletes]
    return done


def athlete_runs(name: str, entries: Iterable[HistoryEntry], cache: RecordingCache) -> list[Ran]:
    """Every readable recording with the athlete in it (by name, ignoring case), with their own review."""
    key = name_key(name)
    runs = []
    for entry in entries:
        at = entry.instant
        if key not in (name_key(a) for a in entry.athletes) or entry.status == "unreadable" or at is None:
            continue
        try:
            opened = cache.open(entry.path, name)
        except (RecordingError, OSError):
            continue
        for mine in opened.review.athletes[:1]:  # reviewed for them alone
            runs.append(Ran(entry.path.name, at, entry.session_name, opened.review.status, opened.session.plan, mine,
                            opened.session.plan.athletes[mine.index].paces))  # fmt: skip
    return runs


def season_page(name: str, entries: Iterable[HistoryEntry], squad: Squad, cache: RecordingCache) -> AthletePage:
    """The athlete page: their recordings, and their squad history when they are in the squad."""
    member = squad.find(name)
    shown = member.name if member is not None else name.strip()
    return athlete_page(shown, athlete_runs(name, entries, cache), member.times if member is not None else ())
