"""Resume mechanics on literal folders: a torn tail is cut, finished samples are never redone,
partial sample folders are discarded, and a changed agent or task refuses to resume."""

from pathlib import Path

import pytest
from test_report import RUN, sample

from harness.agent.agentfile import AgentSpec, RunAgent
from harness.errors import ResultsError
from harness.results.log import ResultsWriter, read_samples
from harness.run.request import RunRequest, check_resumable, request_record, resume_request
from harness.run.runner import RunConfig, pending_jobs


def test_repair_tail_cuts_only_a_torn_line(tmp_path: Path) -> None:
    w = ResultsWriter(tmp_path)
    w.append_sample(sample("a", "oracle", score=1.0))
    whole = w.samples_path.read_bytes()
    assert w.repair_tail() == 0
    w.samples_path.write_bytes(whole + b'{"run_id": "r1", "sampl')
    assert w.repair_tail() == len(b'{"run_id": "r1", "sampl')
    assert w.samples_path.read_bytes() == whole
    w.append_sample(sample("b", "oracle", score=1.0))
    assert [s.task_id for s in read_samples(tmp_path)] == ["a", "b"]


class FakeTask:
    def __init__(self, tid: str) -> None:
        self.id, self.content_hash = tid, f"hash-{tid}"


ONE_AGENT = (RunAgent("a", AgentSpec("a", "", "", None), (), ()),)


def config(tmp_path: Path, resume: bool) -> RunConfig:
    return RunConfig(
        agents=ONE_AGENT,
        models=("oracle",),
        model_reason="",
        tasks=(FakeTask("a"), FakeTask("b")),  # type: ignore[arg-type]
        epochs=2,
        concurrency=1,
        run_dir=tmp_path,
        run_id="r1",
        cli_args=(),
        resume=RUN if resume else None,
    )


def test_pending_jobs_skip_finished_and_clear_partial_folders(tmp_path: Path) -> None:
    w = ResultsWriter(tmp_path)
    done = sample("a", "oracle", score=1.0).model_copy(update={"sample_id": "a/1/oracle"})
    w.append_sample(done)
    partial = w.sample_dir("b", 2, "oracle")
    (partial / "transcript.jsonl").write_text("half")

    fresh = pending_jobs(config(tmp_path, resume=False), w)
    resumed = pending_jobs(config(tmp_path, resume=True), w)

    assert [j.key for j in fresh] == ["a/1/oracle", "a/2/oracle", "b/1/oracle", "b/2/oracle"]
    assert [j.key for j in resumed] == ["a/2/oracle", "b/1/oracle", "b/2/oracle"]
    assert not partial.exists()


def test_request_survives_the_round_trip_through_run_json(tmp_path: Path) -> None:
    from graders.base import ProbeSettings
    from harness.models.prices import Price

    req = RunRequest(
        agent_paths=(Path("agents/a.md"), Path("agents/b.md")),
        models=("anthropic/x",),
        model_reason="flags",
        task_patterns=("crud-*",),
        epochs=3,
        concurrency=2,
        run_dir=tmp_path,
        run_id="r1",
        tasks_dir=Path("tasks"),
        cache_dir=Path(".cache"),
        cli_args=(),
        probe=ProbeSettings(2.0, 5.0, True),
        max_cost=9.5,
        prices={"anthropic/x": Price(1, 2, 3, 4)},
    )
    w = ResultsWriter(tmp_path)
    w.write_run(RUN.model_copy(update={"request": request_record(req), "status": "interrupted"}))

    again = resume_request(tmp_path, Path(".cache"), ("run", "--resume", str(tmp_path)))

    assert again.resume and again.run_id == RUN.run_id
    assert (again.models, again.task_patterns, again.epochs, again.probe, again.max_cost) == (
        req.models,
        req.task_patterns,
        req.epochs,
        req.probe,
        req.max_cost,
    )
    assert again.prices == req.prices


def test_completed_or_settingless_runs_are_not_resumable(tmp_path: Path) -> None:
    w = ResultsWriter(tmp_path)
    w.write_run(RUN)
    with pytest.raises(ResultsError, match="records no settings"):
        resume_request(tmp_path, Path(".cache"), ())
    w.write_run(RUN.model_copy(update={"request": {"x": 1}, "status": "completed"}))
    with pytest.raises(ResultsError, match="already completed"):
        resume_request(tmp_path, Path(".cache"), ())


def test_a_changed_agent_or_task_refuses_to_resume(tmp_path: Path) -> None:
    from harness.results.log import TaskInfo

    run = RUN.model_copy(
        update={"tasks": [TaskInfo(id="a", content_hash="hash-a", category="c", difficulty=1)]}
    )
    cfg = config(tmp_path, resume=True)

    def agent(sha: str) -> RunAgent:
        spec = AgentSpec("a", "", "", None, path="agents/a.md", sha256=sha)
        return RunAgent("a", spec, (), ())

    ok = RunConfig(
        **{**cfg.__dict__, "agents": (agent(RUN.agent.sha256),), "tasks": (FakeTask("a"),)}
    )
    check_resumable(run, ok)

    with pytest.raises(ResultsError, match=r"agent file agents/a\.md changed"):
        check_resumable(run, RunConfig(**{**ok.__dict__, "agents": (agent("f" * 64),)}))
    with pytest.raises(ResultsError, match="agent files differ"):
        two = (agent(RUN.agent.sha256), agent("f" * 64))
        check_resumable(run, RunConfig(**{**ok.__dict__, "agents": two}))
    edited = FakeTask("a")
    edited.content_hash = "new"
    with pytest.raises(ResultsError, match="task a changed since the run started"):
        check_resumable(run, RunConfig(**{**ok.__dict__, "tasks": (edited,)}))
