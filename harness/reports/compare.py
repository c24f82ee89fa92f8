"""`archbench compare BASE_RUN CAND_RUN`: did the candidate get worse than the baseline?

Samples are paired by task, and only like with like (harness.reports.comparability): a run whose
paired tasks, probe settings, harness version or images differ is refused unless the user
allows it, and then every affected row is marked. Infra failures are missing (counted, never
scored). The suite statistic is the mean over paired tasks of (candidate mean - baseline mean).
Its test: McNemar exact when every task has one binary sample per arm; an exact sign-flip
permutation test for fewer than 30 tasks; otherwise a t test on the fixed-suite SE (within-task
variance, needs >= 2 epochs; df = the sum of epochs - 1) or, failing that, on the paired
super-population SE (df = tasks - 1). Verdict (one-sided, level alpha, margin delta):
REGRESSION when the test rejects "no drop"; PASS when the one-sided 1 - alpha lower bound of the
difference (t, with the SE's df) is above -delta (non-inferior) on at least 3 paired tasks;
otherwise INCONCLUSIVE. Every verdict shows a two-sided 95% interval beside that bound and the
minimum detectable effect (80% power) of the test that was run. The text is
harness.reports.compare_text.
"""

import difflib
import math
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from harness import stats
from harness.errors import InputError
from harness.reports.comparability import Differences, run_differences
from harness.results.log import (
    SCORED_STATUSES,
    AgentInfo,
    RunRecord,
    SampleRecord,
    pick_samples,
    read_run,
    read_samples,
)

Metric = Literal["score", "resolved"]
Verdict = Literal["PASS", "REGRESSION", "INCONCLUSIVE"]
EXIT_CODES: dict[Verdict, int] = {"PASS": 0, "REGRESSION": 1, "INCONCLUSIVE": 3}
"""Exit codes of `archbench compare` (2 is bad input, as everywhere)."""
SMALL_SUITE = 30
BH_Q = 0.10
"""False-discovery rate of the per-task "investigate" column."""


@dataclass(frozen=True)
class TaskDiff:
    task_id: str
    base: tuple[float, ...]
    cand: tuple[float, ...]
    p_value: float
    flagged: bool = False
    """Benjamini-Hochberg (q = BH_Q) says: investigate this task."""
    differs: tuple[str, ...] = ()
    """What is not like for like in this task's row (compared with --allow-unlike)."""

    @property
    def delta(self) -> float:
        return stats.mean(self.cand) - stats.mean(self.base)


@dataclass(frozen=True)
class Bounds:
    """The one-sided lower bound that decides PASS, and a two-sided 95% interval."""

    lower: float
    ci95_low: float
    ci95_high: float
    method: str


@dataclass(frozen=True)
class Mde:
    """Minimum detectable effect (80% power) of the test that was run; nan or inf with `note`."""

    value: float
    method: str
    note: str = ""


@dataclass(frozen=True)
class Comparison:
    metric: Metric
    delta_margin: float
    alpha: float
    tasks: list[TaskDiff]
    delta: float
    se: float
    se_kind: str
    test: str
    p_value: float
    bounds: Bounds
    mde: Mde
    verdict: Verdict
    per_task_floor: float = 1.0
    """The smallest p-value the per-task test can give at these epochs."""
    missing_base: dict[str, int] = field(default_factory=dict)
    missing_cand: dict[str, int] = field(default_factory=dict)
    unpaired: list[str] = field(default_factory=list)
    differences: Differences = field(default_factory=Differences)

    @property
    def lower(self) -> float:
        return self.bounds.lower


def metric_value(sample: SampleRecord, metric: Metric) -> float | None:
    """The sample's value for `metric`, or None when it is an infra failure (missing)."""
    if sample.status not in SCORED_STATUSES:
        return None
    if metric == "resolved":
        return 1.0 if sample.resolved else 0.0
    return sample.score if sample.score is not None else 0.0


def _by_task(
    samples: list[SampleRecord], metric: Metric
) -> tuple[dict[str, list[float]], dict[str, int]]:
    values: dict[str, list[float]] = {}
    missing: dict[str, int] = {}
    for s in samples:
        v = metric_value(s, metric)
        if v is None:
            missing[s.status] = missing.get(s.status, 0) + 1
        else:
            values.setdefault(s.task_id, []).append(v)
    return values, missing


