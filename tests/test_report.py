"""Reports rebuilt from a results folder alone: tables, report.md and samples.csv."""

import csv
import json
import math
from pathlib import Path

import pytest

from harness.errors import ResultsError
from harness.reports.report import (
    SAMPLE_COLUMNS,
    by_configuration,
    design_criteria_table,
    elapsed_seconds,
    missing_dimensions,
    overall,
    per_task,
    results_df,
    scored_value,
    write_report,
)
from harness.results.log import AgentInfo, ResultsWriter, RunRecord, SampleRecord, TaskInfo

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
    **fields: object,
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
            **fields,
        }
    )


NO_LOAD = {"performance": "the task declares no [load]"}
GATED = {"security": "not resolved: counts as 0", "performance": "not resolved: counts as 0"}
SAMPLES = [
    sample(
        "books", "oracle", score=1.0, passed=4, total=4, secure_resolved=True,
        functional=1.0, security=1.0, quality=1.0, missing=NO_LOAD,
    ),
    # 0.45 * 0.8 + 0.25 * 0 (gated) + 0.15 * 0 (gated) + 0.10 * 1.0 = 0.46
    sample(
        "jwt", "oracle", score=0.46, passed=2, total=4, secure_resolved=False,
        functional=0.8, security=1.0, quality=1.0, missing=GATED,
    ),
    sample("books", "noop", "startup_failed", 0.0, total=4, reason="never ready"),
    sample("jwt", "noop", "sandbox_error", reason="docker went away"),
]  # fmt: skip


@pytest.fixture
def run_dir(tmp_path: Path) -> Path:
    writer = ResultsWriter(tmp_path / "r1")
    writer.write_run(RUN.model_copy(update={"finished_at": "2026-01-01T00:09:19Z"}))
    for record in SAMPLES:
        writer.append_sample(record)
    return writer.run_dir


def write_run(root: Path, samples: list[SampleRecord], **update: object) -> Path:
    writer = ResultsWriter(root)
    writer.write_run(RUN.model_copy(update=update))
    for record in samples:
        writer.append_sample(record)
    return writer.run_dir


def test_results_df_has_one_row_per_sample(run_dir: Path) -> None:
    df = results_df(str(run_dir))  # a str works as well as a Path

    assert list(df.columns) == [
        *SAMPLE_COLUMNS,
        "missing",
        "criteria",
        "sample_id",
        "run_id",
        "tokens",
        "scored",
        "category",
    ]
    assert list(df["sample_id"]) == [s.sample_id for s in SAMPLES]
    assert list(df["tokens"]) == [120, 120, 120, 120]
    assert list(df["scored"]) == [True, True, True, False]
    assert df["reason"].isna().tolist() == [True, True, False, False]  # "" is null
    assert str(df["started_at"].iloc[0]) == "2026-01-01 00:00:01+00:00"


def test_startup_failed_is_not_secure_resolved(run_dir: Path) -> None:
    df = results_df(run_dir)

    # recorded: True, False, None (startup_failed), None (infra, not scored)
    assert list(df["secure_resolved"]) == [True, False, False, None]
    table = overall(df)
    assert table.loc["noop", "secure_resolved_rate"] == 0.0
    assert (table["secure_resolved_rate"] <= table["resolved_rate"]).all()


def test_results_df_refuses_a_folder_that_is_not_a_run(tmp_path: Path) -> None:
    with pytest.raises(ResultsError, match="no such folder"):
        results_df(str(tmp_path / "nope"))
    with pytest.raises(ResultsError, match=r"run.json: missing; is .* an archbench results folder"):
        results_df(tmp_path)


