"""Reports built from a results folder alone (no Docker): a samples DataFrame, per-task and
overall tables, report.md, report.html, samples.csv/.parquet and junit.xml. Tables show the
dimensions as they were scored, so a reader can rebuild every score. pandas is imported lazily.
"""

import json
import math
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from harness.errors import ResultsError
from harness.reports.report_stats import category_summary, config_summary, task_means
from harness.results.log import SCORED_STATUSES, RunRecord, read_run, read_samples

if TYPE_CHECKING:
    import pandas as pd

SAMPLE_COLUMNS = (
    "task_id",
    "epoch",
    "model",
    "agent",
    "runtime",
    "status",
    "score",
    "resolved",
    "secure_resolved",
    "functional",
    "security",
    "performance",
    "quality",
    "design",
    "checks_passed",
    "checks_total",
    "agent_outcome",
    "attempts",
    "turns",
    "tool_calls",
    "tool_errors",
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
    "cost_usd",
    "judge_tokens",
    "judge_cost_usd",
    "agent_seconds",
    "grading_seconds",
    "startup_seconds",
    "total_seconds",
    "started_at",
    "finished_at",
    "reason",
)
DIMENSIONS = ("functional", "security", "performance", "quality", "design")
OPTIONAL_DIMENSIONS = ("design",)
"""Shown only in runs where some sample has them (open design tasks)."""


def shown_dimensions(df: "pd.DataFrame") -> list[str]:
    """The dimensions the report's tables show for this run. Pure."""
    return [d for d in DIMENSIONS if d not in OPTIONAL_DIMENSIONS or df[d].notna().any()]


NOT_DECLARED = "the task declares no"
STARTUP_FAILED_REASON = "the service never became ready: every dimension counts as 0"


def results_df(run_dir: str | Path) -> "pd.DataFrame":
    """One row per finished sample, from samples.jsonl of a results folder (str or Path).
    Raises ResultsError for a folder that is not a run. `secure_resolved` is False for every
    scored sample that is not resolved (startup_failed included); empty text is null."""
    import pandas as pd

    run_dir = Path(run_dir)
    if not run_dir.is_dir():
        raise ResultsError(f"{run_dir}: no such folder; give a results/<run-id> folder")
    run = read_run(run_dir)
    rows = [s.model_dump(exclude={"graders"}) for s in read_samples(run_dir)]
    df = pd.DataFrame(rows, columns=[*SAMPLE_COLUMNS, "missing", "criteria", "sample_id", "run_id"])
    for column in ("reason", "agent_outcome"):
        df[column] = df[column].map(lambda v: v or None).astype(object)
    for column in ("started_at", "finished_at"):
        df[column] = pd.to_datetime(df[column], utc=True)
    df["tokens"] = df[
        ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"]
    ].sum(axis=1)
    df["scored"] = df["status"].isin(sorted(SCORED_STATUSES))
    unresolved = df["scored"] & ~df["resolved"].map(lambda v: v is True).astype(bool)
    df["secure_resolved"] = df["secure_resolved"].astype(object).where(~unresolved, False)
    categories = {t.id: t.category for t in run.tasks}
    df["category"] = [categories.get(t, "unknown") for t in df["task_id"]]
    return df


def elapsed_seconds(run: RunRecord) -> float | None:
    """Wall time from the run's start to its end (run.json); None while it has no end."""
    if run.finished_at is None:
        return None
    start = datetime.fromisoformat(run.started_at)
    return (datetime.fromisoformat(run.finished_at) - start).total_seconds()


def scored_value(record: dict[Any, Any], dim: str) -> float | None:
    """A dimension as the score counted it: 0 when gated on resolved and not resolved, when
    declared without a result, or when the service never started; None when not declared."""
    from harness.tasks.spec import GATED

    if record["status"] not in SCORED_STATUSES:
        return None
    if record["status"] == "startup_failed":
        return 0.0
    reason = str((record["missing"] or {}).get(dim, ""))
    if reason.startswith(NOT_DECLARED):
        return None
    value = record[dim]
    if (dim in GATED and record["resolved"] is not True) or value is None or value != value:
        return 0.0
    return float(value)


