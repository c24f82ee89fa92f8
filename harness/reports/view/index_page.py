"""The run's index: how samples ended, the per-task table with links, a link to the report's
plots, and a filterable list of every sample. The list's rows live in samples.js (data only)
and are drawn by the viewer's script a page at a time, so a 10,000-sample run opens quickly.
"""

import json
import math
from collections import Counter, defaultdict
from urllib.parse import quote

from harness.reports.view.html import badge, number, page, table, text
from harness.reports.view.records import RunView, sample_slug
from harness.reports.view.summary import config_table
from harness.results.log import SCORED_STATUSES, SampleRecord
from harness.results.taxonomy import POLICIES

COLUMNS = (
    "href", "task", "epoch", "agent", "model", "runtime", "status", "score", "checks",
    "tokens", "cost", "reason", "failed",
)  # fmt: skip
SHOWN = (
    "epoch",
    "agent",
    "model",
    "runtime",
    "status",
    "score",
    "checks",
    "tokens",
    "cost",
    "reason",
)


def failed(s: SampleRecord) -> bool:
    """Not resolved: scored without resolving, or an infrastructure failure."""
    return s.status not in SCORED_STATUSES or not s.resolved


def samples_js(view: RunView) -> str:
    """The rows of the sample list as a script that only assigns data."""
    rows = [
        [
            f"s/{sample_slug(s)}.html",
            s.task_id,
            s.epoch,
            s.agent,
            s.model,
            s.runtime,
            s.status,
            "" if s.score is None else round(s.score, 3),
            f"{s.checks_passed}/{s.checks_total}",
            s.input_tokens
            + s.output_tokens
            + s.cache_read_input_tokens
            + s.cache_creation_input_tokens,
            "" if s.cost_usd is None else round(s.cost_usd, 4),
            s.reason[:200],
            failed(s),
        ]
        for s in view.samples
    ]
    shown = [c for c in SHOWN if c != "runtime" or len(view.runtimes) > 1]
    payload = {"columns": {c: i for i, c in enumerate(COLUMNS)}, "shown": shown, "rows": rows}
    data = json.dumps(payload, ensure_ascii=True).replace("<", "\\u003c")  # no markup at all
    return f"window.ARCHBENCH_SAMPLES = {data};\n"


def _worst(samples: list[SampleRecord]) -> SampleRecord:
    return min(samples, key=lambda s: (s.status in SCORED_STATUSES, s.score or 0.0, s.epoch))


