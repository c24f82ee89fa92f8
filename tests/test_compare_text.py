"""The text of `archbench compare`: labelled bounds, the MDE line, the per-task floor."""

import math
from pathlib import Path

from harness.reports.compare import Mde, compare_runs, compare_values
from harness.reports.compare_text import mde_text


def test_mde_text_says_why_there_is_none() -> None:
    c = compare_values({"a": [1.0]}, {"a": [1.0]})
    none = c.__class__(**{**c.__dict__, "mde": Mde(math.inf, "m", "no drop is detectable")})
    assert mde_text(none) == "MDE (80% power): none (no drop is detectable)"
    small = c.__class__(**{**c.__dict__, "mde": Mde(0.031, "normal")})
    assert mde_text(small) == "MDE (80% power, normal): 3.1 pts"


def test_render_labels_bounds_mde_and_the_per_task_floor(tmp_path: Path) -> None:
    from test_report import RUN, sample

    from harness.reports.compare import load_side
    from harness.reports.compare_text import render
    from harness.results.log import ResultsWriter

    def side(name: str, scores: list[float]) -> Path:
        w = ResultsWriter(tmp_path / name)
        w.write_run(RUN.model_copy(update={"run_id": name}))
        for i, sc in enumerate(scores):
            w.append_sample(sample(f"task{i}", "oracle", score=sc))
        return w.run_dir

    b = load_side(side("b", [1.0] * 5), None, "base")
    c = load_side(side("c", [1.0] * 4 + [0.0]), None, "cand")
    text = render(compare_runs(b, c, metric="score", delta_margin=0.05, alpha=0.05), b, c)
    assert "one-sided 95% lower bound (decides PASS against -delta): " in text
    assert "two-sided 95% interval: [" in text
    # McNemar b=1 of 5 pairs: a drop needs all 5 pairs to turn: 0.96^5 >= .8 > 0.955^5
    assert "MDE (80% power, exact McNemar power at the observed discordance): 96.0 pts" in text
    assert "larger than the margin 5.0 pts" in text
    assert "per-task column: cannot flag any task at these epochs" in text
    assert "VERDICT: INCONCLUSIVE" in text
