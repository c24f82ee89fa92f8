"""The results log: run.json and samples.jsonl round trips, torn and corrupt lines."""

import json
from pathlib import Path

import pytest

from harness.errors import ResultsError
from harness.results.log import (
    SCHEMA_VERSION,
    AgentInfo,
    GraderSummary,
    ResultsWriter,
    RunRecord,
    SampleRecord,
    TaskInfo,
    read_run,
    read_samples,
)

RUN = RunRecord(
    run_id="r1",
    harness_version="0.1.0",
    git_sha="abc1234",
    started_at="2026-01-01T00:00:00Z",
    agent=AgentInfo(
        path="agents/a.md",
        name="a",
        sha256="f" * 64,
        text="---\nname: a\n---\nbody\n",
        offered_tools=["Read", "Bash"],
        unsupported_tools=["WebFetch"],
        unknown_keys=["hooks"],
    ),
    models=["oracle"],
    model_reason="chosen with --model",
    tasks=[TaskInfo(id="crud-books", content_hash="h1", category="api", difficulty=1)],
    epochs=2,
    images={"runtime": "archbench/runtime:1"},
    limits={"crud-books": {"max_turns": 60}},
    cli_args=["run", "--model", "oracle"],
    seed=7,
)


def sample(epoch: int, score: float | None = 1.0) -> SampleRecord:
    return SampleRecord(
        run_id="r1",
        sample_id=f"crud-books-{epoch}-oracle",
        task_id="crud-books",
        epoch=epoch,
        model="oracle",
        agent="a",
        status="graded" if score is not None else "sandbox_error",
        score=score,
        resolved=score == 1.0 if score is not None else None,
        checks_passed=4,
        checks_total=4,
        graders={"functional": GraderSummary(status="ok", score=score, passed=4, total=4)},
        started_at="2026-01-01T00:00:01Z",
        finished_at="2026-01-01T00:01:01Z",
    )


def test_write_run_round_trips(tmp_path: Path) -> None:
    run_dir = tmp_path / "results" / "r1"

    ResultsWriter(run_dir).write_run(RUN)

    assert read_run(run_dir) == RUN
    assert json.loads((run_dir / "run.json").read_text())["schema_version"] == SCHEMA_VERSION
    assert sorted(p.name for p in run_dir.iterdir()) == ["run.json"]


def test_write_run_replaces_previous(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path)
    writer.write_run(RUN)

    done = RUN.model_copy(update={"status": "completed", "finished_at": "2026-01-01T01:00:00Z"})
    writer.write_run(done)

    assert read_run(tmp_path) == done


def test_append_and_read_samples_in_order(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path)
    records = [sample(0), sample(1, 0.5), sample(2, None)]

    for record in records:
        writer.append_sample(record)

    assert read_samples(tmp_path) == records
    assert len((tmp_path / "samples.jsonl").read_text().splitlines()) == 3


def test_no_samples_file_reads_as_empty(tmp_path: Path) -> None:
    assert read_samples(tmp_path) == []


def test_torn_final_line_is_ignored(tmp_path: Path) -> None:
    writer = ResultsWriter(tmp_path)
    writer.append_sample(sample(0))
    writer.append_sample(sample(1))
    with open(tmp_path / "samples.jsonl", "a") as f:
        f.write(sample(2).model_dump_json()[:40])

    assert read_samples(tmp_path) == [sample(0), sample(1)]


def test_corrupt_middle_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "samples.jsonl"
    path.write_text(
        sample(0).model_dump_json()
        + "\n"
        + '{"run_id": "r1", "sampl\n'
        + sample(1).model_dump_json()
        + "\n"
    )

    with pytest.raises(ResultsError) as info:
        read_samples(tmp_path)

    assert str(info.value).startswith(f"{path}:2: not a valid sample record (")


def test_corrupt_complete_last_line_is_not_ignored(tmp_path: Path) -> None:
    path = tmp_path / "samples.jsonl"
    path.write_text(sample(0).model_dump_json() + "\n" + "not json\n")

    with pytest.raises(ResultsError) as info:
        read_samples(tmp_path)

    assert str(info.value).startswith(f"{path}:2: ")


def test_invalid_record_error_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "samples.jsonl"
    path.write_text('{"run_id": "r1"}\n' + sample(0).model_dump_json() + "\n")

    with pytest.raises(ResultsError) as info:
        read_samples(tmp_path)

    assert str(info.value).startswith(f"{path}:1: ")
    assert "\n" not in str(info.value)


def test_read_run_without_run_json(tmp_path: Path) -> None:
    with pytest.raises(ResultsError) as info:
        read_run(tmp_path)

    assert str(info.value) == (
        f"{tmp_path}/run.json: missing; is {tmp_path} an archbench results folder?"
    )


def test_read_run_with_invalid_record(tmp_path: Path) -> None:
    (tmp_path / "run.json").write_text('{"run_id": "r1"}\n')

    with pytest.raises(ResultsError) as info:
        read_run(tmp_path)

    assert str(info.value) == (
        f"{tmp_path}/run.json: not a valid run record (Field required); archbench writes it, so "
        "restore it from a copy of the folder"
    )


def test_unknown_field_in_sample_is_rejected(tmp_path: Path) -> None:
    data = json.loads(sample(0).model_dump_json())
    data["surprise"] = 1
    (tmp_path / "samples.jsonl").write_text(json.dumps(data) + "\n" + "{}\n")

    with pytest.raises(ResultsError) as info:
        read_samples(tmp_path)

    assert str(info.value).startswith(f"{tmp_path}/samples.jsonl:1: ")


def test_sample_dir_flattens_model_slash(tmp_path: Path) -> None:
    d = ResultsWriter(tmp_path).sample_dir("crud-books", 1, "anthropic/claude-sonnet-4-5")

    assert d == tmp_path / "samples" / "crud-books" / "1" / "anthropic_claude-sonnet-4-5"
    assert d.is_dir()
