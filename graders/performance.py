"""Performance grader: the task's open-loop load probe (`[load]` in task.toml) against its SLO.

For the probe the app container is pinned to one core and the prober (the generator) to
another, a slot of cores given by the host lock (harness.sandbox.hostlock), which also keeps new
gradings out and waits for running ones at most its bound (details["host"] says how long, and
`contended` when they still ran). Credit: 1.0 when the SLO (p99 bound, error rate, achieved rate)
holds at the target rate, else 0.5 when it holds at half the rate, else 0. With calibration,
the target rate and p99 bound come from the task's reference solution measured on this machine
in the same run (see harness.run.grading.calibrate).

Sequential (ProbeSettings.sequential, the default): after the warm-up the probe looks at its
verdict once a second and stops when distribution-free bounds put the p99 and the error rate
clearly inside or outside the objective (graders/seqstop.py); near the objective it measures the
whole duration; and its warm-up (at most 10 s) ends once the service has answered a steady
stretch well within the bound (graders/warmup.py). Each probe also reads whether its cores
were free (graders/machine.py): a failing verdict measured on a busy machine is measured
again once, and if the machine is busy again the dimension is inconclusive (status error, with
the reason), never a failure. A setup that the service cannot serve, or a service that no
longer answers, fails at once."""

import asyncio
import json
import math
import time
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Literal

from graders import machine
from graders.base import CheckResult, GradeContext, GradeResult, ProbeSettings, Slo
from graders.environment import GradingEnv, pin_probe
from harness.archive import collect_tree
from harness.errors import SandboxError
from harness.sandbox import hostlock
from harness.sandbox.cores import Slot
from harness.tasks.probespec import LoadSpec
from harness.tasks.spec import Task

MIN_ACHIEVED = 0.97
"""The service must complete this share of the offered rate successfully."""
GENERATOR_CPU_LIMIT = 0.85
"""Above this CPU share the numbers describe the generator, not the service: grader error."""
CALIBRATION_MARGIN = 3.0
"""With --calibrate the p99 bound is at least this multiple of the reference's p99."""


FULL = ProbeSettings()
SHORT = ProbeSettings(warmup=2.0, duration=5.0)
FIXED = ProbeSettings(sequential=False)
"""Today's full-length probe: the whole 30 s window whatever the verdict (for comparisons)."""
PROBE_LENGTHS = {"full": FULL, "short": SHORT, "fixed": FIXED}
MachinePolicy = Literal["accept", "remeasure", "inconclusive"]


def declared_slo(spec: LoadSpec) -> Slo:
    return Slo(spec.rate, spec.p99_ms, spec.max_error_rate)


def slo_verdict(stats: dict[str, Any], slo: Slo, rate: float) -> tuple[bool, str]:
    """Does one probe's stats meet the SLO at `rate`? (ok, why not). Pure."""
    if stats.get("setup_failed"):
        return False, f"the load setup failed against the service: {stats['setup_failed']}"
    requests = int(stats.get("requests") or 0)
    if requests == 0:
        return False, "no request completed in the measured window"
    error_rate = int(stats.get("errors") or 0) / requests
    p99_ms = float(stats.get("p99", math.nan)) * 1000.0
    achieved = float(stats.get("achieved_rate") or 0.0)
    problems = []
    if error_rate > slo.max_error_rate:
        problems.append(f"errors {error_rate:.1%} > {slo.max_error_rate:.1%}")
    if not p99_ms <= slo.p99_ms:
        problems.append(f"p99 {p99_ms:.0f} ms > {slo.p99_ms:.0f} ms")
    if achieved < MIN_ACHIEVED * rate:
        problems.append(f"achieved {achieved:.0f}/s < {MIN_ACHIEVED:.0%} of {rate:.0f}/s")
    if not stats.get("healthy_after", True):
        problems.append("unhealthy after the probe")
    return not problems, "; ".join(problems)


def tier_score(full_ok: bool, half_ok: bool | None) -> float:
    """1.0 at the target rate, 0.5 at half of it, else 0. Pure."""
    if full_ok:
        return 1.0
    return 0.5 if half_ok else 0.0


def calibrated_slo(declared: Slo, reference: list[tuple[float, dict[str, Any]]]) -> Slo | None:
    """The SLO for this machine from the reference's stats at the declared rate (and lower
    rates, in order): the first rate at which the reference meets its errors/rate objective,
    with a p99 bound of at least CALIBRATION_MARGIN x the reference's p99 there. None if the
    reference meets it at no rate. Pure."""
    for rate, stats in reference:
        loose = Slo(rate, math.inf, declared.max_error_rate)
        ok, _ = slo_verdict(stats, loose, rate)
        if ok:
            ref_p99 = float(stats["p99"]) * 1000.0
            bound = max(declared.p99_ms, CALIBRATION_MARGIN * ref_p99)
            return Slo(rate, bound, declared.max_error_rate, f"reference p99 {ref_p99:.1f} ms")
    return None


