"""The table printed when a run ends: per task and overall, for every configuration."""

from pathlib import Path
from typing import TYPE_CHECKING

from rich.table import Table

from harness.reports.report import overall, per_task, results_df

if TYPE_CHECKING:
    import pandas as pd


SUMMARY_COLUMNS = ("samples", "score", "resolved", "checks", "infra errors")


def summary_rows(df: "pd.DataFrame") -> list[tuple[str, ...]]:
    """The summary's rows: per task, then overall, for every configuration. Runtime and agent
    columns (before model) appear when the run has several, so configurations are never
    pooled. The first row is the header. Pure."""
    splits = [c for c in ("runtime", "agent") if df[c].nunique() > 1]
    configs = list(df.groupby(splits)) if splits else [((), df)]
    tasks: list[tuple[str, ...]] = []
    totals: list[tuple[str, ...]] = []
    for key, part in configs:
        labels = tuple(str(v) for v in key)
        for index, row in per_task(part).iterrows():
            task_id, model = (str(v) for v in index)  # type: ignore[attr-defined]
            score, resolved = _num(row.get("score"), 3), _num(row.get("resolved"), 2)
            checks = str(row["checks"]) if isinstance(row.get("checks"), str) else "-"
            infra = str(row.get("infra_errors", 0))
            tasks.append(
                (task_id, *labels, model, str(row["samples"]), score, resolved, checks, infra)
            )
        for model_id, row in overall(part).iterrows():
            score, resolved = _num(row["mean_score"], 3), _num(row["resolved_rate"], 2)
            infra = str(row["infra_errors"])
            totals.append(
                ("overall", *labels, str(model_id), str(row["scored"]), score, resolved, "", infra)
            )
    return [("task", *splits, "model", *SUMMARY_COLUMNS), *sorted(tasks), *totals]


def _num(value: object, digits: int) -> str:
    """A float with `digits` decimals, '-' for a missing one (a task with no scored sample)."""
    if not isinstance(value, int | float) or value != value:
        return "-"
    return f"{value:.{digits}f}"


def summary_table(run_dir: Path) -> Table:
    """The summary table of a finished run, read from its results log."""
    header, *rows = summary_rows(results_df(run_dir))
    table = Table(*header, title="archbench summary")
    for row in rows:
        table.add_row(*row, style="bold" if row[0] == "overall" else None)
    return table
