"""FIT fields set safely: text cut at a character boundary (no device shows half a letter), names checked."""

from __future__ import annotations

MAX_BYTES = 100  # step and workout names: watches show far fewer, and FIT strings stop at 255 bytes


def fit_text(text: str, max_bytes: int = MAX_BYTES) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[: max_bytes - 3].decode("utf-8", errors="ignore").rstrip() + "…"


def set_fields(message: object, **values: object) -> None:
    """Set FIT fields by name; a name fit-tool does not know is an error, not a silent Python attribute."""
    for name, value in values.items():
        if not isinstance(getattr(type(message), name, None), property):
            raise AttributeError(f"{type(message).__name__} has no FIT field {name!r}")
        if value is not None:
            setattr(message, name, value)