def answered(stats: dict[str, Any]) -> bool:
    """Is a half-rate probe worth running after this failure? Not when the setup already
    failed against the service or the service stopped answering /healthz. Pure."""
    return not stats.get("setup_failed") and bool(stats.get("healthy_after", True))


def error_objective(slo: Slo) -> float:
    """The error rate a probe may show: the SLO's, or less when the achieved-rate floor is
    stricter (every failed request is one not achieved). Pure."""
    return min(slo.max_error_rate, 1.0 - MIN_ACHIEVED)


def machine_policy(ok: bool, busy: str, tries: int) -> MachinePolicy:
    """What to do with one probe's verdict given why its cores were not free ('' when they
    were) and how many times it ran: a pass stands whatever the machine did (load slows a
    service, it never speeds one up); a failure on a busy machine is measured once more, then
    inconclusive. Pure."""
    if ok or not busy:
        return "accept"
    return "remeasure" if tries < 2 else "inconclusive"


def stop_summary(stats: dict[str, Any]) -> dict[str, Any]:
    """How a probe ended, in a few fields for the record. Pure."""
    stop = stats.get("stop")
    return {
        "sequential": bool(stats.get("sequential")),
        "warmup_s": stats.get("warmup_s"),
        "measured_s": stats.get("window_s"),
        "looks": len(stats.get("looks") or ()),
        "stopped_early": stop is not None,
        "reason": stop["reason"] if stop else "full window",
        "bounds": {k: stop[k] for k in ("p99_low_ms", "p99_high_ms", "errors_low", "errors_high")}
        if stop
        else None,
    }


def load_files(task: Task) -> list[tuple[str, bytes]]:
    """What the prober needs for this grader (nothing when the task declares no [load])."""
    spec = task.spec.load
    if spec is None:
        return []
    pkg = resources.files("graders")
    return [
        ("load/probe.py", (pkg / "prober" / "loadprobe.py").read_bytes()),
        ("load/loadgen.py", (pkg / "loadgen.py").read_bytes()),
        ("load/seqstop.py", (pkg / "seqstop.py").read_bytes()),
        ("load/warmup.py", (pkg / "warmup.py").read_bytes()),
        ("load/spec.json", json.dumps(spec.model_dump(mode="json", by_alias=True)).encode()),
        *collect_tree(task.path("hidden", "load"), "load/task"),
    ]


async def measure(
    env: GradingEnv, rate: float, settings: ProbeSettings, slo: Slo | None = None
) -> dict[str, Any]:
    """Run the probe once in the prober; its stats. Sequential against `slo` when given and
    the settings allow. Raises SandboxError if it could not run."""
    cmd = [
        "python",
        "load/probe.py",
        "--rate",
        f"{rate:g}",
        "--warmup",
        f"{settings.warmup:g}",
        "--duration",
        f"{settings.duration:g}",
    ]
    if slo is not None and settings.sequential:
        cmd += ["--p99-ms", f"{slo.p99_ms:g}", "--max-error-rate", f"{error_objective(slo):g}"]
    timeout = settings.warmup + settings.duration + 120
    res = await env.prober_exec(cmd, timeout=timeout)
    last = res.output.strip().splitlines()[-1] if res.output.strip() else ""
    if res.exit_code != 0 or not last.startswith("{"):
        raise SandboxError(f"load probe exited {res.exit_code}: {res.output.strip()[-300:]}")
    stats: dict[str, Any] = json.loads(last)
    return stats


async def measure_watched(
    env: GradingEnv, rate: float, settings: ProbeSettings, slo: Slo, slot: Slot | None
) -> dict[str, Any]:
    """`measure`, with what other processes took of the probe's cores (the slot's, or all
    when nothing was pinned) meanwhile in stats["machine"] (`busy`: why they were not free,
    '' when they were)."""
    ids = [env.app.id, env.prober.id, *(s.id for s in env.sidecars)]
    before = await asyncio.to_thread(machine.snapshot, ids)
    t0 = time.monotonic()
    stats = await measure(env, rate, settings, slo)
    wall = time.monotonic() - t0
    after = await asyncio.to_thread(machine.snapshot, ids)
    if before is None or after is None:
        loads: list[machine.CoreLoad] = []
        note = "cgroup or /proc/stat readings unavailable: only the generator's wait was judged"
    else:
        cores = slot.cores if slot else tuple(after.cpus.busy)
        loads = machine.core_loads(before, after, cores, wall)
        note = ""
    stats["machine"] = {
        "cores": [c.__dict__ for c in loads],
        "busy": machine.machine_busy(loads, stats, (slot.app,) if slot else ()),
        "note": note,
    }
    return stats


