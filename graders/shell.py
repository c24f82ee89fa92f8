"""The grading shell: an internal network, the app container and the prober, before any
workspace is in them.

Every app container runs GATE as its command: a few lines of Python that read one payload from
the container's stdin (a JSON line with the task's environment and the start script, then the
workspace snapshot as a tar), unpack the snapshot, and exec the start script with exactly the
container's own environment plus the task's, stdin back on /dev/null. The harness attaches to
the container's stdin and writes the payload: a shell made on demand gets it right after it
starts, one made ahead of time (harness/sandbox/standby.py) when a grading takes it. Either way the
service starts from the same files, environment, signal dispositions and user. Writing on an
attached socket takes milliseconds; copying an archive in through the API (`put_archive`)
takes a tenth of a second.
"""

import contextlib
import json
import secrets
import socket
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from docker.errors import APIError, DockerException

from harness.errors import SandboxError
from harness.sandbox.docker import remove_quietly
from harness.sandbox.docker_env import labels

APP_HOST = "app"
PROBER_HOST = "prober"
"""Hidden tests may serve on the prober (webhook sinks, upstream mocks) at http://prober:PORT."""
GATE = """\
import io, json, os, signal, sys, tarfile
signal.alarm(int(sys.argv[1]))
payload = sys.stdin.buffer.read()
signal.alarm(0)
head, _, tar = payload.partition(b"\\n")
if not head:
    print("archbench: the app's stdin closed before its workspace came", file=sys.stderr)
    sys.exit(6)
spec = json.loads(head)
with tarfile.open(fileobj=io.BytesIO(tar)) as tf:
    tf.extractall("/")
null = os.open("/dev/null", os.O_RDONLY)
os.dup2(null, 0)
os.close(null)
with open("/proc/self/environ", "rb") as f:
    given = f.read().decode("utf-8", "surrogateescape").split("\\0")
env = dict(kv.split("=", 1) for kv in given if "=" in kv)
env.update(spec["env"])
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
os.execve("/bin/bash", ["bash", "-c", spec["script"]], env)
"""
"""Unpacks as the app's user (uid 1000, who owns /workspace and every file in the snapshot).
The environment comes from /proc/self/environ, the one Docker gave the process, not from
os.environ (Python adds LC_CTYPE to that); Python's ignored SIGPIPE and SIGXFSZ go back to
their defaults, since ignored signals survive exec. A gate nobody feeds ends after argv[1] s."""
GATE_TIMEOUT_S = 5400
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
    """What the gate reads: a JSON line with the task's environment and the start script, then
    the workspace snapshot (a tar of `workspace/...` entries)."""
    head = json.dumps({"env": dict(env), "script": start_script})
    return head.encode() + b"\n" + snapshot


@dataclass(frozen=True)
class Shell:
    """A network with an app container at its gate and a prober in it."""

    network: Any
    app: Any
    prober: Any
    container: tuple[str, str, float, float, int]
    """AppSettings.container of the app."""

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
    """Every container (and the network) created so far, appended from worker threads too: what
    a failed start removes."""

    def endpoint(self, alias: str) -> dict[str, Any]:
        return {self.network: self.client.api.create_endpoint_config(aliases=[alias])}


def create_app(place: Place, app: AppSettings) -> Any:
    """The app container, created (not started), its command the gate."""
    app_c = place.client.containers.create(
        app.image,
        ["/usr/bin/python3", "-I", "-S", "-c", GATE, str(GATE_TIMEOUT_S)],
        stdin_open=True,
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


def deliver(place: Place, app_c: Any, payload: bytes) -> None:
    """Write the payload to a started app container's stdin and close it: its gate goes on to
    the start script."""
    try:
        sock = place.client.api.attach_socket(app_c.id, params={"stdin": 1, "stream": 1})
    except (APIError, DockerException) as e:
        raise SandboxError(f"{place.name}: could not attach to the app's stdin: {e}") from None
    raw = getattr(sock, "_sock", sock)
    try:
        raw.sendall(payload)
        raw.shutdown(socket.SHUT_WR)
    except OSError as e:
        raise SandboxError(f"{place.name}: could not hand the workspace to the app: {e}") from None
    finally:
        sock.close()
        if raw is not sock:
            raw.close()


@contextlib.contextmanager
def removed_on_failure(made: list[Any], failed: str) -> Iterator[None]:
    """If the block fails, remove everything in `made` (containers first, then the network);
    Docker's refusals become SandboxError(f"{failed}: {reason}")."""
    try:
        yield
    except (APIError, DockerException) as e:
        remove_quietly(*made)
        raise SandboxError(f"{failed}: {e}") from None
    except BaseException:
        remove_quietly(*made)
        raise


def make_shell(client: Any, *, app: AppSettings, prober_image: str, run_id: str) -> Shell:
    """A shell made ahead of time: network, app waiting at its gate, prober, all running.
    Removes what it made and raises SandboxError when Docker refuses."""
    name = f"archbench-{run_id}-standby-{secrets.token_hex(3)}"
    lab = labels(run_id, role="grading")
    made: list[Any] = []
    with removed_on_failure(made, f"{name}: could not make a grading shell"):
        network = client.networks.create(f"{name}-net", internal=True, labels=lab)
        made.append(network)
        place = Place(client, name, lab, network.name, made)
        with ThreadPoolExecutor(2, thread_name_prefix=f"{name}-make") as pool:
            prober = pool.submit(create_prober, place, prober_image)
            app_c = create_app(place, app)
            app_c.start()
            prober.result().start()
    return Shell(network, app_c, prober.result(), app.container)
