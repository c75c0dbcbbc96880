"""pydantic models of `squad.yaml`. Race times stay strings until read here, with the session file's rules."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from kicktimer.core.season.squad import parse_date
from kicktimer.io.session_models import Name, RaceName, RaceTime


def _date(value: Any) -> date:
    return value if isinstance(value, date) and not isinstance(value, datetime) else parse_date(str(value))


def _moment(value: Any) -> date | datetime:
    """A mark's date: a day (counts at its end) or a moment (`2026-12-05T18:30`, local time)."""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return datetime.fromisoformat(text) if "T" in text or " " in text else parse_date(text)
    except ValueError:
        raise ValueError(f'"{text}": expected a date like 2026-12-05, or a moment like 2026-12-05T18:30') from None


Day = Annotated[date, BeforeValidator(_date)]
Moment = Annotated[date | datetime, BeforeValidator(_moment)]


class TimeModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    race: RaceName
    time: RaceTime
    date: Day | None = None


class MarkModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    progression: str = Field(min_length=1)
    stage: int = Field(ge=1)
    mark: Literal["skip", "repeat"]
    date: Moment


class SquadAthleteModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    key: int | None = Field(None, ge=1, le=9)
    groups: list[Name] = Field(default_factory=list)
    times: list[TimeModel] = Field(default_factory=list)
    stages: list[MarkModel] = Field(default_factory=list)


class SquadModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    athletes: list[SquadAthleteModel] = Field(default_factory=list)


_NESTED: dict[str, type[BaseModel]] = {"athletes": SquadAthleteModel, "times": TimeModel, "stages": MarkModel}


def squad_fields_at(loc: tuple[int | str, ...]) -> list[str]:
    """The keys allowed in the mapping at `loc`, for "did you mean" suggestions."""
    model: type[BaseModel] = SquadModel
    for part in loc:
        if isinstance(part, int):
            continue
        nested = _NESTED.get(str(part))
        if nested is None:
            return []
        model = nested
    return list(model.model_fields)