def scored_dimensions(df: "pd.DataFrame") -> "pd.DataFrame":
    """The four dimensions of every sample as the score counted them (index of df)."""
    import pandas as pd

    records = df.to_dict("records")
    return pd.DataFrame(
        {d: [scored_value(r, d) for r in records] for d in DIMENSIONS}, index=df.index, dtype=float
    )


def per_task(df: "pd.DataFrame", *, by_agent: bool = False) -> "pd.DataFrame":
    """Per task and model (and agent, with `by_agent`) over scored samples: mean score, rates
    and dimensions as scored (n/a where the task does not declare one); infra errors apart."""
    import pandas as pd

    if df.empty:
        return pd.DataFrame()
    frame = df.assign(**scored_dimensions(df))
    frame["resolved"] = frame["resolved"].map(lambda v: float(v is True))
    frame["secure_resolved"] = frame["secure_resolved"].map(lambda v: float(v is True))
    keys = ["task_id", "agent", "model"] if by_agent else ["task_id", "model"]
    g = frame[frame["scored"]].groupby(keys)
    out = pd.DataFrame(
        {
            "samples": g.size(),
            "score": g["score"].mean(),
            "resolved": g["resolved"].mean(),
            "secure_resolved": g["secure_resolved"].mean(),
            **{d: g[d].mean() for d in shown_dimensions(df)},
            "checks": g["checks_passed"].sum().astype(str)
            + "/"
            + g["checks_total"].sum().astype(str),
            "tokens": g["tokens"].mean(),
            "seconds": g["total_seconds"].mean(),
        }
    )
    infra = df[~df["scored"]].groupby(keys).size()
    out["infra_errors"] = infra.reindex(out.index).fillna(0).astype(int) if not out.empty else 0
    missing = infra.index.difference(out.index)
    if len(missing):
        extra = pd.DataFrame({"samples": 0, "infra_errors": infra[missing]}, index=missing)
        out = pd.concat([out, extra])
    return out.sort_index()


def _over_tasks(scored: "pd.DataFrame", column: str) -> float:
    means = [sum(v) / len(v) for v in task_means(scored, column).values()]
    return sum(means) / len(means) if means else math.nan


def overall(df: "pd.DataFrame") -> "pd.DataFrame":
    """Per model: means over tasks (as in the per-configuration table), tokens, and the cost
    of the samples that have one, with the number that have none."""
    import pandas as pd

    if df.empty:
        return pd.DataFrame()
    rows = []
    for model, part in df.groupby("model"):
        scored = part[part["scored"]]
        cost = part["cost_usd"].astype(float)
        rows.append(
            {
                "model": model,
                "agent": ", ".join(sorted(set(part["agent"]))),
                "samples": len(part),
                "scored": len(scored),
                "infra_errors": int((~part["scored"]).sum()),
                "mean_score": _over_tasks(scored, "score"),
                "resolved_rate": _over_tasks(scored, "resolved"),
                "secure_resolved_rate": _over_tasks(scored, "secure_resolved"),
                "tokens": int(part["tokens"].sum()),
                "cost_usd": float(cost.sum(skipna=True)),
                "cost_missing": int(cost.isna().sum()),
            }
        )
    return pd.DataFrame(rows).set_index("model")


