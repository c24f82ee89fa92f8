"""Per-configuration and per-category statistics for reports, from the samples DataFrame.

A configuration is (agent, model). Two kinds of interval are shown and labelled:
- fixed-suite: "on this suite", within-task variance only (needs >= 2 epochs per task);
- super-population: tasks as a sample of possible tasks (per-task means, CLT over tasks).
The resolve rate also gets a Wilson interval over samples (small-n safe, but it treats samples
as independent, so it is narrower than the super-population one when epochs repeat tasks).
pass@k and pass^k use the unbiased estimators per task, averaged over tasks (k = epochs).
"""

import math
from typing import TYPE_CHECKING

from harness import stats

if TYPE_CHECKING:
    import pandas as pd

Z95 = stats.z_quantile(0.975)


def _ci(mean: float, se: float) -> str:
    if math.isnan(se):
        return "n/a"
    return f"[{mean - Z95 * se:.3f}, {mean + Z95 * se:.3f}]"


def config_summary(df: "pd.DataFrame") -> "pd.DataFrame":
    """One row per (agent, model) over scored samples, with labelled intervals and pass@k."""
    import pandas as pd

    rows = []
    scored = df[df["scored"]] if not df.empty else df
    for (agent, model), part in scored.groupby(["agent", "model"]):
        per_task = {t: list(g["score"].astype(float)) for t, g in part.groupby("task_id")}
        resolved = {t: [bool(v) for v in g["resolved"]] for t, g in part.groupby("task_id")}
        task_means = [stats.mean(v) for v in per_task.values()]
        mean_score = stats.mean(task_means)
        se_fixed = stats.fixed_suite_se(list(per_task.values()))
        se_super = stats.clt_se(task_means)
        n_res, n = int(part["resolved"].fillna(False).astype(bool).sum()), len(part)
        lo, hi = stats.wilson(n_res, n)
        k = min(len(v) for v in resolved.values())
        row = {
            "agent": agent,
            "model": model,
            "tasks": len(per_task),
            "samples": n,
            "mean_score": mean_score,
            "ci95_fixed_suite": _ci(mean_score, se_fixed),
            "ci95_super_population": _ci(mean_score, se_super),
            "resolved_rate": n_res / n if n else math.nan,
            "resolved_wilson95": "n/a" if math.isnan(lo) else f"[{lo:.3f}, {hi:.3f}]",
            "pass@1": stats.mean([stats.pass_at_k(len(v), sum(v), 1) for v in resolved.values()]),
        }
        if k >= 2:
            row[f"pass@{k}"] = stats.mean(
                [stats.pass_at_k(len(v), sum(v), k) for v in resolved.values()]
            )
            row[f"pass^{k}"] = stats.mean(
                [stats.pass_hat_k(len(v), sum(v), k) for v in resolved.values()]
            )
        rows.append(row)
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows).set_index(["agent", "model"])


def category_summary(df: "pd.DataFrame") -> "pd.DataFrame":
    """Mean score per category and configuration, with a super-population 95% half-width."""
    import pandas as pd

    if df.empty or "category" not in df:
        return pd.DataFrame()
    rows = []
    scored = df[df["scored"]]
    for (category, agent, model), part in scored.groupby(["category", "agent", "model"]):
        task_means = [float(g["score"].mean()) for _, g in part.groupby("task_id")]
        se = stats.clt_se(task_means)
        rows.append(
            {
                "category": category,
                "agent": agent,
                "model": model,
                "tasks": len(task_means),
                "mean_score": stats.mean(task_means),
                "half_width95": Z95 * se if not math.isnan(se) else math.nan,
                "resolved_rate": float(part["resolved"].fillna(False).astype(bool).mean()),
            }
        )
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows).set_index(["category", "agent", "model"])
