"""The index's per-configuration summary prints the report's numbers and intervals."""

from pathlib import Path

from view_fixtures import make_run, sample

from harness.reports.report import by_configuration, results_df
from harness.reports.report_stats import config_summary
from harness.reports.view import build_view
from harness.reports.view.summary import summarise

SCORES = {"a": [1.0, 0.5], "b": [1.0, 1.0], "c": [0.0, 0.25], "d": [0.8, 0.6]}


def records(runtime: str, shift: float) -> list:
    return [
        sample(task, epoch + 1, runtime=runtime, score=max(0.0, v - shift), resolved=v == 1.0)
        for task, values in SCORES.items()
        for epoch, v in enumerate(values)
    ]


def test_summary_matches_the_report_for_each_runtime(tmp_path: Path) -> None:
    samples = records("builtin", 0.0) + records("claude-code", 0.2)
    run_dir = make_run(tmp_path, samples)

    mine = {(c.agent, c.model, c.runtime): c for c in summarise(samples)}
    report = config_summary(by_configuration(results_df(run_dir)))

    assert len(mine) == 2 == len(report)
    for (agent, model, runtime), c in mine.items():
        row = report.loc[(f"{agent} @{runtime}", model)]
        assert c.tasks == row["tasks"] == 4 and c.samples == row["samples"] == 8
        assert abs(c.mean_score - row["mean_score"]) < 1e-12
        assert c.ci95_super_population.text() == row["ci95_super_population"]
        assert c.ci95_fixed_suite.text() == row["ci95_fixed_suite"]
        assert c.resolved_ci95.text() == row["resolved_ci95"]
        lo, hi = c.ci95_super_population.low, c.ci95_super_population.high
        assert 0.0 <= lo < c.mean_score < hi <= 1.0


def test_too_few_tasks_says_so_and_infra_failures_are_left_out(tmp_path: Path) -> None:
    samples = [sample("a", score=1.0), sample("b", status="sandbox_error", score=None)]
    (c,) = summarise(samples)
    assert c.tasks == 1 and c.samples == 1
    assert c.ci95_super_population.text().startswith("too few tasks")

    run_dir = make_run(tmp_path, samples)
    build_view(run_dir)
    index = (run_dir / "view" / "index.html").read_text()
    assert "Per configuration" in index and "too few tasks (n=1, needs 3)" in index


def test_the_index_shows_the_reports_plots_as_svg_files(tmp_path: Path) -> None:
    samples = records("builtin", 0.0)
    run_dir = make_run(tmp_path, samples)
    build_view(run_dir)
    index = (run_dir / "view" / "index.html").read_text()
    plots = sorted(p.name for p in (run_dir / "view" / "plots").glob("*.svg"))
    assert plots == ["category.svg", "cost.svg", "tasks.svg"]
    for name in plots:
        assert f'<img src="plots/{name}"' in index
        svg = (run_dir / "view" / "plots" / name).read_text()
        assert svg.startswith("<svg") and "<style>" in svg and "<script" not in svg
    assert "img-src 'self'" in index
