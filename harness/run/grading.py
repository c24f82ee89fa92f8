"""Grade one workspace snapshot: start the service and prober, wait for readiness, run the
task's graders, write their files, and hand the containers to the target's reaper to tear down
in the background. Used by runs and by `tasks validate`, which close the target before they
sweep.
"""

import asyncio
import json
import secrets
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graders import GRADERS, GradeContext, GradeResult
from graders.base import ProbeSettings, Slo
from graders.environment import (
    GradingEnv,
    Readiness,
    pin_probe,
    requirements_known_met,
    start_grading_env,
)
from graders.functional import HeldTests, hidden_files
from graders.lint import counts_for_lint
from graders.performance import (
    calibrated_slo,
    declared_slo,
    load_files,
    measure,
)
from graders.security import security_files
from graders.shell import GATE_TIMEOUT_S, AppSettings, Shell, make_shell
from harness.archive import collect_tree, strip_prefix, tar_files, tar_members
from harness.errors import SandboxError
from harness.images import ImageSet
from harness.images.recipes import locked_versions
from harness.results.log import SampleStatus
from harness.run.service_env import task_env
from harness.sandbox import hostlock
from harness.sandbox.docker_env import Reaper
from harness.sandbox.standby import Standby
from harness.tasks.probespec import LoadSpec
from harness.tasks.spec import GATED, Task, is_security_check

if TYPE_CHECKING:
    from harness.judge import Judge


def reference_tree(task: Task) -> dict[str, bytes]:
    """The reference solution laid over the starter workspace, by relative path."""
    files = dict(collect_tree(task.path("workspace")))
    files.update(collect_tree(task.path("solution")))
    return files


@dataclass(frozen=True)
class GradingTarget:
    """Where grading containers go: the Docker client, the images, the run they belong to."""

    client: Any
    images: ImageSet
    run_id: str
    probe: ProbeSettings = field(default_factory=ProbeSettings)
    judge: "Judge | None" = None
    """Answers design tasks' rubrics (None: design tasks' rubric cannot be graded)."""
    judge_samples: int = 3
    calibrations: dict[str, Slo | None] = field(default_factory=dict)
    """Per task id, the SLO measured on the reference in this run (with probe.calibrate)."""
    calibration_locks: dict[str, asyncio.Lock] = field(default_factory=dict)
    reaper: Reaper = field(default_factory=Reaper)
    """Removes finished gradings' containers in the background."""
    ahead: bool = True
    """Work ahead: keep a grading shell ready for the next grading, and start the hidden tests
    (pytest's own start and collection) while the service boots. False: everything in order,
    nothing in the background but teardown (how the benchmark times bare hidden tests)."""
    standby: "Standby[Shell]" = field(init=False)
    """A grading shell made ahead of time (after a grading's service is ready, so that making
    it never slows a start), used by the next grading that finds it ready."""

    def __post_init__(self) -> None:
        object.__setattr__(
            self,
            "standby",
            Standby(self._make_shell, Shell.close, max_age_s=GATE_TIMEOUT_S / 3),
        )

    def app_settings(self, env: dict[str, str], requirements_met: bool = False) -> AppSettings:
        return AppSettings(
            image=self.images.runtime,
            env=env,
            sidecar_image=self.images.services,
            requirements_met=requirements_met,
        )

    def _make_shell(self, stop: threading.Event) -> Shell | None:
        """Under the host lock, shared (like any grading's start): never beside a load probe."""
        with hostlock.shared_in_thread(stop) as held:
            if not held:
                return None
            shell = make_shell(
                self.client,
                app=self.app_settings({}),
                prober_image=self.images.prober,
                run_id=self.run_id,
            )
        if stop.is_set():
            shell.close()
            return None
        return shell

    def close(self) -> None:
        """Discard the spare shell and wait for background teardowns: call before sweeping."""
        self.standby.close()
        self.reaper.drain()


