"""Reports built from a results folder alone (no Docker): a samples DataFrame, per-task and
overall tables, report.md and samples.csv. pandas is imported lazily.
"""

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from harness.report_stats import category_summary, config_summary
from harness.results import SCORED_STATUSES, RunRecord, read_run, read_samples

if TYPE_CHECKING:
    import pandas as pd

SAMPLE_COLUMNS = (
    "task_id",
    "epoch",
    "model",
    "agent",
    "status",
    "score",
    "resolved",
    "secure_resolved",
    "functional",
    "security",
    "performance",
    "quality",
    "checks_passed",
    "checks_total",
    "agent_outcome",
    "attempts",
    "turns",
    "tool_calls",
    "input_tokens",
    "output_tokens",
    "cache_creation_input_tokens",
    "cache_read_input_tokens",
    "cost_usd",
    "agent_seconds",
    "grading_seconds",
    "total_seconds",
    "reason",
)


def results_df(run_dir: Path) -> "pd.DataFrame":
    """One row per finished sample, from samples.jsonl."""
    import pandas as pd

    rows = [s.model_dump(exclude={"graders"}) for s in read_samples(run_dir)]
    df = pd.DataFrame(rows, columns=[*SAMPLE_COLUMNS, "missing", "sample_id", "run_id"])
    df["tokens"] = df[
        ["input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens"]
    ].sum(axis=1)
    df["scored"] = df["status"].isin(sorted(SCORED_STATUSES))
    categories = _categories(run_dir)
    df["category"] = [categories.get(t, "unknown") for t in df["task_id"]]
    return df


def _categories(run_dir: Path) -> dict[str, str]:
    if not (run_dir / "run.json").is_file():
        return {}
    return {t.id: t.category for t in read_run(run_dir).tasks}


def per_task(df: "pd.DataFrame") -> "pd.DataFrame":
    """Mean score and resolve rate per task and model over scored samples; infra errors counted."""
    import pandas as pd

    if df.empty:
        return pd.DataFrame()
    scored = df[df["scored"]]
    g = scored.groupby(["task_id", "model"])
    out = pd.DataFrame(
        {
            "samples": g.size(),
            "score": g["score"].mean(),
            "resolved": g["resolved"].mean(),
            "secure_resolved": g["secure_resolved"].mean(),
            "functional": g["functional"].mean(),
            "security": g["security"].mean(),
            "performance": g["performance"].mean(),
            "quality": g["quality"].mean(),
            "checks": g["checks_passed"].sum().astype(str)
            + "/"
            + g["checks_total"].sum().astype(str),
            "tokens": g["tokens"].mean(),
            "seconds": g["total_seconds"].mean(),
        }
    )
    infra = df[~df["scored"]].groupby(["task_id", "model"]).size()
    out["infra_errors"] = infra.reindex(out.index).fillna(0).astype(int) if not out.empty else 0
    missing = infra.index.difference(out.index)
    if len(missing):
        extra = pd.DataFrame({"samples": 0, "infra_errors": infra[missing]}, index=missing)
        out = pd.concat([out, extra])
    return out.sort_index()


def overall(df: "pd.DataFrame") -> "pd.DataFrame":
    import pandas as pd

    if df.empty:
        return pd.DataFrame()
    rows = []
    for model, part in df.groupby("model"):
        scored = part[part["scored"]]
        cost = part["cost_usd"]
        rows.append(
            {
                "model": model,
                "agent": ", ".join(sorted(set(part["agent"]))),
                "samples": len(part),
                "scored": len(scored),
                "infra_errors": int((~part["scored"]).sum()),
                "mean_score": scored["score"].mean() if len(scored) else float("nan"),
                "resolved_rate": scored["resolved"].mean() if len(scored) else float("nan"),
                "secure_resolved_rate": (
                    scored["secure_resolved"].mean() if len(scored) else float("nan")
                ),
                "tokens": int(part["tokens"].sum()),
                "cost_usd": float(cost.sum()) if cost.notna().all() else float("nan"),
                "wall_seconds": float(part["total_seconds"].sum()),
            }
        )
    return pd.DataFrame(rows).set_index("model")


def _md_table(df: "pd.DataFrame") -> str:
    if df.empty:
        return "_no samples_\n"
    import pandas as pd

    frame = df if isinstance(df.index, pd.RangeIndex) else df.reset_index()
    cols = [str(c) for c in frame.columns]

    def fmt(v: object) -> str:
        text = f"{v:.3f}" if isinstance(v, float) else str(v)
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join(lines) + "\n"


NOT_DECLARED = "the task declares no"


def status_table(df: "pd.DataFrame") -> "pd.DataFrame":
    """Every status seen, with its count, retried count and declared policy."""
    import pandas as pd

    from harness.taxonomy import POLICIES, Policy

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
    """Scored samples with a dimension that has no value (a grader error, or a gated dimension
    of an unresolved sample), one row per dimension with the reason. Dimensions a task does not
    declare are not listed."""
    import pandas as pd

    rows = [
        {
            "task_id": r["task_id"],
            "epoch": r["epoch"],
            "model": r["model"],
            "dimension": d,
            "reason": why,
        }
        for r in df[df["scored"] & df["missing"].map(bool)].to_dict("records")
        for d, why in sorted(dict(r["missing"] or {}).items())
        if not str(why).startswith(NOT_DECLARED)
    ]
    columns = ["task_id", "epoch", "model", "dimension", "reason"]
    return pd.DataFrame(rows, columns=columns)