@dataclass
class Probed:
    """One rate's verdict after `probe_at`."""

    stats: dict[str, Any]
    ok: bool
    why: str
    inconclusive: bool = False
    """It failed on a busy machine twice: the verdict describes the machine."""
    earlier: list[dict[str, Any]] = field(default_factory=list)
    """Stats of a try measured again because the machine was busy."""


async def probe_at(
    env: GradingEnv, rate: float, settings: ProbeSettings, slo: Slo, slot: Slot | None
) -> Probed:
    """One rate's verdict, measured again once if it failed while the machine was busy."""
    earlier: list[dict[str, Any]] = []
    while True:
        stats = await measure_watched(env, rate, settings, slo, slot)
        ok, why = slo_verdict(stats, slo, rate)
        busy = stats["machine"]["busy"]
        policy = machine_policy(ok, busy, len(earlier) + 1)
        if policy == "accept":
            return Probed(stats, ok, why, False, earlier)
        if policy == "inconclusive":
            why = f"inconclusive: the machine was busy twice ({busy})"
            return Probed(stats, False, why, True, earlier)
        earlier.append(stats)


def _check(name: str, ok: bool, why: str, stats: dict[str, Any]) -> CheckResult:
    p99 = float(stats.get("p99", math.nan)) * 1000
    summary = (
        f"{stats.get('achieved_rate', 0):.0f}/s achieved, p99 {p99:.1f} ms, "
        f"{stats.get('errors', 0)}/{stats.get('requests', 0)} errors"
    )
    return CheckResult(name, "passed" if ok else "failed", why or summary)


class PerformanceGrader:
    name = "performance"

    async def grade(self, ctx: GradeContext) -> GradeResult:
        start = time.monotonic()
        spec = ctx.task.spec.load
        if spec is None:
            return GradeResult("performance", "skipped", None, "the task declares no [load]")
        slo = ctx.slo or declared_slo(spec)
        try:
            async with hostlock.exclusive() as lease:
                pinned = await asyncio.to_thread(pin_probe, ctx.env, lease.cores)
                slot = lease.cores if pinned.startswith("app on") else None
                full = await probe_at(ctx.env, slo.rate, ctx.probe, slo, slot)
                half = None
                if not full.ok and not full.inconclusive and answered(full.stats):
                    half = await probe_at(ctx.env, slo.rate / 2, ctx.probe, slo, slot)
        except SandboxError as e:
            return GradeResult("performance", "error", None, str(e))
        stats = {"full": full.stats, "half": half.stats if half else None}
        retried = full.earlier + (half.earlier if half else [])
        untrusted = _untrusted(full, half, stats, retried, time.monotonic() - start)
        if untrusted is not None:
            return untrusted
        checks = [_check(f"load::slo at {slo.rate:g}/s", full.ok, full.why, full.stats)]
        if half is not None:
            checks.append(_check(f"load::slo at {slo.rate / 2:g}/s", half.ok, half.why, half.stats))
        details = {
            "slo": slo.__dict__,
            "probe": ctx.probe.__dict__,
            "pinning": pinned,
            "host": lease.as_dict(),
            **stats,
            "stop": {
                "full": stop_summary(full.stats),
                "half": stop_summary(half.stats) if half else None,
            },
            "retried": retried,
        }
        return GradeResult(
            "performance",
            "ok",
            tier_score(full.ok, half.ok if half else None),
            "" if full.ok else full.why,
            tuple(checks),
            details,
            time.monotonic() - start,
        )


def _untrusted(
    full: Probed, half: Probed | None, stats: dict[str, Any], retried: list[Any], seconds: float
) -> GradeResult | None:
    """An error result when a probe's numbers cannot describe the service (its load
    generator saturated, or the machine stayed busy); None when they can."""
    for probed in (full, half):
        share = probed.stats.get("generator_cpu", 0) if probed else 0
        if share > GENERATOR_CPU_LIMIT:
            return GradeResult(
                "performance",
                "error",
                None,
                f"load generator saturated ({share:.0%} CPU): the numbers would not "
                "describe the service; lower the task's rate",
                details=stats,
            )
        if probed and probed.inconclusive:
            return GradeResult(
                "performance",
                "error",
                None,
                f"load probe {probed.why}; re-run when the machine is quieter",
                details={**stats, "retried": retried},
                duration=seconds,
            )
    return None
