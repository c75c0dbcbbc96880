"""pydantic models of a `*.session.yaml` file. Times stay strings until validated here."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from kicktimer.core.language.paces import RACE_LIST_TEXT, parse_race_time_s, race_key

MAX_ATHLETES = 9  # keys 1-9


def _race_name(value: Any) -> str:
    text = str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value
    if not isinstance(text, str):
        raise ValueError(f"a race name like 800m or 5k, not {value!r}")
    key = race_key(text)
    if key is None:
        raise ValueError(f'unknown race "{text}"; races are {RACE_LIST_TEXT}')
    return key


def _race_time(value: Any) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise ValueError(f'race times are written in quotes, like "2:08"; YAML read this one as the number {value}')
    if not isinstance(value, str):
        raise ValueError('expected a race time in quotes, like "2:08", "4:22.5" or "1:02:30"')
    seconds = parse_race_time_s(value.strip())
    if seconds is None or seconds <= 0:
        raise ValueError(f'"{value}": expected a race time like "2:08", "4:22.5" or "1:02:30"')
    return seconds


RaceName = Annotated[str, BeforeValidator(_race_name)]
RaceTime = Annotated[float, BeforeValidator(_race_time)]


class AthleteModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    paces: dict[RaceName, RaceTime] = Field(default_factory=dict)


class SettingsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    countdown_s: float = Field(3.0, ge=0, le=30)
    distance_steps: Literal["tap", "target"] = "tap"
    split_every_m: float = Field(0.0, ge=0)
    voice: bool = False


class SessionModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1)
    about: str | None = None
    source: str | None = None
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
