"""A self-contained HTML report: tables plus inline SVG plots (no scripts from anywhere else,
no network): per-category scores with 95% error bars, a per-task heatmap across
configurations, and cost against score. Pure string building from DataFrames.
"""

import html
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")
CSS = """
body{font-family:system-ui,sans-serif;margin:2rem;max-width:1200px;color:#222}
table{border-collapse:collapse;margin:1rem 0;font-size:.85rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th{background:#f3f3f3} td:first-child,th:first-child{text-align:left}
figure{margin:1.5rem 0} figcaption{font-size:.85rem;color:#555}
svg text{font-size:11px;font-family:system-ui,sans-serif}
"""


def esc(value: object) -> str:
    return html.escape(str(value), quote=True)


def _fmt(v: object) -> str:
    if isinstance(v, float):
        return "" if math.isnan(v) else f"{v:.3f}"
    return str(v)


def table_html(df: "pd.DataFrame") -> str:
    import pandas as pd

    if df.empty:
        return "<p><em>no samples</em></p>"
    frame = df if isinstance(df.index, pd.RangeIndex) else df.reset_index()
    head = "".join(f"<th>{esc(c)}</th>" for c in frame.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{esc(_fmt(v))}</td>" for v in row) + "</tr>"
        for row in frame.itertuples(False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def category_bars(cat: "pd.DataFrame") -> str:
    """Grouped bars: mean score per category, one bar per configuration, 95% error bars."""
    if cat.empty:
        return ""
    frame = cat.reset_index()
    frame["config"] = frame["agent"] + " / " + frame["model"]
    categories = list(dict.fromkeys(frame["category"]))
    configs = list(dict.fromkeys(frame["config"]))
    width, height, left, bottom = 280 + 70 * len(categories), 300, 50, 90
    plot_h = height - bottom - 20
    bar_w = 60 / max(1, len(configs))
    parts = [_axis(left, 20, plot_h, width - left - 210)]
    for ci, category in enumerate(categories):
        x0 = left + 10 + ci * 70
        for k, config in enumerate(configs):
            row = frame[(frame["category"] == category) & (frame["config"] == config)]
            if row.empty:
                continue
            mean, half = float(row["mean_score"].iloc[0]), float(row["half_width95"].iloc[0])
            x = x0 + k * bar_w
            y = 20 + plot_h * (1 - mean)
            color = PALETTE[k % len(PALETTE)]
            parts.append(
                f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w - 2:.1f}" '
                f'height="{plot_h * mean:.1f}" fill="{color}"><title>{esc(category)} '
                f"{esc(config)}: {mean:.3f}</title></rect>"
            )
            if not math.isnan(half):
                lo, hi = max(0.0, mean - half), min(1.0, mean + half)
                cx = x + (bar_w - 2) / 2
                parts.append(
                    f'<line class="errbar" x1="{cx:.1f}" x2="{cx:.1f}" '
                    f'y1="{20 + plot_h * (1 - lo):.1f}" y2="{20 + plot_h * (1 - hi):.1f}" '
                    'stroke="#000"/>'
                )
        parts.append(
            f'<text x="{x0:.1f}" y="{height - bottom + 14}" transform="rotate(30 {x0:.1f} '
            f'{height - bottom + 14})">{esc(category)}</text>'
        )
    parts += _legend(configs, width - 200, 10)
    return _svg("category-scores", width, height, parts)


def task_heatmap(per_task: "pd.DataFrame") -> str:
    """Tasks (rows) x configurations (columns), cells coloured by mean score."""
    if per_task.empty:
        return ""
    frame = per_task.reset_index()
    if "agent" not in frame:
        frame["agent"] = ""
    frame["config"] = (frame["agent"] + " / " + frame["model"]).str.strip(" /")
    tasks = sorted(set(frame["task_id"]))
    configs = list(dict.fromkeys(frame["config"]))
    cell, left, top = 22, 200, 110
    width, height = left + cell * len(configs) + 20, top + cell * len(tasks) + 10
    grid = frame.groupby(["task_id", "config"])["score"].first().to_dict()
    parts = []
    for j, config in enumerate(configs):
        x = left + j * cell + cell / 2
        parts.append(
            f'<text x="{x}" y="{top - 6}" transform="rotate(-60 {x} {top - 6})">'
            f"{esc(config)}</text>"
        )
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
        parts.append(f'<text x="{x + 8:.1f}" y="{y + 4:.1f}">{esc(model)}</text>')
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
  document.body.setAttribute("data-rendered", "ok");
});
</script>
"""
"""Marks the DOM once the page has loaded, so a headless browser check can read it back."""


def render_html(title: str, header: list[str], sections: list[tuple[str, str]]) -> str:
    body = "".join(f"<h2>{esc(h)}</h2>{content}" for h, content in sections)
    items = "".join(f"<li>{esc(line)}</li>" for line in header)
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{esc(title)}</title><style>{CSS}</style></head><body>"
        f"<h1>{esc(title)}</h1><ul>{items}</ul>{body}{CHECK_SCRIPT}</body></html>\n"
    )
