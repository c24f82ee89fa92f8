"""How small a drop can a comparison of two runs detect? The minimum detectable effect (MDE)
of the paired fixed-suite test for N tasks and K epochs per arm, before anything is run.

Fixed-suite SE of the mean paired difference with independent arms of equal within-task
variance s_i^2: (1/N) sqrt(sum_i 2 s_i^2 / K). MDE = (t_{1-alpha} + t_power) SE (one-sided),
with compare's degrees of freedom 2 N (K - 1); K = 1 has none, and uses z.
"""

import math
from collections.abc import Sequence
from pathlib import Path

from harness import stats
from harness.errors import InputError
from harness.reports.compare import SMALL_SUITE
from harness.results.log import SCORED_STATUSES, read_run, read_samples

EPOCHS = (1, 3, 5, 10)
PASS_RATES = (0.5, 0.7, 0.9)
"""A binary outcome at pass rate p has variance p(1-p): 0.5 is the worst case."""


def mde_for(variances: Sequence[float], epochs: int, alpha: float, power: float) -> float:
    """MDE of the paired difference, given per-task within-task variances (one per task): t
    with compare's degrees of freedom (2 N (K - 1)) for K >= 2, normal for K = 1. Pure."""
    if not variances or epochs < 1:
        return math.nan
    se = math.sqrt(sum(2 * v / epochs for v in variances)) / len(variances)
    if epochs == 1:
        return stats.mde(se, alpha, power)
    return stats.mde_t(se, 2 * len(variances) * (epochs - 1), alpha, power)


def mde_table(
    n_tasks: int,
    *,
    epochs: Sequence[int] = EPOCHS,
    pass_rates: Sequence[float] = PASS_RATES,
    measured: Sequence[float] | None = None,
    alpha: float = 0.05,
    power: float = 0.80,
) -> list[dict[str, object]]:
    """One row per assumption (a pass rate, or the variances `measured` in a run), one column
    per K: the MDE in points. Pure."""
    rows: list[dict[str, object]] = []
    assumptions: list[tuple[str, list[float]]] = [
        (f"binary, pass rate {p:.1f}", [p * (1 - p)] * n_tasks) for p in pass_rates
    ]
    if measured is not None:
        assumptions.append(("measured (score, within-task)", list(measured)))
    for label, variances in assumptions:
        row: dict[str, object] = {"assumption": label, "tasks": len(variances)}
        for k in epochs:
            row[f"K={k}"] = 100 * mde_for(variances, k, alpha, power)
        rows.append(row)
    return rows


def within_task_variances(scores: dict[tuple[str, str], list[float]]) -> list[float]:
    """Per task, the mean over configurations of the sample variance of its scores across
    epochs; `scores` maps (task, configuration) to the scores of its epochs. Tasks seen with
    fewer than 2 epochs are left out. Pure."""
    per_task: dict[str, list[float]] = {}
    for (task, _config), values in scores.items():
        if len(values) >= 2:
            per_task.setdefault(task, []).append(stats.sample_var(values))
    return [stats.mean(v) for _, v in sorted(per_task.items())]


def compare_test_notes(n_tasks: int, alpha: float) -> list[str]:
    """What the table assumes and which test compare will actually run for this suite. Pure."""
    notes = [
        "K=1: compare has no within-task variance, so it runs McNemar (one binary sample per "
        "task) or a test over tasks; the K=1 column is the normal approximation."
    ]
    if n_tasks < SMALL_SUITE:
        floor = stats.sign_flip_floor(n_tasks)
        text = (
            f"{n_tasks} tasks (< {SMALL_SUITE}): compare runs an exact sign-flip test; its "
            f"smallest p is 2^-{n_tasks} = {floor:.3g}"
        )
        if floor >= alpha:
            text += f" >= alpha {alpha:g}, so no drop can be detected: add tasks"
        notes.append(text + "; the table is the normal approximation.")
    return notes


def render_table(rows: list[dict[str, object]], alpha: float, power: float) -> str:
    """Markdown: MDE in points per assumption and K, then which test compare will run."""
    if not rows:
        return ""
    tasks = rows[0]["tasks"]
    notes = compare_test_notes(tasks, alpha) if isinstance(tasks, int) else []
    heads = list(rows[0])
    lines = [
        f"MDE (points) of `archbench compare`, one-sided alpha={alpha:g}, power={power:.0%}, "
        "fixed-suite paired t test, K epochs in each run",
        "",
        "| " + " | ".join(heads) + " |",
        "|" + "---|" * len(heads),
    ]
    for r in rows:
        cells = [f"{v:.1f}" if isinstance(v, float) else str(v) for v in r.values()]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", *(f"- {note}" for note in notes)]
    return "\n".join(lines) + "\n"


def run_variances(run_dir: Path) -> list[float]:
    """`within_task_variances` of a run's scored samples (configuration = agent/model);
    InputError when no task has 2 or more scored epochs."""
    read_run(run_dir)  # a results folder, or a one-line error
    scores: dict[tuple[str, str], list[float]] = {}
    for s in read_samples(run_dir):
        if s.status in SCORED_STATUSES and s.score is not None:
            scores.setdefault((s.task_id, f"{s.agent}/{s.model}"), []).append(s.score)
    measured = within_task_variances(scores)
    if not measured:
        raise InputError(
            f"{run_dir}: no task has 2 or more scored epochs; run it with --epochs 3 or more"
        )
    return measured
