"""`archbench compare BASE_RUN CAND_RUN`: did the candidate get worse than the baseline?

Samples are paired by task. Infra failures are missing (counted, never scored). The suite
statistic is the mean over paired tasks of (candidate mean - baseline mean). Its test:
McNemar exact when every task has one binary sample per arm; an exact sign-flip permutation
test for fewer than 30 tasks; otherwise a z test on the fixed-suite SE (within-task variance,
needs >= 2 epochs) or, failing that, the paired super-population SE. Verdict (one-sided, level
alpha, margin delta): REGRESSION when the test rejects "no drop"; PASS when the lower confidence
bound of the difference is above -delta (non-inferior), shown with the minimum detectable
effect; otherwise INCONCLUSIVE.
"""

import difflib
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from harness import stats
from harness.errors import InputError
from harness.results import (
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


@dataclass(frozen=True)
class TaskDiff:
    task_id: str
    base: tuple[float, ...]
    cand: tuple[float, ...]
    p_value: float
    flagged: bool = False
    """Benjamini-Hochberg (q = 0.10) says: investigate this task."""

    @property
    def delta(self) -> float:
        return stats.mean(self.cand) - stats.mean(self.base)


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
    lower: float
    upper: float
    mde: float
    verdict: Verdict
    missing_base: dict[str, int] = field(default_factory=dict)
    missing_cand: dict[str, int] = field(default_factory=dict)
    unpaired: list[str] = field(default_factory=list)


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


def compare_values(
    base: dict[str, list[float]],
    cand: dict[str, list[float]],
    *,
    metric: Metric = "score",
    delta_margin: float = 0.05,
    alpha: float = 0.05,
) -> Comparison:
    """The statistics behind the verdict, from per-task values of each arm. Pure."""
    paired = sorted(set(base) & set(cand))
    unpaired = sorted(set(base) ^ set(cand))
    a = [base[t] for t in paired]
    b = [cand[t] for t in paired]
    d = [stats.mean(y) - stats.mean(x) for x, y in zip(a, b, strict=True)]
    delta = stats.mean(d) if d else math.nan
    per_task_p = [stats.permutation_p_lower(x, y) for x, y in zip(a, b, strict=True)]
    flags = stats.benjamini_hochberg(per_task_p, q=0.10)
    tasks = [
        TaskDiff(t, tuple(x), tuple(y), p, f)
        for t, x, y, p, f in zip(paired, a, b, per_task_p, flags, strict=True)
    ]
    se_f = stats.paired_fixed_suite_se(a, b)
    if not math.isnan(se_f):
        se, se_kind = se_f, "fixed-suite (within-task variance)"
    else:
        se, se_kind = stats.clt_se(d), "super-population (tasks as a sample)"
    single = all(len(x) == 1 for x in a) and all(len(y) == 1 for y in b)
    if not d:
        test, p = "none (no paired task)", math.nan
    elif single and _is_binary(a + b):
        worse = sum(x[0] == 1.0 and y[0] == 0.0 for x, y in zip(a, b, strict=True))
        better = sum(x[0] == 0.0 and y[0] == 1.0 for x, y in zip(a, b, strict=True))
        test, p = f"McNemar exact (b={worse}, c={better})", stats.mcnemar_one_sided(worse, better)
    elif len(d) < SMALL_SUITE:
        test, p = "sign-flip permutation", stats.sign_flip_p(d)
    elif se > 0:
        test, p = "z", stats.normal_cdf(delta / se)
    else:
        test, p = "z", 1.0 if delta >= 0 else 0.0
    z = stats.z_quantile(1 - alpha)
    lower, upper = delta - z * se, delta + z * se
    verdict: Verdict
    if not math.isnan(p) and p < alpha and delta < 0:
        verdict = "REGRESSION"
    elif not math.isnan(lower) and lower > -delta_margin:
        verdict = "PASS"
    else:
        verdict = "INCONCLUSIVE"
    return Comparison(
        metric=metric,
        delta_margin=delta_margin,
        alpha=alpha,
        tasks=tasks,
        delta=delta,
        se=se,
        se_kind=se_kind,
        test=test,
        p_value=p,
        lower=lower,
        upper=upper,
        mde=stats.mde(se, alpha) if not math.isnan(se) else math.nan,
        verdict=verdict,
        unpaired=unpaired,
    )


@dataclass(frozen=True)
class RunSide:
    run: RunRecord
    samples: list[SampleRecord]
    agent: AgentInfo
    """The agent file whose samples these are."""


def load_side(run_dir: Path, model: str | None, label: str, agent: str | None = None) -> RunSide:
    run = read_run(run_dir)
    samples = pick_samples(run_dir, read_samples(run_dir), "model", model, f"--{label}-model")
    samples = pick_samples(run_dir, samples, "agent", agent, f"--{label}-agent")
    if not samples:
        raise InputError(f"{run_dir}: no finished samples to compare; run or resume it first")
    return RunSide(run, samples, run.agent_of(samples[0].agent))


def compare_runs(
    base: RunSide, cand: RunSide, *, metric: Metric, delta_margin: float, alpha: float
) -> Comparison:
    b, miss_b = _by_task(base.samples, metric)
    c, miss_c = _by_task(cand.samples, metric)
    result = compare_values(b, c, metric=metric, delta_margin=delta_margin, alpha=alpha)
    return Comparison(**{**result.__dict__, "missing_base": miss_b, "missing_cand": miss_c})


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


def _pct(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{100 * x:+.1f} pts"


def render(c: Comparison, base: RunSide, cand: RunSide) -> str:
    """The comparison as text (Markdown-friendly)."""
    lines = [
        f"# archbench compare: {base.run.run_id} (base) vs {cand.run.run_id} (candidate)",
        "",
        f"metric: {c.metric}; paired tasks: {len(c.tasks)}; margin delta: {c.delta_margin:g}; "
        f"alpha (one-sided): {c.alpha:g}",
    ]
    base_models = sorted({s.model for s in base.samples})
    cand_models = sorted({s.model for s in cand.samples})
    if base_models != cand_models:
        lines.append(
            f"models differ: base {', '.join(base_models)}, candidate {', '.join(cand_models)}"
        )
    if base.agent.sha256 != cand.agent.sha256:
        lines.append(
            f"agent files differ: base {base.agent.label or base.agent.name} "
            f"(sha256 {base.agent.sha256[:12]}), candidate {cand.agent.label or cand.agent.name} "
            f"(sha256 {cand.agent.sha256[:12]}); the diff is at the end"
        )
    if c.unpaired:
        lines.append(f"tasks in one run only (not compared): {', '.join(c.unpaired)}")
    for name, missing in (("base", c.missing_base), ("candidate", c.missing_cand)):
        if missing:
            counts = ", ".join(f"{k}={v}" for k, v in sorted(missing.items()))
            lines.append(f"infra failures in {name} (left out, not scored): {counts}")
    lines += [
        "",
        f"difference (candidate - base): {_pct(c.delta)}; {100 * (1 - c.alpha):.0f}% bounds "
        f"[{_pct(c.lower)}, {_pct(c.upper)}]; SE {c.se:.4f} ({c.se_kind})",
        f"test: {c.test}, p = {c.p_value:.4g}",
        f"VERDICT: {c.verdict}"
        + (
            f" (non-inferior within {c.delta_margin:g}; MDE {_pct(c.mde)} at 80% power)"
            if c.verdict == "PASS"
            else ""
        ),
        "",
        "| task | base | candidate | change | p (one-sided) | investigate (BH q=0.10) |",
        "|---|---|---|---|---|---|",
    ]
    for t in sorted(c.tasks, key=lambda t: (t.delta, t.task_id)):
        lines.append(
            f"| {t.task_id} | {stats.mean(t.base):.3f} (n={len(t.base)}) | "
            f"{stats.mean(t.cand):.3f} (n={len(t.cand)}) | {_pct(t.delta)} | {t.p_value:.3g} | "
            f"{'yes' if t.flagged else ''} |"
        )
    worse = [t.task_id for t in c.tasks if t.delta < 0]
    better = [t.task_id for t in c.tasks if t.delta > 0]
    lines += [
        "",
        f"got worse: {', '.join(worse) or 'none'}",
        f"got better: {', '.join(better) or 'none'}",
    ]
    diff = prompt_diff(base.agent, cand.agent)
    if diff:
        lines += ["", "agent file changed:", "```diff", *diff, "```"]
    return "\n".join(lines) + "\n"
