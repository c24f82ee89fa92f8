"""DockerSandbox: the Sandbox seam over one container, plus its lifecycle (start, snapshot, remove).

The container has no network, a read-only root filesystem, a size-bounded tmpfs workspace
volume, CPU/memory/pids limits, a non-root user and no secrets. Commands run through
`timeout` inside the container, with a host-side deadline on top (docker exec has none).
File I/O runs as the agent user, so permissions are those the agent would meet in a shell.
"""

import asyncio
import socket
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from docker.errors import APIError, DockerException, NotFound
from docker.models.containers import Container
from docker.models.volumes import Volume
from docker.types import Mount
from docker.utils.socket import consume_socket_output, demux_adaptor, frames_iter

from harness.errors import SandboxError
from harness.sandbox.base import DEFAULT_OUTPUT_LIMIT, ExecResult
from harness.sandbox.docker_env import labels
from harness.sandbox.sidecars import start_sidecars, wait_sidecars

WORKDIR = "/workspace"
AGENT_USER = "1000:1000"
HOST_GRACE = 30.0
# Cut output inside the container so a flood never reaches the host.
_LIMITED = (
    'l=$1; t=$2; shift 2; timeout -k 5 "$t" "$@" 2> >(head -c "$l" >&2) | head -c "$l"; '
    "rc=${PIPESTATUS[0]}; wait; exit $rc"
)
_READ = 'if [ -d "$1" ]; then echo "is a directory" >&2; exit 21; fi; exec cat -- "$1"'
_WRITE = (
    'if [ -d "$1" ]; then echo "is a directory" >&2; exit 21; fi; '
    'mkdir -p -- "$(dirname -- "$1")" && cat > "$1"'
)


@dataclass(frozen=True)
class SandboxLimits:
    memory: str = "2g"
    cpus: float = 1.0
    pids: int = 512
    workspace_size: str = "512m"
    lifetime: float = 3600.0


def _os_error(path: str, code: int, stderr: str) -> OSError:
    if code == 21 or "Is a directory" in stderr:
        return IsADirectoryError(21, "is a directory", path)
    if "Permission denied" in stderr or "Read-only file system" in stderr:
        return PermissionError(13, "permission denied", path)
    if "No such file" in stderr or "Not a directory" in stderr:
        return FileNotFoundError(2, "no such file", path)
    return OSError(code, stderr.strip()[:200] or "failed", path)


class DockerSandbox:
    def __init__(
        self, client: Any, container: Any, volume: Any, extras: Sequence[Any] = ()
    ) -> None:
        self._client = client
        self._container = container
        self._volume = volume
        self._extras = list(extras)  # sidecars, then their network: removed after the sandbox
        self._closed = False

    @property
    def workdir(self) -> str:
        return WORKDIR

    @property
    def container(self) -> Any:
        return self._container

    def _exec_blocking(
        self,
        cmd: Sequence[str],
        cwd: str | None,
        env: Mapping[str, str] | None,
        stdin: bytes | None,
    ) -> tuple[int, bytes, bytes]:
        api = self._client.api
        try:
            exec_id = api.exec_create(
                self._container.id,
                list(cmd),
                stdin=stdin is not None,
                user=AGENT_USER,
                workdir=cwd or WORKDIR,
                environment=dict(env or {}),
            )["Id"]
            if stdin is None:
                out, err = api.exec_start(exec_id, demux=True)
            else:
                out, err = _exec_with_stdin(api, exec_id, stdin)
            code = api.exec_inspect(exec_id)["ExitCode"]
        except (APIError, DockerException) as e:
            raise SandboxError(f"sandbox {self._container.short_id}: exec failed: {e}") from None
        return (code if code is not None else -1), out or b"", err or b""

    def _running(self) -> bool:
        try:
            self._container.reload()
        except (APIError, DockerException):
            return False
        return bool(self._container.status == "running")

    async def _exec(
        self,
        cmd: Sequence[str],
        cwd: str | None,
        env: Mapping[str, str] | None,
        stdin: bytes | None,
        deadline: float,
    ) -> tuple[int, bytes, bytes]:
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(self._exec_blocking, cmd, cwd, env, stdin), deadline
            )
        except TimeoutError:
            if await asyncio.to_thread(self._running):
                # The container is up but could not answer (e.g. the agent exhausted its pids or
                # memory): the agent's doing, reported to it like a timeout, not an infra failure.
                why = (
                    f"no answer within {deadline:.0f} s: the sandbox is overloaded "
                    "(out of processes or memory?)"
                )
                return 124, b"", why.encode()
            raise SandboxError(
                f"sandbox {self._container.short_id}: no answer within {deadline:.0f} s"
            ) from None

    async def exec(
        self,
        cmd: Sequence[str],
        *,
        cwd: str | None = None,
        env: Mapping[str, str] | None = None,
        timeout: float = 120.0,
        output_limit: int = DEFAULT_OUTPUT_LIMIT,
    ) -> ExecResult:
        argv = ["bash", "-c", _LIMITED, "_", str(output_limit), f"{timeout:g}", *cmd]
        start = time.monotonic()
        code, out, err = await self._exec(argv, cwd, env, None, timeout + HOST_GRACE)
        timed_out = code in (124, 137) and time.monotonic() - start >= timeout * 0.95
        return ExecResult(
            exit_code=124 if timed_out else code,
            stdout=out.decode(errors="replace"),
            stderr=err.decode(errors="replace"),
            timed_out=timed_out,
            truncated=len(out) >= output_limit or len(err) >= output_limit,
        )

    async def read_file(self, path: str) -> bytes:
        code, out, err = await self._exec(["bash", "-c", _READ, "_", path], None, None, None, 60)
        if code != 0:
            raise _os_error(path, code, err.decode(errors="replace"))
        return out

    async def write_file(self, path: str, data: bytes) -> None:
        code, _, err = await self._exec(["bash", "-c", _WRITE, "_", path], None, None, data, 60)
        if code != 0:
            raise _os_error(path, code, err.decode(errors="replace"))

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            await asyncio.to_thread(remove_quietly, self._container, self._volume, *self._extras)


