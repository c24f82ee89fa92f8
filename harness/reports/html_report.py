"""A self-contained HTML report: the same header, sections, explanations and cells as
report.md (harness.reports.report_text), plus inline SVG plots (no scripts from anywhere else, no
network): per-category scores with their 95% intervals, a per-task heatmap across
configurations, and cost against score. Fits a 1280 px window: plots scale down, wide tables
scroll inside their own box. Pure string building from DataFrames.
"""

import html
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from harness.reports.report_text import display_frame, fmt_cell, header_items, sections

if TYPE_CHECKING:
    import pandas as pd

    from harness.reports.report import Tables
    from harness.results.log import RunRecord

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;padding:0 1rem;max-width:1200px;
color:#222;box-sizing:border-box}
.table-wrap{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}
svg.plot{max-width:100%;height:auto}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;font-size:.9rem}
dt{font-weight:600} dd{margin:0;overflow-wrap:anywhere} p.note{font-size:.9rem;color:#444}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th{background:#f3f3f3} td.text{text-align:left} td:first-child,th:first-child{text-align:left}
figure{margin:1.5rem 0} figcaption{font-size:.85rem;color:#555}
svg text{font-size:11px;font-family:system-ui,sans-serif}
"""
PLOT_CSS = "text{font-size:11px;font-family:system-ui,sans-serif}"
"""What a plot needs of the page's style when it is a file of its own."""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def table_html(df: "pd.DataFrame") -> str:
    """A table with the same cells as the Markdown, in a box that scrolls when it is wide;
    headers may break after an underscore, text cells are left-aligned."""
    if df.empty:
        return "<p><em>no samples</em></p>"
    frame = display_frame(df)
    cols = [str(c) for c in frame.columns]
    head = "".join(f"<th>{esc(c).replace('_', '_<wbr>')}</th>" for c in cols)
    rows = "".join(
        "<tr>" + "".join(_td(c, v) for c, v in zip(cols, row, strict=True)) + "</tr>"
        for row in frame.itertuples(False)
    )
    return (
        f'<div class="table-wrap"><table><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
    )


def _td(column: str, value: object) -> str:
    text = fmt_cell(column, value)
    numeric = text == "n/a" or text.replace(".", "", 1).replace("-", "", 1).isdigit()
    return f"<td>{esc(text)}</td>" if numeric else f'<td class="text">{esc(text)}</td>'


MAX_PLOT_WIDTH = 1100
"""Widest plot, in px: the page is 1200 px at most, so a 1280 px window shows all of it."""


def category_bars(cat: "pd.DataFrame") -> str:
    """Grouped bars: mean score per category, one bar per configuration, with the category's
    95% interval (the same numbers as the table; none where there are too few tasks)."""
    if cat.empty:
        return ""
    frame = cat.reset_index()
    frame["config"] = frame["agent"] + " / " + frame["model"]
    categories = list(dict.fromkeys(frame["category"]))
    configs = list(dict.fromkeys(frame["config"]))
    left, top, plot_h, label_h = 50, 20, 190, 90
    slot = min(70.0, (MAX_PLOT_WIDTH - left - 20) / len(categories))
    width = left + slot * len(categories) + 20
    height = top + plot_h + label_h + 16 * len(configs)
    bar_w = (slot - 10) / max(1, len(configs))
    parts = [_axis(left, top, plot_h, width - left - 10)]
    for ci, category in enumerate(categories):
        x0 = left + 5 + ci * slot
        for k, config in enumerate(configs):
            row = frame[(frame["category"] == category) & (frame["config"] == config)]
            if not row.empty:
                parts += _bar(row.iloc[0], x0 + k * bar_w, bar_w, top, plot_h, k)
        y_label = top + plot_h + 14
        parts.append(
            f'<text x="{x0:.1f}" y="{y_label}" transform="rotate(30 {x0:.1f} {y_label})">'
            f"{esc(category)}</text>"
        )
    parts += _legend(configs, left, top + plot_h + label_h)
    return _svg("category-scores", width, height, parts)


def _bar(row: "pd.Series", x: float, bar_w: float, top: float, plot_h: float, k: int) -> list[str]:
    mean, lo, hi = (float(row[c]) for c in ("mean_score", "ci95_low", "ci95_high"))
    label = f"{esc(row['category'])} {esc(row['config'])}: {mean:.3f}, 95% {esc(row['ci95'])}"
    parts = [
        f'<rect class="bar" x="{x:.1f}" y="{top + plot_h * (1 - mean):.1f}" '
        f'width="{bar_w - 2:.1f}" height="{plot_h * mean:.1f}" '
        f'fill="{PALETTE[k % len(PALETTE)]}"><title>{label}</title></rect>'
    ]
    if not math.isnan(lo):
        cx = x + (bar_w - 2) / 2
        parts.append(
            f'<line class="errbar" x1="{cx:.1f}" x2="{cx:.1f}" '
            f'y1="{top + plot_h * (1 - lo):.1f}" y2="{top + plot_h * (1 - hi):.1f}" '
            'stroke="#000"/>'
        )
    return parts


def config_task_scores(df: "pd.DataFrame") -> "pd.DataFrame":
    """Mean score over scored samples per task and configuration (agent / model)."""
    import pandas as pd

    scored = df[df["scored"]] if not df.empty else df
    if scored.empty:
        return pd.DataFrame(columns=["task_id", "config", "score"])
    frame = scored.assign(config=scored["agent"] + " / " + scored["model"])
    return frame.groupby(["task_id", "config"], sort=False)["score"].mean().reset_index()


def task_heatmap(scores: "pd.DataFrame") -> str:
    """Tasks (rows) x configurations (numbered columns, named in a key), cells coloured by
    mean score."""
    if scores.empty:
        return ""
    tasks = sorted(set(scores["task_id"]))
    configs = list(dict.fromkeys(scores["config"]))
    cell, left, top = 22, 220, 20 + 16 * len(configs) + 20
    width = max(left + cell * len(configs) + 20, 480)
    height = top + cell * len(tasks) + 10
    grid = {(r["task_id"], r["config"]): r["score"] for r in scores.to_dict("records")}
    parts = [
        f'<text x="10" y="{20 + 16 * j}">{j + 1}: {esc(config)}</text>'
        for j, config in enumerate(configs)
    ]
    for j in range(len(configs)):
        x = left + j * cell + cell / 2
        parts.append(f'<text x="{x}" y="{top - 6}" text-anchor="middle">{j + 1}</text>')
    for i, task in enumerate(tasks):
        y = top + i * cell
        parts.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end">{esc(task)}</text>')
        for j, config in enumerate(configs):
            value = grid.get((task, config))
            score = math.nan if value is None else float(value)
            fill = "#ddd" if math.isnan(score) else _heat(score)
            label = "no score" if math.isnan(score) else f"{score:.2f}"
            parts.append(
                f'<rect class="cell" x="{left + j * cell}" y="{y}" width="{cell - 2}" '
                f'height="{cell - 2}" fill="{fill}"><title>{esc(task)} {esc(config)}: '
                f"{label}</title></rect>"
            )
    return _svg("task-heatmap", width, height, parts)


def cost_scatter(summary: "pd.DataFrame") -> str:
    """Mean score against total cost, one point per configuration."""
    if summary.empty or "cost_usd" not in summary:
        return ""
    frame = summary.reset_index()
    costs = [float(c) for c in frame["cost_usd"].astype(float) if not math.isnan(c)]
    max_cost = max([*costs, 0.01])
    width, height, left, plot_w, plot_h = 520, 300, 50, 420, 240
    parts = [_axis(left, 20, plot_h, plot_w)]
    for k, row in enumerate(frame.to_dict("records")):
        cost, score, model = float(row["cost_usd"]), float(row["mean_score"]), row["model"]
        if math.isnan(score):
            continue
        x = left + plot_w * (0.0 if math.isnan(cost) else cost / max_cost)
        y = 20 + plot_h * (1 - score)
        parts.append(
            f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="6" '
            f'fill="{PALETTE[k % len(PALETTE)]}"><title>{esc(model)}: score {score:.3f}, '
            f"cost {'n/a' if math.isnan(cost) else f'${cost:.2f}'}</title></circle>"
        )
        right = x > left + plot_w / 2
        anchor = f'x="{x - 8:.1f}" text-anchor="end"' if right else f'x="{x + 8:.1f}"'
        parts.append(f'<text {anchor} y="{y + 4:.1f}">{esc(model)}</text>')
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 5}">cost (USD, max ${max_cost:.2f})</text>'
    )
    return _svg("cost-vs-score", width, height, parts)


