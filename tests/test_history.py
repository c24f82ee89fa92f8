"""archbench history on literal results folders."""

from pathlib import Path

import pytest
from test_report import RUN, sample

from harness.cli.app import main
from harness.reports.history import flaky_tasks, load_history, trend_rows
from harness.results.log import ResultsWriter


def run_dir(root: Path, name: str, started: str, scores: dict[str, float]) -> Path:
    w = ResultsWriter(root / name)
    w.write_run(RUN.model_copy(update={"run_id": name, "started_at": started}))
    for task, sc in scores.items():
        w.append_sample(sample(task, "oracle", score=sc))
    return w.run_dir


def test_trend_and_flakes_in_time_order(tmp_path: Path) -> None:
    late = run_dir(tmp_path, "n3", "2026-01-03", {"a": 1.0, "b": 1.0})
    early = run_dir(tmp_path, "n1", "2026-01-01", {"a": 1.0, "b": 0.0})
    mid = run_dir(tmp_path, "n2", "2026-01-02", {"a": 1.0, "b": 1.0})

    points = load_history([late, early, mid])

    assert [r["run"] for r in trend_rows(points)] == ["n1", "n2", "n3"]
    assert [r["mean_score"] for r in trend_rows(points)] == [0.5, 1.0, 1.0]
    assert trend_rows(points)[0]["resolved_rate"] == 0.5
    assert trend_rows(points)[0]["resolved_ci95"] == "too few tasks (n=2, needs 3)"
    [flake] = flaky_tasks(points)
    assert (flake["task"], flake["history"], flake["flips"]) == ("b", "FPP", 1)


def test_history_command_prints_and_writes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a = run_dir(tmp_path, "n1", "2026-01-01", {"a": 1.0})
    b = run_dir(tmp_path, "n2", "2026-01-02", {"a": 0.0})
    out = tmp_path / "history.md"

    main_exit = None
    try:
        main(["history", str(a), str(b), "--out", str(out)])
    except SystemExit as e:
        main_exit = e.code
    assert main_exit in (None, 0)
    text = capsys.readouterr().out
    assert "| arch@01234567 / oracle | a | PF | 1 |" in text
    assert out.read_text() == text


def test_trend_means_are_over_tasks(tmp_path: Path) -> None:
    w = ResultsWriter(tmp_path / "n1")
    w.write_run(RUN.model_copy(update={"run_id": "n1"}))
    for epoch in range(3):
        rec = sample("a", "oracle", score=1.0)
        w.append_sample(rec.model_copy(update={"epoch": epoch, "sample_id": f"a-{epoch}"}))
    for task in ("b", "c"):
        w.append_sample(sample(task, "oracle", score=0.0))

    [row] = trend_rows(load_history([w.run_dir]))

    # over samples: 3/5; over tasks: (1 + 0 + 0) / 3
    assert row["mean_score"] == pytest.approx(1 / 3)
    assert row["resolved_rate"] == pytest.approx(1 / 3)
    assert row["resolved_ci95"] == "[0.017, 0.937]"  # scipy brentq on the Wilson inequality
