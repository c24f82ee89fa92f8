"""Reports rebuilt from a results folder alone: tables, report.md and samples.csv."""

import csv
from pathlib import Path

import pytest

from harness.report import (
    SAMPLE_COLUMNS,
    missing_dimensions,
    overall,
    per_task,
    results_df,
    write_report,
)
from harness.results import AgentInfo, ResultsWriter, RunRecord, SampleRecord, TaskInfo

RUN = RunRecord(
    run_id="r1",
    harness_version="0.1.0",
    git_sha="abc1234",
    started_at="2026-01-01T00:00:00Z",
    status="completed",
    agent=AgentInfo(
        path="agents/a.md",
        name="arch",
        sha256="0123456789abcdef" * 4,
        text="x",
        offered_tools=["Read"],
        unsupported_tools=["WebFetch", "Task"],
        unknown_keys=[],
    ),
    models=["oracle", "noop"],
    model_reason="chosen with --model",
    tasks=[
        TaskInfo(id="books", content_hash="h1", category="api", difficulty=1),
        TaskInfo(id="jwt", content_hash="h2", category="auth", difficulty=3),
    ],
    epochs=1,
    images={},
    limits={},
    cli_args=[],
    seed=0,
)


def sample(
    task: str,
    model: str,
    status: str = "graded",
    score: float | None = None,
    *,
    passed: int = 0,
    total: int = 0,
    cost: float | None = 0.0,
    reason: str = "",
) -> SampleRecord:
    return SampleRecord.model_validate(
        {
            "run_id": "r1",
            "sample_id": f"{task}-0-{model}",
            "task_id": task,
            "epoch": 0,
            "model": model,
            "agent": "arch",
            "status": status,
            "reason": reason,
            "score": score,
            "resolved": None if score is None else score == 1.0,
            "checks_passed": passed,
            "checks_total": total,
            "input_tokens": 100,
            "output_tokens": 20,
            "cost_usd": cost,
            "total_seconds": 10.0,
            "started_at": "2026-01-01T00:00:01Z",
            "finished_at": "2026-01-01T00:00:11Z",
        }
    )


SAMPLES = [
    sample("books", "oracle", score=1.0, passed=4, total=4),
    sample("jwt", "oracle", score=0.5, passed=2, total=4),
    sample("books", "noop", "startup_failed", 0.0, total=4, reason="never ready"),
    sample("jwt", "noop", "sandbox_error", reason="docker went away"),
]


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    writer = ResultsWriter(tmp_path / "r1")
    writer.write_run(RUN)
    for record in SAMPLES:
        writer.append_sample(record)
    return writer.run_dir


def test_results_df_has_one_row_per_sample(run_dir: Path) -> None:
    df = results_df(run_dir)

    assert list(df.columns) == [
        *SAMPLE_COLUMNS,
        "missing",
        "sample_id",
        "run_id",
        "tokens",
        "scored",
        "category",
    ]
    assert list(df["sample_id"]) == [s.sample_id for s in SAMPLES]
    assert list(df["tokens"]) == [120, 120, 120, 120]
    assert list(df["scored"]) == [True, True, True, False]


def test_per_task_excludes_infra_errors_from_scores(run_dir: Path) -> None:
    table = per_task(results_df(run_dir))

    assert list(table.index) == [
        ("books", "noop"),
        ("books", "oracle"),
        ("jwt", "noop"),
        ("jwt", "oracle"),
    ]
    assert list(table["samples"]) == [1, 1, 0, 1]
    assert list(table["infra_errors"]) == [0, 0, 1, 0]
    assert table.loc[("books", "noop"), "score"] == 0.0
    assert table.loc[("jwt", "oracle"), "score"] == 0.5
    assert table.loc[("books", "oracle"), "checks"] == "4/4"
    assert table["score"].isna().tolist() == [False, False, True, False]