def _html(run: RunRecord, t: "Tables", header: list[str]) -> str:
    from harness import html_report as h

    tasks, configs, categories = t.tasks, t.configs, t.categories
    plots = "".join(
        f"<figure>{svg}<figcaption>{caption}</figcaption></figure>"
        for svg, caption in (
            (h.category_bars(categories), "Mean score per category, 95% super-population bars"),
            (h.task_heatmap(tasks), "Mean score per task and configuration"),
            (h.cost_scatter(t.overall), "Cost against mean score per model"),
        )
        if svg
    )
    return h.render_html(
        f"archbench report: {run.run_id}",
        [line.lstrip("- ").replace("**", "") for line in header],
        [
            ("Plots", plots or "<p><em>no samples</em></p>"),
            ("Overall", h.table_html(t.overall)),
            ("Per configuration", h.table_html(configs)),
            ("Per category", h.table_html(categories)),
            ("Per task", h.table_html(tasks)),
            ("Dimensions without a value", h.table_html(t.missing)),
        ],
    )


def junit_xml(df: "pd.DataFrame", run_id: str) -> str:
    """One <testcase> per task x configuration: passed when every scored sample resolved,
    failure otherwise (with the mean score), skipped when only infra failures exist."""
    import xml.etree.ElementTree as ET

    suites = ET.Element("testsuites", name=f"archbench {run_id}")
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


def tables(df: "pd.DataFrame") -> Tables:
    return Tables(
        overall=overall(df),
        configs=config_summary(df),
        categories=category_summary(df),
        tasks=per_task(df),
        missing=missing_dimensions(df) if not df.empty else df,
        statuses=status_table(df),
    )


def write_report(run_dir: Path) -> ReportPaths:
    run = read_run(run_dir)
    df = results_df(run_dir)
    t = tables(df)
    statuses = df["status"].value_counts().to_dict() if not df.empty else {}
    unsupported = list(dict.fromkeys(t for a in run.all_agents() for t in a.unsupported_tools))
    md = [
        f"# archbench report: {run.run_id}\n",
        f"- harness {run.harness_version} ({run.git_sha}), status **{run.status}**",
        *(
            f"- agent `{a.label or a.name}` ({a.path}, sha256 {a.sha256[:12]})"
            for a in run.all_agents()
        ),
        f"- models: {', '.join(run.models)} ({run.model_reason})",
        f"- tasks: {len(run.tasks)}, epochs: {run.epochs}, samples finished: {len(df)}",
        f"- statuses: {', '.join(f'{k}={v}' for k, v in sorted(statuses.items())) or 'none'}",
        f"- tools not offered (unsupported): {', '.join(unsupported) or 'none'}",
        "\nInfra failures (sandbox/model/grader errors) are excluded from scores and counted "
        "apart; a service that never became ready (`startup_failed`) scores 0.\n",
        "## How samples ended\n",
        "score: counted as graded; score_zero: counted as 0; exclude: an infrastructure "
        "failure, retried as shown, then left out of scores (never counted as the agent's).\n",
        _md_table(t.statuses),
        "## Overall\n",
        _md_table(t.overall),
        "## Per configuration\n",
        "95% intervals: fixed-suite (this suite, within-task variance; needs >= 2 epochs) and "
        "super-population (tasks as a sample); Wilson over samples for the resolve rate. "
        "pass@k / pass^k (unbiased, k = epochs) when epochs >= 2.\n",
        _md_table(t.configs),
        "## Per category\n",
        _md_table(t.categories),
        "## Per task\n",
        "Dimensions: functional (hidden tests), security (probes; scored only when resolved), "
        "performance (load probe; only when resolved), quality (lint). `secure_resolved`: "
        "resolved with no failed security probe.\n",
        _md_table(t.tasks),
        "## Dimensions without a value\n",
        "Grader errors and gated dimensions of unresolved samples (they count as 0 or are left "
        "out of the score, as the reason says).\n",
        _md_table(t.missing),
        "## Samples\n",
        _md_table(
            df[
                [
                    "task_id",
                    "epoch",
                    "model",
                    "status",
                    "score",
                    "functional",
                    "security",
                    "performance",
                    "quality",
                    "checks_passed",
                    "checks_total",
                    "agent_outcome",
                    "reason",
                ]
            ]
            if not df.empty
            else df
        ),
    ]
    paths = ReportPaths(
        run_dir / "report.md",
        run_dir / "samples.csv",
        run_dir / "junit.xml",
        run_dir / "report.html",
        run_dir / "samples.parquet",
    )
    paths.markdown.write_text("\n".join(md))
    df.to_csv(paths.csv, index=False)
    df.drop(columns=["missing"]).to_parquet(paths.parquet, index=False)
    paths.junit.write_text(junit_xml(df, run.run_id))
    paths.html.write_text(_html(run, t, header=md[1:6]))
    return paths
