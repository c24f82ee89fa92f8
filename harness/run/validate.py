"""`archbench tasks validate`: prove each task measures what it claims.

- the reference (workspace + solution) is graded `reference_runs` times: 1.0 every time;
- every mutant (`mutants/<name>.patch` applied to solution/) starts, is caught by >= 1 check
  and loses the bit its flaw concerns (harness.run.verdicts);
- every equivalent (`equivalents/<name>.patch`) passes every check with full marks;
- every patch applies; the starter workspace alone does not score 1.0;
- every security probe passes on the reference and fails on at least one mutant (a
  deliberately vulnerable one), and the reference meets its load objective;
- with `impl_dir`, `impl_dir/<task>/` (an independent implementation) is graded as evidence:
  its failed checks are reported, not counted as the task's problems.
"""

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

from graders.environment import APP_ENTRY_FILES
from graders.security import probe_id
from harness.archive import collect_tree, tar_files
from harness.errors import ModelAPIError, TaskSpecError
from harness.judge.calibration import MIN_ACCURACY, MIN_KAPPA, Calibration, calibrate
from harness.run.grading import (
    GradingOutcome,
    GradingTarget,
    composite,
    grade_snapshot,
    score_results,
)
from harness.run.verdicts import (
    MutantVerdict,
    VariantVerdict,
    failing_checks,
    mutant_problem,
    mutant_verdict,
    variant_verdict,
)
from harness.tasks.patches import (
    Concerns,
    PatchError,
    concerns_of,
    parse_patch,
    patched_tree,
    read_patch,
)
from harness.tasks.rubric import load_rubric
from harness.tasks.spec import DEFAULT_START, RUBRIC_FILE, Task

__all__ = ["MutantVerdict", "VariantVerdict", "mutant_verdict"]

MUTANT_GRADERS = frozenset({"functional", "security"})
MIN_EQUIVALENTS = 2
MISSING_EQUIVALENTS_IS_PROBLEM = True
"""Fewer than MIN_EQUIVALENTS equivalents is a problem (every task has them since 2026-12-07)."""


@dataclass
class TaskValidation:
    task_id: str
    reference_scores: list[float | None] = field(default_factory=list)
    reference_problems: list[str] = field(default_factory=list)
    mutants: list[MutantVerdict] = field(default_factory=list)
    equivalents: list[VariantVerdict] = field(default_factory=list)
    implementations: list[VariantVerdict] = field(default_factory=list)
    """Independent implementations (--impl): evidence, not problems of the task."""
    patch_problems: list[str] = field(default_factory=list)
    """Patches that cannot be read or do not apply (never graded)."""
    starter_score: float | None = None
    starter_status: str = ""
    seconds: float = 0.0
    probe_killers: dict[str, list[str]] = field(default_factory=dict)
    """Security probe id -> the mutants it caught (validated both ways)."""
    dimensions: dict[str, dict[str, float | None]] = field(default_factory=dict)
    """Label (reference-1, mutant-x, starter) -> score per dimension."""
    probe_misses: dict[str, dict[str, str]] = field(default_factory=dict)
    """Security probe that fails against no mutant -> mutant -> what the probe saw there."""
    calibration: Calibration | None = None
    """Design tasks: the judge's agreement with the task's labelled designs."""
    calibration_problems: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        out = list(self.reference_problems) + list(self.patch_problems)
        out += self.calibration_problems
        out += [p for m in self.mutants if (p := mutant_problem(m))]
        out += [f"equivalent {e.name} {e.describe()}" for e in self.equivalents if not e.ok]
        if len(self.mutants) < 3:
            out.append(f"only {len(self.mutants)} mutants (need >= 3)")
        if MISSING_EQUIVALENTS_IS_PROBLEM:
            out += self.warnings
        if self.starter_score == 1.0:
            out.append("the starter workspace alone scores 1.0")
        out += [
            f"probe {p} fails against no mutant" for p, ms in self.probe_killers.items() if not ms
        ]
        return out

    @property
    def warnings(self) -> list[str]:
        n = len(self.equivalents)
        return [f"only {n} equivalents (need >= {MIN_EQUIVALENTS})"] if n < MIN_EQUIVALENTS else []

    @property
    def ok(self) -> bool:
        return not self.problems