def test_per_task_shows_dimensions_as_scored(run_dir: Path) -> None:
    table = per_task(results_df(run_dir))

    assert list(table.index) == [
        ("books", "noop"),
        ("books", "oracle"),
        ("jwt", "noop"),
        ("jwt", "oracle"),
    ]
    assert list(table["samples"]) == [1, 1, 0, 1]
    assert list(table["infra_errors"]) == [0, 0, 1, 0]
    jwt = table.loc[("jwt", "oracle")]
    # security was 1.0 on the record, but gated on resolved: it counted as 0
    assert (jwt["functional"], jwt["security"], jwt["performance"]) == (0.8, 0.0, 0.0)
    rebuilt = 0.45 * jwt["functional"] + 0.25 * jwt["security"] + 0.15 * jwt["performance"]
    assert rebuilt + 0.10 * jwt["quality"] == pytest.approx(jwt["score"])
    books = table.loc[("books", "oracle")]
    assert math.isnan(books["performance"])  # not declared
    assert books["checks"] == "4/4"
    assert table.loc[("books", "noop"), "functional"] == 0.0  # never started
    assert table["score"].isna().tolist() == [False, False, True, False]


def test_scored_value_follows_the_composite_rules() -> None:
    base = {"status": "graded", "resolved": False, "missing": {}, "security": 0.7}
    assert scored_value(base, "security") == 0.0  # gated
    assert scored_value({**base, "resolved": True}, "security") == 0.7
    assert scored_value({**base, "resolved": True, "security": None}, "security") == 0.0
    undeclared = {**base, "missing": {"security": "the task declares no [security]"}}
    assert scored_value(undeclared, "security") is None
    assert scored_value({**base, "status": "sandbox_error"}, "security") is None
    assert scored_value({**base, "status": "startup_failed"}, "quality") == 0.0


def test_overall_means_are_over_tasks(tmp_path: Path) -> None:
    epochs = [
        sample("books", "oracle", score=1.0).model_copy(update={"epoch": e, "sample_id": str(e)})
        for e in range(3)
    ]
    df = results_df(write_run(tmp_path, [*epochs, sample("jwt", "oracle", score=0.0)]))

    row = overall(df).loc["oracle"]

    # over samples it would be 3/4; each task counts once: (1 + 0) / 2
    assert (row["mean_score"], row["resolved_rate"]) == (0.5, 0.5)
    assert (row["samples"], row["scored"], row["infra_errors"]) == (4, 4, 0)


def test_overall_counts_infra_errors_apart(run_dir: Path) -> None:
    table = overall(results_df(run_dir))

    assert list(table.index) == ["noop", "oracle"]
    noop, oracle = table.loc["noop"], table.loc["oracle"]
    assert (noop["samples"], noop["scored"], noop["infra_errors"]) == (2, 1, 1)
    assert (noop["mean_score"], noop["resolved_rate"]) == (0.0, 0.0)
    assert (oracle["samples"], oracle["scored"], oracle["infra_errors"]) == (2, 2, 0)
    assert oracle["mean_score"] == pytest.approx(0.73)
    assert (oracle["resolved_rate"], oracle["secure_resolved_rate"]) == (0.5, 0.5)
    assert oracle["tokens"] == 240
    assert "wall_seconds" not in table


def test_cost_ignores_missing_values_and_counts_them(tmp_path: Path) -> None:
    samples = [
        sample("books", "oracle", score=1.0, cost=0.25),
        sample("jwt", "oracle", "sandbox_error", cost=None),
        sample("books", "noop", score=0.0, cost=0.5),
    ]

    table = overall(results_df(write_run(tmp_path, samples)))

    assert table.loc["oracle", "cost_usd"] == 0.25
    assert table.loc["oracle", "cost_missing"] == 1
    assert (table.loc["noop", "cost_usd"], table.loc["noop", "cost_missing"]) == (0.5, 0)


def test_elapsed_is_wall_time_from_run_json() -> None:
    assert elapsed_seconds(RUN.model_copy(update={"finished_at": "2026-01-01T00:09:19Z"})) == 559
    assert elapsed_seconds(RUN) is None


