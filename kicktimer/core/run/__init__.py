"""Running a session: a plan + events + an injected clock -> the state at any instant.

Owns the clock protocol, events, corrections, the replay, the engine (pure `snapshot(now)`), the cue schedule,
the command table, resuming and simulation. May import `core.language`, never `core.review`.
"""