def _is_binary(rows: list[list[float]]) -> bool:
    return all(v in (0.0, 1.0) for row in rows for v in row)


@dataclass(frozen=True)
class _Test:
    name: str
    p: float
    mde: Mde


def _run_test(a: list[list[float]], b: list[list[float]], d: list[float], alpha: float) -> _Test:
    """The test of "no drop" for these paired tasks, and its MDE at 80% power."""
    n = len(d)
    single = all(len(x) == 1 for x in a) and all(len(y) == 1 for y in b)
    if not d:
        return _Test("none (no paired task)", math.nan, Mde(math.nan, "", "no paired task"))
    if single and _is_binary(a + b):
        worse = sum(x[0] == 1.0 and y[0] == 0.0 for x, y in zip(a, b, strict=True))
        better = sum(x[0] == 0.0 and y[0] == 1.0 for x, y in zip(a, b, strict=True))
        value = stats.mcnemar_mde(n, worse + better, alpha)
        why = f"no drop is detectable with {n} tasks" if math.isinf(value) else ""
        mde = Mde(value, "exact McNemar power at the observed discordance", why)
        return _Test(
            f"McNemar exact (b={worse}, c={better})", stats.mcnemar_one_sided(worse, better), mde
        )
    if n < SMALL_SUITE:
        return _Test("sign-flip permutation", stats.sign_flip_p(d), _sign_flip_mde(d, alpha))
    se = _se(a, b, d)
    delta, name = stats.mean(d), f"t ({se.df} df)"
    if se.value == 0:
        note = "SE is 0: no variance to size a drop against"
        return _Test(name, 1.0 if delta >= 0 else 0.0, Mde(math.nan, name, note))
    p = stats.t_cdf(delta / se.value, se.df)
    return _Test(name, p, Mde(stats.mde_t(se.value, se.df, alpha), name))


def _sign_flip_mde(d: list[float], alpha: float) -> Mde:
    n, method = len(d), "t approximation (n-1 df) for the sign-flip test"
    floor = stats.sign_flip_floor(n)
    if floor >= alpha:
        why = f"no drop is detectable: with {n} tasks the smallest p is 2^-{n} = {floor:.3g}"
        return Mde(math.inf, method, why)
    se = stats.clt_se(d)
    if se == 0:
        return Mde(
            math.nan, method, "the change is the same on every task: no spread to size a drop"
        )
    return Mde(stats.mde_t(se, n - 1, alpha), method)


@dataclass(frozen=True)
class _Se:
    value: float
    kind: str
    df: int
    """Degrees of freedom: the sum of (epochs - 1) over tasks and arms for the fixed-suite SE,
    tasks - 1 for the super-population one."""


def _se(a: list[list[float]], b: list[list[float]], d: list[float]) -> _Se:
    se_f = stats.paired_fixed_suite_se(a, b)
    if not math.isnan(se_f):
        return _Se(se_f, "fixed-suite (within-task variance)", stats.within_df([*a, *b]))
    return _Se(stats.clt_se(d), "super-population (tasks as a sample)", len(d) - 1)


def _bounds(delta: float, se: _Se, alpha: float) -> Bounds:
    """t quantiles with the SE's degrees of freedom, clipped to the range of a difference of
    means in [0, 1]."""
    if se.df < 1 or math.isnan(se.value):
        return Bounds(math.nan, math.nan, math.nan, "n/a (one task, one epoch)")
    q1, q2 = stats.t_quantile(1 - alpha, se.df), stats.t_quantile(0.975, se.df)
    method = f"t, {se.df} df"

    def clip(x: float) -> float:
        return min(1.0, max(-1.0, x))

    return Bounds(
        clip(delta - q1 * se.value),
        clip(delta - q2 * se.value),
        clip(delta + q2 * se.value),
        method,
    )


def _verdict(p: float, delta: float, lower: float, margin: float, alpha: float, n: int) -> Verdict:
    """REGRESSION when the test rejects "no drop"; PASS when the lower bound is above -margin
    on at least stats.MIN_TASKS tasks (fewer cannot show non-inferiority); else INCONCLUSIVE."""
    if not math.isnan(p) and p < alpha and delta < 0:
        return "REGRESSION"
    if n >= stats.MIN_TASKS and not math.isnan(lower) and lower > -margin:
        return "PASS"
    return "INCONCLUSIVE"


