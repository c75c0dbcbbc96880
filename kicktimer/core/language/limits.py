"""Sizes no real session reaches: each guards the checker against a file that would crash or hang it, and each
has its own message. The library's largest session is far below every one of them."""

from __future__ import annotations

MAX_LINE_CHARS = 1000  # one line of the workout, comment excluded (the longest in the library: ~330)
MAX_LABEL_CHARS = 80  # a step's label words, an athlete's name, the session's name
MAX_DEPTH = 8  # repeats and parentheses nested inside each other (the library: 3)
MAX_REPEAT = 1000  # 6x, 4-5x
MAX_COUNT = 10_000  # 10 pogo jumps
MAX_DISTANCE_M = 200_000.0  # 200 km: longer than any race run on a track
MAX_DURATION_S = 24 * 3600.0  # a step, a target time, a race time
MAX_STEPS = 10_000  # plan steps of the whole workout, holds and recoveries included (the library: 36)
MAX_PROBLEMS = 20  # a workout's problems reported before checking stops (20,000 bad lines would take seconds)