def snapshot_of(*layers: Path) -> bytes:
    """A workspace snapshot tar: each folder's files laid over the previous ones."""
    files: dict[str, bytes] = {}
    for layer in layers:
        files.update(collect_tree(layer))
    return snapshot_files(files)


def snapshot_files(files: dict[str, bytes]) -> bytes:
    return tar_files([(f"workspace/{k}", v) for k, v in sorted(files.items())], uid=1000)


def variant_patches(task: Task, kind: str) -> list[Path]:
    """A task's `mutants/*.patch` or `equivalents/*.patch`, by name."""
    return sorted(task.path(kind).glob("*.patch"))


def variant_snapshot(task: Task, patch: Path) -> bytes:
    """The workspace with the patched solution laid over it. Raises PatchError."""
    return snapshot_files(
        dict(collect_tree(task.path("workspace"))) | patched_tree(task.path("solution"), patch)
    )


@dataclass(frozen=True)
class Variant:
    """A patch that applied: its name, snapshot and (for a mutant) the bit it concerns."""

    name: str
    snapshot: bytes
    concerns: Concerns | None = None


def load_variants(task: Task, kind: str, problems: list[str]) -> list[Variant]:
    """The task's patches of one kind that apply; each that does not is added to `problems`."""
    out = []
    for p in variant_patches(task, kind):
        try:
            concerns = concerns_of(parse_patch(read_patch(p), str(p)).description)
            out.append(Variant(p.stem, variant_snapshot(task, p), concerns))
        except PatchError as e:
            problems.append(f"patch {p.parent.name}/{p.name} does not apply: {e}")
    return out


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


class Named(Protocol):
    @property
    def name(self) -> str: ...


NamedT = TypeVar("NamedT", bound=Named)


def probe_killers(
    reference: dict[str, str], mutants: "Mapping[NamedT, GradingOutcome]"
) -> dict[str, list[str]]:
    """Reference probe id -> the mutants (by name) it failed against. Pure."""
    killers: dict[str, list[str]] = {p: [] for p in reference}
    for m, outcome in mutants.items():
        for p, verdict in probe_outcomes(outcome).items():
            if verdict == "failed" and p in killers:
                killers[p].append(m.name)
    return killers


async def _regrade_unsure(
    killers: dict[str, list[str]],
    mutants: "dict[Variant, GradingOutcome]",
    grade_mutant: "Callable[[Variant, str], Coroutine[Any, Any, GradingOutcome]]",
) -> "dict[Variant, GradingOutcome]":
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
        },
        key=lambda m: m.name,
    )
    again = await asyncio.gather(*(grade_mutant(m, "-again") for m in unsure))
    return dict(zip(unsure, again, strict=True))


Progress = Callable[[str], None]


def _cannot_start(task: Task) -> "Coroutine[Any, Any, GradingOutcome] | None":
    """The starter's outcome when it is known without Docker: under the contract's start
    command, a workspace without app/main.py fails the start script's precheck (exit 5) at
    once, so grading it would only spend containers to learn that."""
    work = task.path("workspace")
    if (
        task.spec.service.kind == "none"
        or task.spec.service.command != DEFAULT_START
        or any((work / p).is_file() for p in APP_ENTRY_FILES)
    ):
        return None

    async def known() -> GradingOutcome:
        return GradingOutcome("startup_failed", "no app/main.py in the starter workspace", None)

    return known()


def _implementation(task: Task, impl_dir: Path | None) -> list[Variant]:
    """`impl_dir/<task id>/` as a workspace of its own, when there is one."""
    folder = impl_dir / task.id if impl_dir else None
    if folder is None or not folder.is_dir():
        return []
    return [Variant(str(folder), snapshot_of(folder))]


