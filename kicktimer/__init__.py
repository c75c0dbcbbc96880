"""kicktimer: a track-side session timer."""

__version__ = "0.1.0"
