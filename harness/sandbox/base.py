"""The Sandbox seam: the only way tools touch the agent's environment.

Lifecycle (image, start, snapshot, remove) lives in factories, not here.
Exceptions: methods raise `FileNotFoundError`, `IsADirectoryError`, `PermissionError` for
problems the model should see, and `harness.errors.SandboxError` when the infrastructure broke.
A command that exceeds its timeout is not an exception: `ExecResult.timed_out` is set.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

DEFAULT_OUTPUT_LIMIT = 1_000_000
"""Bytes of stdout/stderr kept per exec; the rest is dropped in the sandbox, not on the host."""


@dataclass(frozen=True)
class ExecResult:
    exit_code: int
    stdout: str
    stderr: str
    timed_out: bool = False
    truncated: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out


class Sandbox(Protocol):
    """A running environment with a workspace directory at `workdir` (an absolute path)."""

    @property
    def workdir(self) -> str: ...

    async def exec(
        self,
        cmd: Sequence[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = 120.0,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
    ) -> ExecResult:
        """Run `cmd` (argv, no shell) with cwd defaulting to `workdir`.

        Killed after `timeout` seconds (then `timed_out` is True and exit_code is 124).
        Raises SandboxError if the sandbox itself is gone.
        """
        ...

    async def read_file(self, path: str) -> bytes:
        """Bytes of the file at absolute `path`.

        Raises FileNotFoundError, IsADirectoryError, PermissionError.
        """
        ...

    async def write_file(self, path: str, data: bytes) -> None:
        """Create or overwrite the file at absolute `path`, creating parent folders.

        Raises IsADirectoryError, PermissionError.
        """
        ...

    async def close(self) -> None:
        """Release the sandbox; idempotent."""
        ...
