"""What report.md and report.html both say: the header built from run.json, the sections in
order with the sentence that explains each, and how a cell is written (counts as integers,
"n/a" for a missing value, never `nan`). Pure string building from DataFrames.
"""

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from harness.reports.report import Tables, elapsed_seconds
from harness.reports.report_stats import INTERVAL_NOTE
from harness.results.log import RunRecord

if TYPE_CHECKING:
    import pandas as pd

COUNT_COLUMNS = frozenset(
    {
        "samples",
        "scored",
        "infra_errors",
        "tokens",
        "input_tokens",
        "output_tokens",
        "cache_creation_input_tokens",
        "cache_read_input_tokens",
        "epoch",
        "checks_passed",
        "checks_total",
        "turns",
        "tool_calls",
        "tool_errors",
        "attempts",
        "retried",
        "retries",
        "tasks",
        "cost_missing",
    }
)
"""Columns written as whole numbers (a mean of token counts is rounded)."""
HIDDEN_COLUMNS = ("ci95_low", "ci95_high")
"""Numbers behind the plot, shown in the tables as text (`ci95`)."""


@dataclass(frozen=True)
class Section:
    title: str
    note: str
    frame: "pd.DataFrame"


SCORING_NOTE = (
    "Dimensions as scored: functional (hidden tests, critical checks weigh double), security "
    "(probes) and performance (load probe) count only when the sample is resolved and are 0 "
    "otherwise, quality (lint); n/a: the task does not declare that dimension. score = the "
    "weighted mean of the dimensions the task declares (default weights functional 0.45, "
    "security 0.25, performance 0.15, quality 0.10, normalised over the declared ones). "
    "`checks`: hidden checks passed / run, each counted once, so it can differ from functional, "
    "where a critical check counts twice. `resolved`: every hidden check that ran passed. "
    "`secure_resolved`: resolved, and no security probe failed and no hidden test of a "
    "security rule (the task's security_checks) failed (never true when not resolved)."
)


def sections(t: Tables) -> list[Section]:
    """Every section of the report, in order, with its explanation."""
    return [
        Section(
            "How samples ended",
            "score: counted as graded; score_zero: counted as 0 (`startup_failed`: a service "
            "that never became ready); exclude: an infrastructure failure (sandbox, model or "
            "grader error), retried as shown, then left out of scores and counted apart, never "
            "counted as the agent's.",
            t.statuses,
        ),
        Section(
            "Overall",
            "Per model. mean_score, resolved_rate and secure_resolved_rate are means over tasks "
            "(each task's mean over its scored samples, so a task counts once whatever its "
            "epochs); resolved_rate is pass@1. tokens: all samples. cost_usd: the sum over the "
            "samples that have a cost; cost_missing: samples without one, left out of the sum.",
            t.overall,
        ),
        Section(
            "Per configuration",
            f"Means over tasks, as above. {INTERVAL_NOTE} resolved_ci95: the same interval "
            "over the per-task resolve rates. pass@k / pass^k (unbiased, k = epochs) when "
            "epochs >= 2.",
            t.configs,
        ),
        Section(
            "Per category",
            f"mean_score and resolved_rate over the category's tasks; ci95: {INTERVAL_NOTE}",
            t.categories.drop(columns=list(HIDDEN_COLUMNS), errors="ignore"),
        ),
        Section("Per task", SCORING_NOTE, t.tasks),
        Section(
            "Dimensions counted as 0 or without a value",
            "Scored samples whose dimension was gated (not resolved), had no result, or whose "
            "service never started: the value recorded by its grader, the value the score "
            "counted, and why. Dimensions a task does not declare are not listed.",
            t.missing,
        ),
        *(
            [
                Section(
                    "Design rubric",
                    "Open design tasks: per criterion, the scored samples whose design the judge "
                    "found meeting it (a quote found verbatim in DESIGN.md, by a majority of its "
                    "samples) out of those it was asked about (resolved samples only; an "
                    "unresolved one counts 0 without asking). Each sample's page in the viewer "
                    "shows the quotes.",
                    t.design,
                )
            ]
            if not t.design.empty
            else []
        ),
        Section("Samples", SCORING_NOTE.split(" score = ")[0], t.samples),
    ]


