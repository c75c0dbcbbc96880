"""Independent readers of kicktimer's exports, the programs a coach's files land in stand-ins for: Garmin's own
FIT SDK (decoder with its integrity check), fitdecode (messages in file order), Garmin's TCX schema through
lxml, pandas for the CSV."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import fitdecode
from garmin_fit_sdk import Decoder, Stream
from lxml import etree

XSD = Path(__file__).with_name("TrainingCenterDatabasev2.xsd")  # Garmin's schema; its source is noted inside


def garmin_messages(path: Path) -> dict[str, list[dict[str, Any]]]:
    """The FIT file decoded by Garmin's SDK; fails unless its integrity check passes and it decodes cleanly."""
    assert Decoder(Stream.from_file(str(path))).check_integrity(), f"{path}: the FIT integrity check fails"
    messages, errors = Decoder(Stream.from_file(str(path))).read(convert_datetimes_to_dates=True)
    assert errors == [], f"{path}: {errors}"
    return messages  # type: ignore[no-any-return]


def fit_in_order(path: Path) -> list[tuple[str, dict[str, Any]]]:
    """(message name, fields) in the order they are in the file."""
    found = []
    with fitdecode.FitReader(str(path), check_crc=fitdecode.CrcCheck.ENABLED) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitDataMessage):
                found.append((frame.name, {f.name: f.value for f in frame.fields}))
    return found


@cache
def _schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD)))


def tcx_problems(path: Path) -> list[str]:
    """What Garmin's TrainingCenterDatabase v2 schema finds wrong with the file ([] when it validates)."""
    schema = _schema()
    if schema.validate(etree.parse(str(path))):
        return []
    return [f"{e.line}: {e.message}" for e in schema.error_log]
