"""The grading environment: the agent's service and a prober, alone on an internal network.

The app container is built from the runtime image plus the workspace snapshot; the prober
container (a clean image: pytest, httpx) is the only place hidden tests are copied to. Neither
the host nor the outside world is reachable from the network (`internal=True`), and all
probing goes container to container, so nothing targets a private address from the host.
The containers and network come from graders/shell.py, made here or ahead of time.
"""

import asyncio
import contextlib
import re
import socket
import threading
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from docker.errors import APIError, DockerException
from docker.utils.socket import frames_iter

from graders.shell import (
    APP_HOST,
    CPU_PERIOD_US,
    AppSettings,
    Place,
    Shell,
    app_payload,
    cpu_quota,
    create_app,
    create_prober,
    deliver,
    removed_on_failure,
)
from harness.errors import SandboxError
from harness.images.recipes import normalise_name
from harness.sandbox.cores import Slot
from harness.sandbox.docker import remove_quietly
from harness.sandbox.docker_env import labels
from harness.sandbox.sidecars import start_sidecars, wait_sidecars
from harness.tasks.spec import DEFAULT_START, Task

REQUIREMENTS_MET = """\
import sys
from importlib.metadata import PackageNotFoundError, version
try:
    from packaging.requirements import InvalidRequirement, Requirement
except ImportError:
    from pip._vendor.packaging.requirements import InvalidRequirement, Requirement
for line in open(sys.argv[1]):
    line = line.split(" #")[0].strip()
    if not line or line.startswith("#"):
        continue
    try:
        req = Requirement(line)
    except InvalidRequirement:
        sys.exit(1)
    if req.marker is not None and not req.marker.evaluate():
        continue
    if req.url or req.extras:
        sys.exit(1)
    try:
        have = version(req.name)
    except PackageNotFoundError:
        sys.exit(1)
    if not req.specifier.contains(have, prereleases=True):
        sys.exit(1)
"""
"""Exit 0 when every line of a requirements file is already installed at an allowed version,
else 1 (options, URLs, extras and anything unparsable: 1, so pip decides). pip itself takes
about a second to find that out; most workspaces ask for nothing the image lacks."""
START_SCRIPT = """\
cd /workspace || exit 3
{precheck}
{requirements}if [ -f alembic.ini ]; then
  alembic upgrade head || exit 4
fi
exec {command}
"""
APP_ENTRY_FILES = ("app/main.py", "app/main/__init__.py")
"""The files `app.main:app` (the contract's start command) is imported from; one must exist."""
DEFAULT_PRECHECK = (
    "if " + " && ".join(f"[ ! -f {p} ]" for p in APP_ENTRY_FILES) + "; then\n"
    '  echo "archbench: no app/main.py in /workspace, so app.main:app cannot start" >&2\n'
    "  exit 5\n"
    "fi"
)
"""With the contract's start command, a workspace without app/main.py cannot start: say so at
once instead of waiting out the startup timeout (uvicorn's supervisor keeps retrying workers)."""
READY_SCRIPT = """\
import sys, time, urllib.error, urllib.request
url, deadline, streak, last = sys.argv[1], time.monotonic() + float(sys.argv[2]), 0, "no attempt"
while time.monotonic() < deadline:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            streak, last = streak + 1, f"HTTP {r.status}"
    except urllib.error.HTTPError as e:
        streak, last = 0, f"HTTP {e.code}"
    except Exception as e:
        streak, last = 0, f"{type(e).__name__}: {e}"[:120]
    if streak >= 2:
        sys.exit(0)
    time.sleep(0.01 if streak else 0.02)
print(last)
sys.exit(1)
"""


INSTALL_REQUIREMENTS = """\
if [ -f requirements.txt ] && ! python - requirements.txt <<'ARCHBENCH_PY' 2>/dev/null
{requirements_met}ARCHBENCH_PY
then
  pip install -q --no-index --find-links /opt/wheelhouse -r requirements.txt || exit 3
fi
"""
_SIMPLE_REQUIREMENT = re.compile(r"([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:==\s*(\S+))?")


PLACEHOLDER_SCRIPT = """\
exec python -c '
import http.server
class Ok(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
http.server.ThreadingHTTPServer(("0.0.0.0", {port}), Ok).serve_forever()
'
"""
"""The app container's command for a task without a service ([service] kind = "none", open
design tasks): a stand-in that is ready at once, so that grading runs as for any task while
the hidden checks read the deliverables (nothing of the agent's runs in it)."""
WORKSPACE_IN_PROBER = "/grader/workspace"
"""Where a no-service task's workspace is copied in the prober (ARCHBENCH_WORKSPACE)."""


