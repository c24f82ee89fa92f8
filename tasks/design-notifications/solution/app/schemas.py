"""The public contract. /design/openapi.json is generated from these models and the routes, so the
documented schemas and the live responses cannot drift apart."""

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Self
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)


class Channel(StrEnum):
    email = "email"
    sms = "sms"
    push = "push"


class Category(StrEnum):
    marketing = "marketing"
    product_updates = "product_updates"
    billing = "billing"
    security = "security"


class Reason(StrEnum):
    ok = "ok"
    channel_disabled = "channel_disabled"
    category_opted_out = "category_opted_out"
    quiet_hours = "quiet_hours"


MANDATORY = Category.security
DEFAULT_CHANNELS = {Channel.email: True, Channel.sms: False, Channel.push: True}
UserId = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
ClockTime = Annotated[str, StringConstraints(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


def _zone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("unknown IANA time zone") from None
    return name


class Channels(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: bool
    sms: bool
    push: bool


class QuietHours(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start: ClockTime = Field(description="HH:MM local time; quiet from here (inclusive)")
    end: ClockTime = Field(description="HH:MM local time; quiet until here (exclusive)")
    timezone: Annotated[str, AfterValidator(_zone)] = Field(description="IANA zone name")

    @model_validator(mode="after")
    def _non_empty(self) -> Self:
        if self.start == self.end:
            raise ValueError("start and end must differ")
        return self


class PreferencesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channels: Channels
    opted_out: list[Category] = Field(default_factory=list)
    quiet_hours: QuietHours | None = None

    @model_validator(mode="after")
    def _mandatory(self) -> Self:
        if MANDATORY in self.opted_out:
            raise ValueError("security notifications cannot be opted out of")
        return self


class Preferences(BaseModel):
    user_id: str
    channels: Channels
    opted_out: list[Category] = Field(description="sorted, no duplicates")
    quiet_hours: QuietHours | None
    updated_at: datetime | None = Field(description="null while the defaults apply")


class DecisionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    category: Category
    channel: Channel
    at: AwareDatetime


class Decision(BaseModel):
    deliver: bool
    reason: Reason