def _heat(score: float) -> str:
    r = int(215 - 180 * score)
    g = int(48 + 140 * score)
    return f"rgb({r},{g},80)"


def _axis(left: float, top: float, plot_h: float, plot_w: float) -> str:
    ticks = "".join(
        f'<text x="{left - 6}" y="{top + plot_h * (1 - v) + 4:.1f}" text-anchor="end">{v:.2f}'
        f'</text><line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h * (1 - v):.1f}" '
        f'y2="{top + plot_h * (1 - v):.1f}" stroke="#eee"/>'
        for v in (0.0, 0.25, 0.5, 0.75, 1.0)
    )
    return (
        f'{ticks}<line x1="{left}" x2="{left}" y1="{top}" y2="{top + plot_h}" stroke="#333"/>'
        f'<line x1="{left}" x2="{left + plot_w}" y1="{top + plot_h}" y2="{top + plot_h}" '
        'stroke="#333"/>'
    )


def _legend(labels: list[str], x: float, y: float) -> list[str]:
    return [
        f'<rect x="{x}" y="{y + 16 * k}" width="10" height="10" '
        f'fill="{PALETTE[k % len(PALETTE)]}"/>'
        f'<text x="{x + 14}" y="{y + 16 * k + 9}">{esc(label)}</text>'
        for k, label in enumerate(labels)
    ]