def prober_env(task: Task, app_env: Mapping[str, str]) -> dict[str, str]:
    """What hidden tests get besides the service's environment: the workspace of a
    no-service task, and PG_DSN (libpq form of DATABASE_URL) with the postgres sidecar. Pure."""
    out: dict[str, str] = {}
    if task.spec.service.kind == "none":
        out["ARCHBENCH_WORKSPACE"] = WORKSPACE_IN_PROBER
    url = app_env.get("DATABASE_URL", "")
    if url.startswith("postgresql+psycopg://"):
        out["PG_DSN"] = "postgresql://" + url.removeprefix("postgresql+psycopg://")
    return out


def app_script(task: Task, *, requirements_met: bool = False) -> str:
    """The app container's command for this task: the service's start script, or the
    placeholder for a task without a service."""
    service = task.spec.service
    if service.kind == "none":
        return PLACEHOLDER_SCRIPT.format(port=service.port)
    return start_script(service.command, requirements_met=requirements_met)


def start_script(command: str, *, requirements_met: bool = False) -> str:
    """The app container's command. With `requirements_met` (known on the host, see
    `requirements_known_met`) it leaves out the requirements step, whose own check costs a
    Python start (a tenth of a second on one CPU)."""
    precheck = DEFAULT_PRECHECK if command == DEFAULT_START else ""
    install = (
        "" if requirements_met else INSTALL_REQUIREMENTS.format(requirements_met=REQUIREMENTS_MET)
    )
    return START_SCRIPT.format(command=command, precheck=precheck, requirements=install)


def requirements_known_met(text: bytes | str | None, installed: Mapping[str, str]) -> bool:
    """True when a workspace's requirements.txt (None: it has none) asks only for what the
    image has: every line a bare name or `name==version` matching `installed` (normalised
    name -> version). False means "not known here": the container checks, then pip decides."""
    if text is None:
        return True
    if isinstance(text, bytes):
        text = text.decode(errors="replace")
    for raw in text.splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        m = _SIMPLE_REQUIREMENT.fullmatch(line)
        if m is None:
            return False
        have = installed.get(normalise_name(m[1]))
        if have is None or (m[2] is not None and m[2] != have):
            return False
    return True


@dataclass(frozen=True)
class ExecOutput:
    exit_code: int
    output: str


class HeldExec:
    """A prober exec started now whose stdin stays open until `tell` writes one line to it: a
    write on a socket that is already open, so the line arrives within a millisecond or two
    (copying a file into the container takes a tenth of a second). Its output is read as it
    comes, so the command never blocks on a full pipe."""

    def __init__(
        self, api: Any, container_id: str, argv: list[str], env: dict[str, str], limit_s: float
    ) -> None:
        self._limit_s = limit_s
        self._stdin: Future[Any] = Future()
        self._done = asyncio.ensure_future(
            asyncio.to_thread(self._run, api, container_id, argv, env)
        )

    def _run(self, api: Any, container_id: str, argv: list[str], env: dict[str, str]) -> ExecOutput:
        try:
            exec_id = api.exec_create(
                container_id, argv, stdin=True, environment=env, workdir="/grader"
            )["Id"]
            sock = api.exec_start(exec_id, socket=True)
        except BaseException as e:
            self._stdin.set_exception(e)
            raise
        raw = getattr(sock, "_sock", sock)
        self._stdin.set_result(raw)
        try:
            out = b"".join(data for _, data in frames_iter(sock, tty=False))
        finally:
            sock.close()
            if raw is not sock:
                raw.close()
        code = api.exec_inspect(exec_id)["ExitCode"]
        return ExecOutput(code if code is not None else -1, out.decode(errors="replace"))

    async def tell(self, line: bytes) -> ExecOutput:
        """Write `line` to the command's stdin, close it, and wait for the command to end."""
        try:
            raw = await asyncio.wait_for(asyncio.wrap_future(self._stdin), self._limit_s)
            with contextlib.suppress(OSError):  # the command ended first: its result stands
                raw.sendall(line)
                raw.shutdown(socket.SHUT_WR)
            return await asyncio.wait_for(asyncio.shield(self._done), self._limit_s)
        except (APIError, DockerException, OSError) as e:
            raise SandboxError(f"prober exec failed: {e}") from None
        except TimeoutError:
            raise SandboxError(f"prober did not answer within {self._limit_s:.0f} s") from None


