"""A season for benchmarks, screenshots and tests: a squad with dated race times, and recordings of three sessions
a week in turn (Kick 500s, race-pace 400s, the next stage of the sprint progression), each run with the race times
the squad had that day, by athletes getting fitter through the season."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from kicktimer.core.language.plan import Athlete
from kicktimer.core.season.squad import newest_paces
from kicktimer.io.session_file import Session, load_session, with_athletes
from kicktimer.io.squad import load_squad
from tests.support.recording_gen import record

ROOT = Path(__file__).resolve().parent.parent.parent
SQUAD = """\
# The 800 group and the distance runners
athletes:
  - name: Ana
    key: 1
    groups: [800 group]
    times:
      - {race: 800m, time: "2:12", date: 2026-02-14}
      - {race: 1500m, time: "4:31", date: 2026-03-07}
      - {race: 800m, time: "2:09.5", date: 2026-05-09}
      - {race: 800m, time: "2:07.8", date: 2026-06-20}
  - name: Ben
    key: 2
    groups: [800 group]
    times:
      - {race: mile, time: "4:41", date: 2026-02-28}
      - {race: 800m, time: "2:05", date: 2026-05-23}
  - name: Cleo
    groups: [distance]
    times:
      - {race: 5k, time: "17:05", date: 2026-03-21}
      - {race: 1500m, time: "4:38", date: 2026-06-06}
"""


def _sessions() -> list[list[Session]]:
    library = ROOT / "sessions"
    stages = [load_session(p) for p in sorted((library / "sprint-progression").glob("*.session.yaml"))]
    return [[load_session(library / "kick-500s.session.yaml")],
            [load_session(library / "1500-race-pace-400s.session.yaml")], stages]  # fmt: skip


def season(data: Path, count: int, first: datetime) -> list[Path]:
    """`squad.yaml` and `count` recordings in `data/recordings`, one every two or three days from `first`."""
    data.mkdir(parents=True, exist_ok=True)
    (data / "squad.yaml").write_text(SQUAD, encoding="utf-8")
    squad = load_squad(data / "squad.yaml")
    kinds = _sessions()
    made = []
    for n in range(count):
        when = first + timedelta(days=n // 3 * 7 + (0, 2, 4)[n % 3])
        choices = kinds[n % 3]
        session = choices[(n // 3) % len(choices)]
        roster = tuple(Athlete(a.name, newest_paces(t for t in a.times if t.on is None or t.on <= when.date()))
                       for a in squad.athletes)  # fmt: skip
        session = with_athletes(replace(session, path=session.path), roster)
        path = data / "recordings" / f"{when:%Y-%m-%dT%H-%M}-{n}.kick.jsonl"
        made.append(record(session, path, when, seed=n, form=1.03 - 0.05 * n / max(count, 1)))
    return made