def test_report_markdown_has_header_and_table_rows(run_dir: Path) -> None:
    paths = write_report(run_dir)

    assert paths.markdown == run_dir / "report.md"
    text = paths.markdown.read_text()
    lines = text.splitlines()
    assert lines[0] == "# archbench report: r1"
    for expected in [
        "- harness: 0.1.0 (abc1234), status completed",
        "- agent: arch (agents/a.md, sha256 0123456789ab)",
        "- models: oracle, noop (chosen with --model)",
        "- tasks: 2, epochs: 1, samples finished: 4",
        "- statuses: graded=2, sandbox_error=1, startup_failed=1",
        "- tools not offered (unsupported): WebFetch, Task",
        "- time: started 2026-01-01T00:00:00Z, finished 2026-01-01T00:09:19Z, elapsed 559 s "
        "(wall time from run.json); samples' own durations add up to 40.0 s (they overlap)",
        "| noop | arch | 2 | 1 | 1 | 0.000 | 0.000 | 0.000 | 240 | 0.000 | 0 |",
        "| oracle | arch | 2 | 2 | 0 | 0.730 | 0.500 | 0.500 | 240 | 0.000 | 0 |",
        "| books | arch | noop | 1 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0.000 | 0/4 "
        "| 120 | 10.0 | 0 |",
        "| books | arch | oracle | 1 | 1.000 | 1.000 | 1.000 | 1.000 | 1.000 | n/a | 1.000 | 4/4 "
        "| 120 | 10.0 | 0 |",
        "| jwt | arch | noop | 0 | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | 1 |",
        "| jwt | arch | oracle | 1 | 0.460 | 0.000 | 0.000 | 0.800 | 0.000 | 0.000 | 1.000 | 2/4 "
        "| 120 | 10.0 | 0 |",
        "| jwt | 0 | arch | oracle | security | 1.000 | 0.000 | not resolved: counts as 0 |",
        "| books | 0 | arch | noop | all | n/a | 0.000 | the service never became ready: every "
        "dimension counts as 0 |",
    ]:
        assert expected in lines
    assert "nan" not in text
    assert sum("docker went away" in line for line in lines) == 1
    assert (
        "| sandbox_error | 1 | 0 | exclude | 2 | the sandbox failed while the agent worked |"
        in lines
    )
    assert "critical check counts twice" in text
    assert "resolved_rate is pass@1" in text


def test_counts_print_as_integers(tmp_path: Path) -> None:
    big = sample("books", "oracle", score=1.0, input_tokens=600_761)  # + 20 output
    text = write_report(write_run(tmp_path, [big])).markdown.read_text()

    row = next(line for line in text.splitlines() if line.startswith("| books | arch | oracle |"))
    assert "| 600781 |" in row and "600781.000" not in text


def test_samples_csv_and_parquet_carry_every_field(run_dir: Path) -> None:
    import pandas as pd

    paths = write_report(run_dir)

    with open(paths.csv, newline="") as f:
        rows = list(csv.DictReader(f))
    assert paths.csv == run_dir / "samples.csv"
    assert [(r["task_id"], r["model"], r["status"], r["score"]) for r in rows] == [
        ("books", "oracle", "graded", "1.0"),
        ("jwt", "oracle", "graded", "0.46"),
        ("books", "noop", "startup_failed", "0.0"),
        ("jwt", "noop", "sandbox_error", ""),
    ]
    assert json.loads(rows[1]["missing"]) == GATED
    assert json.loads(rows[2]["missing"]) == {}
    assert rows[0]["started_at"] == "2026-01-01 00:00:01+00:00"
    assert (rows[0]["checks_passed"], rows[0]["tool_errors"]) == ("4", "0")
    parquet = pd.read_parquet(paths.parquet)
    assert list(parquet.columns) == list(pd.read_csv(paths.csv).columns)
    for column in ("missing", "started_at", "finished_at", "startup_seconds", "tool_errors"):
        assert column in parquet
    assert json.loads(parquet["missing"].iloc[0]) == NO_LOAD
    assert parquet["reason"].isna().tolist() == [True, True, False, False]
    assert str(parquet["started_at"].dtype).startswith("datetime64")


