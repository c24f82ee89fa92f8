"""`archbench tasks validate`: prove each task measures what it claims.

- the reference (workspace + solution) is graded `reference_runs` times: 1.0 every time;
- every mutant (workspace + solution + mutant overlay) starts and is caught by >= 1 hidden check;
- the starter workspace alone does not score 1.0;
- every security probe passes on the reference and fails on at least one mutant (a
  deliberately vulnerable one), and the reference meets its load objective.
"""

import asyncio
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from graders.environment import APP_ENTRY_FILES
from graders.security import probe_id
from harness.archive import collect_tree, tar_files
from harness.grading import (
    GradingOutcome,
    GradingTarget,
    composite,
    grade_snapshot,
    score_results,
)
from harness.tasks import DEFAULT_START, Task

MUTANT_NOTE = "MUTANT.md"
MUTANT_GRADERS = frozenset({"functional", "security"})


@dataclass(frozen=True)
class MutantVerdict:
    name: str
    killed: bool
    status: str
    killers: tuple[str, ...]
    reason: str = ""


@dataclass
class TaskValidation:
    task_id: str
    reference_scores: list[float | None] = field(default_factory=list)
    reference_problems: list[str] = field(default_factory=list)
    mutants: list[MutantVerdict] = field(default_factory=list)
    starter_score: float | None = None
    starter_status: str = ""
    seconds: float = 0.0
    probe_killers: dict[str, list[str]] = field(default_factory=dict)
    """Security probe id -> the mutants it caught (validated both ways)."""
    dimensions: dict[str, dict[str, float | None]] = field(default_factory=dict)
    """Label (reference-1, mutant-x, starter) -> score per dimension."""
    probe_misses: dict[str, dict[str, str]] = field(default_factory=dict)
    """Security probe that fails against no mutant -> mutant -> what the probe saw there."""

    @property
    def problems(self) -> list[str]:
        out = list(self.reference_problems)
        out += [
            f"mutant {m.name} survived ({m.status}{': ' + m.reason if m.reason else ''})"
            for m in self.mutants
            if not m.killed
        ]
        if len(self.mutants) < 3:
            out.append(f"only {len(self.mutants)} mutants (need >= 3)")
        if self.starter_score == 1.0:
            out.append("the starter workspace alone scores 1.0")
        out += [
            f"probe {p} fails against no mutant" for p, ms in self.probe_killers.items() if not ms
        ]
        return out

    @property
    def ok(self) -> bool:
        return not self.problems


def snapshot_of(*layers: Path) -> bytes:
    """A workspace snapshot tar: each folder's files laid over the previous ones."""
    files: dict[str, bytes] = {}
    for layer in layers:
        for rel, data in collect_tree(layer):
            if Path(rel).name != MUTANT_NOTE:
                files[rel] = data
    return tar_files([(f"workspace/{k}", v) for k, v in sorted(files.items())], uid=1000)


def killers(outcome: GradingOutcome) -> tuple[str, ...]:
    return tuple(
        c.name for r in outcome.results for c in r.checks if c.outcome in ("failed", "error")
    )


def probe_outcomes(outcome: GradingOutcome) -> dict[str, str]:
    """Security probe id -> failed (any check failed), passed (some passed, none failed) or
    inconclusive (every check skipped). Pure."""
    seen: dict[str, set[str]] = {}
    for r in outcome.results:
        if r.grader == "security":
            for c in r.checks:
                seen.setdefault(probe_id(c), set()).add(c.outcome)
    return {
        p: "failed"
        if outs & {"failed", "error"}
        else "passed"
        if "passed" in outs
        else "inconclusive"
        for p, outs in seen.items()
    }


