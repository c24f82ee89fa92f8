"""The tool seam: a result type, per-sample session state, and the `Tool` record.

Tools touch the agent's environment only through `Sandbox`, so they run the same on Docker and on
`FakeSandbox`. Model mistakes (bad arguments, missing files) become `ToolResult(is_error=True)`;
`harness.errors.SandboxError` (the infrastructure broke) propagates to the caller.
"""

import posixpath
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from harness.agent.builtin.tools.schema import ToolInputError, validate_args
from harness.sandbox.base import Sandbox

# OSErrors that describe the model's request, not the infrastructure (ConnectionError is an
# OSError too, so a blanket `except OSError` would hide a broken sandbox).
_MODEL_OS_ERRORS: dict[type[OSError], str] = {
    FileNotFoundError: "No such file or directory",
    IsADirectoryError: "Is a directory",
    NotADirectoryError: "Not a directory",
    PermissionError: "Permission denied",
    FileExistsError: "File exists",
}


@dataclass(frozen=True)
class ToolResult:
    content: str
    is_error: bool = False


@dataclass
class ToolSession:
    """Per-sample tool state. `allowed` None offers every supported tool."""

    sandbox: Sandbox
    read_paths: set[str] = field(default_factory=set)
    todos: list[dict[str, str]] = field(default_factory=list)
    cwd: str | None = None
    allowed: frozenset[str] | None = None

    @property
    def current_dir(self) -> str:
        """The Bash working directory, which also anchors Grep and Glob without `path`."""
        return self.cwd or self.sandbox.workdir


Handler = Callable[[ToolSession, dict[str, Any]], Awaitable[ToolResult]]


@dataclass(frozen=True)
class Tool:
    """One tool offered to the model: its API definition and the coroutine that runs it."""

    name: str
    description: str
    input_schema: dict[str, Any]
    handler: Handler

    async def run(self, session: ToolSession, args: object) -> ToolResult:
        """Validate `args` against the schema, run, and turn model mistakes into error results."""
        try:
            clean = validate_args(self.input_schema, args)
        except ToolInputError as e:
            return ToolResult(f"Invalid input for {self.name}: {e}", is_error=True)
        try:
            return await self.handler(session, clean)
        except ToolInputError as e:
            return ToolResult(str(e), is_error=True)
        except tuple(_MODEL_OS_ERRORS) as e:
            return ToolResult(describe_os_error(e), is_error=True)


def describe_os_error(e: OSError) -> str:
    label = next(text for kind, text in _MODEL_OS_ERRORS.items() if isinstance(e, kind))
    return f"{label}: {e}"


def absolute_path(path: str, *, param: str, cwd: str) -> str:
    """`path` normalised, or ToolInputError (with an absolute suggestion) if it is relative."""
    if not posixpath.isabs(path):
        hint = posixpath.normpath(posixpath.join(cwd, path))
        raise ToolInputError(
            f"`{param}` must be an absolute path, not {path!r} (did you mean {hint!r}?)"
        )
    return posixpath.normpath(path)
