"""Performance grader: the task's open-loop load probe (`[load]` in task.toml) against its SLO.

For the probe the app container is pinned to one core and the prober (the generator) to
another, a slot of cores given by the host lock (harness.hostlock), which also keeps new
gradings out and waits for running ones at most its bound (details["host"] says how long, and
`contended` when they still ran). Credit: 1.0 when the SLO (p99 bound, error rate, achieved rate)
holds at the target rate, else 0.5 when it holds at half the rate, else 0. With calibration,
the target rate and p99 bound come from the task's reference solution measured on this machine
in the same run (see harness.grading.calibrate)."""

import asyncio
import json
import math
import time
from importlib import resources
from typing import Any

from graders.base import CheckResult, GradeContext, GradeResult, ProbeSettings, Slo
from graders.environment import GradingEnv, pin_probe
from harness import hostlock
from harness.archive import collect_tree
from harness.errors import SandboxError
from harness.probespec import LoadSpec
from harness.tasks import Task

MIN_ACHIEVED = 0.97
"""The service must complete this share of the offered rate successfully."""
GENERATOR_CPU_LIMIT = 0.85
"""Above this CPU share the numbers describe the generator, not the service: grader error."""
CALIBRATION_MARGIN = 3.0
"""With --calibrate the p99 bound is at least this multiple of the reference's p99."""


FULL = ProbeSettings()
SHORT = ProbeSettings(warmup=2.0, duration=5.0)
PROBE_LENGTHS = {"full": FULL, "short": SHORT}


def declared_slo(spec: LoadSpec) -> Slo:
    return Slo(spec.rate, spec.p99_ms, spec.max_error_rate)


def slo_verdict(stats: dict[str, Any], slo: Slo, rate: float) -> tuple[bool, str]:
    """Does one probe's stats meet the SLO at `rate`? (ok, why not). Pure."""
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


def load_files(task: Task) -> list[tuple[str, bytes]]:
    """What the prober needs for this grader (nothing when the task declares no [load])."""
    spec = task.spec.load
    if spec is None:
        return []
    pkg = resources.files("graders")
    return [
        ("load/probe.py", (pkg / "prober" / "loadprobe.py").read_bytes()),
        ("load/loadgen.py", (pkg / "loadgen.py").read_bytes()),
        ("load/spec.json", json.dumps(spec.model_dump(mode="json", by_alias=True)).encode()),
        *collect_tree(task.path("hidden", "load"), "load/task"),
    ]


async def measure(env: GradingEnv, rate: float, settings: ProbeSettings) -> dict[str, Any]:
    """Run the probe once in the prober; its stats. Raises SandboxError if it could not run."""
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
    timeout = settings.warmup + settings.duration + 120
    res = await env.prober_exec(cmd, timeout=timeout)
    last = res.output.strip().splitlines()[-1] if res.output.strip() else ""
    if res.exit_code != 0 or not last.startswith("{"):
        raise SandboxError(f"load probe exited {res.exit_code}: {res.output.strip()[-300:]}")
    stats: dict[str, Any] = json.loads(last)
    return stats


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
                full = await measure(ctx.env, slo.rate, ctx.probe)
                half = None
                full_ok, why = slo_verdict(full, slo, slo.rate)
                half_ok: bool | None = None
                if not full_ok:
                    half = await measure(ctx.env, slo.rate / 2, ctx.probe)
                    half_ok, half_why = slo_verdict(half, slo, slo.rate / 2)
        except SandboxError as e:
            return GradeResult("performance", "error", None, str(e))
        for stats in (full, half):
            if stats and stats.get("generator_cpu", 0) > GENERATOR_CPU_LIMIT:
                share = stats["generator_cpu"]
                return GradeResult(
                    "performance",
                    "error",
                    None,
                    f"load generator saturated ({share:.0%} CPU): the numbers would not "
                    "describe the service; lower the task's rate",
                    details={"full": full, "half": half},
                )
        checks = [_check(f"load::slo at {slo.rate:g}/s", full_ok, why, full)]
        if half is not None:
            checks.append(_check(f"load::slo at {slo.rate / 2:g}/s", bool(half_ok), half_why, half))
        details = {
            "slo": slo.__dict__,
            "probe": ctx.probe.__dict__,
            "pinning": pinned,
            "host": lease.as_dict(),
            "full": full,
            "half": half,
        }
        return GradeResult(
            "performance",
            "ok",
            tier_score(full_ok, half_ok),
            "" if full_ok else why,
            tuple(checks),
            details,
            time.monotonic() - start,
        )