def status_table(df: "pd.DataFrame") -> "pd.DataFrame":
    """Every status seen, with its count, retried count and declared policy."""
    import pandas as pd

    from harness.results.taxonomy import POLICIES, Policy

    rows = []
    policies: dict[str, Policy] = {str(k): v for k, v in POLICIES.items()}
    for status, part in df.groupby("status") if not df.empty else []:
        policy = policies.get(str(status))
        rows.append(
            {
                "status": status,
                "samples": len(part),
                "retried": int((part["attempts"] > 1).sum()),
                "policy": policy.kind if policy else "unknown",
                "retries": policy.retries if policy else 0,
                "meaning": policy.meaning if policy else "",
            }
        )
    return pd.DataFrame(
        rows, columns=["status", "samples", "retried", "policy", "retries", "meaning"]
    )


def missing_dimensions(df: "pd.DataFrame") -> "pd.DataFrame":
    """Scored samples with a dimension that counted as 0 or has no value (a gated dimension of
    an unresolved sample, a grader without a result, a service that never started), one row per
    dimension: the recorded value, the value scored, the reason. Undeclared ones are left out."""
    import pandas as pd

    rows = []
    for r in df[df["scored"]].to_dict("records") if not df.empty else []:
        key = {k: r[k] for k in ("task_id", "epoch", "agent", "model")}
        if r["status"] == "startup_failed":
            rows.append({**key, "dimension": "all", "recorded": None, "counted_as": 0.0,
                         "reason": STARTUP_FAILED_REASON})  # fmt: skip
            continue
        for d, why in sorted(dict(r["missing"] or {}).items()):
            if not str(why).startswith(NOT_DECLARED):
                recorded = r.get(d)
                rows.append({**key, "dimension": d, "recorded": recorded,
                             "counted_as": scored_value(r, d), "reason": why})  # fmt: skip
    columns = [
        "task_id",
        "epoch",
        "agent",
        "model",
        "dimension",
        "recorded",
        "counted_as",
        "reason",
    ]
    return pd.DataFrame(rows, columns=columns)


def samples_table(df: "pd.DataFrame") -> "pd.DataFrame":
    """The Samples section: one row per sample with its dimensions as scored."""
    if df.empty:
        return df
    frame = df.assign(**scored_dimensions(df))
    return frame[
        [
            "task_id",
            "epoch",
            "agent",
            "model",
            "status",
            "score",
            *shown_dimensions(df),
            "checks_passed",
            "checks_total",
            "agent_outcome",
            "reason",
        ]
    ].reset_index(drop=True)


def design_criteria_table(df: "pd.DataFrame") -> "pd.DataFrame":
    """Per design task, configuration and rubric criterion: how many scored samples the judge
    found it met in (with a quote, by majority), and of how many it was asked about."""
    import pandas as pd

    rows = [
        {"task_id": r["task_id"], "agent": r["agent"], "model": r["model"], "criterion": cid,
         "met": int(met)}
        for r in df.to_dict("records") if r["scored"]
        for cid, met in (r.get("criteria") or {}).items()
    ]  # fmt: skip
    if not rows:
        return pd.DataFrame()
    g = pd.DataFrame(rows).groupby(["task_id", "agent", "model", "criterion"])["met"]
    return pd.DataFrame({"met": g.sum(), "asked": g.size()})


