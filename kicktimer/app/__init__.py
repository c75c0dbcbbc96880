"""The running program: the only package that wires core, io, audio and ui together.

`gui` composes the windows, `session` is a running session (engine + journal + audio) with the command table,
`console` is its terminal twin, `render` writes a cue track, `selftest` checks an installation. Only `cli` is above it.
"""