def compare_values(
    base: dict[str, list[float]],
    cand: dict[str, list[float]],
    *,
    metric: Metric = "score",
    delta_margin: float = 0.05,
    alpha: float = 0.05,
    differences: Differences | None = None,
) -> Comparison:
    """The statistics behind the verdict, from per-task values of each arm. Pure."""
    differences = differences or Differences()
    paired = sorted(set(base) & set(cand))
    a = [base[t] for t in paired]
    b = [cand[t] for t in paired]
    d = [stats.mean(y) - stats.mean(x) for x, y in zip(a, b, strict=True)]
    delta = stats.mean(d) if d else math.nan
    per_task_p = [stats.permutation_p_lower(x, y) for x, y in zip(a, b, strict=True)]
    flags = stats.benjamini_hochberg(per_task_p, q=BH_Q)
    tasks = [
        TaskDiff(t, tuple(x), tuple(y), p, f, tuple(differences.of(t)))
        for t, x, y, p, f in zip(paired, a, b, per_task_p, flags, strict=True)
    ]
    se = _se(a, b, d)
    test = _run_test(a, b, d, alpha)
    bounds = _bounds(delta, se, alpha)
    floors = [stats.min_permutation_p(len(x), len(y)) for x, y in zip(a, b, strict=True)]
    return Comparison(
        metric=metric,
        delta_margin=delta_margin,
        alpha=alpha,
        tasks=tasks,
        delta=delta,
        se=se.value,
        se_kind=se.kind,
        test=test.name,
        p_value=test.p,
        bounds=bounds,
        mde=test.mde,
        verdict=_verdict(test.p, delta, bounds.lower, delta_margin, alpha, len(d)),
        per_task_floor=min(floors, default=1.0),
        unpaired=sorted(set(base) ^ set(cand)),
        differences=differences,
    )


@dataclass(frozen=True)
class RunSide:
    run: RunRecord
    samples: list[SampleRecord]
    agent: AgentInfo
    """The agent file whose samples these are."""


def load_side(
    run_dir: Path,
    model: str | None,
    label: str,
    agent: str | None = None,
    runtime: str | None = None,
) -> RunSide:
    run = read_run(run_dir)
    samples = pick_samples(run_dir, read_samples(run_dir), "model", model, f"--{label}-model")
    samples = pick_samples(run_dir, samples, "agent", agent, f"--{label}-agent")
    samples = pick_samples(run_dir, samples, "runtime", runtime, f"--{label}-runtime")
    if not samples:
        raise InputError(f"{run_dir}: no finished samples to compare; run or resume it first")
    return RunSide(run, samples, run.agent_of(samples[0].agent))


def compare_runs(
    base: RunSide,
    cand: RunSide,
    *,
    metric: Metric,
    delta_margin: float,
    alpha: float,
    allow_unlike: bool = False,
) -> Comparison:
    """Compare two sides; raises InputError when they are not like for like (task content,
    probe settings, harness version, images) unless `allow_unlike`, which marks the rows."""
    b, miss_b = _by_task(base.samples, metric)
    c, miss_c = _by_task(cand.samples, metric)
    differences = run_differences(base.run, cand.run, set(b) & set(c))
    if differences and not allow_unlike:
        raise InputError(
            f"{base.run.run_id} vs {cand.run.run_id}: not like for like: {differences.summary()}; "
            "rerun one of them, or pass --allow-unlike to compare anyway with the rows marked"
        )
    result = compare_values(
        b, c, metric=metric, delta_margin=delta_margin, alpha=alpha, differences=differences
    )
    return replace(result, missing_base=miss_b, missing_cand=miss_c)


def prompt_diff(base: AgentInfo, cand: AgentInfo) -> list[str]:
    """Unified diff of the two agent files (empty when identical). Pure."""
    if base.sha256 == cand.sha256:
        return []
    return list(
        difflib.unified_diff(
            base.text.splitlines(),
            cand.text.splitlines(),
            f"base: {base.path}",
            f"candidate: {cand.path}",
            lineterm="",
        )
    )