def header_items(run: RunRecord, df: "pd.DataFrame") -> list[tuple[str, str]]:
    """The report's header as (label, plain text) pairs, from run.json and the samples."""
    statuses = df["status"].value_counts().to_dict() if not df.empty else {}
    unsupported = list(dict.fromkeys(t for a in run.all_agents() for t in a.unsupported_tools))
    items = [("harness", f"{run.harness_version} ({run.git_sha}), status {run.status}")]
    items += [
        ("agent", f"{a.label or a.name} ({a.path}, sha256 {a.sha256[:12]})")
        for a in run.all_agents()
    ]
    items += [
        ("models", f"{', '.join(run.models)} ({run.model_reason})"),
        ("tasks", f"{len(run.tasks)}, epochs: {run.epochs}, samples finished: {len(df)}"),
        ("statuses", ", ".join(f"{k}={v}" for k, v in sorted(statuses.items())) or "none"),
        ("tools not offered (unsupported)", ", ".join(unsupported) or "none"),
        ("time", _time_text(run, df)),
    ]
    if run.judge:
        shown = sorted((k, v) for k, v in run.judge.items() if k != "prompt")  # run.json has it
        items.append(("design judge", ", ".join(f"{k} {v}" for k, v in shown)))
    if run.probe:
        items.append(("load probe", ", ".join(f"{k} {v}" for k, v in sorted(run.probe.items()))))
    return items


def _time_text(run: RunRecord, df: "pd.DataFrame") -> str:
    elapsed = elapsed_seconds(run)
    busy = float(df["total_seconds"].sum()) if not df.empty else 0.0
    end = run.finished_at or "not finished"
    text = f"started {run.started_at}, finished {end}"
    if elapsed is not None:
        text += f", elapsed {elapsed:,.0f} s (wall time from run.json)"
        if run.resumed_at:
            text += f", including the pauses before {len(run.resumed_at)} resume(s)"
    return text + f"; samples' own durations add up to {busy:,.1f} s (they overlap)"


def fmt_cell(column: str, value: object) -> str:
    """One cell: n/a for a missing value, whole numbers for counts, 1 decimal for seconds,
    3 for other numbers, JSON for a mapping."""
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True)
    if value is None or _is_missing(value):
        return "n/a"
    if isinstance(value, float | int) and not isinstance(value, bool):
        number = float(value)
        if column in COUNT_COLUMNS:
            return f"{round(number):d}"
        if column.endswith("seconds"):
            return f"{number:.1f}"
        return f"{number:.3f}" if isinstance(value, float) else str(value)
    return str(value)


def _is_missing(value: object) -> bool:
    import pandas as pd

    if isinstance(value, float):
        return math.isnan(value)
    return bool(value is pd.NaT or value is pd.NA)


def display_frame(df: "pd.DataFrame") -> "pd.DataFrame":
    """The frame with its index as columns (a plain RangeIndex is dropped)."""
    import pandas as pd

    return df if isinstance(df.index, pd.RangeIndex) else df.reset_index()


def md_table(df: "pd.DataFrame") -> str:
    if df.empty:
        return "_no samples_\n"
    frame = display_frame(df)
    cols = [str(c) for c in frame.columns]

    def cell(column: str, v: object) -> str:
        return fmt_cell(column, v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += [
        "| " + " | ".join(cell(c, v) for c, v in zip(cols, row, strict=True)) + " |"
        for row in frame.itertuples(False)
    ]
    return "\n".join(lines) + "\n"


def render_markdown(run: RunRecord, df: "pd.DataFrame", t: Tables) -> str:
    lines = [f"# archbench report: {run.run_id}\n"]
    lines += [f"- {label}: {text}" for label, text in header_items(run, df)]
    for s in sections(t):
        lines += ["", f"## {s.title}\n", s.note + "\n", md_table(s.frame)]
    return "\n".join(lines)
