"""Were the load probe's cores free? CPU time on the app's and the generator's cores that went
to neither the service (app and sidecars) nor the generator, and time the hypervisor stole.

Readings come from the kernel the containers run on, read by the harness process: /proc/stat
per CPU and each container's cgroup CPU usage (cgroup v1 cpuacct per CPU; v2 cpu.stat in
total, then charged to the probe's cores as a whole). Everything the service itself burns
(its own threads, a sidecar it keeps busy) is charged to the service, so a submission cannot
make its probe look disturbed. Where the readings cannot be made (another engine host, an
unknown cgroup layout) they are `None` and the probe is judged as before.
"""

import contextlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

OTHER_LIMIT = 0.15
"""Above this share of a probe core's time going to other processes, the core was not free."""
STEAL_LIMIT = 0.10
"""Above this share of a probe core's time stolen by the hypervisor, likewise."""
GENERATOR_WAIT_LIMIT = 0.10
"""Above this share of the probe's wall time the generator waited for a CPU: it lagged."""

CGROUP_ROOT = Path("/sys/fs/cgroup")
TICK_S = 0.01
"""USER_HZ: /proc/stat counts hundredths of a second."""


@dataclass(frozen=True)
class CpuTimes:
    """Seconds per CPU: busy (user, nice, system) and stolen."""

    busy: dict[int, float]
    steal: dict[int, float]


@dataclass(frozen=True)
class Snapshot:
    """One reading: host CPUs, and per container its CPU seconds per CPU (or in total: -1)."""

    cpus: CpuTimes
    containers: dict[str, dict[int, float]]


def parse_proc_stat(text: str) -> CpuTimes:
    """The per-CPU lines of /proc/stat. Pure."""
    busy, steal = {}, {}
    for line in text.splitlines():
        name, *fields = line.split()
        if not name.startswith("cpu") or name == "cpu" or len(fields) < 8:
            continue
        ticks = [int(f) for f in fields[:8]]
        cpu = int(name[3:])
        busy[cpu] = sum(ticks[:3]) * TICK_S
        steal[cpu] = ticks[7] * TICK_S
    return CpuTimes(busy, steal)


def parse_cpuset(text: str) -> set[int]:
    """'0-2,5' -> {0, 1, 2, 5}. Pure."""
    cpus: set[int] = set()
    for part in text.strip().split(","):
        if not part:
            continue
        lo, _, hi = part.partition("-")
        cpus.update(range(int(lo), int(hi or lo) + 1))
    return cpus


def parse_usage_percpu(text: str) -> dict[int, float]:
    """cgroup v1 cpuacct.usage_percpu (nanoseconds per CPU) in seconds. Pure."""
    return {cpu: int(ns) / 1e9 for cpu, ns in enumerate(text.split())}


def parse_cpu_stat(text: str) -> dict[int, float]:
    """cgroup v2 cpu.stat's usage_usec in seconds, as CPU -1 (not per CPU). Pure."""
    for line in text.splitlines():
        key, _, value = line.partition(" ")
        if key == "usage_usec":
            return {-1: int(value) / 1e6}
    return {}


def container_usage(container_id: str, root: Path = CGROUP_ROOT) -> dict[int, float] | None:
    """A container's CPU seconds so far (per CPU where the cgroup says), None if not found."""
    v1 = [
        root / "cpuacct" / "docker" / container_id,
        root / "cpu,cpuacct" / "docker" / container_id,
    ]
    v2 = [
        root / "system.slice" / f"docker-{container_id}.scope",
        root / "docker" / container_id,
    ]
    with contextlib.suppress(OSError, ValueError):
        for d in v1:
            if (d / "cpuacct.usage_percpu").is_file():
                return parse_usage_percpu((d / "cpuacct.usage_percpu").read_text())
        for d in v2:
            if (d / "cpu.stat").is_file():
                return parse_cpu_stat((d / "cpu.stat").read_text()) or None
    return None


def snapshot(container_ids: Iterable[str], proc_stat: Path = Path("/proc/stat")) -> Snapshot | None:
    """A reading now; None when the host's counters or a container's cgroup cannot be read
    (the engine runs elsewhere, or the layout is unknown)."""
    usage = {}
    for cid in container_ids:
        got = container_usage(cid)
        if got is None:
            return None
        usage[cid] = got
    try:
        cpus = parse_proc_stat(proc_stat.read_text())
    except (OSError, ValueError):
        return None
    return Snapshot(cpus, usage)


@dataclass(frozen=True)
class CoreLoad:
    cpu: int
    other: float
    """Share of the core's wall time used by processes that are neither service nor generator."""
    steal: float


def core_loads(
    before: Snapshot, after: Snapshot, cores: Sequence[int], wall_s: float
) -> list[CoreLoad]:
    """Per probe core, what others took of it between two readings. Usage a cgroup reports
    only in total (v2) is charged to the probe cores together, spread evenly. Pure."""
    pooled = 0.0
    mine: dict[int, float] = dict.fromkeys(cores, 0.0)
    for cid, now in after.containers.items():
        was = before.containers.get(cid, {})
        for cpu, secs in now.items():
            used = secs - was.get(cpu, 0.0)
            if cpu == -1:
                pooled += used
            elif cpu in mine:
                mine[cpu] += used
    out = []
    for cpu in cores:
        busy = after.cpus.busy.get(cpu, 0.0) - before.cpus.busy.get(cpu, 0.0)
        steal = after.cpus.steal.get(cpu, 0.0) - before.cpus.steal.get(cpu, 0.0)
        other = max(0.0, busy - mine[cpu] - pooled / max(len(cores), 1))
        out.append(CoreLoad(cpu, other / wall_s, steal / wall_s))
    return out


def machine_busy(
    loads: Sequence[CoreLoad], stats: Mapping[str, Any], app_cores: Iterable[int] = ()
) -> str:
    """Why the probe's cores were not free ('' when they were). The app's core(s): others'
    CPU or steal above the limits. The generator's core: the generator waited for its CPU and
    others (not the service's sidecars) took that core; without core readings, the wait
    alone. Every core counts as the app's when `app_cores` is empty (nothing pinned). Pure."""
    app = set(app_cores) or {c.cpu for c in loads}
    why = [r for c in loads if c.cpu in app for r in _taken(c)]
    generator = [r for c in loads if c.cpu not in app for r in _taken(c)]
    wait = float(stats.get("generator_wait") or 0.0)
    if wait > GENERATOR_WAIT_LIMIT and (generator or not loads):
        why += [*generator, f"the generator waited {wait:.0%} of the time for a CPU"]
    return "; ".join(why)


def _taken(c: CoreLoad) -> list[str]:
    """What others took of one core, where it passes the limits. Pure."""
    why = []
    if c.other > OTHER_LIMIT:
        why.append(f"CPU {c.cpu} {c.other:.0%} used by other processes")
    if c.steal > STEAL_LIMIT:
        why.append(f"CPU {c.cpu} {c.steal:.0%} stolen by the hypervisor")
    return why
