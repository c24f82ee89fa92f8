"""Per-configuration and per-category statistics for reports, from the samples DataFrame.

A configuration is (agent, model). Every mean and rate is over tasks: each task's mean over its
scored samples, then the mean of those (a task counts once whatever its epochs), so
`resolved_rate` is pass@1. Two kinds of 95% interval are shown, each with its method:
- fixed-suite: "on this suite", within-task variance only (needs >= 2 epochs per task), t on
  the logit scale (df = sum of epochs - 1) so it stays inside (0, 1);
- super-population: tasks as a sample of possible tasks, the Wilson score interval with a
  t(n-1) quantile on the task means (inside [0, 1], honest at small n); "too few tasks" below
  stats.MIN_TASKS.
pass@k and pass^k use the unbiased estimators per task, averaged over tasks (k = epochs).
"""

from typing import TYPE_CHECKING

from harness import stats

if TYPE_CHECKING:
    import pandas as pd

INTERVAL_NOTE = (
    f"95% intervals, super-population (tasks as a sample): {stats.WILSON_T} over the task "
    f"means (inside [0, 1]; the t quantile widens it for few tasks; 'too few tasks' below "
    f"{stats.MIN_TASKS}). Fixed-suite (this suite, within-task variance, needs >= 2 epochs): "
    f"{stats.LOGIT_T}."
)


def task_means(part: "pd.DataFrame", column: str) -> dict[str, list[float]]:
    """Per task, the values of `column` over its scored samples (None counts as 0)."""
    return {
        str(t): [float(v) if v is not None and v == v else 0.0 for v in g[column]]
        for t, g in part.groupby("task_id")
    }


def _mean_over_tasks(per_task: dict[str, list[float]]) -> float:
    return stats.mean([stats.mean(v) for v in per_task.values()])


def config_summary(df: "pd.DataFrame") -> "pd.DataFrame":
    """One row per (agent, model) over scored samples: means over tasks, intervals, pass@k."""
    import pandas as pd

    rows = []
    scored = df[df["scored"]] if not df.empty else df
    for (agent, model), part in scored.groupby(["agent", "model"]):
        scores = task_means(part, "score")
        resolved = task_means(part, "resolved")
        score_means = [stats.mean(v) for v in scores.values()]
        row: dict[str, object] = {
            "agent": agent,
            "model": model,
            "tasks": len(scores),
            "samples": len(part),
            "mean_score": _mean_over_tasks(scores),
            "ci95_fixed_suite": stats.fixed_suite_interval(list(scores.values())).text(),
            "ci95_super_population": stats.bounded_mean_interval(score_means).text(),
            "resolved_rate": _mean_over_tasks(resolved),
            "resolved_ci95": stats.bounded_mean_interval(
                [stats.mean(v) for v in resolved.values()]
            ).text(),
        }
        k = min(len(v) for v in resolved.values())
        if k >= 2:
            outcomes = [(len(v), int(sum(v))) for v in resolved.values()]
            row[f"pass@{k}"] = stats.mean([stats.pass_at_k(n, c, k) for n, c in outcomes])
            row[f"pass^{k}"] = stats.mean([stats.pass_hat_k(n, c, k) for n, c in outcomes])
        rows.append(row)
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows).set_index(["agent", "model"])


def category_summary(df: "pd.DataFrame") -> "pd.DataFrame":
    """Mean score over the tasks of each category and configuration, with its 95% interval
    (text, and as numbers for the plot; nan when there are too few tasks)."""
    import pandas as pd

    if df.empty or "category" not in df:
        return pd.DataFrame()
    rows = []
    scored = df[df["scored"]]
    for (category, agent, model), part in scored.groupby(["category", "agent", "model"]):
        means = [stats.mean(v) for v in task_means(part, "score").values()]
        ci = stats.bounded_mean_interval(means)
        rows.append(
            {
                "category": category,
                "agent": agent,
                "model": model,
                "tasks": len(means),
                "mean_score": stats.mean(means),
                "ci95": ci.text(),
                "resolved_rate": _mean_over_tasks(task_means(part, "resolved")),
                "ci95_low": ci.low,
                "ci95_high": ci.high,
            }
        )
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows).set_index(["category", "agent", "model"])
