"""The text `archbench compare` prints: what was compared and what differs, the difference with
the one-sided bound that decides and a two-sided 95% interval, the test, its MDE, the verdict,
the per-task table (rows marked when not like for like), and the agent file's diff."""

import math

from harness import stats
from harness.reports.compare import BH_Q, Comparison, RunSide, prompt_diff


def _pct(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{100 * x:+.1f} pts"


def _header(c: Comparison, base: RunSide, cand: RunSide) -> list[str]:
    lines = [
        f"# archbench compare: {base.run.run_id} (base) vs {cand.run.run_id} (candidate)",
        "",
        f"metric: {c.metric}; paired tasks: {len(c.tasks)}; margin delta: {c.delta_margin:g}; "
        f"alpha (one-sided): {c.alpha:g}",
    ]
    if c.differences:
        lines.append(
            f"NOT LIKE FOR LIKE (compared with --allow-unlike): {c.differences.summary()}; "
            "affected rows are marked in the table"
        )
    base_models = sorted({s.model for s in base.samples})
    cand_models = sorted({s.model for s in cand.samples})
    if base_models != cand_models:
        lines.append(
            f"models differ: base {', '.join(base_models)}, candidate {', '.join(cand_models)}"
        )
    if base.agent.sha256 != cand.agent.sha256:
        lines.append(
            f"agent files differ: base {base.agent.label or base.agent.name} "
            f"(sha256 {base.agent.sha256[:12]}), candidate {cand.agent.label or cand.agent.name} "
            f"(sha256 {cand.agent.sha256[:12]}); the diff is at the end"
        )
    if c.unpaired:
        lines.append(f"tasks in one run only (not compared): {', '.join(c.unpaired)}")
    for name, missing in (("base", c.missing_base), ("candidate", c.missing_cand)):
        if missing:
            counts = ", ".join(f"{k}={v}" for k, v in sorted(missing.items()))
            lines.append(f"infra failures in {name} (left out, not scored): {counts}")
    return lines


def mde_text(c: Comparison) -> str:
    """The MDE line: value and method, or why there is none; and whether it exceeds delta."""
    m = c.mde
    if math.isinf(m.value) or math.isnan(m.value):
        return f"MDE (80% power): none ({m.note or 'not computable'})"
    text = f"MDE (80% power, {m.method}): {100 * m.value:.1f} pts"
    if m.value > c.delta_margin:
        text += (
            f"; larger than the margin {100 * c.delta_margin:.1f} pts: the test could miss "
            "a drop of the margin's size"
        )
    return text


def _verdict_lines(c: Comparison) -> list[str]:
    b = c.bounds
    lines = [
        f"difference (candidate - base): {_pct(c.delta)}; SE {c.se:.4f} ({c.se_kind})",
        f"one-sided {100 * (1 - c.alpha):.0f}% lower bound (decides PASS against -delta): "
        f"{_pct(b.lower)}; two-sided 95% interval: [{_pct(b.ci95_low)}, {_pct(b.ci95_high)}] "
        f"({b.method})",
        f"test: {c.test}, p = {c.p_value:.4g}",
        mde_text(c),
    ]
    if c.tasks and c.per_task_floor > BH_Q:
        lines.append(
            f"per-task column: cannot flag any task at these epochs (the smallest per-task p "
            f"is {c.per_task_floor:.3g} > q = {BH_Q:g}); run more epochs per side"
        )
    verdict = f"VERDICT: {c.verdict}"
    if c.verdict == "PASS":
        verdict += f" (non-inferior within {c.delta_margin:g})"
    elif len(c.tasks) < stats.MIN_TASKS:
        verdict += f" (too few paired tasks: {len(c.tasks)}, needs {stats.MIN_TASKS})"
    return [*lines, verdict]


def _task_rows(c: Comparison) -> list[str]:
    marked = any(t.differs for t in c.tasks)
    head = "| task | base | candidate | change | p (one-sided) | investigate (BH q=0.10) |"
    lines = [head + (" not like for like |" if marked else ""), "|---" * (7 if marked else 6) + "|"]
    for t in sorted(c.tasks, key=lambda t: (t.delta, t.task_id)):
        row = (
            f"| {t.task_id} | {stats.mean(t.base):.3f} (n={len(t.base)}) | "
            f"{stats.mean(t.cand):.3f} (n={len(t.cand)}) | {_pct(t.delta)} | {t.p_value:.3g} | "
            f"{'yes' if t.flagged else ''} |"
        )
        lines.append(row + (f" {'; '.join(t.differs)} |" if marked else ""))
    return lines


def render(c: Comparison, base: RunSide, cand: RunSide) -> str:
    """The comparison as text (Markdown-friendly)."""
    lines = [*_header(c, base, cand), "", *_verdict_lines(c), "", *_task_rows(c)]
    worse = [t.task_id for t in c.tasks if t.delta < 0]
    better = [t.task_id for t in c.tasks if t.delta > 0]
    lines += [
        "",
        f"got worse: {', '.join(worse) or 'none'}",
        f"got better: {', '.join(better) or 'none'}",
    ]
    diff = prompt_diff(base.agent, cand.agent)
    if diff:
        lines += ["", "agent file changed:", "```diff", *diff, "```"]
    return "\n".join(lines) + "\n"
