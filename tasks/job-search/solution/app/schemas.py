"""Request and response models."""

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Text200 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Text100 = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Salary = Annotated[int, Field(ge=0, le=10_000_000)]


class JobIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text200
    description: Annotated[str, StringConstraints(max_length=20_000)]
    location: Text100
    remote: bool
    salary_min: Salary
    salary_max: Salary

    @model_validator(mode="after")
    def _salary_range(self) -> "JobIn":
        if self.salary_min > self.salary_max:
            raise ValueError("salary_min must not exceed salary_max")
        return self


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    title: str
    description: str
    location: str
    remote: bool
    salary_min: int
    salary_max: int
    created_at: datetime


class Facets(BaseModel):
    location: dict[str, int]
    remote: dict[str, int]


class SearchPage(BaseModel):
    items: list[JobOut]
    total: int
    limit: int
    offset: int
    facets: Facets
