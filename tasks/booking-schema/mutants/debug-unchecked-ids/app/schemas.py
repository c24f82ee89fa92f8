"""Request and response models. Datetimes must carry an offset; responses are in UTC."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Annotated

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

MAX_BOOKING = timedelta(hours=12)
MAX_WINDOW = timedelta(days=31)

UtcDatetime = Annotated[AwareDatetime, AfterValidator(lambda d: d.astimezone(UTC))]
Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class ResourceIn(BaseModel):
    name: Name


class ResourceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str


class BookingIn(BaseModel):
    resource_id: str
    start: UtcDatetime
    end: UtcDatetime
    customer: Name

    @model_validator(mode="after")
    def _check_range(self) -> "BookingIn":
        if self.end <= self.start:
            raise ValueError("end must be after start")
        if self.end - self.start > MAX_BOOKING:
            raise ValueError("a booking lasts at most 12 hours")
        return self


class BookingOut(BaseModel):
    model_config = ConfigDict(from_attributes=True, populate_by_name=True)

    id: uuid.UUID
    resource_id: uuid.UUID
    start: datetime = Field(validation_alias="starts_at")
    end: datetime = Field(validation_alias="ends_at")
    customer: str
    status: str


class Interval(BaseModel):
    start: datetime
    end: datetime


class Availability(BaseModel):
    resource_id: uuid.UUID
    start: datetime = Field(serialization_alias="from")
    end: datetime = Field(serialization_alias="to")
    free: list[Interval]