def _svg(name: str, width: float, height: float, parts: list[str]) -> str:
    return (
        f'<svg id="{name}" class="plot" xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
        f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img">'
        + "".join(parts)
        + "</svg>"
    )


CHECK_SCRIPT = """
<script>
window.addEventListener("load", function () {
  var plots = document.querySelectorAll("svg.plot");
  var marks = document.querySelectorAll("svg.plot rect, svg.plot circle");
  document.body.setAttribute("data-plots", String(plots.length));
  document.body.setAttribute("data-marks", String(marks.length));
  var root = document.documentElement;
  document.body.setAttribute("data-scroll-width", String(root.scrollWidth));
  document.body.setAttribute("data-client-width", String(root.clientWidth));
  document.body.setAttribute("data-rendered", "ok");
});
</script>
"""
"""Marks the DOM once the page has loaded, so a headless browser check can read it back."""


def render_html(title: str, header: list[tuple[str, str]], sections: list[tuple[str, str]]) -> str:
    """A page: the title, the header as a definition list, then each (heading, HTML) section."""
    body = "".join(f"<h2>{esc(h)}</h2>{content}" for h, content in sections)
    items = "".join(f"<dt>{esc(label)}</dt><dd>{esc(text)}</dd>" for label, text in header)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'>"
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{esc(title)}</h1><dl>{items}</dl>{body}{CHECK_SCRIPT}</body></html>\n"
    )


@dataclass(frozen=True)
class Plot:
    name: str
    svg: str
    caption: str


def report_plots(df: "pd.DataFrame", t: "Tables") -> list[Plot]:
    """The report's plots (those with something to draw), each a standalone SVG document."""
    plots = [
        Plot("category", category_bars(t.categories), "Mean score per category, with its 95% "
             "interval (Wilson score, t(n-1) quantile; no bar below 3 tasks)"),
        Plot("tasks", task_heatmap(config_task_scores(df)),
             "Mean score per task and configuration"),
        Plot("cost", cost_scatter(t.overall), "Cost against mean score per model"),
    ]  # fmt: skip
    return [p for p in plots if p.svg]


def standalone_svg(svg: str) -> str:
    """A plot as an SVG file of its own (shown through <img>, where no script runs): the
    page's text and axis styles inlined, since the page's stylesheet does not reach it."""
    style = f"<style>{PLOT_CSS}</style>"
    head, sep, rest = svg.partition(">")
    return f"{head}{sep}{style}{rest}\n"


def render_report_html(run: "RunRecord", df: "pd.DataFrame", t: "Tables") -> str:
    """report.html: the Markdown report's header and sections (with their explanations), and
    the plots first."""
    plots = "".join(
        f"<figure>{p.svg}<figcaption>{esc(p.caption)}</figcaption></figure>"
        for p in report_plots(df, t)
    )
    body = [("Plots", plots or "<p><em>no samples</em></p>")]
    body += [
        (s.title, f'<p class="note">{esc(s.note)}</p>{table_html(s.frame)}') for s in sections(t)
    ]
    return render_html(f"archbench report: {run.run_id}", header_items(run, df), body)
