"""HTTP routes. The tenant is always the caller's own (from their user row), never the request's."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Response
from fastapi.responses import JSONResponse
from fastapi.security import OAuth2PasswordRequestForm
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.config import get_settings
from app.db import create_schema, database_ready, get_session
from app.models import Project, Task, Tenant, User
from app.schemas import (
    ErrorOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    Role,
    SearchOut,
    TaskIn,
    TaskOut,
    TaskPatch,
    TenantCreated,
    TenantIn,
    TenantOut,
    TokenOut,
    UserIn,
    UserOut,
)
from app.security import (
    CurrentUser,
    create_access_token,
    forbidden,
    hash_password,
    unauthorized,
    verify_password,
)


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    get_settings()  # fail fast without APP_SECRET
    create_schema()
    yield


app = FastAPI(title="Multi-tenant projects", version="1.0.0", lifespan=lifespan)

SessionDep = Annotated[Session, Depends(get_session)]
ERRORS = {
    401: {"model": ErrorOut, "description": "Missing, invalid or expired token"},
    403: {"model": ErrorOut, "description": "Tenant admins only"},
    404: {"model": ErrorOut, "description": "Not found in your tenant"},
}


@app.get("/healthz", include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz", include_in_schema=False)
def readyz() -> JSONResponse:
    if database_ready():
        return JSONResponse({"status": "ready"})
    return JSONResponse({"status": "unavailable"}, status_code=503)


def _commit_or_409(session: Session, detail: str) -> None:
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise HTTPException(status_code=409, detail=detail) from None


def _require_admin(user: User) -> None:
    if user.role != Role.ADMIN:
        raise forbidden()


# -- tenants and accounts -------------------------------------------------------------------


@app.post("/tenants", status_code=201, response_model=TenantCreated)
def create_tenant(payload: TenantIn, session: SessionDep) -> TenantCreated:
    tenant = Tenant(name=payload.name)
    session.add(tenant)
    session.flush()
    admin = User(
        tenant_id=tenant.id,
        email=payload.admin_email.lower(),
        password_hash=hash_password(payload.admin_password),
        role=Role.ADMIN,
    )
    session.add(admin)
    _commit_or_409(session, "Email already registered")
    return TenantCreated(
        tenant=TenantOut.model_validate(tenant), admin=UserOut.model_validate(admin)
    )


@app.post("/auth/token", response_model=TokenOut)
def issue_token(
    form: Annotated[OAuth2PasswordRequestForm, Depends()], session: SessionDep
) -> TokenOut:
    user = session.scalar(select(User).where(User.email == form.username.strip().lower()))
    password_ok = verify_password(user.password_hash if user else None, form.password)
    if user is None or not password_ok:
        raise unauthorized("Incorrect email or password")
    return TokenOut(
        access_token=create_access_token(user.id),
        expires_in=get_settings().access_ttl_seconds,
    )


@app.get("/users/me", response_model=UserOut, responses=ERRORS)
def me(user: CurrentUser) -> User:
    return user


@app.get("/users", response_model=list[UserOut], responses=ERRORS)
def list_users(user: CurrentUser, session: SessionDep) -> list[User]:
    query = select(User).where(User.tenant_id == user.tenant_id)
    return list(session.scalars(query.order_by(User.created_at, User.id)))


@app.post("/users", status_code=201, response_model=UserOut, responses=ERRORS)
def create_user(payload: UserIn, user: CurrentUser, session: SessionDep) -> User:
    _require_admin(user)
    new = User(
        tenant_id=user.tenant_id,
        email=payload.email.lower(),
        password_hash=hash_password(payload.password),
        role=payload.role,
    )
    session.add(new)
    _commit_or_409(session, "Email already registered")
    return new


# -- projects -------------------------------------------------------------------------------


def _project(session: Session, user: User, project_id: str) -> Project:
    project = session.scalar(
        select(Project).where(Project.id == project_id, Project.tenant_id == user.tenant_id)
    )
    if project is None:
        raise HTTPException(status_code=404, detail="Project not found")
    return project


@app.post("/projects", status_code=201, response_model=ProjectOut, responses=ERRORS)
def create_project(payload: ProjectIn, user: CurrentUser, session: SessionDep) -> Project:
    project = Project(tenant_id=user.tenant_id, name=payload.name, description=payload.description)
    session.add(project)
    _commit_or_409(session, "A project with this name exists in your tenant")
    return project


@app.get("/projects", response_model=list[ProjectOut], responses=ERRORS)
def list_projects(user: CurrentUser, session: SessionDep) -> list[Project]:
    query = select(Project).where(Project.tenant_id == user.tenant_id)
    return list(session.scalars(query.order_by(Project.created_at, Project.id)))


@app.get("/projects/{project_id}", response_model=ProjectOut, responses=ERRORS)
def get_project(project_id: str, user: CurrentUser, session: SessionDep) -> Project:
    return _project(session, user, project_id)


@app.patch("/projects/{project_id}", response_model=ProjectOut, responses=ERRORS)
def update_project(
    project_id: str, payload: ProjectPatch, user: CurrentUser, session: SessionDep
) -> Project:
    project = _project(session, user, project_id)
    for field, value in payload.model_dump(exclude_unset=True).items():
        setattr(project, field, value)
    _commit_or_409(session, "A project with this name exists in your tenant")
    return project


@app.delete("/projects/{project_id}", status_code=204, responses=ERRORS)
def delete_project(project_id: str, user: CurrentUser, session: SessionDep) -> Response:
    project = _project(session, user, project_id)
    _require_admin(user)
    session.query(Task).filter(
        Task.project_id == project.id, Task.tenant_id == user.tenant_id
    ).delete()
    session.delete(project)
    session.commit()
    return Response(status_code=204)


# -- tasks ----------------------------------------------------------------------------------


def _task(session: Session, user: User, task_id: str) -> Task:
    task = session.scalar(select(Task).where(Task.id == task_id, Task.tenant_id == user.tenant_id))
    if task is None:
        raise HTTPException(status_code=404, detail="Task not found")
    return task


def _check_assignee(session: Session, user: User, assignee_id: str | None) -> None:
    if assignee_id is None:
        return
    found = session.scalar(
        select(User.id).where(User.id == assignee_id, User.tenant_id == user.tenant_id)
    )
    if found is None:
        raise HTTPException(status_code=422, detail="assignee_id is not a user of your tenant")


@app.post("/projects/{project_id}/tasks", status_code=201, response_model=TaskOut, responses=ERRORS)
def create_task(project_id: str, payload: TaskIn, user: CurrentUser, session: SessionDep) -> Task:
    project = _project(session, user, project_id)
    _check_assignee(session, user, payload.assignee_id)
    task = Task(
        tenant_id=user.tenant_id,
        project_id=project.id,
        title=payload.title,
        status=payload.status,
        assignee_id=payload.assignee_id,
    )
    session.add(task)
    session.commit()
    return task


@app.get("/projects/{project_id}/tasks", response_model=list[TaskOut], responses=ERRORS)
def list_tasks(project_id: str, user: CurrentUser, session: SessionDep) -> list[Task]:
    project = _project(session, user, project_id)
    query = select(Task).where(Task.project_id == project.id, Task.tenant_id == user.tenant_id)
    return list(session.scalars(query.order_by(Task.created_at, Task.id)))


@app.get("/tasks/{task_id}", response_model=TaskOut, responses=ERRORS)
def get_task(task_id: str, user: CurrentUser, session: SessionDep) -> Task:
    return _task(session, user, task_id)


@app.patch("/tasks/{task_id}", response_model=TaskOut, responses=ERRORS)
def update_task(task_id: str, payload: TaskPatch, user: CurrentUser, session: SessionDep) -> Task:
    task = _task(session, user, task_id)
    changes = payload.model_dump(exclude_unset=True)
    if "assignee_id" in changes:
        _check_assignee(session, user, changes["assignee_id"])
    for field, value in changes.items():
        setattr(task, field, value)
    session.commit()
    return task


@app.delete("/tasks/{task_id}", status_code=204, responses=ERRORS)
def delete_task(task_id: str, user: CurrentUser, session: SessionDep) -> Response:
    session.delete(_task(session, user, task_id))
    session.commit()
    return Response(status_code=204)


# -- search ---------------------------------------------------------------------------------


@app.get("/search", response_model=SearchOut, responses=ERRORS)
def search(
    user: CurrentUser,
    session: SessionDep,
    q: Annotated[str, Query(min_length=1, max_length=200)],
) -> SearchOut:
    needle = f"%{q.lower()}%"
    projects = session.scalars(
        select(Project)
        .where(
            Project.tenant_id == user.tenant_id,
            or_(
                func.lower(Project.name).like(needle),
                func.lower(Project.description).like(needle),
            ),
        )
        .order_by(Project.created_at, Project.id)
    )
    tasks = session.scalars(
        select(Task).where(func.lower(Task.title).like(needle)).order_by(Task.created_at, Task.id)
    )
    return SearchOut(
        projects=[ProjectOut.model_validate(p) for p in projects],
        tasks=[TaskOut.model_validate(t) for t in tasks],
    )
