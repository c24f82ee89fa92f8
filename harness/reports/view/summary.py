"""The run index's per-configuration summary: the same means over tasks and the same 95%
intervals as the report (harness.reports.report_stats), computed from the sample records without
pandas. A configuration is (agent, model, runtime)."""

from collections import defaultdict
from dataclasses import dataclass

from harness import stats
from harness.reports.report_stats import INTERVAL_NOTE
from harness.reports.view.html import table, text
from harness.results.log import SCORED_STATUSES, SampleRecord

Config = tuple[str, str, str]


@dataclass(frozen=True)
class ConfigSummary:
    agent: str
    model: str
    runtime: str
    tasks: int
    samples: int
    mean_score: float
    ci95_super_population: stats.Interval
    ci95_fixed_suite: stats.Interval
    resolved_rate: float
    resolved_ci95: stats.Interval


def _per_task(samples: list[SampleRecord], value: str) -> list[list[float]]:
    by_task: dict[str, list[float]] = defaultdict(list)
    for s in samples:
        v = getattr(s, value)
        by_task[s.task_id].append(float(v) if v is not None else 0.0)
    return list(by_task.values())


def summarise(samples: list[SampleRecord]) -> list[ConfigSummary]:
    """One summary per configuration over its scored samples, in sorted order. Pure."""
    groups: dict[Config, list[SampleRecord]] = defaultdict(list)
    for s in samples:
        if s.status in SCORED_STATUSES:
            groups[(s.agent, s.model, s.runtime)].append(s)
    out = []
    for (agent, model, runtime), part in sorted(groups.items()):
        scores, resolved = _per_task(part, "score"), _per_task(part, "resolved")
        score_means = [stats.mean(v) for v in scores]
        resolved_means = [stats.mean(v) for v in resolved]
        out.append(
            ConfigSummary(
                agent,
                model,
                runtime,
                tasks=len(scores),
                samples=len(part),
                mean_score=stats.mean(score_means),
                ci95_super_population=stats.bounded_mean_interval(score_means),
                ci95_fixed_suite=stats.fixed_suite_interval(scores),
                resolved_rate=stats.mean(resolved_means),
                resolved_ci95=stats.bounded_mean_interval(resolved_means),
            )
        )
    return out


def config_table(samples: list[SampleRecord], *, runtimes: bool) -> str:
    """The summary as an HTML table, with the note that names the interval methods."""
    head = ["agent", "model", *(["runtime"] if runtimes else [])]
    head += ["tasks", "samples", "mean score (over tasks)", "95% super-population"]
    head += ["95% fixed-suite", "resolved rate", "resolved 95%"]
    rows = [
        [
            text(c.agent),
            text(c.model),
            *([text(c.runtime)] if runtimes else []),
            str(c.tasks),
            str(c.samples),
            f"{c.mean_score:.3f}",
            text(c.ci95_super_population.text()),
            text(c.ci95_fixed_suite.text()),
            f"{c.resolved_rate:.3f}",
            text(c.resolved_ci95.text()),
        ]
        for c in summarise(samples)
    ]
    return table(head, rows) + f'<p class="note">{text(INTERVAL_NOTE)}</p>'
