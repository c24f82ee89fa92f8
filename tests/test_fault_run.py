"""A whole run through the runner with 20% of model requests faulted (429, 500, 529, dropped
connections, malformed 200 bodies): every sample ends graded or model_error, none misfiled,
none lost or counted twice.

The seams below Docker are faked (FakeSandbox for the agent's container, a grader that checks
the snapshot against the reference solution), so what is under test is the run: the real
anthropic SDK with its retries, the agent loop, the real tools, the retry policy of the
taxonomy and the results log.
"""

import io
import json
import random
import tarfile
from pathlib import Path
from typing import Any

import httpx2
import pytest

import harness.run.sample as sample_mod
from graders.base import CheckResult, GradeResult
from harness.agent.agentfile import RunAgent, load_agent
from harness.agent.builtin.tools import SUPPORTED
from harness.images import ImageSet
from harness.models.anthropic_client import AnthropicClient
from harness.models.oracle import OracleScript
from harness.models.scripted import ScriptedTransport
from harness.results.log import read_run, read_samples
from harness.run.grading import GradingOutcome
from harness.run.runner import RunConfig, RunObserver, execute_run
from harness.sandbox.fake import FakeSandbox
from harness.tasks.spec import load_task

REPO = Path(__file__).resolve().parents[1]
TASK = load_task(REPO / "tasks" / "crud-books")
EPOCHS = 30


class Faults:
    """The per-sample fault transports, seeded so the run is the same every time."""

    def __init__(self) -> None:
        self.rng = random.Random(7)
        self.transports: list[ScriptedTransport] = []
        self.sandboxes: list[FakeSandbox] = []


@pytest.fixture
def faulty_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Faults]:
    faults = Faults()
    monkeypatch.setenv("ARCHBENCH_LOCK_DIR", str(tmp_path / "locks"))
    (tmp_path / "locks").mkdir()

    def start_sandbox(client: Any, **kw: Any) -> FakeSandbox:
        box = FakeSandbox(tmp_path / "boxes" / kw["name"])
        faults.sandboxes.append(box)
        return box

    def open_model(spec: str, *, oracle_files: Any = None, **_: Any) -> AnthropicClient:
        workdir = faults.sandboxes[-1].workdir  # concurrency 1: the sample's own sandbox
        files = [(p.replace("/workspace", workdir, 1), text) for p, text in oracle_files]
        transport = ScriptedTransport(
            OracleScript(files, None), fault_rate=0.2, seed=faults.rng.randrange(10**6)
        )
        faults.transports.append(transport)
        return AnthropicClient(
            spec,
            api_key="offline-scripted",
            http_client=httpx2.AsyncClient(transport=transport),
            base_url="http://scripted.invalid",
            max_retries=1,
        )

    def snapshot_workspace(box: FakeSandbox) -> bytes:
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w") as tar:
            tar.add(box.workdir, arcname="workspace")
        return buf.getvalue()

    async def grade_snapshot(target: Any, task: Any, snapshot: bytes, out: Path, **_: Any) -> Any:
        """Full marks exactly when the snapshot holds the whole reference solution."""
        with tarfile.open(fileobj=io.BytesIO(snapshot)) as tar:
            got = {
                m.name.removeprefix("workspace/"): tar.extractfile(m).read()  # type: ignore[union-attr]
                for m in tar.getmembers()
                if m.isfile()
            }
        want = {p.relative_to(task.path("solution")).as_posix(): p.read_bytes()
                for p in task.path("solution").rglob("*") if p.is_file()}  # fmt: skip
        ok = all(got.get(rel) == data for rel, data in want.items())
        check = CheckResult("reference files", "passed" if ok else "failed", critical=True)
        results = [
            GradeResult(
                dim, "ok", 1.0 if ok else 0.0, checks=(check,) if dim == "functional" else ()
            )
            for dim in task.spec.grading.weights
        ]
        return GradingOutcome("graded", "", 0.1, results)

    monkeypatch.setattr(sample_mod, "start_sandbox", start_sandbox)
    monkeypatch.setattr(sample_mod, "open_model", open_model)
    monkeypatch.setattr(sample_mod, "snapshot_workspace", snapshot_workspace)
    monkeypatch.setattr(sample_mod, "grade_snapshot", grade_snapshot)
    monkeypatch.setattr("harness.run.runner.sweep", lambda client, run_id: None)

    agent = load_agent(REPO / "agents" / "backend-architect.md")
    config = RunConfig(
        agents=(RunAgent("backend-architect", agent, tuple(SUPPORTED), ()),),
        models=("oracle",),
        model_reason="test",
        tasks=(TASK,),
        epochs=EPOCHS,
        concurrency=1,
        run_dir=tmp_path / "run",
        run_id="faults",
        cli_args=(),
        runtimes=("builtin",),  # this test drives the builtin loop over a fake sandbox
    )
    images = ImageSet("b", "r", "p", "s")
    execute_run(config, None, images, RunObserver())
    return tmp_path / "run", faults


def test_a_run_with_20_percent_faults_files_every_sample_correctly(
    faulty_run: tuple[Path, Faults],
) -> None:
    run_dir, faults = faulty_run
    samples = read_samples(run_dir)
    requests = sum(len(t.requests) for t in faults.transports)
    injected = sum(len(t.injected) for t in faults.transports)

    assert read_run(run_dir).status == "completed"
    assert sorted(s.epoch for s in samples) == list(range(1, EPOCHS + 1))  # none lost or twice
    statuses = {s.status for s in samples}
    assert statuses == {"graded", "model_error"}, statuses
    assert 0.15 < injected / requests < 0.25, (injected, requests)
    for s in samples:
        if s.status == "graded":  # the SDK's retries absorbed every fault it met: full marks
            assert (s.score, s.resolved, s.agent_outcome) == (1.0, True, "completed"), s
        else:  # retried once per the taxonomy, then left out of scores with the API's reason
            assert s.attempts == 2 and s.score is None, s
            assert s.reason.startswith("Anthropic API"), s.reason
    # each attempt is one model session: a retried sample opened two
    assert len(faults.transports) == sum(s.attempts for s in samples)
    kept = [json.loads(x) for x in (run_dir / "samples.jsonl").read_text().splitlines()]
    assert len(kept) == EPOCHS