def junit_xml(df: "pd.DataFrame", run_id: str, elapsed: float | None = None) -> str:
    """One <testcase> per task x configuration: passed when every scored sample resolved,
    failure otherwise (with the mean score), skipped when only infra failures exist. A case's
    time is the sum of its samples' durations; the run's wall time, when known, is on the root."""
    import xml.etree.ElementTree as ET

    suites = ET.Element("testsuites", name=f"archbench {run_id}")
    if elapsed is not None:
        suites.set("time", f"{elapsed:.1f}")
    if not df.empty:
        frame = df.assign(
            res=df["resolved"].fillna(False).astype(bool) & df["scored"],
            sc=df["score"].where(df["scored"]),
        )
        g = frame.groupby(["agent", "model", "task_id"], sort=True)
        per = g.agg(
            scored=("scored", "sum"),
            resolved=("res", "sum"),
            score=("sc", "mean"),
            seconds=("total_seconds", "sum"),
            statuses=("status", lambda s: "; ".join(sorted(set(s)))),
        )
        for (agent, model), part in per.groupby(level=[0, 1], sort=True):
            suite = ET.SubElement(suites, "testsuite", name=f"{agent} / {model}")
            counts = {"tests": 0, "failures": 0, "skipped": 0}
            for key, row in part.iterrows():
                task = str(key[2]) if isinstance(key, tuple) else str(key)
                case = ET.SubElement(
                    suite, "testcase", classname=f"archbench.{agent}.{model}", name=task
                )
                case.set("time", f"{float(row['seconds']):.1f}")
                counts["tests"] += 1
                if not row["scored"]:
                    counts["skipped"] += 1
                    why = row["statuses"] or "no samples"
                    ET.SubElement(case, "skipped", message=f"infra failures only: {why}")
                elif row["resolved"] < row["scored"]:
                    counts["failures"] += 1
                    ET.SubElement(
                        case,
                        "failure",
                        message=(
                            f"resolved {int(row['resolved'])}/{int(row['scored'])}, "
                            f"mean score {float(row['score']):.3f}"
                        ),
                    )
            for key, value in counts.items():
                suite.set(key, str(value))
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


@dataclass(frozen=True)
class ReportPaths:
    markdown: Path
    csv: Path
    junit: Path
    html: Path
    parquet: Path


@dataclass(frozen=True)
class Tables:
    """Every table of a report, computed once for the Markdown and the HTML."""

    overall: "pd.DataFrame"
    configs: "pd.DataFrame"
    categories: "pd.DataFrame"
    tasks: "pd.DataFrame"
    missing: "pd.DataFrame"
    statuses: "pd.DataFrame"
    samples: "pd.DataFrame"
    design: "pd.DataFrame"


def by_configuration(df: "pd.DataFrame") -> "pd.DataFrame":
    """The frame the report's tables group: in a run of several runtimes the runtime joins the
    agent label ("arch @claude-code"), so every table keeps the runtimes of one agent and model
    apart instead of pooling them. Pure."""
    if df.empty or df["runtime"].nunique() <= 1:
        return df
    return df.assign(agent=df["agent"] + " @" + df["runtime"])


def tables(df: "pd.DataFrame") -> Tables:
    return Tables(
        overall=overall(df),
        configs=config_summary(df),
        categories=category_summary(df),
        tasks=per_task(df, by_agent=True),
        missing=missing_dimensions(df),
        statuses=status_table(df),
        samples=samples_table(df),
        design=design_criteria_table(df),
    )


def export_frame(df: "pd.DataFrame") -> "pd.DataFrame":
    """The samples as exported to CSV and Parquet: `missing` and `criteria` as JSON text,
    nulls kept."""
    return df.assign(
        **{
            column: df[column].map(lambda m: json.dumps(m or {}, sort_keys=True))
            for column in ("missing", "criteria")
        }
    )


def write_report(run_dir: str | Path) -> ReportPaths:
    from harness.reports.html_report import render_report_html
    from harness.reports.report_text import render_markdown

    run_dir = Path(run_dir)
    run = read_run(run_dir)
    df = results_df(run_dir)
    shown = by_configuration(df)
    t = tables(shown)
    paths = ReportPaths(
        run_dir / "report.md",
        run_dir / "samples.csv",
        run_dir / "junit.xml",
        run_dir / "report.html",
        run_dir / "samples.parquet",
    )
    viewer = f"\nWhy each sample scored what it did: `archbench view {run_dir}` (view/index.html)\n"
    paths.markdown.write_text(render_markdown(run, shown, t) + viewer)
    exported = export_frame(df)
    exported.to_csv(paths.csv, index=False)
    exported.to_parquet(paths.parquet, index=False)
    paths.junit.write_text(junit_xml(shown, run.run_id, elapsed_seconds(run)))
    paths.html.write_text(render_report_html(run, shown, t))
    return paths
