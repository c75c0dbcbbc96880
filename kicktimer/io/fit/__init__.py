"""FIT files (fit-tool): an activity per athlete from a recording, a workout per athlete from a plan, and a
workout read back. The only package that imports fit_tool (an import-linter contract); its modules import it
when they are imported, so callers import them only when a FIT file is asked for (fit-tool takes ~0.15 s)."""