@dataclass(frozen=True)
class Readiness:
    ready: bool
    seconds: float
    reason: str = ""


class GradingEnv:
    """The running grading containers. Hidden tests see the service's environment too (e.g.
    APP_SECRET, to mint an expired token), since they are grader code."""

    def __init__(
        self,
        client: Any,
        network: Any,
        app: Any,
        prober: Any,
        task: Task,
        app_env: Mapping[str, str],
        sidecars: Sequence[Any] = (),
        app_cpus: float = 1.0,
        app_started_at: float | None = None,
    ) -> None:
        self.client, self.network, self.app, self.prober, self.task = (
            client,
            network,
            app,
            prober,
            task,
        )
        self.app_env = dict(app_env)
        self.sidecars = list(sidecars)
        self.app_cpus = app_cpus
        self.app_started_at = app_started_at
        """time.monotonic() when the app got its payload: its startup is timed from there."""

    @property
    def base_url(self) -> str:
        return f"http://{APP_HOST}:{self.task.spec.service.port}"

    def _prober_exec(self, cmd: list[str], env: Mapping[str, str]) -> ExecOutput:
        try:
            res = self.prober.exec_run(cmd, environment=dict(env), workdir="/grader")
        except (APIError, DockerException) as e:
            raise SandboxError(f"prober exec failed: {e}") from None
        return ExecOutput(res.exit_code, res.output.decode(errors="replace"))

    def _exec_args(
        self, cmd: list[str], timeout: float, env: Mapping[str, str] | None
    ) -> tuple[list[str], dict[str, str]]:
        full_env = {
            **self.app_env,
            "BASE_URL": self.base_url,
            **prober_env(self.task, self.app_env),
            **(env or {}),
        }
        return ["timeout", "-k", "5", f"{timeout:g}", *cmd], full_env

    def held_exec(
        self, cmd: list[str], *, timeout: float, env: Mapping[str, str] | None = None
    ) -> "HeldExec":
        """Start `cmd` in the prober now (as `prober_exec` would), its stdin left open for one
        line: see HeldExec. Call from a running event loop."""
        argv, full_env = self._exec_args(cmd, timeout, env)
        return HeldExec(self.client.api, self.prober.id, argv, full_env, timeout + 30)

    async def prober_exec(
        self, cmd: list[str], *, timeout: float, env: Mapping[str, str] | None = None
    ) -> ExecOutput:
        """Run `cmd` in the prober under `timeout` (in the container) with BASE_URL set."""
        argv, full_env = self._exec_args(cmd, timeout, env)
        try:
            return await asyncio.wait_for(
                asyncio.to_thread(self._prober_exec, argv, full_env), timeout + 30
            )
        except TimeoutError:
            raise SandboxError(f"prober did not answer within {timeout + 30:.0f} s") from None

    def app_state(self) -> tuple[str, int | None]:
        self.app.reload()
        state = self.app.attrs["State"]
        return str(state["Status"]), state.get("ExitCode")

    def app_logs(self, tail: int = 400) -> str:
        try:
            return bytes(self.app.logs(tail=tail)).decode(errors="replace")
        except (APIError, DockerException):
            return ""

    async def wait_ready(self) -> Readiness:
        """Two consecutive 200s from the ready path, after which the app's CPU limit drops from
        the boot allowance to the graded one; stops early if the app process exits. Seconds
        count from the moment the app got its payload."""
        svc = self.task.spec.service
        start = self.app_started_at or time.monotonic()
        url = f"{self.base_url}{svc.ready_path}"
        probe = asyncio.create_task(
            self.prober_exec(
                ["python", "-c", READY_SCRIPT, url, str(svc.startup_timeout)],
                timeout=svc.startup_timeout + 5,
            )
        )
        while not probe.done():
            status, code = await asyncio.to_thread(self.app_state)
            if status in ("exited", "dead"):
                probe.cancel()
                return Readiness(
                    False,
                    time.monotonic() - start,
                    f"service exited with code {code} before it was ready",
                )
            await asyncio.wait({probe}, timeout=0.5)
        result = probe.result()
        ok = result.exit_code == 0
        if ok:
            await asyncio.to_thread(self._limit_cpus)
        last = result.output.strip().splitlines()[-1:] or ["no answer"]
        reason = (
            ""
            if ok
            else (
                f"{svc.ready_path} not 200 twice within {svc.startup_timeout:g} s (last: {last[0]})"
            )
        )
        return Readiness(ok, time.monotonic() - start, reason)

    def _limit_cpus(self) -> None:
        """From the boot allowance down to the graded limit; SandboxError if Docker refuses."""
        try:
            self.app.update(cpu_period=CPU_PERIOD_US, cpu_quota=cpu_quota(self.app_cpus))
        except (APIError, DockerException) as e:
            raise SandboxError(f"could not set the app's CPU limit after startup: {e}") from None

    def close(self) -> None:
        remove_quietly(self.prober, self.app, *self.sidecars, self.network)