async def validate_task(
    target: GradingTarget,
    task: Task,
    *,
    reference_runs: int,
    all_graders: bool = False,
    first_kill: bool = False,
    impl_dir: Path | None = None,
    out: Path,
    gate: asyncio.Semaphore,
    progress: Progress,
) -> TaskValidation:
    start = time.monotonic()
    result = TaskValidation(task.id)

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

    work = task.path("workspace")
    mutants = load_variants(task, "mutants", result.patch_problems)
    equivalents = load_variants(task, "equivalents", result.patch_problems)
    impls = _implementation(task, impl_dir)
    only, full = _grader_sets(all_graders, first_kill)

    def grade_mutant(m: Variant, suffix: str = "") -> "Coroutine[Any, Any, GradingOutcome]":
        graders = only | {"performance"} if only and m.concerns == "performance" else only
        return grade(f"mutant-{m.name}{suffix}", m.snapshot, graders, first_kill)

    refs, muts, starter, equivs, impl_outcomes = await asyncio.gather(
        _all(grade(f"reference-{i + 1}", snapshot_of(work, task.path("solution")))
             for i in range(reference_runs)),
        _all(grade_mutant(m) for m in mutants),
        _cannot_start(task) or grade("starter", snapshot_of(work), only, first_kill),
        _all(grade(f"equivalent-{e.name}", e.snapshot, full) for e in equivalents),
        _all(grade("impl", i.snapshot, full) for i in impls),
    )  # fmt: skip
    mutant_outcomes = await _probe_verdicts(
        result, refs[0], dict(zip(mutants, muts, strict=True)), grade_mutant
    )
    _record_verdicts(
        result,
        task,
        refs=refs,
        mutants=mutant_outcomes,
        equivalents=dict(zip(equivalents, equivs, strict=True)),
        impls=dict(zip(impls, impl_outcomes, strict=True)),
        starter=starter,
        first_kill=first_kill,
    )
    await _calibrate(result, target, task)
    result.seconds = time.monotonic() - start
    return result


def _grader_sets(
    all_graders: bool, first_kill: bool
) -> tuple[frozenset[str] | None, frozenset[str] | None]:
    """The graders for mutants and the starter, and for equivalents and implementations (None:
    every grader).

    Mutants and the starter need only the checks that can kill them (hidden tests and security
    probes, and the load probe for a performance flaw); quality and load are measured on them
    only when asked. With first_kill, their hidden tests stop at the first failing check (the
    security probes still all run: each must be shown to fail against some mutant).
    Equivalents and implementations get every grader but in the quick form."""
    only = None if all_graders else MUTANT_GRADERS
    full = None if all_graders or not first_kill else MUTANT_GRADERS
    return only, full


def _record_verdicts(
    result: TaskValidation,
    task: Task,
    *,
    refs: list[GradingOutcome],
    mutants: dict[Variant, GradingOutcome],
    equivalents: dict[Variant, GradingOutcome],
    impls: dict[Variant, GradingOutcome],
    starter: GradingOutcome,
    first_kill: bool,
) -> None:
    """Each grading's dimensions and verdict, written into `result`."""
    weights = task.spec.grading.weights
    labelled = {f"reference-{i + 1}": o for i, o in enumerate(refs)}
    labelled |= {f"mutant-{m.name}": o for m, o in mutants.items()}
    labelled |= {f"equivalent-{e.name}": o for e, o in equivalents.items()}
    labelled |= {"starter": starter}
    result.dimensions = {k: composite(weights, o.results).dimensions for k, o in labelled.items()}
    _reference_scores(result, task, refs)
    result.mutants = [
        mutant_verdict(
            m.name,
            o,
            m.concerns,
            weights,
            task.spec.grading.security_checks,
            whole_suite=not first_kill,
        )
        for m, o in mutants.items()
    ]
    result.equivalents = [variant_verdict(e.name, o, weights) for e, o in equivalents.items()]
    result.implementations = [variant_verdict(i.name, o, weights) for i, o in impls.items()]
    result.starter_status = starter.status
    result.starter_score = (
        score_results(task, starter.results)[0] if starter.status == "graded" else 0.0
    )