@dataclass(frozen=True)
class GradingOutcome:
    status: SampleStatus
    reason: str
    startup_seconds: float | None
    results: list[GradeResult] = field(default_factory=list)


def _write_grader_files(out: Path, env: GradingEnv, results: list[GradeResult]) -> None:
    (out / "app.log").write_text(env.app_logs())
    for r in results:
        payload = {
            "grader": r.grader,
            "status": r.status,
            "score": r.score,
            "reason": r.reason,
            "duration": r.duration,
            "details": r.details,
            "checks": [c.__dict__ for c in r.checks],
        }
        (out / f"grader-{r.grader}.json").write_text(json.dumps(payload, indent=2))


def reference_snapshot(task: Task) -> bytes:
    return tar_files(
        [(f"workspace/{k}", v) for k, v in sorted(reference_tree(task).items())], uid=1000
    )


@dataclass(frozen=True)
class _Trees:
    """The graded workspace's files and the reference's, read once per grading."""

    agent: dict[str, bytes]
    reference: dict[str, bytes]

    @classmethod
    def of(cls, task: Task, snapshot: bytes) -> "_Trees":
        return cls(strip_prefix(tar_members(snapshot), "workspace"), reference_tree(task))


def deliverables(agent_files: dict[str, bytes]) -> list[tuple[str, bytes]]:
    """A no-service task's workspace as prober files (its hidden checks read it). Pure."""
    return [(f"workspace/{k}", v) for k, v in sorted(agent_files.items())]


async def _start(
    target: GradingTarget, task: Task, snapshot: bytes, label: str, trees: _Trees
) -> GradingEnv:
    name = f"archbench-{target.run_id}-{task.id}-{label}-{secrets.token_hex(3)}"
    agent_files, reference_files = trees.agent, trees.reference
    prober_files = [
        *hidden_files(task),
        *security_files(task),
        *load_files(task),
        *((f"lint/agent/{k}", v) for k, v in agent_files.items() if counts_for_lint(k)),
        *((f"lint/reference/{k}", v) for k, v in reference_files.items() if counts_for_lint(k)),
        *(deliverables(agent_files) if task.spec.service.kind == "none" else ()),
    ]
    app = target.app_settings(
        task_env(task),
        requirements_known_met(agent_files.get("requirements.txt"), locked_versions("runtime")),
    )
    shell = target.standby.take(lambda s: s.container == app.container) if target.ahead else None
    return await asyncio.to_thread(
        start_grading_env,
        target.client,
        task=task,
        app=app,
        prober_image=target.images.prober,
        run_id=target.run_id,
        name=name,
        snapshot=snapshot,
        prober_files=tar_files(prober_files),
        shell=shell,
    )


@dataclass(frozen=True)
class _Started:
    env: GradingEnv
    ready: Readiness
    held: HeldTests | None = None
    """The hidden tests, collected and waiting (only for a ready service)."""


async def _start_ready(
    target: GradingTarget,
    task: Task,
    snapshot: bytes,
    label: str,
    trees: _Trees,
    *,
    hold_tests: bool = False,
    fail_fast: bool = False,
) -> _Started:
    """Start the grading environment and wait for the service, holding the host lock shared:
    a service starting up (pip install, imports) is heavy work a load probe must not share the
    machine with. With `hold_tests` (and target.ahead) the hidden tests start meanwhile."""
    async with hostlock.shared():
        env = await _start(target, task, snapshot, label, trees)
        held = None
        try:
            if hold_tests and target.ahead:
                held = HeldTests(env, task, fail_fast=fail_fast)
            ready = await env.wait_ready()
            if target.ahead:
                target.standby.refill()
            if held is not None and not ready.ready:
                await held.abandon()
                held = None
            return _Started(env, ready, held)
        except BaseException:
            if held is not None:
                await held.abandon()
            await asyncio.to_thread(env.close)
            raise