def pin_probe(env: GradingEnv, slot: Slot) -> str:
    """Pin the app to the slot's app core and the prober (the load generator) to its
    generator core, on the running containers (docker update); what was done."""
    try:
        ncpu = int(env.client.info().get("NCPU", 1))
        if ncpu < 2:
            return "not pinned: the engine has 1 CPU"
        if max(slot.cores) >= ncpu:
            return f"not pinned: cores {slot.app},{slot.generator} but the engine has {ncpu} CPUs"
        env.app.update(cpuset_cpus=str(slot.app))
        env.prober.update(cpuset_cpus=str(slot.generator))
    except (APIError, DockerException) as e:
        return f"not pinned: {e}"
    return f"app on CPU {slot.app}, generator on CPU {slot.generator}"


def start_grading_env(
    client: Any,
    *,
    task: Task,
    app: AppSettings,
    prober_image: str,
    run_id: str,
    name: str,
    snapshot: bytes,
    prober_files: bytes,
    shell: Shell | None = None,
) -> GradingEnv:
    """The app (from the snapshot) and the prober (with the hidden files) on an internal
    network: in `shell`, made ahead of time, when given (its containers become this
    environment's), else in a new one.

    Side by side: the sidecars start and are waited for; the app container starts (when there
    is no shell; its gate waits); the prober is created. The app gets its payload (see
    graders/shell.py) as soon as its sidecars answer; the prober starts (or, in a shell, gets
    the hidden files) after that, while the service boots: doing both at once slows the app's
    start, which is on the critical path. The service's start is timed from the payload."""
    if shell is not None and shell.container != app.container:
        raise ValueError(f"{name}: the shell was made for other app settings")
    payload = app_payload(
        snapshot,
        app.env,
        app_script(task, requirements_met=app.requirements_met),
    )
    made: list[Any] = [] if shell is None else [shell.app, shell.prober, shell.network]
    app_started = threading.Event()
    lab = labels(run_id, role="grading")
    with removed_on_failure(made, f"{name}: grading environment failed to start"):
        if shell is None:
            network = client.networks.create(f"{name}-net", internal=True, labels=lab)
            made.append(network)
        else:
            network = shell.network
        place = Place(client, name, lab, network.name, made)
        with ThreadPoolExecutor(2, thread_name_prefix=f"{name}-start") as pool:
            prober_ready = pool.submit(
                _ready_prober, place, shell, prober_image, prober_files, app_started
            )
            sidecars_ready = pool.submit(_start_sidecars, place, task, app.sidecar_image)
            try:
                if shell is None:
                    app_c = create_app(place, app)
                    app_c.start()  # its gate waits for the payload
                else:
                    app_c = shell.app
                sidecars = sidecars_ready.result()
                deliver(place, app_c, payload)
                app_started_at = time.monotonic()
            finally:
                app_started.set()
            prober = prober_ready.result()
    return GradingEnv(
        client, network, app_c, prober, task, app.env, sidecars, app.cpus, app_started_at
    )


def _ready_prober(
    place: Place, shell: Shell | None, image: str, files: bytes, after: threading.Event
) -> Any:
    """The prober, running, with the hidden files under /grader: the shell's, or a new one
    (created at once, started once `after` is set)."""
    prober = create_prober(place, image) if shell is None else shell.prober
    after.wait()
    if shell is None:
        prober.start()
    if not prober.put_archive("/grader", files):
        raise SandboxError(f"{place.name}: could not copy the hidden tests into the prober")
    return prober


def _start_sidecars(place: Place, task: Task, image: str) -> list[Any]:
    if not task.spec.service.sidecars:
        return []
    sidecars = start_sidecars(
        place.client,
        image=image,
        network=place.network,
        names=task.spec.service.sidecars,
        labels=place.labels,
        prefix=place.name,
        made=place.made,
    )
    wait_sidecars(sidecars)
    return sidecars