def _exec_with_stdin(api: Any, exec_id: str, data: bytes) -> tuple[bytes, bytes]:
    sock = api.exec_start(exec_id, socket=True)
    raw = getattr(sock, "_sock", sock)
    try:
        raw.sendall(data)
        raw.shutdown(socket.SHUT_WR)
        frames = frames_iter(sock, tty=False)
        out, err = consume_socket_output((demux_adaptor(*f) for f in frames), demux=True)
    finally:
        sock.close()
        if raw is not sock:
            raw.close()
    return out or b"", err or b""


def remove_quietly(*objs: Any) -> None:
    """Remove containers (side by side), then volumes and networks, ignoring ones already gone."""
    containers = [o for o in objs if isinstance(o, Container)]
    if containers:
        with ThreadPoolExecutor(len(containers)) as pool:
            list(pool.map(_remove_one, containers))
    for obj in objs:
        if obj is not None and not isinstance(obj, Container):
            _remove_one(obj)


def _remove_one(obj: Any) -> None:
    try:
        if isinstance(obj, Container):
            obj.remove(force=True, v=True)
        elif isinstance(obj, Volume):
            obj.remove(force=True)
        else:
            obj.remove()
    except (NotFound, APIError):
        pass


def start_sandbox(
    client: Any,
    *,
    image: str,
    run_id: str,
    name: str,
    env: Mapping[str, str],
    limits: SandboxLimits,
    files: bytes,
    sidecars: Sequence[str] = (),
    sidecar_image: str | None = None,
) -> DockerSandbox:
    """Start an agent container with `files` (a tar, paths relative to /workspace) in place.

    Without sidecars it has no network at all; with them it shares an internal network (no
    egress) with its sidecars only.
    """
    lab = labels(run_id, role="agent")
    extras: list[Any] = []
    network_kwargs: dict[str, Any] = {"network_mode": "none"}
    if sidecars:
        extras = _start_sidecar_network(client, name, lab, sidecars, sidecar_image)
        network_kwargs = {"network": extras[-1].name}
    volume = _workspace_volume(client, name, lab, limits)
    container = None
    try:
        container = client.containers.run(
            image,
            ["sleep", f"{limits.lifetime:.0f}"],
            name=name,
            detach=True,
            labels=lab,
            environment=dict(env),
            user=AGENT_USER,
            working_dir=WORKDIR,
            init=True,
            **network_kwargs,
            read_only=True,
            mem_limit=limits.memory,
            memswap_limit=limits.memory,
            nano_cpus=int(limits.cpus * 1e9),
            pids_limit=limits.pids,
            cap_drop=["ALL"],
            security_opt=["no-new-privileges"],
            tmpfs={"/tmp": "size=256m,mode=1777", "/home/agent": "size=64m,uid=1000,gid=1000"},
            mounts=[Mount(WORKDIR, volume.name, type="volume")],
        )
        if files and not container.put_archive(WORKDIR, files):
            raise SandboxError(f"{name}: could not copy the starter files into /workspace")
    except (APIError, DockerException) as e:
        remove_quietly(container, volume, *extras)
        raise SandboxError(f"{name}: sandbox failed to start: {e}") from None
    except BaseException:
        remove_quietly(container, volume, *extras)
        raise
    return DockerSandbox(client, container, volume, extras)


def _workspace_volume(client: Any, name: str, lab: dict[str, str], limits: SandboxLimits) -> Any:
    """The tmpfs volume mounted at /workspace, owned by the agent's uid, of bounded size."""
    return client.volumes.create(
        name=f"{name}-ws",
        driver="local",
        labels=lab,
        driver_opts={
            "type": "tmpfs",
            "device": "tmpfs",
            "o": f"size={limits.workspace_size},uid=1000,gid=1000,mode=0755",
        },
    )


def _start_sidecar_network(
    client: Any,
    name: str,
    lab: dict[str, str],
    sidecars: Sequence[str],
    sidecar_image: str | None,
) -> list[Any]:
    """An internal network (no egress) with the sidecars on it, ready: [sidecars..., network]."""
    if sidecar_image is None:
        raise SandboxError(f"{name}: sidecars {list(sidecars)} need the services image")
    extras: list[Any] = []
    try:
        net = client.networks.create(f"{name}-net", internal=True, labels=lab)
        extras.append(net)
        extras[:0] = start_sidecars(
            client, image=sidecar_image, network=net.name, names=sidecars, labels=lab, prefix=name
        )
        wait_sidecars(extras[:-1])
    except (APIError, DockerException, SandboxError) as e:
        remove_quietly(*extras)
        raise SandboxError(f"{name}: sidecars failed to start: {e}") from None
    return extras


def snapshot_workspace(sandbox: DockerSandbox) -> bytes:
    """A tar of /workspace (entries prefixed `workspace/`), read through the Docker API."""
    try:
        stream, _ = sandbox.container.get_archive(WORKDIR)
        return b"".join(stream)
    except (APIError, DockerException) as e:
        raise SandboxError(f"snapshot of {WORKDIR} failed: {e}") from None
