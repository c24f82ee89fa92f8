"""`archbench history RUN_DIR...`: score trend per configuration over runs, and per-task flake
history (tasks whose outcome changes between runs of the same configuration)."""

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from harness import stats
from harness.reports.report_text import fmt_cell
from harness.results.log import SCORED_STATUSES, RunRecord, SampleRecord, read_run, read_samples


@dataclass(frozen=True)
class RunPoint:
    run: RunRecord
    samples: list[SampleRecord]


def config_key(run: RunRecord, sample: SampleRecord) -> str:
    """agent name @ short sha / model: one prompt version against one model."""
    agent = run.agent_of(sample.agent)
    return f"{agent.name}@{agent.sha256[:8]} / {sample.model}"


def load_history(run_dirs: list[Path]) -> list[RunPoint]:
    points = [RunPoint(read_run(d), read_samples(d)) for d in run_dirs]
    return sorted(points, key=lambda p: p.run.started_at)


def trend_rows(points: list[RunPoint]) -> list[dict[str, object]]:
    """Per run and configuration: samples, infra failures, mean score and resolve rate over
    tasks (each task's mean over its scored samples), the rate's 95% interval over tasks."""
    rows: list[dict[str, object]] = []
    for p in points:
        by_config: dict[str, list[SampleRecord]] = {}
        for s in p.samples:
            by_config.setdefault(config_key(p.run, s), []).append(s)
        for config, samples in sorted(by_config.items()):
            scored = [s for s in samples if s.status in SCORED_STATUSES]
            scores = _per_task(scored, lambda s: s.score or 0.0)
            rates = _per_task(scored, lambda s: 1.0 if s.resolved else 0.0)
            rows.append(
                {
                    "run": p.run.run_id,
                    "started": p.run.started_at,
                    "config": config,
                    "samples": len(samples),
                    "infra_failures": len(samples) - len(scored),
                    "mean_score": stats.mean(scores),
                    "resolved_rate": stats.mean(rates),
                    "resolved_ci95": stats.bounded_mean_interval(rates).text(),
                }
            )
    return rows


def _per_task(samples: list[SampleRecord], value: Callable[[SampleRecord], float]) -> list[float]:
    per: dict[str, list[float]] = {}
    for s in samples:
        per.setdefault(s.task_id, []).append(value(s))
    return [stats.mean(v) for _, v in sorted(per.items())]


def flaky_tasks(points: list[RunPoint]) -> list[dict[str, object]]:
    """(config, task) pairs whose resolved outcome differs between runs, with the sequence."""
    seq: dict[tuple[str, str], list[str]] = {}
    for p in points:
        per: dict[tuple[str, str], list[bool]] = {}
        for s in p.samples:
            if s.status in SCORED_STATUSES:
                per.setdefault((config_key(p.run, s), s.task_id), []).append(bool(s.resolved))
        for key, outcomes in per.items():
            mark = "P" if all(outcomes) else "F" if not any(outcomes) else "M"
            seq.setdefault(key, []).append(mark)
    out = []
    for (config, task), marks in sorted(seq.items()):
        if len(set(marks)) > 1:
            flips = sum(a != b for a, b in itertools.pairwise(marks))
            out.append({"config": config, "task": task, "history": "".join(marks), "flips": flips})
    return out


def render_history(points: list[RunPoint]) -> str:
    def table(rows: list[dict[str, object]]) -> str:
        if not rows:
            return "_none_\n"
        cols = list(rows[0])
        lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
        for r in rows:
            cells = [fmt_cell(k, v) for k, v in r.items()]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines) + "\n"

    return "\n".join(
        [
            f"# archbench history ({len(points)} runs)\n",
            "## Score trend per configuration\n",
            "Means over tasks (a task counts once whatever its epochs); resolved_ci95: "
            f"{stats.WILSON_T} over the per-task resolve rates.\n",
            table(trend_rows(points)),
            "## Flaky tasks (outcome changed between runs of one configuration)\n",
            "History per run, oldest first: P = resolved, F = not, M = mixed epochs.\n",
            table(flaky_tasks(points)),
        ]
    )
