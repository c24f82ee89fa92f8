"""Notebook entry point: `import archbench; df = archbench.results_df("results/<run-id>")`
(a str or a Path; a folder that is not a run raises ResultsError, whose message says why)."""

from harness.reports.compare import compare_runs, load_side
from harness.reports.report import per_task, results_df
from harness.reports.report_stats import category_summary, config_summary

__all__ = [
    "category_summary",
    "compare_runs",
    "config_summary",
    "load_side",
    "per_task",
    "results_df",
]
