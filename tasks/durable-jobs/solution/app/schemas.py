"""Request and response bodies; each job type validates its own payload."""

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt


class EchoPayload(BaseModel):
    message: Annotated[str, Field(max_length=1000)] = ""


class FlakyPayload(BaseModel):
    fail_times: Annotated[StrictInt, Field(ge=0, le=10)]


class IncrementPayload(BaseModel):
    counter: Annotated[str, Field(min_length=1, max_length=100)]
    amount: StrictInt = 1
    work_ms: Annotated[StrictInt, Field(ge=0, le=5000)] = 0


PAYLOADS: dict[str, type[BaseModel]] = {
    "echo": EchoPayload,
    "flaky": FlakyPayload,
    "increment": IncrementPayload,
}


class JobIn(BaseModel):
    type: Literal["echo", "flaky", "increment"]
    payload: dict[str, Any] = Field(default_factory=dict)


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    type: str
    payload: dict[str, Any]
    status: str
    attempts: int
    max_attempts: int
    result: dict[str, Any] | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime


class CounterOut(BaseModel):
    name: str
    value: int
