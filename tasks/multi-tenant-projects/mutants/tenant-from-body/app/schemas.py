"""Request and response bodies. No request schema has a tenant field: the tenant is the caller's."""

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator

Password = Annotated[str, Field(min_length=8, max_length=128)]
Name = Annotated[str, Field(min_length=1, max_length=100)]
Description = Annotated[str, Field(max_length=5000)]
TaskTitle = Annotated[str, Field(min_length=1, max_length=200)]


class Role(StrEnum):
    ADMIN = "admin"
    MEMBER = "member"


class TaskStatus(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"


def _reject_null(value: Any) -> Any:
    if value is None:
        raise ValueError("may not be null")
    return value


class TenantIn(BaseModel):
    name: Name
    admin_email: EmailStr
    admin_password: Password


class TenantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str


class UserIn(BaseModel):
    email: EmailStr
    password: Password
    role: Role = Role.MEMBER


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str
    role: Role
    tenant_id: str


class TenantCreated(BaseModel):
    tenant: TenantOut
    admin: UserOut


class TokenOut(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


class ProjectIn(BaseModel):
    name: Name
    description: Description = ""
    tenant_id: str | None = None


class ProjectPatch(BaseModel):
    name: Name | None = None
    description: Description | None = None

    _not_null = field_validator("name", "description", mode="before")(_reject_null)


class ProjectOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    name: str
    description: str


class TaskIn(BaseModel):
    title: TaskTitle
    status: TaskStatus = TaskStatus.TODO
    assignee_id: str | None = None


class TaskPatch(BaseModel):
    title: TaskTitle | None = None
    status: TaskStatus | None = None
    assignee_id: str | None = None

    _not_null = field_validator("title", "status", mode="before")(_reject_null)


class TaskOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    project_id: str
    title: str
    status: TaskStatus
    assignee_id: str | None


class SearchOut(BaseModel):
    projects: list[ProjectOut]
    tasks: list[TaskOut]


class ErrorOut(BaseModel):
    detail: str