def test_overall_counts_infra_errors_apart(run_dir: Path) -> None:
    table = overall(results_df(run_dir))

    assert list(table.index) == ["noop", "oracle"]
    noop, oracle = table.loc["noop"], table.loc["oracle"]
    assert (noop["samples"], noop["scored"], noop["infra_errors"]) == (2, 1, 1)
    assert noop["mean_score"] == 0.0
    assert noop["resolved_rate"] == 0.0
    assert (oracle["samples"], oracle["scored"], oracle["infra_errors"]) == (2, 2, 0)
    assert oracle["mean_score"] == 0.75
    assert oracle["resolved_rate"] == 0.5
    assert oracle["tokens"] == 240
    assert oracle["wall_seconds"] == 20.0


def test_overall_cost_is_nan_when_any_sample_is_unpriced(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path)
    writer.append_sample(sample("books", "oracle", score=1.0, cost=0.25))
    writer.append_sample(sample("jwt", "oracle", score=1.0, cost=None))
    writer.append_sample(sample("books", "noop", score=0.0, cost=0.5))

    table = overall(results_df(tmp_path))

    assert table["cost_usd"].isna().tolist() == [False, True]
    assert table.loc["noop", "cost_usd"] == 0.5


def test_report_markdown_has_header_and_table_rows(run_dir: Path) -> None:
    paths = write_report(run_dir)

    assert paths.markdown == run_dir / "report.md"
    lines = paths.markdown.read_text().splitlines()
    assert lines[0] == "# archbench report: r1"
    for expected in [
        "- harness 0.1.0 (abc1234), status **completed**",
        "- agent `arch` (agents/a.md, sha256 0123456789ab)",
        "- models: oracle, noop (chosen with --model)",
        "- tasks: 2, epochs: 1, samples finished: 4",
        "- statuses: graded=2, sandbox_error=1, startup_failed=1",
        "- tools not offered (unsupported): WebFetch, Task",
        "| noop | arch | 2 | 1 | 1 | 0.000 | 0.000 | nan | 240 | 0.000 | 20.000 |",
        "| oracle | arch | 2 | 2 | 0 | 0.750 | 0.500 | nan | 240 | 0.000 | 20.000 |",
        "| books | noop | 1 | 0.000 | 0.000 | nan | nan | nan | nan | nan | 0/4 | 120.000 "
        "| 10.000 | 0 |",
        "| books | oracle | 1 | 1.000 | 1.000 | nan | nan | nan | nan | nan | 4/4 | 120.000 "
        "| 10.000 | 0 |",
        "| jwt | noop | 0 | nan | nan | nan | nan | nan | nan | nan | nan | nan | nan | 1 |",
        "| jwt | oracle | 1 | 0.500 | 0.000 | nan | nan | nan | nan | nan | 2/4 | 120.000 "
        "| 10.000 | 0 |",
    ]:
        assert expected in lines
    assert sum("docker went away" in line for line in lines) == 1
    assert (
        "| sandbox_error | 1 | 0 | exclude | 2 | the sandbox failed while the agent worked |"
        in lines
    )
    assert (
        "| startup_failed | 1 | 0 | score_zero | 0 | the agent's service never became ready |"
        in lines
    )


def test_samples_csv_has_one_row_per_sample(run_dir: Path) -> None:
    paths = write_report(run_dir)

    with open(paths.csv, newline="") as f:
        rows = list(csv.DictReader(f))
    assert paths.csv == run_dir / "samples.csv"
    assert [(r["task_id"], r["model"], r["status"], r["score"]) for r in rows] == [
        ("books", "oracle", "graded", "1.0"),
        ("jwt", "oracle", "graded", "0.5"),
        ("books", "noop", "startup_failed", "0.0"),
        ("jwt", "noop", "sandbox_error", ""),
    ]


def test_report_of_run_without_samples(tmp_path: Path) -> None:
    ResultsWriter(tmp_path).write_run(RUN)

    text = write_report(tmp_path).markdown.read_text()

    assert "- tasks: 2, epochs: 1, samples finished: 0" in text
    assert "- statuses: none" in text
    assert text.count("_no samples_") == 7


