"""The run engine's front door: a request in, a finished run out, progress through hooks.

`archbench run` is `run_benchmark`; the CLI only parses flags, calls it and prints. Tests and
notebooks call it the same way (with the quiet `RunHooks`).
"""

import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from graders.base import ProbeSettings
from harness.errors import ArchbenchError, InputError
from harness.reports.report import ReportPaths, write_report
from harness.results.log import read_run, read_samples
from harness.run.hooks import RunHooks, open_images
from harness.run.request import RunRequest, check_request, check_resumable, cost_estimate
from harness.run.runner import RunConfig, execute_run
from harness.sandbox.docker_env import connect
from harness.tasks.spec import load_tasks, select_tasks

if TYPE_CHECKING:
    from harness.run.validate import TaskValidation


@dataclass(frozen=True)
class FinishedRun:
    config: RunConfig
    report: ReportPaths | None
    """None when the run failed (no report is written)."""
    error: str = ""
    """Why the run failed; empty when it completed (whatever its scores)."""


def prepare_run(req: RunRequest, hooks: RunHooks) -> RunConfig:
    """The checked configuration, joined to the run it resumes; notices for what the user
    should know before samples start. Nothing is written and no container starts."""
    config = check_request(req)
    if req.resume:
        previous = read_run(req.run_dir)
        check_resumable(previous, config)
        config = replace(config, resume=previous)
        kept = len(read_samples(req.run_dir))
        hooks.notice(f"resuming {req.run_id}: {kept} finished samples kept")
    for a in config.agents:
        if a.unsupported_tools and "builtin" in config.runtimes:
            hooks.notice(
                f"agent {a.label}: tools the builtin runtime does not offer: "
                f"{', '.join(a.unsupported_tools)}"
            )
        if a.spec.extra:
            hooks.notice(
                f"agent {a.label}: unknown frontmatter keys kept and ignored: "
                f"{', '.join(sorted(a.spec.extra))}"
            )
    if estimate := cost_estimate(config):
        hooks.notice(estimate)
    return config


def run_benchmark(req: RunRequest, hooks: RunHooks | None = None) -> FinishedRun:
    """Check the request, build what is missing, run every sample, write the report."""
    hooks = hooks or RunHooks()
    config = prepare_run(req, hooks)
    images = open_images(hooks)
    client = connect()
    try:
        with hooks.observe(config) as observer:
            execute_run(
                config, client, images, observer, api_key=os.environ.get("ANTHROPIC_API_KEY")
            )
    except ArchbenchError as e:
        return FinishedRun(config, None, str(e))
    version = images.claude_code_info.get("version", "")
    for info in read_run(config.run_dir).all_agents():
        if info.claude_code_unsupported:
            hooks.notice(
                f"agent {info.label or info.name}: tools Claude Code {version} does not offer: "
                f"{', '.join(info.claude_code_unsupported)} (offered: "
                f"{', '.join(info.claude_code_tools or [])})"
            )
    return FinishedRun(config, write_report(config.run_dir))


@dataclass(frozen=True)
class ValidateRequest:
    """`archbench tasks validate`: grade each task's reference, mutants, equivalents, starter
    (and independent implementations under `impl_dir`)."""

    tasks_dir: Path
    patterns: tuple[str, ...]
    runs: int
    concurrency: int
    out: Path
    probe: ProbeSettings = field(default_factory=ProbeSettings)
    all_graders: bool = False
    first_kill: bool = False
    impl_dir: Path | None = None
    judge: str = "scripted"
    judge_samples: int = 3


@dataclass(frozen=True)
class Validation:
    results: "list[TaskValidation]"
    seconds: float
    out_dir: Path
    """Where the graders' logs (and the CLI's validate.txt) go."""

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.results)


def validate_suite(req: ValidateRequest, hooks: RunHooks | None = None) -> Validation:
    """Validate the selected tasks; every grading's logs under `req.out/validate-<pid>/`."""
    from harness.judge.factory import open_judge
    from harness.run.grading import GradingTarget
    from harness.run.validate import validate_tasks

    hooks = hooks or RunHooks()
    tasks = select_tasks(load_tasks(req.tasks_dir), list(req.patterns))
    if req.impl_dir is not None and not req.impl_dir.is_dir():
        raise InputError(
            f"--impl {req.impl_dir}: no such folder; give a folder of <task id>/ folders"
        )
    images = open_images(hooks)
    run_id = f"validate-{os.getpid()}"
    key = os.environ.get("ANTHROPIC_API_KEY")
    target = GradingTarget(
        connect(),
        images,
        run_id,
        req.probe,
        judge=open_judge(req.judge, tasks, api_key=key, env=os.environ),
        judge_samples=req.judge_samples,
    )
    t0 = time.monotonic()
    results = validate_tasks(
        target,
        tasks,
        runs=req.runs,
        out=req.out / run_id,
        concurrency=req.concurrency,
        progress=hooks.progress,
        all_graders=req.all_graders,
        first_kill=req.first_kill,
        impl_dir=req.impl_dir,
    )
    return Validation(results, time.monotonic() - t0, req.out / run_id)