async def calibrate(target: GradingTarget, task: Task) -> Slo | None:
    """The task's SLO on this machine: its reference measured at the declared rate (then half,
    then a quarter) in a grading environment of its own. Cached per task for the run; raises
    SandboxError when the reference cannot be measured."""
    spec = task.spec.load
    if spec is None or not target.probe.calibrate:
        return None
    async with target.calibration_locks.setdefault(task.id, asyncio.Lock()):
        if task.id not in target.calibrations:
            target.calibrations[task.id] = await _calibrate(target, task, spec)
    return target.calibrations[task.id]


async def _calibrate(target: GradingTarget, task: Task, spec: LoadSpec) -> Slo:
    snapshot = reference_snapshot(task)
    started = await _start_ready(target, task, snapshot, "calibrate", _Trees.of(task, snapshot))
    env, ready = started.env, started.ready
    try:
        if not ready.ready:
            raise SandboxError(f"{task.id}: the reference did not start for calibration")
        declared = declared_slo(spec)
        tried: list[tuple[float, dict[str, Any]]] = []
        async with hostlock.exclusive() as lease:
            await asyncio.to_thread(pin_probe, env, lease.cores)
            for rate in (spec.rate, spec.rate / 2, spec.rate / 4):
                tried.append((rate, await measure(env, rate, target.probe)))
                slo = calibrated_slo(declared, tried)
                if slo is not None:
                    break
    finally:
        await asyncio.to_thread(env.close)
    if slo is None:
        raise SandboxError(
            f"{task.id}: the reference misses its load objective even at {spec.rate / 4:g}/s on "
            "this machine; recalibrate the task's [load] rate"
        )
    return slo


UNWEIGHED_SKIP = frozenset({"quality", "design"})
"""Dimensions whose grader is skipped for a task that gives it no weight (an open design task
has no Python to lint; a service task has no rubric)."""


async def _run_graders(ctx: GradeContext, only: frozenset[str] | None = None) -> list[GradeResult]:
    """Every grader in order (or those in `only`; the rest report `skipped`); the load probe
    (which takes the machine for itself) only on a resolved sample, after the others have
    released their share of the machine."""
    results: list[GradeResult] = []
    async with hostlock.shared():
        for dim, grader in GRADERS.items():
            if dim == "performance":
                continue
            if only is not None and dim not in only:
                results.append(GradeResult(dim, "skipped", None, "not run in this grading"))
            elif dim in UNWEIGHED_SKIP and dim not in ctx.task.spec.grading.weights:
                reason = f"the task declares no {dim} weight"
                results.append(GradeResult(dim, "skipped", None, reason))
            elif dim == "design" and not is_resolved(results):
                # gated like the load probe: the judge is not paid to read a design whose
                # machine-checked artifacts fail (keyword stuffing earns nothing)
                results.append(
                    GradeResult(dim, "skipped", None, "not resolved: the judge was not asked")
                )
            else:
                results.append(await grader.grade(ctx))
    if only is not None and "performance" not in only:
        results.append(GradeResult("performance", "skipped", None, "not run in this grading"))
    elif ctx.task.spec.load is not None and not is_resolved(results):
        results.append(
            GradeResult("performance", "skipped", None, "not resolved: the load probe was not run")
        )
    else:
        results.append(await GRADERS["performance"].grade(ctx))
    order = list(GRADERS)
    return sorted(results, key=lambda r: order.index(r.grader))


def grading_errors(results: list[GradeResult]) -> list[GradeResult]:
    """The graders that could not grade and leave the sample without a score: any, except a
    gated one on an unresolved sample, which counts 0 either way (a broken service that
    defeats the security probes' preconditions must not turn itself into missing data). Pure."""
    resolved = is_resolved(results)
    return [r for r in results if r.status == "error" and (resolved or r.grader not in GATED)]


