"""The lines of a recording, as pydantic models: the header, then the events and heartbeats. The journal writes
with them and the reader validates with the same ones, so nothing is read back that could not have been written.

Every line carries a sequence number (`seq`, from 1) and the recording's id (`rec`): a reader notices lines
that are missing, repeated, out of order or from another recording. Version 1 files have neither.
"""

from __future__ import annotations

import dataclasses
import json
import secrets
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator, model_validator
from pydantic.dataclasses import dataclass

from kicktimer import __version__
from kicktimer.core.run.events import EVENT_TYPES, SYNCED, CorrectionOp, Event, EventType

FORMAT = "kicktimer-recording"
VERSION = 4  # 2: sequence numbers, the recording's id, heartbeats; 3: an undo names what it undoes (`ref`);
# 4: events say where the group was (`in_step`, `into_ns`) and a numbered tap its split's step (`for_step`)
READABLE_VERSIONS = (1, 2, 3, 4)
SUFFIX = ".kick.jsonl"

# Nothing kicktimer writes comes near these; a file past them is refused at once, with the reason.
MAX_RECORDING_BYTES = 32 * 1024 * 1024  # a day of running with heartbeats is ~4 MB
MAXHEADER_BYTES = 4 * 1024 * 1024  # the session text and its expanded plan
MAX_LINE_BYTES = 4096
MAX_T_NS = 2**63 - 1  # the monotonic clock in nanoseconds fits a signed 64-bit integer
MAX_SPAN_NS = 400 * 86_400 * 1_000_000_000  # an event this long after the start is damage, not a session
MAX_EXTEND_S = 86_400.0

RecordingId = Annotated[str, Field(pattern=r"^[0-9a-f]{8,32}$")]
Seq = Annotated[int, Field(ge=1, le=10**9)]


