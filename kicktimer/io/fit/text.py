"""FIT fields set safely: text cut at a character boundary (no device shows half a letter), names checked, and
every value checked against what its field can hold."""

from __future__ import annotations

import math

from fit_tool.exceptions import FitEncodingError

MAX_BYTES = 100  # step and workout names: watches show far fewer, and FIT strings stop at 255 bytes


def fit_text(text: str, max_bytes: int = MAX_BYTES) -> str:
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    return data[: max_bytes - 3].decode("utf-8", errors="ignore").rstrip() + "…"


def set_fields(message: object, **values: object) -> list[str]:
    """Set FIT fields by name; a name fit-tool does not know is an error, not a silent Python attribute.

    A value its field cannot hold (beyond its type's range once scaled, like a speed over 65.5 m/s in a 16-bit
    field, the type's own "invalid" marker, or not a finite number) is left unset: the file stays whole and
    readable. The names of the fields left unset are returned, for the caller to say so."""
    left_out = []
    for name, value in values.items():
        if not isinstance(getattr(type(message), name, None), property):
            raise AttributeError(f"{type(message).__name__} has no FIT field {name!r}")
        if value is None:
            continue
        if isinstance(value, float) and not math.isfinite(value):
            left_out.append(name)
            continue
        try:
            setattr(message, name, value)
        except (FitEncodingError, ValueError, OverflowError):
            left_out.append(name)
            continue
        if _holds_invalid_marker(message, name):
            left_out.append(name)
    return left_out


def _holds_invalid_marker(message: object, name: str) -> bool:
    """An integer field whose value encodes to its type's invalid marker (65535 in a uint16) reads back as no
    value: it is cleared, and said."""
    get_field = getattr(message, "get_field_by_name", None)
    field = get_field(name) if get_field is not None else None
    if field is None or not field.base_type.is_integer() or not field.encoded_values:
        return False
    if field.encoded_values[0] != field.base_type.invalid_raw_value():
        return False
    field.clear()
    return True