async def grade_snapshot(
    target: GradingTarget,
    task: Task,
    snapshot: bytes,
    out: Path,
    *,
    label: str = "g",
    only: frozenset[str] | None = None,
    fail_fast: bool = False,
) -> GradingOutcome:
    """Grade `snapshot` (a tar with `workspace/` entries) with every grader, or those in
    `only`; with `fail_fast`, the hidden tests stop at their first failure. Raises
    SandboxError on infra failure."""
    slo = await calibrate(target, task)
    trees = _Trees.of(task, snapshot)
    started = await _start_ready(
        target,
        task,
        snapshot,
        label,
        trees,
        hold_tests=only is None or "functional" in only,
        fail_fast=fail_fast,
    )
    env, ready = started.env, started.ready
    try:
        if not ready.ready:
            (out / "app.log").write_text(env.app_logs())
            return GradingOutcome("startup_failed", ready.reason, None)
        gctx = GradeContext(
            task,
            env,
            trees.agent,
            trees.reference,
            target.probe,
            slo,
            fail_fast=fail_fast,
            held=started.held,
            judge=target.judge,
            judge_samples=target.judge_samples,
        )
        results = await _run_graders(gctx, only)
        _write_grader_files(out, env, results)
        errors = grading_errors(results)
        if errors:
            reason = f"{errors[0].grader}: {errors[0].reason}"
            return GradingOutcome("grader_error", reason, ready.seconds, results)
        return GradingOutcome("graded", "", ready.seconds, results)
    finally:
        target.reaper.submit(env.close)


@dataclass(frozen=True)
class Composite:
    score: float
    resolved: bool
    secure_resolved: bool
    dimensions: dict[str, float | None]
    missing: dict[str, str]
    security_failures: tuple[str, ...] = ()
    """The checks that saw a security rule broken: failed hidden tests the task declares in
    `security_checks`, and failed security probes."""


def is_resolved(results: list[GradeResult]) -> bool:
    """The stated contract holds: the functional grader ran and every hidden check that ran
    passed (SWE-bench's rule; critical marks only weigh in the score). Skipped checks do not
    count, and a suite where nothing ran resolves nothing."""
    functional = next((r for r in results if r.grader == "functional"), None)
    if functional is None or functional.status != "ok":
        return False
    ran = [c for c in functional.checks if c.outcome != "skipped"]
    return bool(ran) and all(c.outcome == "passed" for c in ran)


def security_failures(results: list[GradeResult], security_checks: Sequence[str]) -> list[str]:
    """Names of the checks that saw a security rule broken: failed hidden tests matching the
    task's `security_checks` patterns, then failed probes. Pure."""
    by_dim = {r.grader: r for r in results}
    functional, security = by_dim.get("functional"), by_dim.get("security")
    hidden = [
        c.name
        for c in (functional.checks if functional else ())
        if c.outcome in ("failed", "error") and is_security_check(c.name, security_checks)
    ]
    probes = [c.name for c in (security.checks if security else ()) if c.outcome == "failed"]
    return hidden + probes


def composite(
    weights: dict[str, float],
    results: list[GradeResult],
    security_checks: Sequence[str] = (),
) -> Composite:
    """Weighted sum of the task's dimensions; gated ones count only when resolved. Pure.
    `security_checks`: the task's [grading] patterns naming hidden tests of security rules."""
    by_dim = {r.grader: r for r in results}
    resolved = is_resolved(results)
    dims: dict[str, float | None] = {d: r.score for d, r in by_dim.items()}
    missing = {d: r.reason for d, r in by_dim.items() if r.status != "ok"}
    total = weighted = 0.0
    for dim, w in weights.items():
        value = dims.get(dim)
        if dim in GATED and not resolved:
            missing.setdefault(dim, "not resolved: counts as 0")
            value = 0.0
        elif value is None:
            missing.setdefault(dim, "no result")
            value = 0.0
        total += w
        weighted += w * value
    broken = tuple(security_failures(results, security_checks))
    secure = resolved and not broken
    score = weighted / total if total else 0.0
    return Composite(score, resolved, secure, dims, missing, broken)


def score_results(task: Task, results: list[GradeResult]) -> tuple[float, bool]:
    c = composite(task.spec.grading.weights, results, task.spec.grading.security_checks)
    return c.score, c.resolved