def test_report_of_run_without_samples(tmp_path: Path) -> None:
    ResultsWriter(tmp_path).write_run(RUN)

    text = write_report(tmp_path).markdown.read_text()

    assert "- tasks: 2, epochs: 1, samples finished: 0" in text
    assert "- statuses: none" in text
    assert "finished not finished; samples' own durations add up to 0.0 s" in text
    assert text.count("_no samples_") == 7


def test_samples_table_has_no_index_column(run_dir: Path) -> None:
    lines = write_report(run_dir).markdown.read_text().splitlines()

    header = lines[lines.index("## Samples") + 4]
    assert header == (
        "| task_id | epoch | agent | model | status | score | functional | security | performance "
        "| quality | checks_passed | checks_total | agent_outcome | reason |"
    )


def test_reason_with_pipe_and_newline_stays_in_one_cell(tmp_path: Path) -> None:
    broken = sample("jwt", "noop", "sandbox_error", reason="exec failed | code 1\nstderr: boom")

    lines = write_report(write_run(tmp_path, [broken])).markdown.read_text().splitlines()

    start = lines.index("## Samples") + 4
    header, row = lines[start], lines[start + 2]
    assert row.startswith("| ") and row.endswith(" |")
    assert "boom" in row
    assert row.count("|") - row.count("\\|") == header.count("|")


def test_missing_dimensions_lists_errors_and_gates_but_not_undeclared(tmp_path: Path) -> None:
    record = sample("books", "oracle", score=0.5, security=0.9, quality=None).model_copy(
        update={
            "missing": {
                "security": "not resolved: counts as 0",
                "quality": "ruff failed",
                "performance": "the task declares no [load]",
            }
        }
    )

    table = missing_dimensions(results_df(write_run(tmp_path, [record])))

    assert table[["task_id", "dimension", "counted_as", "reason"]].values.tolist() == [
        ["books", "quality", 0.0, "ruff failed"],
        ["books", "security", 0.0, "not resolved: counts as 0"],
    ]
    assert table["recorded"].isna().tolist() == [True, False]
    assert table["recorded"].iloc[1] == 0.9


def epochs_run(root: Path, outcomes: dict[str, list[float]]) -> Path:
    records = [
        sample(task, "oracle", score=sc).model_copy(
            update={"epoch": epoch, "sample_id": f"{task}-{epoch}"}
        )
        for task, values in outcomes.items()
        for epoch, sc in enumerate(values)
    ]
    return write_run(root, records)


def test_config_summary_intervals_and_pass_at_k(tmp_path: Path) -> None:
    from harness.reports.report_stats import config_summary

    run = epochs_run(tmp_path, {"a": [1.0, 1.0, 0.0], "b": [0.0, 0.0, 0.0]})
    row = config_summary(results_df(run)).loc[("arch", "oracle")]

    assert (row["tasks"], row["samples"]) == (2, 6)
    assert row["mean_score"] == pytest.approx(1 / 3)  # task means 2/3 and 0
    # fixed-suite SE: var(a) = 1/3, /3 epochs; var(b) = 0 -> sqrt(1/9) / 2 = 1/6; df = 2 + 2;
    # on the logit scale: logit(1/3) +- 2.776445 (1/6) / (2/9) = -0.693147 +- 2.082334
    assert row["ci95_fixed_suite"] == "[0.059, 0.800]"
    assert row["ci95_super_population"] == "too few tasks (n=2, needs 3)"
    assert row["resolved_rate"] == pytest.approx(1 / 3)  # pass@1, over tasks
    assert row["pass@3"] == pytest.approx(0.5)  # a: 1 - C(1,3)/C(3,3) = 1; b: 0
    assert row["pass^3"] == pytest.approx(0.0)  # a: C(2,3)/C(3,3) = 0