async def _calibrate(result: TaskValidation, target: GradingTarget, task: Task) -> None:
    """A design task's judge against its labelled set (calibration/labels.toml). Below the
    bar (harness.judge.calibration) is a problem for a real judge; the scripted judge only
    shows the plumbing works, so its figure is reported, never held against the task."""
    folder = task.path("calibration")
    if not task.path(RUBRIC_FILE).is_file():
        return
    if not (folder / "labels.toml").is_file():
        result.calibration_problems.append("no calibration/labels.toml (a labelled set)")
        return
    if target.judge is None:
        result.calibration_problems.append("no judge to calibrate (pass --judge)")
        return
    try:
        cal = await calibrate(
            target.judge, folder, load_rubric(task.path(RUBRIC_FILE)), target.judge_samples
        )
    except (TaskSpecError, ModelAPIError) as e:
        result.calibration_problems.append(f"calibration: {e}")
        return
    result.calibration = cal
    if cal.binding and not cal.agreement.ok:
        result.calibration_problems.append(
            f"{cal.describe()}: below the bar (accuracy >= {MIN_ACCURACY}, kappa >= {MIN_KAPPA})"
        )


async def _all(jobs: "Iterable[Coroutine[Any, Any, GradingOutcome]]") -> list[GradingOutcome]:
    return list(await asyncio.gather(*jobs))


async def _probe_verdicts(
    result: TaskValidation,
    reference: GradingOutcome,
    mutants: "dict[Variant, GradingOutcome]",
    grade_mutant: "Callable[[Variant, str], Coroutine[Any, Any, GradingOutcome]]",
) -> "dict[Variant, GradingOutcome]":
    """Which mutants each reference probe fails against (mutants it could not tell on graded
    once more); returns the mutants' outcomes, regraded ones replaced."""
    reference_probes = probe_outcomes(reference)
    result.reference_problems += probe_problems(reference_probes)
    result.probe_killers = probe_killers(reference_probes, mutants)
    again = await _regrade_unsure(result.probe_killers, mutants, grade_mutant)
    if again:
        mutants = mutants | again
        result.probe_killers = probe_killers(reference_probes, mutants)
    result.probe_misses = {
        p: {m.name: probe_note(o, p) for m, o in mutants.items()}
        for p, ms in result.probe_killers.items()
        if not ms
    }
    return mutants


def _reference_scores(result: TaskValidation, task: Task, refs: list[GradingOutcome]) -> None:
    for i, outcome in enumerate(refs):
        score = score_results(task, outcome.results)[0] if outcome.status == "graded" else None
        result.reference_scores.append(score)
        if score != 1.0:
            failing = ", ".join(failing_checks(outcome)[:3]) or outcome.reason
            result.reference_problems.append(
                f"reference run {i + 1}: {outcome.status} score={score} ({failing})"
            )


async def _validate_all(
    target: GradingTarget, tasks: list[Task], concurrency: int, **options: Any
) -> list[TaskValidation]:
    gate = asyncio.Semaphore(concurrency)
    jobs = (validate_task(target, t, gate=gate, **options) for t in tasks)
    return list(await asyncio.gather(*jobs))


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
    impl_dir: Path | None = None,
) -> list[TaskValidation]:
    """Validate `tasks`; every container of the validation is swept afterwards."""
    from harness.run.runner import interrupt_on_sigterm
    from harness.sandbox.docker_env import sweep

    options = {"reference_runs": runs, "all_graders": all_graders, "first_kill": first_kill}
    try:
        with interrupt_on_sigterm():
            return asyncio.run(
                _validate_all(
                    target,
                    tasks,
                    concurrency,
                    **options,
                    impl_dir=impl_dir,
                    out=out,
                    progress=progress,
                )
            )
    finally:
        target.close()
        sweep(target.client, target.run_id)