def probe_note(outcome: GradingOutcome, probe: str) -> str:
    """What one security probe saw in one grading, in a few words: passed, failed, or why it
    could not tell (inconclusive checks, a security grader that could not grade). Pure."""
    if outcome.status != "graded":
        return f"not graded ({outcome.status}: {outcome.reason})"
    security = next((r for r in outcome.results if r.grader == "security"), None)
    if security is None or security.status != "ok":
        why = security.reason if security else "no security result"
        return f"security grader {security.status if security else 'missing'}: {why}"
    checks = [c for c in security.checks if probe_id(c) == probe]
    if not checks:
        return "not run"
    verdict = probe_outcomes(replace(outcome, results=[security])).get(probe, "not run")
    message = next((c.message for c in checks if c.message and c.outcome != "passed"), "")
    return f"{verdict}: {message[:120]}" if verdict != "passed" and message else verdict


def probe_problems(outcomes: dict[str, str]) -> list[str]:
    """What is wrong with the reference's probe outcomes (all must pass). Pure."""
    return [
        f"probe {p} is {v} on the reference" for p, v in sorted(outcomes.items()) if v != "passed"
    ]


def probe_killers(
    reference: dict[str, str], mutants: "dict[Path, GradingOutcome]"
) -> dict[str, list[str]]:
    """Reference probe id -> the mutants (by folder name) it failed against. Pure."""
    killers: dict[str, list[str]] = {p: [] for p in reference}
    for m, outcome in mutants.items():
        for p, verdict in probe_outcomes(outcome).items():
            if verdict == "failed" and p in killers:
                killers[p].append(m.name)
    return killers


async def _regrade_unsure(
    killers: dict[str, list[str]],
    mutants: "dict[Path, GradingOutcome]",
    grade_mutant: "Callable[[Path, str], Coroutine[Any, Any, GradingOutcome]]",
) -> "dict[Path, GradingOutcome]":
    """A probe that caught nothing because it could not tell on some mutant (an inconclusive
    check, a security grader that could not grade: infrastructure, on a loaded host) gets those
    mutants graded once more before it is called useless. Returns the new outcomes."""
    unsure = sorted(
        {
            m
            for p, ms in killers.items()
            if not ms
            for m, o in mutants.items()
            if probe_note(o, p) not in ("passed", "not run")
        }
    )
    again = await asyncio.gather(*(grade_mutant(m, "-again") for m in unsure))
    return dict(zip(unsure, again, strict=True))


def mutant_verdict(name: str, outcome: GradingOutcome) -> MutantVerdict:
    """Killed = it started, was graded, and at least one hidden check failed. Pure."""
    if outcome.status != "graded":
        return MutantVerdict(name, False, outcome.status, (), outcome.reason)
    found = killers(outcome)
    return MutantVerdict(name, bool(found), outcome.status, found)


Progress = Callable[[str], None]


def _cannot_start(task: Task) -> "Coroutine[Any, Any, GradingOutcome] | None":
    """The starter's outcome when it is known without Docker: under the contract's start
    command, a workspace without app/main.py fails the start script's precheck (exit 5) at
    once, so grading it would only spend containers to learn that."""
    work = task.path("workspace")
    if task.spec.service.command != DEFAULT_START or any(
        (work / p).is_file() for p in APP_ENTRY_FILES
    ):
        return None

    async def known() -> GradingOutcome:
        return GradingOutcome("startup_failed", "no app/main.py in the starter workspace", None)

    return known()