@pytest.mark.parametrize(
    ("scores", "expected"),
    [
        ([1.0], "too few tasks (n=1, needs 3)"),
        ([1.0, 0.5], "too few tasks (n=2, needs 3)"),
        ([1.0, 1.0, 1.0], "[0.139, 1.000]"),  # 3 / (3 + 4.302653^2): never zero-width
        ([0.5, 1.0, 0.2], "[0.046, 0.973]"),
    ],
)
def test_category_intervals_at_small_n(tmp_path: Path, scores: list[float], expected: str) -> None:
    from harness.reports.report_stats import category_summary

    records = [sample(f"t{i}", "oracle", score=sc) for i, sc in enumerate(scores)]
    cat = category_summary(results_df(write_run(tmp_path, records)))

    row = cat.loc[("unknown", "arch", "oracle")]
    assert row["ci95"] == expected
    assert not row["ci95_low"] < 0 and not row["ci95_high"] > 1


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
    assert checks[3].message == "resolved 0/1, mean score 0.460"
    assert checks[1].message == "infra failures only: sandbox_error"
    assert '<testsuites name="archbench r1" time="559.0">' in paths.junit.read_text()


def test_notebook_entry_point(run_dir: Path) -> None:
    import archbench

    df = archbench.results_df(str(run_dir))
    assert len(df) == 4 and "category" in df


def test_per_task_of_a_matrix_run_keeps_agents_apart(tmp_path: Path) -> None:
    records = [
        sample("books", "oracle", score=1.0),
        sample("books", "oracle", score=0.0).model_copy(update={"agent": "arch@v2"}),
    ]
    df = results_df(write_run(tmp_path, records))

    assert per_task(df).loc[("books", "oracle"), "score"] == 0.5  # run's summary: pooled
    by_agent = per_task(df, by_agent=True)["score"]
    assert by_agent.to_dict() == {
        ("books", "arch", "oracle"): 1.0,
        ("books", "arch@v2", "oracle"): 0.0,
    }


def test_report_tables_keep_runtimes_apart(tmp_path: Path) -> None:
    records = [
        sample("books", "oracle", score=1.0),
        sample("books", "oracle", score=0.0).model_copy(update={"runtime": "claude-code"}),
    ]
    root = write_run(tmp_path, records)
    df = results_df(root)
    assert list(df["runtime"]) == ["builtin", "claude-code"]  # exported with every sample

    shown = by_configuration(df)
    assert per_task(shown, by_agent=True)["score"].to_dict() == {
        ("books", "arch @builtin", "oracle"): 1.0,
        ("books", "arch @claude-code", "oracle"): 0.0,
    }
    assert list(by_configuration(df.iloc[:1])["agent"]) == ["arch"]  # one runtime: unchanged
    report = write_report(root)
    text = report.markdown.read_text()
    assert "arch @builtin" in text and "arch @claude-code" in text


def test_design_rubric_section_counts_criteria_met(tmp_path: Path) -> None:
    records = [
        sample("plan", "oracle", score=1.0, criteria={"first-limit": True, "rollback": True}),
        sample(
            "plan", "oracle", score=0.8, criteria={"first-limit": True, "rollback": False}
        ).model_copy(update={"epoch": 1, "sample_id": "plan-1-oracle"}),
    ]
    root = write_run(tmp_path, records, judge={"id": "scripted", "samples": 3})
    table = design_criteria_table(results_df(root))
    assert table.loc[("plan", "arch", "oracle", "rollback")].to_dict() == {"met": 1, "asked": 2}
    text = write_report(root).markdown.read_text()
    assert "## Design rubric" in text and "design judge: id scripted, samples 3" in text
    assert (
        "## Design rubric"
        not in write_report(write_run(tmp_path / "b", SAMPLES)).markdown.read_text()
    )
