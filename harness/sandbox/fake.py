"""FakeSandbox: the Sandbox seam over a local temporary folder, for tests without Docker.

Commands run as host subprocesses with the workspace as cwd; paths outside the workspace are
refused, so a test can never write to the host by mistake.
"""

import asyncio
import os
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from harness.sandbox.base import DEFAULT_OUTPUT_LIMIT, ExecResult


class FakeSandbox:
    def __init__(self, root: Path | None = None) -> None:
        self._owned = root is None
        self._root = Path(tempfile.mkdtemp(prefix="archbench-fake-")) if root is None else root
        self._workdir = self._root / "workspace"
        self._workdir.mkdir(parents=True, exist_ok=True)

    @property
    def workdir(self) -> str:
        return str(self._workdir)

    def _resolve(self, path: str) -> Path:
        p = Path(os.path.realpath(path))
        if not p.is_relative_to(os.path.realpath(self._root)):
            raise PermissionError(f"{path}: outside the sandbox")
        return p

    async def exec(
        self,
        cmd: Sequence[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = 120.0,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
    ) -> ExecResult:
        proc = await asyncio.create_subprocess_exec(
            *cmd,
            cwd=cwd or self.workdir,
            env={**os.environ, **(env or {})},
            stdin=asyncio.subprocess.DEVNULL,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            start_new_session=True,
        )
        try:
            out, err = await asyncio.wait_for(proc.communicate(), timeout)
        except TimeoutError:
            os.killpg(proc.pid, 9)
            await proc.wait()
            return ExecResult(exit_code=124, stdout="", stderr="", timed_out=True)
        truncated = len(out) > output_limit or len(err) > output_limit
        return ExecResult(
            exit_code=proc.returncode if proc.returncode is not None else -1,
            stdout=out[:output_limit].decode(errors="replace"),
            stderr=err[:output_limit].decode(errors="replace"),
            truncated=truncated,
        )

    async def read_file(self, path: str) -> bytes:
        p = self._resolve(path)
        if p.is_dir():
            raise IsADirectoryError(path)
        return p.read_bytes()

    async def write_file(self, path: str, data: bytes) -> None:
        p = self._resolve(path)
        if p.is_dir():
            raise IsADirectoryError(path)
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)

    async def close(self) -> None:
        if self._owned:
            shutil.rmtree(self._root, ignore_errors=True)