async def validate_task(
    target: GradingTarget,
    task: Task,
    *,
    reference_runs: int,
    all_graders: bool = False,
    first_kill: bool = False,
    out: Path,
    gate: asyncio.Semaphore,
    progress: Progress,
) -> TaskValidation:
    start = time.monotonic()
    result = TaskValidation(task.id)
    work, solution = task.path("workspace"), task.path("solution")

    async def grade(
        label: str, snapshot: bytes, only: frozenset[str] | None = None, fail_fast: bool = False
    ) -> GradingOutcome:
        d = out / task.id / label
        d.mkdir(parents=True, exist_ok=True)
        async with gate:
            progress(f"{task.id}: grading {label}")
            return await grade_snapshot(
                target, task, snapshot, d, label=label, only=only, fail_fast=fail_fast
            )

    reference = snapshot_of(work, solution)
    mutant_dirs = sorted(p for p in task.path("mutants").glob("*") if p.is_dir())
    jobs = [grade(f"reference-{i + 1}", reference) for i in range(reference_runs)]
    # Mutants and the starter need only the checks that can kill them (hidden tests and
    # security probes); quality and load are measured on them only when asked.
    # With first_kill, their hidden tests stop at the first failing check (the security
    # probes still all run: each must be shown to fail against some mutant).
    only = None if all_graders else MUTANT_GRADERS

    def grade_mutant(m: Path, suffix: str = "") -> "Coroutine[Any, Any, GradingOutcome]":
        return grade(f"mutant-{m.name}{suffix}", snapshot_of(work, solution, m), only, first_kill)

    jobs += [grade_mutant(m) for m in mutant_dirs]
    jobs.append(_cannot_start(task) or grade("starter", snapshot_of(work), only, first_kill))
    outcomes = await asyncio.gather(*jobs)
    reference_probes = probe_outcomes(outcomes[0])
    result.reference_problems += probe_problems(reference_probes)
    mutant_outcomes = dict(zip(mutant_dirs, outcomes[reference_runs:-1], strict=True))
    result.probe_killers = probe_killers(reference_probes, mutant_outcomes)
    again = await _regrade_unsure(result.probe_killers, mutant_outcomes, grade_mutant)
    if again:
        mutant_outcomes |= again
        outcomes[reference_runs:-1] = [mutant_outcomes[m] for m in mutant_dirs]
        result.probe_killers = probe_killers(reference_probes, mutant_outcomes)
    result.probe_misses = {
        p: {m.name: probe_note(o, p) for m, o in mutant_outcomes.items()}
        for p, ms in result.probe_killers.items()
        if not ms
    }
    labels = [f"reference-{i + 1}" for i in range(reference_runs)]
    labels += [f"mutant-{m.name}" for m in mutant_dirs] + ["starter"]
    for label, outcome in zip(labels, outcomes, strict=True):
        result.dimensions[label] = composite(task.spec.grading.weights, outcome.results).dimensions
    for i, outcome in enumerate(outcomes[:reference_runs]):
        score = score_results(task, outcome.results)[0] if outcome.status == "graded" else None
        result.reference_scores.append(score)
        if score != 1.0:
            failing = ", ".join(killers(outcome)[:3]) or outcome.reason
            result.reference_problems.append(
                f"reference run {i + 1}: {outcome.status} score={score} ({failing})"
            )
    for m, outcome in zip(mutant_dirs, outcomes[reference_runs:-1], strict=True):
        result.mutants.append(mutant_verdict(m.name, outcome))
    starter = outcomes[-1]
    result.starter_status = starter.status
    result.starter_score = (
        score_results(task, starter.results)[0] if starter.status == "graded" else 0.0
    )
    result.seconds = time.monotonic() - start
    return result


async def _validate_all(
    target: GradingTarget,
    tasks: list[Task],
    runs: int,
    out: Path,
    concurrency: int,
    progress: Progress,
    all_graders: bool,
    first_kill: bool,
) -> list[TaskValidation]:
    gate = asyncio.Semaphore(concurrency)
    return list(
        await asyncio.gather(
            *(
                validate_task(
                    target,
                    t,
                    reference_runs=runs,
                    all_graders=all_graders,
                    first_kill=first_kill,
                    out=out,
                    gate=gate,
                    progress=progress,
                )
                for t in tasks
            )
        )
    )


def validate_tasks(
    target: GradingTarget,
    tasks: list[Task],
    *,
    runs: int,
    out: Path,
    concurrency: int,
    progress: Progress,
    all_graders: bool = False,
    first_kill: bool = False,
) -> list[TaskValidation]:
    """Validate `tasks`; every container of the validation is swept afterwards."""
    from harness.docker_env import sweep
    from harness.runner import interrupt_on_sigterm

    try:
        with interrupt_on_sigterm():
            return asyncio.run(
                _validate_all(
                    target, tasks, runs, out, concurrency, progress, all_graders, first_kill
                )
            )
    finally:
        target.close()
        sweep(target.client, target.run_id)