def task_table(view: RunView) -> str:
    groups: dict[tuple[str, str, str, str], list[SampleRecord]] = defaultdict(list)
    for s in view.samples:
        groups[(s.task_id, s.agent, s.model, s.runtime)].append(s)
    rows = []
    for (task, agent, model, runtime), group in sorted(groups.items()):
        scored = [s for s in group if s.status in SCORED_STATUSES]
        mean = sum(s.score or 0.0 for s in scored) / len(scored) if scored else math.nan
        resolved = sum(bool(s.resolved) for s in scored)
        statuses = Counter(s.status for s in group)
        worst = _worst(group)
        rows.append(
            [
                f'<a href="#task={quote(task, safe="")}">{text(task)}</a>',
                text(agent),
                text(model),
                *([text(runtime)] if len(view.runtimes) > 1 else []),
                str(len(group)),
                "–" if math.isnan(mean) else f"{mean:.3f}",
                f"{resolved}/{len(scored)}",
                text(", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))),
                f'<a href="s/{sample_slug(worst)}.html">epoch {worst.epoch}</a> '
                f"({number(worst.score)})",
            ]
        )
    head = ["task", "agent", "model", *(["runtime"] if len(view.runtimes) > 1 else [])]
    head += ["samples", "mean score", "resolved", "statuses", "lowest sample"]
    return table(head, rows)


def _heat(score: float) -> str:
    return (
        "#ddd" if math.isnan(score) else f"rgb({int(215 - 180 * score)},{int(48 + 140 * score)},80)"
    )


def score_grid(view: RunView) -> str:
    """Tasks (rows) by configurations (columns), each cell coloured by its mean score."""
    cells: dict[tuple[str, str], list[float]] = defaultdict(list)
    for s in view.samples:
        config = f"{s.agent}/{s.model}" + (f" ({s.runtime})" if len(view.runtimes) > 1 else "")
        scored = s.status in SCORED_STATUSES
        cells[(s.task_id, config)] += [s.score or 0.0] if scored else []
    tasks = sorted({t for t, _ in cells})
    configs = sorted({c for _, c in cells})
    cell, left, top = 16, 220, 16 * len(configs) + 10
    parts = [
        f'<text x="{left + 4}" y="{14 + 16 * j}">{j + 1}: {text(c, 200)}</text>'
        for j, c in enumerate(configs)
    ]
    for i, task in enumerate(tasks):
        y = top + i * cell
        parts.append(f'<text x="{left - 6}" y="{y + 12}" text-anchor="end">{text(task)}</text>')
        for j, config in enumerate(configs):
            v = cells.get((task, config))
            mean = sum(v) / len(v) if v else math.nan
            label = "no score" if math.isnan(mean) else f"{mean:.2f}"
            parts.append(
                f'<rect x="{left + j * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'fill="{_heat(mean)}"><title>{text(task)} · {j + 1}: {label}</title></rect>'
            )
    width, height = left + cell * len(configs) + 400, top + cell * len(tasks) + 10
    return (
        f'<svg id="score-grid" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{height}" role="img">{"".join(parts)}</svg>'
    )


def status_table(view: RunView) -> str:
    counts = Counter(s.status for s in view.samples)
    retried = Counter(s.status for s in view.samples if s.attempts > 1)
    rows = []
    for status, n in sorted(counts.items()):
        policy = POLICIES.get(status)
        rows.append(
            [
                badge(status, "ok" if status in SCORED_STATUSES else "bad"),
                str(n),
                str(retried[status]),
                text(policy.kind if policy else "unknown"),
                text(policy.meaning if policy else ""),
            ]
        )
    return table(["status", "samples", "retried", "policy", "meaning"], rows)


RUNTIME_FILTER = (
    '<label>runtime <select id="f-runtime"><option value="">any</option></select></label>'
)
FILTERS = """
<div class="filters">
<label>status <select id="f-status"><option value="">any</option></select></label>
<label>agent <select id="f-agent"><option value="">any</option></select></label>
<label>model <select id="f-model"><option value="">any</option></select></label>
{runtime}<label>task <input id="f-task" type="search" placeholder="task id contains"></label>
<label><input id="f-failed" type="checkbox"> failed only</label>
<span id="count"></span> <button id="more" type="button" hidden>show all</button>
</div>
<noscript><p class="warn">The sample list needs the viewer's script; the table above links
to each configuration's lowest-scoring sample.</p></noscript>
"""


def plots_section(plots: list[tuple[str, str]]) -> str:
    """The report's plots, as images (SVG files beside the index; no script runs in them)."""
    return "".join(
        f'<figure><img src="{quote(src)}" alt="{text(caption)}">'
        f"<figcaption>{text(caption)}</figcaption></figure>"
        for src, caption in plots
    )


def render_index(
    view: RunView, *, report_link: bool, plots: list[tuple[str, str]] | None = None
) -> str:
    run = view.run
    agents = ", ".join(f"{a.label or a.name} ({a.path})" for a in run.all_agents())
    facts = [
        f"status {text(run.status)} · harness {text(run.harness_version)} ({text(run.git_sha)})",
        f"agents: {text(agents)}",
        f"models: {text(', '.join(run.models))}",
        f"{len(run.tasks)} tasks · {run.epochs} epochs · {len(view.samples):,} samples finished",
    ]
    if report_link:
        facts.append('every table and statistic: <a href="../report.html">report.html</a>')
    head = ["task", *SHOWN]
    several = len(view.runtimes) > 1
    sample_list = FILTERS.format(runtime=RUNTIME_FILTER if several else "") + table(
        [text(h) for h in head if h != "runtime" or len(view.runtimes) > 1], [], "samples"
    ).replace("<tbody></tbody>", '<tbody id="samples-body"></tbody>')
    body = (
        f"<h1>archbench view: {text(run.run_id)}</h1><ul>"
        + "".join(f"<li>{f}</li>" for f in facts)
        + "</ul><h2>Per configuration</h2>"
        + config_table(view.samples, runtimes=several)
        + "<h2>How samples ended</h2>"
        + status_table(view)
        + "<h2>Per task</h2>"
        + task_table(view)
        + "<h2>Mean score per task and configuration</h2>"
        + score_grid(view)
        + ("<h2>Plots</h2>" + plots_section(plots) if plots else "")
        + "<h2>Samples</h2>"
        + sample_list
    )
    return page(f"archbench view: {run.run_id}", body, root="", scripts=["samples.js", "viewer.js"])
