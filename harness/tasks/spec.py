"""Task specs: `tasks/<id>/task.toml` plus the folders beside it, loaded and checked.

A task folder holds task.toml, prompt.md, workspace/ (starter files, may be empty),
tests/visible/ (smoke tests the agent may run), hidden/ (hidden tests, never shown to the agent)
and solution/ (the reference). Unknown keys and missing files are errors that name the file.
"""

import ast
import fnmatch
import hashlib
import re
import secrets
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from harness.errors import TaskSpecError
from harness.tasks.probespec import LoadSpec, SecuritySpec

DEFAULT_START = (
    "uvicorn app.main:app --host 0.0.0.0 --port 8000 --workers ${WORKERS:-1}"
    " --timeout-worker-healthcheck 60"
)
"""The contract's start command; the health-check timeout keeps uvicorn's supervisor from
killing slow-starting workers on a loaded machine (not the agent's fault)."""
SECURITY_CHECK = re.compile(r"(?P<module>[A-Za-z_]\w*)::(?P<test>[^:\s]+)")
"""A [grading] security_checks entry: a hidden test module (hidden/<module>.py) and a glob
over its test names."""
REQUIRED_FILES = ("prompt.md",)
REQUIRED_DIRS = ("workspace", "tests/visible", "hidden", "solution")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ServiceSpec(_Strict):
    """How the harness starts the agent's service (the same command for every task by default)."""

    kind: Literal["http", "none"] = "http"
    """none: an open design task, whose deliverables are files; no service of the agent's is
    started, and the hidden checks read the workspace (ARCHBENCH_WORKSPACE in the prober)."""
    command: str = DEFAULT_START
    port: int = 8000
    health_path: str = "/healthz"
    ready_path: str = "/readyz"
    startup_timeout: float = 120.0
    env: dict[str, str] = Field(default_factory=dict)
    sidecars: tuple[Literal["postgres", "redis"], ...] = ()
    """Servers started beside the service (agent sandbox and grading): DATABASE_URL points at
    postgres, REDIS_URL at redis."""


class LimitsSpec(_Strict):
    max_turns: Annotated[int, Field(gt=0)] = 80
    max_tokens: Annotated[int, Field(gt=0)] = 2_000_000
    wall_time: Annotated[float, Field(gt=0)] = 1800.0
    memory: str = "2g"
    cpus: Annotated[float, Field(gt=0)] = 1.0
    pids: Annotated[int, Field(gt=0)] = 512
    workspace_size: str = "512m"


DEFAULT_WEIGHTS = {"functional": 0.45, "security": 0.25, "performance": 0.15, "quality": 0.10}
"""Documented defaults (docs/writing-tasks.md). `security` applies only to tasks with a
`[security]` table and `performance` only to tasks with a `[load]` table; the weights of the
dimensions a task has are normalised to sum to 1 when scoring."""
KNOWN_DIMENSIONS = ("functional", "security", "performance", "quality", "design")
GATED = frozenset({"security", "performance", "design"})
"""Dimensions that count only when the sample is resolved (a dead service is not "secure")."""
RUBRIC_FILE = "rubric.toml"
"""A design task's rubric, beside task.toml; the `design` weight and this file go together."""


class GradingSpec(_Strict):
    weights: dict[str, float] = Field(default_factory=lambda: dict(DEFAULT_WEIGHTS))

    @field_validator("weights")
    @classmethod
    def _known_dimensions(cls, value: dict[str, float]) -> dict[str, float]:
        unknown = sorted(set(value) - set(KNOWN_DIMENSIONS))
        if unknown:
            raise ValueError(f"unknown dimension {unknown[0]!r}; use {', '.join(KNOWN_DIMENSIONS)}")
        if not value or any(w < 0 for w in value.values()) or not sum(value.values()):
            raise ValueError("weights must be >= 0 with a positive sum")
        return value

    hidden_timeout: float = 300.0
    request_timeout: Annotated[float, Field(gt=0)] = 10.0
    """Seconds a hidden test's request may wait for the service (README: hangs and slow
    services); raise it only when the prompt allows answers that slow."""
    test_timeout: Annotated[float, Field(gt=0)] = 60.0
    """Seconds one hidden test (setup, call, teardown) may take."""
    security_checks: tuple[str, ...] = ()
    """Hidden tests that check a security rule of the prompt, as `module::test-name glob`
    patterns (`test_isolation::*`): one failing makes the sample not secure_resolved."""

    @field_validator("security_checks")
    @classmethod
    def _check_patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            if not SECURITY_CHECK.fullmatch(pattern):
                raise ValueError(
                    f"security_checks entry {pattern!r} is not `module::test glob` "
                    "(e.g. 'test_isolation::*')"
                )
        return value


