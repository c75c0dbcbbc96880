"""pydantic models of a `*.session.yaml` file. Times stay strings until validated here."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from kicktimer.core.language.limits import MAX_DISTANCE_M, MAX_LABEL_CHARS
from kicktimer.core.language.paces import RACE_LIST_TEXT, parse_race_time_s, written_race_key
from kicktimer.core.language.wording import shorten

MAX_ATHLETES = 9  # keys 1-9
MIN_SPLIT_EVERY_M = 10.0  # a split point closer than this is a typing slip, and would cue every few steps


def _one_line(value: Any) -> Any:
    """A name: printable text on one line (it heads a column, a tile, a file name)."""
    if isinstance(value, str) and not value.isprintable():
        raise ValueError("a name is one line of plain text, without control characters")
    return value


def _text(value: Any) -> Any:
    """Free text (about, source): any printable text, over several lines if need be."""
    if isinstance(value, str) and not value.replace("\n", "").replace("\t", "").isprintable():
        raise ValueError("plain text only: this holds control characters")
    return value


def _race_name(value: Any) -> str:
    text = str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
    if not isinstance(text, str):
        raise ValueError(f"a race name like 800m or 5k, not {shorten(repr(value), 40)}")
    key = written_race_key(text)
    if key is None:
        raise ValueError(f'unknown race "{shorten(text, 40)}"; races are {RACE_LIST_TEXT}')
    return key


def _race_time(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        shown = shorten(str(value), 40)
        raise ValueError(f'race times are written in quotes, like "2:08"; YAML read this one as the number {shown}')
    if not isinstance(value, str):
        raise ValueError('expected a race time in quotes, like "2:08", "4:22.5" or "1:02:30"')
    seconds = parse_race_time_s(value.strip())
    if seconds is None:
        raise ValueError(
            f'"{shorten(value, 40)}": expected a race time like "2:08", "4:22.5" or "1:02:30" (at most a day)'
        )
    return seconds


def _split_every(value: Any) -> Any:
    if isinstance(value, int | float) and 0 < value < MIN_SPLIT_EVERY_M:
        raise ValueError(f"0 (no split points) or at least {MIN_SPLIT_EVERY_M:g} metres")
    return value


RaceName = Annotated[str, BeforeValidator(_race_name)]
RaceTime = Annotated[float, BeforeValidator(_race_time)]
Name = Annotated[str, Field(min_length=1, max_length=MAX_LABEL_CHARS), AfterValidator(_one_line)]
Text = Annotated[str, AfterValidator(_text)]


class AthleteModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    paces: dict[RaceName, RaceTime] = Field(default_factory=dict)


class SettingsModel(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)

    countdown_s: float = Field(3.0, ge=0, le=30)
    distance_steps: Literal["tap", "target"] = "tap"
    split_every_m: Annotated[float, AfterValidator(_split_every)] = Field(0.0, ge=0, le=MAX_DISTANCE_M)
    voice: bool = False


class SessionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    about: Text | None = None
    source: Text | None = None
    athletes: list[AthleteModel] = Field(default_factory=list, max_length=MAX_ATHLETES)
    settings: SettingsModel = Field(default_factory=SettingsModel)
    workout: str  # names unique ignoring case, and race times that make sense: checked in session_file, with places


_NESTED: dict[str, type[BaseModel]] = {"athletes": AthleteModel, "settings": SettingsModel}


def fields_at(loc: tuple[int | str, ...]) -> list[str]:
    """The keys allowed in the mapping at `loc`, for "did you mean" suggestions."""
    model: type[BaseModel] = SessionModel
    for part in loc:
        if isinstance(part, int):
            continue
        nested: type[BaseModel] | None = _NESTED.get(str(part))
        if nested is None:
            return []
        model = nested
    return list(model.model_fields)
