"""Reviewing a session: recorded events -> what happened (split rows, laps, fade, kick, tables).

May import `core.run` and `core.language`; nothing imports it from inside core.
"""
