"""The grading shell: an internal network, the app container and the prober, before any
workspace is in them.

Every app container runs GATE as its command: a few lines of Python that wait until the
harness has copied in the workspace snapshot, the task's environment and the start script
(one archive whose last entry is `go`), then exec the start script with exactly the container's
own environment plus the task's. A shell made on demand gets that archive before it starts, so
its gate passes at once; a shell made ahead of time (harness/standby.py) is already running and
waiting, and is woken with SIGWINCH once the archive is in. Either way the service starts from
the same files, with the same environment, signal mask and dispositions, as the same user.
"""

import json
import secrets
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from docker.errors import APIError, DockerException

from harness.archive import append_files
from harness.docker_env import labels
from harness.errors import SandboxError
from harness.sandbox.docker import remove_quietly

APP_HOST = "app"
PROBER_HOST = "prober"
"""Hidden tests may serve on the prober (webhook sinks, upstream mocks) at http://prober:PORT."""
CONTROL_DIR = "opt/archbench"
WAKE_SIGNAL = "SIGWINCH"
"""Ignored by default: one that reaches the gate before it blocks the signal is harmless, and
the gate looks for `go` after blocking it, so no wake-up is lost either way."""
GATE = f"""\
import json, os, signal, sys
wake = {{signal.{WAKE_SIGNAL}}}
signal.pthread_sigmask(signal.SIG_BLOCK, wake)
if not os.path.exists("/{CONTROL_DIR}/go"):
    if signal.sigtimedwait(wake, float(sys.argv[1])) is None:
        sys.exit(0)
    if not os.path.exists("/{CONTROL_DIR}/go"):
        print("archbench: woken before the workspace was copied in", file=sys.stderr)
        sys.exit(6)
with open("/proc/self/environ", "rb") as f:
    given = f.read().decode("utf-8", "surrogateescape").split("\\0")
env = dict(kv.split("=", 1) for kv in given if "=" in kv)
with open("/{CONTROL_DIR}/env.json") as f:
    env.update(json.load(f))
signal.pthread_sigmask(signal.SIG_UNBLOCK, wake)
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
os.execve("/bin/bash", ["bash", "/{CONTROL_DIR}/start.sh"], env)
"""
"""The environment comes from /proc/self/environ, the one Docker gave the process, not from
os.environ (Python adds LC_CTYPE to that); Python's ignored SIGPIPE and SIGXFSZ go back to
their defaults, since ignored signals survive exec."""
GATE_TIMEOUT_S = 5400.0
"""A shell nobody takes stops by itself after this; standby hands out none older than a third."""
PROBER_LIFETIME_S = 5400
CPU_PERIOD_US = 100_000


def cpu_quota(cpus: float) -> int:
    """The CFS quota, in microseconds per CPU_PERIOD_US, that allows `cpus` CPUs."""
    return int(cpus * CPU_PERIOD_US)


@dataclass(frozen=True)
class AppSettings:
    image: str
    env: Mapping[str, str]
    sidecar_image: str = ""
    memory: str = "1g"
    cpus: float = 1.0
    """The app's CPU limit while it is graded."""
    boot_cpus: float = 2.0
    """Its CPU limit while it starts (imports, migrations, two workers importing side by side:
    the service's own cost, not the agent's score); lowered to `cpus` as soon as the service is
    ready, before any check runs. Above the engine's CPU count it means no limit."""
    pids: int = 512
    requirements_met: bool = False
    """The workspace's requirements are known to be installed (its start skips that step)."""

    @property
    def container(self) -> tuple[str, str, float, float, int]:
        """What the app container is created with (everything else arrives with the workspace):
        a shell made for one value serves only gradings with the same."""
        return (self.image, self.memory, self.cpus, self.boot_cpus, self.pids)


def app_payload(snapshot: bytes, env: Mapping[str, str], start_script: str) -> bytes:
    """The one archive copied into an app container: the workspace snapshot, then the task's
    environment and the start script, then `go` (last: once it exists, everything is in)."""
    return append_files(
        snapshot,
        [
            (f"{CONTROL_DIR}/env.json", json.dumps(dict(env)).encode()),
            (f"{CONTROL_DIR}/start.sh", start_script.encode()),
            (f"{CONTROL_DIR}/go", b""),
        ],
    )


@dataclass(frozen=True)
class Shell:
    """A network with an app container at its gate and a prober in it."""

    network: Any
    app: Any
    prober: Any
    container: tuple[str, str, float, float, int]
    """AppSettings.container of the app."""
    made_at: float
    """time.monotonic() when it was made."""

    def close(self) -> None:
        remove_quietly(self.prober, self.app, self.network)


@dataclass(frozen=True)
class Place:
    """What every container of one grading environment shares."""

    client: Any
    name: str
    labels: dict[str, str]
    network: str
    made: list[Any]
    """Every container created so far (appended from worker threads), for cleanup."""

    def endpoint(self, alias: str) -> dict[str, Any]:
        return {self.network: self.client.api.create_endpoint_config(aliases=[alias])}


def create_app(place: Place, app: AppSettings) -> Any:
    """The app container, created (not started), its command the gate."""
    app_c = place.client.containers.create(
        app.image,
        ["/usr/bin/python3", "-I", "-S", "-c", GATE, str(GATE_TIMEOUT_S)],
        name=f"{place.name}-app",
        labels=place.labels,
        user="1000:1000",
        mem_limit=app.memory,
        memswap_limit=app.memory,
        cpu_period=CPU_PERIOD_US,
        cpu_quota=cpu_quota(max(app.cpus, app.boot_cpus)),
        pids_limit=app.pids,
        init=True,
        cap_drop=["ALL"],
        security_opt=["no-new-privileges"],
        network=place.network,
        networking_config=place.endpoint(APP_HOST),
    )
    place.made.append(app_c)
    return app_c


def create_prober(place: Place, image: str) -> Any:
    prober = place.client.containers.create(
        image,
        ["sleep", str(PROBER_LIFETIME_S)],
        name=f"{place.name}-prober",
        labels=place.labels,
        network=place.network,
        networking_config=place.endpoint(PROBER_HOST),
        init=True,
        mem_limit="1g",
    )
    place.made.append(prober)
    return prober


def put_payload(place: Place, app_c: Any, payload: bytes) -> None:
    if not app_c.put_archive("/", payload):
        raise SandboxError(f"{place.name}: could not copy the workspace snapshot into the app")


def wake(app_c: Any) -> None:
    """Let a running app container's gate go on to the start script (its payload is in)."""
    app_c.kill(signal=WAKE_SIGNAL)


def make_shell(client: Any, *, app: AppSettings, prober_image: str, run_id: str) -> Shell:
    """A shell made ahead of time: network, app waiting at its gate, prober, all running.
    Removes what it made and raises SandboxError when Docker refuses."""
    name = f"archbench-{run_id}-standby-{secrets.token_hex(3)}"
    lab = labels(run_id, role="grading")
    made: list[Any] = []
    network = None
    try:
        network = client.networks.create(f"{name}-net", internal=True, labels=lab)
        place = Place(client, name, lab, network.name, made)
        with ThreadPoolExecutor(2, thread_name_prefix=f"{name}-make") as pool:
            prober = pool.submit(create_prober, place, prober_image)
            app_c = create_app(place, app)
            app_c.start()
            prober.result().start()
    except (APIError, DockerException) as e:
        remove_quietly(*made, network)
        raise SandboxError(f"{name}: could not make a grading shell: {e}") from None
    except BaseException:
        remove_quietly(*made, network)
        raise
    return Shell(network, app_c, prober.result(), app.container, time.monotonic())