def test_samples_table_has_no_index_column(run_dir: Path) -> None:
    lines = write_report(run_dir).markdown.read_text().splitlines()

    header = lines[lines.index("## Samples") + 2]
    assert header == (
        "| task_id | epoch | model | status | score | functional | security | performance "
        "| quality | checks_passed | checks_total | agent_outcome | reason |"
    )


def test_reason_with_pipe_and_newline_stays_in_one_cell(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path)
    writer.write_run(RUN)
    writer.append_sample(
        sample("jwt", "noop", "sandbox_error", reason="exec failed | code 1\nstderr: boom")
    )

    lines = write_report(tmp_path).markdown.read_text().splitlines()

    start = lines.index("## Samples") + 2
    header, row = lines[start], lines[start + 2]
    assert row.startswith("| ") and row.endswith(" |")
    assert "boom" in row
    assert row.count("|") - row.count("\\|") == header.count("|")


def test_missing_dimensions_lists_errors_and_gates_but_not_undeclared(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path)
    writer.append_sample(
        sample("books", "oracle", score=0.5).model_copy(
            update={
                "missing": {
                    "security": "not resolved: counts as 0",
                    "quality": "ruff failed",
                    "performance": "the task declares no [load]",
                }
            }
        )
    )

    table = missing_dimensions(results_df(tmp_path))

    assert table[["task_id", "dimension", "reason"]].values.tolist() == [
        ["books", "quality", "ruff failed"],
        ["books", "security", "not resolved: counts as 0"],
    ]


def test_config_summary_intervals_and_pass_at_k(tmp_path: Path) -> None:
    from harness.report_stats import config_summary

    writer = ResultsWriter(tmp_path)
    for task, outcomes in {"a": [1.0, 1.0, 0.0], "b": [0.0, 0.0, 0.0]}.items():
        for epoch, sc in enumerate(outcomes):
            rec = sample(task, "oracle", score=sc).model_copy(
                update={"epoch": epoch, "sample_id": f"{task}-{epoch}"}
            )
            writer.append_sample(rec)

    row = config_summary(results_df(tmp_path)).loc[("arch", "oracle")]

    assert (row["tasks"], row["samples"]) == (2, 6)
    assert row["mean_score"] == pytest.approx(1 / 3)  # task means 2/3 and 0
    # fixed-suite SE: var(a) = 1/3, /3 epochs; var(b) = 0 -> sqrt(1/9) / 2 = 1/6
    half = 1.959964 / 6
    assert row["ci95_fixed_suite"] == f"[{1 / 3 - half:.3f}, {1 / 3 + half:.3f}]"
    assert row["resolved_rate"] == pytest.approx(2 / 6)
    assert row["pass@1"] == pytest.approx(1 / 3)
    assert row["pass@3"] == pytest.approx(0.5)  # a: 1 - C(1,3)/C(3,3) = 1; b: 0
    assert row["pass^3"] == pytest.approx(0.0)  # a: C(2,3)/C(3,3) = 0


def test_junit_has_one_case_per_task_and_configuration(run_dir: Path) -> None:
    from graders.junit import parse_junit

    paths = write_report(run_dir)
    checks = parse_junit(paths.junit.read_text())

    assert [(c.name, c.outcome) for c in checks] == [
        ("archbench.arch.noop::books", "failed"),
        ("archbench.arch.noop::jwt", "skipped"),
        ("archbench.arch.oracle::books", "passed"),
        ("archbench.arch.oracle::jwt", "failed"),
    ]
    assert checks[3].message == "resolved 0/1, mean score 0.500"
    assert checks[1].message == "infra failures only: sandbox_error"


def test_notebook_entry_point(run_dir: Path) -> None:
    import archbench

    df = archbench.results_df(run_dir)
    assert len(df) == 4 and "category" in df