class _Line(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    seq: Seq | None = None  # None only in version 1 files
    rec: RecordingId | None = None
    t_ns: int = Field(ge=0, le=MAX_T_NS)


class EventLine(_Line):
    """One session event (core `Event`) as a line."""

    type: EventType
    athlete: int | None = Field(None, ge=0, le=98)
    delta_s: float | None = Field(None, ge=-MAX_EXTEND_S, le=MAX_EXTEND_S, allow_inf_nan=False)
    reason: str | None = Field(None, max_length=1000)
    op: CorrectionOp | None = None
    ref: int | None = Field(None, ge=0, le=10**7)
    step: int | None = Field(None, ge=0, le=10**6)  # start: the plan step the session started at
    lead_ns: int | None = Field(None, ge=0, le=10 * 10**9)  # the step it began started this much later (its cue)
    in_step: int | None = Field(None, ge=0, le=10**6)  # where the group was (core `Event`): a lost line is
    into_ns: int | None = Field(None, ge=0, le=MAX_SPAN_NS)  # got over at the next event (version 4 on)
    for_step: int | None = Field(None, ge=0, le=10**6)  # a numbered tap: the step it made a split of

    @model_validator(mode="after")
    def _correction_fields(self) -> EventLine:
        if self.type == "correct" and self.op is None:
            raise ValueError('a correction needs "op" (move, delete, add or revert)')
        if self.op in ("move", "delete") and self.ref is None:
            raise ValueError(f'a "{self.op}" correction needs "ref", the index of the tap it corrects')
        if self.type != "correct" and self.op is not None:
            raise ValueError('only a correction has "op"')
        if self.type not in ("correct", "undo") and self.ref is not None:
            raise ValueError('only a correction or an undo has "ref"')
        if self.type != "start" and self.step is not None:
            raise ValueError('only the start has "step"')
        if self.type not in ("start", "tap", "skip", "back") and self.lead_ns is not None:
            raise ValueError('only an event that can begin a step (start, tap, skip, back) has "lead_ns"')
        if self.type not in SYNCED and (self.in_step is not None or self.into_ns is not None):
            raise ValueError(f'a "{self.type}" does not say where the group was ("in_step", "into_ns")')
        if self.for_step is not None and (self.type != "tap" or self.athlete is None):
            raise ValueError('only a numbered tap has "for_step"')
        return self

    @classmethod
    def of(cls, event: Event, seq: int, rec: str) -> EventLine:
        return cls(
            seq=seq, rec=rec, t_ns=event.t_ns, type=event.type, athlete=event.athlete, delta_s=event.delta_s,
            reason=event.reason, op=event.op, ref=event.ref, step=event.step, lead_ns=event.lead_ns,
            in_step=event.in_step, into_ns=event.into_ns, for_step=event.for_step,
        )  # fmt: skip

    def event(self) -> Event:
        return Event(self.t_ns, self.type, self.athlete, self.delta_s, self.reason, self.op, self.ref, self.step,
                     self.lead_ns, self.in_step, self.into_ns, self.for_step)  # fmt: skip


class AliveLine(_Line):
    """A heartbeat while the session runs: the recording's timeline and the wall clock at one moment.
    Resume measures the restart gap from the latest one (the wall clock is used for nothing else)."""

    type: Literal["alive"]
    wall_s: float = Field(gt=0, lt=1e11, allow_inf_nan=False)  # seconds since the Unix epoch
    note: str | None = Field(None, max_length=1000)  # what happened here: "resumed: …"


Line = EventLine | AliveLine
LINE: TypeAdapter[Line] = TypeAdapter(Annotated[Line, Field(discriminator="type")])


def encode(line: Line) -> bytes:
    return line.model_dump_json(exclude_none=True).encode() + b"\n"


def decode(raw: bytes) -> Line:
    """Raises ValueError saying what is wrong, for a line that is not one kicktimer writes."""
    if len(raw) > MAX_LINE_BYTES:
        raise ValueError(f"{len(raw)} bytes long; an event line is at most {MAX_LINE_BYTES}")
    try:
        return LINE.validate_json(raw)
    except ValidationError as error:
        raise ValueError(why(error)) from None


def why(error: ValidationError) -> str:
    """A pydantic error as one short phrase: where in the line, and what is wrong."""
    first = error.errors(include_url=False)[0]
    kind, loc = first["type"], [str(part) for part in first["loc"]]
    if kind in ("json_invalid", "json_type"):
        return "not JSON (or not one line of it)"
    if kind == "model_attributes_type" or kind == "model_type":
        return "not a JSON object"
    if kind == "union_tag_invalid":
        return f'unknown line type "{first.get("ctx", {}).get("tag", "?")}"'
    if kind == "union_tag_not_found":
        return 'no "type"'
    where = ".".join(loc[1:] if loc and (loc[0] in EVENT_TYPES or loc[0] == "alive") else loc)
    message = str(first["msg"]).removeprefix("Value error, ")
    return f'"{where}": {message}' if where else message


def new_recording_id() -> str:
    return secrets.token_hex(8)


class HeaderDamagedError(ValueError):
    """The first line is not a header that reads (rather than one of a format this kicktimer does not read)."""


@dataclass(frozen=True, config=ConfigDict(strict=True))
class Header:
    session_name: Annotated[str, Field(max_length=500)]
    source_text: Annotated[str, Field(max_length=MAXHEADER_BYTES)]  # the session file as it was: it stands alone
    source_path: str | None
    plan: dict[str, Any]
    wall_start: str  # ISO 8601 with offset, for display
    wall_start_unix_s: Annotated[float, Field(gt=0, lt=1e11, allow_inf_nan=False)]
    app_version: Annotated[str, Field(max_length=100)] = __version__
    athletes: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # the roster used: [{name, paces}]
    # Every later line carries it: lines from another recording are noticed (version 2 on).
    recording_id: RecordingId = dataclasses.field(default_factory=new_recording_id)

    @field_validator("plan")
    @classmethod
    def _plan_steps(cls, plan: dict[str, Any]) -> dict[str, Any]:
        steps = plan.get("steps", [])
        if not isinstance(steps, list) or not all(isinstance(s, dict) and isinstance(s.get("label"), str)
                                                  for s in steps):  # fmt: skip
            raise ValueError('"steps" must be a list of steps, each with a "label"')
        return plan

    @field_validator("wall_start")
    @classmethod
    def _iso(cls, text: str) -> str:
        datetime.fromisoformat(text)  # ValueError says what is wrong
        return text

    @field_validator("athletes")
    @classmethod
    def _roster(cls, athletes: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for athlete in athletes:
            paces = athlete.get("paces", {})
            if not isinstance(athlete.get("name"), str) or not isinstance(paces, dict):
                raise ValueError('each athlete needs a "name" (text) and "paces" (a mapping)')
            if not all(isinstance(k, str) and type(v) in (int, float) and 0 < v < 1e6 for k, v in paces.items()):
                raise ValueError('"paces" maps a race to its time in seconds')
        return athletes

    def to_json(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, **self.__dict__}

    @property
    def started_at(self) -> datetime:
        """The start with its fraction of a second, in the recording's UTC offset. `wall_start` is written cut to
        the second; `wall_start_unix_s` keeps the fraction, and is used when both name the same second (a header
        edited by hand, or copied to another date, keeps the date it shows)."""
        shown = datetime.fromisoformat(self.wall_start)
        shown = shown if shown.tzinfo is not None else shown.replace(tzinfo=UTC)
        if shown.microsecond or abs(self.wall_start_unix_s - shown.timestamp()) >= 1.0:
            return shown
        return datetime.fromtimestamp(self.wall_start_unix_s, shown.tzinfo)

    @classmethod
    def read(cls, raw: bytes) -> tuple[Header, int]:
        """The header and its format version; ValueError saying what is wrong."""
        if len(raw) > MAXHEADER_BYTES:
            raise ValueError(f"the header is {len(raw)} bytes long; kicktimer writes at most {MAXHEADER_BYTES}")
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            raise HeaderDamagedError("the first line is not a kicktimer recording header") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise HeaderDamagedError("the first line is not a kicktimer recording header")
        version = data.get("version")
        if version not in READABLE_VERSIONS:
            raise ValueError(f"recording format version {version} (this kicktimer reads {READABLE_VERSIONS[-1]})")
        try:
            return HEADER.validate_json(raw), int(version)
        except ValidationError as error:
            raise HeaderDamagedError(f"the header is damaged: {why(error)}") from None


HEADER: TypeAdapter[Header] = TypeAdapter(Header)