class TaskSpec(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$")]
    title: str
    category: str
    difficulty: Annotated[int, Field(ge=1, le=5)]
    kind: Literal["greenfield", "brownfield", "design"] = "greenfield"
    tags: tuple[str, ...] = ()
    service: ServiceSpec = ServiceSpec()
    limits: LimitsSpec = LimitsSpec()
    grading: GradingSpec = GradingSpec()
    security: SecuritySpec | None = None
    load: LoadSpec | None = None

    @model_validator(mode="after")
    def _weights_match_probes(self) -> "TaskSpec":
        declared = {"security": self.security is not None, "performance": self.load is not None}
        explicit = "weights" in self.grading.model_fields_set
        for dim, present in declared.items():
            if present or dim not in self.grading.weights:
                continue
            if explicit:
                table = "[security]" if dim == "security" else "[load]"
                raise ValueError(f"grading.weights has {dim} but the task declares no {table}")
            weights = {k: v for k, v in self.grading.weights.items() if k != dim}
            grading = self.grading.model_copy(update={"weights": weights})
            object.__setattr__(self, "grading", grading)
        return self


class Task(BaseModel):
    """A loaded task: its spec, its folder, and the hash of everything in it."""

    model_config = ConfigDict(frozen=True)

    spec: TaskSpec
    root: Path
    content_hash: str

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def prompt(self) -> str:
        return (self.root / "prompt.md").read_text()

    def path(self, *parts: str) -> Path:
        return self.root.joinpath(*parts)


def _describe(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "(top level)"
    if first["type"] == "extra_forbidden":
        return f"unknown key '{where}' (remove it or fix its spelling)"
    if first["type"] == "missing":
        return f"missing required key '{where}' (add it)"
    return f"key '{where}': {first['msg']} (fix it; docs/writing-tasks.md lists the keys)"


def hash_tree(root: Path) -> str:
    """sha256 over the relative paths and bytes of every file under `root`, in sorted order."""
    h = hashlib.sha256()
    for p in sorted(q for q in root.rglob("*") if q.is_file() and "__pycache__" not in q.parts):
        h.update(p.relative_to(root).as_posix().encode() + b"\0")
        h.update(p.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def parse_task_toml(text: str, source: str) -> TaskSpec:
    """Parse and validate task.toml text; `source` names the file in error messages."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise TaskSpecError(f"{source}: not valid TOML ({e}); fix the syntax") from None
    try:
        return TaskSpec.model_validate(data)
    except ValidationError as e:
        raise TaskSpecError(f"{source}: {_describe(e)}") from None


def load_task(root: Path) -> Task:
    toml_path = root / "task.toml"
    if not toml_path.is_file():
        raise TaskSpecError(f"{toml_path}: missing; every task folder needs a task.toml")
    try:
        text = toml_path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise TaskSpecError(f"{toml_path}: not UTF-8 text; save it as UTF-8") from None
    spec = parse_task_toml(text, str(toml_path))
    if spec.id != root.name:
        raise TaskSpecError(
            f"{toml_path}: id '{spec.id}' differs from folder name '{root.name}'; make them equal"
        )
    for name in REQUIRED_FILES:
        if not (root / name).is_file():
            raise TaskSpecError(f"{root / name}: missing; add it (see README, 'Writing a task')")
    for name in REQUIRED_DIRS:
        if not (root / name).is_dir():
            raise TaskSpecError(f"{root / name}/: missing folder; create it (it may be empty)")
    for pattern in spec.grading.security_checks:
        _check_security_pattern(root, pattern, toml_path)
    _check_rubric(root, spec, toml_path)
    return Task(spec=spec, root=root, content_hash=hash_tree(root))


def is_security_check(check_name: str, patterns: Sequence[str]) -> bool:
    """Whether a hidden check (`tests.<module>::<test>[params]`, as JUnit names it) matches
    one of a task's security_checks patterns, with or without its parameters. Pure."""
    name = check_name.removeprefix("tests.")
    bare = re.sub(r"\[.*\]$", "", name)
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(bare, p) for p in patterns)


def hidden_test_names(source: str) -> list[str]:
    """The test functions a hidden test module defines at its top level. Pure."""
    return [
        node.name
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith("test")
    ]


def _check_security_pattern(root: Path, pattern: str, toml_path: Path) -> None:
    """A security_checks pattern must name a hidden test module and match a test in it."""
    match = SECURITY_CHECK.fullmatch(pattern)
    assert match is not None  # the spec validated its shape
    module = root / "hidden" / f"{match['module']}.py"
    if not module.is_file():
        raise TaskSpecError(
            f"{toml_path}: grading.security_checks {pattern!r}: no {module}; "
            "name a hidden test module"
        )
    test = re.sub(r"\[.*\]$", "", match["test"])
    if not any(fnmatch.fnmatchcase(n, test) for n in hidden_test_names(module.read_text())):
        raise TaskSpecError(
            f"{toml_path}: grading.security_checks {pattern!r} matches no test in {module}; "
            "fix the test name"
        )


def load_tasks(tasks_dir: Path) -> list[Task]:
    if not tasks_dir.is_dir():
        raise TaskSpecError(
            f"{tasks_dir}: no such tasks folder; pass --tasks-dir or run from a clone"
        )
    return [load_task(p) for p in sorted(tasks_dir.iterdir()) if (p / "task.toml").exists()]


def select_tasks(tasks: list[Task], patterns: list[str]) -> list[Task]:
    """Tasks whose id matches any pattern (exact id or glob), in suite order."""
    if not patterns:
        return tasks
    chosen = [t for t in tasks if any(fnmatch.fnmatchcase(t.id, p) for p in patterns)]
    for p in patterns:
        if not any(fnmatch.fnmatchcase(t.id, p) for t in tasks):
            known = ", ".join(t.id for t in tasks)
            raise TaskSpecError(f"--tasks {p}: matches no task; known tasks: {known}")
    return chosen


def _check_rubric(root: Path, spec: TaskSpec, toml_path: Path) -> None:
    """The `design` weight and rubric.toml come together, and the rubric parses."""
    from harness.tasks.rubric import load_rubric

    rubric = root / RUBRIC_FILE
    weighted = "design" in spec.grading.weights
    if weighted and not rubric.is_file():
        raise TaskSpecError(f"{toml_path}: weights name design but {rubric} is missing; add it")
    if rubric.is_file() and not weighted:
        raise TaskSpecError(
            f"{toml_path}: {rubric.name} exists but [grading] weights has no design; add it"
        )
    if weighted:
        load_rubric(rubric)
