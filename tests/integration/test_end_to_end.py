"""The README path, as a user runs it: `archbench run` with the oracle and noop models."""

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from integration.runs import KEY_CANARY, RUN_TASKS, archbench

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]
STARTER_TASKS = RUN_TASKS


def samples(run_dir: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (run_dir / "samples.jsonl").read_text().splitlines()]


def leftovers(client: Any, run_id: str) -> list[str]:
    filt = {"label": [f"archbench.run={run_id}"]}
    return [
        *(c.name for c in client.containers.list(all=True, filters=filt, ignore_removed=True)),
        *(n.name for n in client.networks.list(filters=filt)),
        *(v.name for v in client.volumes.list(filters=filt)),
    ]


@pytest.fixture(scope="module")
def oracle_and_noop_run(oracle_noop_run: Path) -> Path:
    return oracle_noop_run


def test_oracle_resolves_every_starter_task(oracle_and_noop_run: Path) -> None:
    got = {s["task_id"]: s for s in samples(oracle_and_noop_run) if s["model"] == "oracle"}
    assert sorted(got) == sorted(STARTER_TASKS)
    for task_id, s in got.items():
        assert (s["status"], s["score"], s["resolved"]) == ("graded", 1.0, True), task_id
        assert s["checks_total"] >= 12 and s["checks_passed"] == s["checks_total"]
        assert s["input_tokens"] > 0 and s["tool_calls"] > 0


def test_noop_scores_zero(oracle_and_noop_run: Path) -> None:
    got = [s for s in samples(oracle_and_noop_run) if s["model"] == "noop"]
    assert len(got) == len(STARTER_TASKS)
    assert {s["score"] for s in got} == {0.0}
    assert not any(s["resolved"] for s in got)


def test_run_record_pins_what_decided_the_scores(oracle_and_noop_run: Path) -> None:
    run = json.loads((oracle_and_noop_run / "run.json").read_text())
    assert run["status"] == "completed"
    assert run["agent"]["path"].endswith("agents/backend-architect.md")
    assert len(run["agent"]["sha256"]) == 64 and run["agent"]["text"].startswith("---")
    assert sorted(t["id"] for t in run["tasks"]) == sorted(STARTER_TASKS)
    assert all(len(t["content_hash"]) == 64 for t in run["tasks"])
    assert all(i.startswith("sha256:") for i in run["images"].values())
    assert run["git_sha"] and run["harness_version"]


def test_sample_folders_hold_transcript_snapshot_and_logs(oracle_and_noop_run: Path) -> None:
    d = oracle_and_noop_run / "samples" / "crud-books" / "1" / "oracle"
    assert (d / "workspace.tar").stat().st_size > 0
    events = [json.loads(x) for x in (d / "transcript.jsonl").read_text().splitlines()]
    assert events[-1]["type"] == "agent_end" and events[-1]["outcome"] == "completed"
    grader = json.loads((d / "grader-functional.json").read_text())
    assert grader["status"] == "ok" and grader["score"] == 1.0


def test_the_default_runtime_is_claude_code_and_the_run_records_it(
    oracle_and_noop_run: Path,
) -> None:
    run = json.loads((oracle_and_noop_run / "run.json").read_text())
    assert run["runtimes"] == ["claude-code"]
    assert run["claude_code"]["version"].startswith("2.")
    assert len(run["claude_code"]["wheel_sha256"]) == 64
    assert {"Read", "Write", "Bash"} <= set(run["agent"]["claude_code_tools"])
    # the frontmatter names tools this Claude Code no longer has: listed, never dropped silently
    assert "MultiEdit" in run["agent"]["claude_code_unsupported"]
    assert {s["runtime"] for s in samples(oracle_and_noop_run)} == {"claude-code"}
    d = oracle_and_noop_run / "samples" / "crud-books" / "1" / "oracle"
    stream = [json.loads(x) for x in (d / "claude-code.jsonl").read_text().splitlines()]
    assert stream[0]["type"] == "system" and stream[-1]["type"] == "result"
    assert not stream[-1]["is_error"]
    requests = [
        json.loads(x)
        for x in (d / "transcript.jsonl").read_text().splitlines()
        if '"model_request"' in x
    ]
    assert requests and all(r["type"] == "model_request" for r in requests)


def test_a_matrix_over_runtimes_is_compared_builtin_vs_claude_code(
    tmp_path: Path, images: Any
) -> None:
    out = tmp_path / "results"
    proc = archbench(
        "run",
        *("--runtime", "builtin", "--runtime", "claude-code"),
        *("--model", "oracle", "--model", "mutant", "--tasks", "crud-books"),
        *("--out", str(out), "--run-id", "runtimes", "--probe-length", "short"),
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    run_dir = out / "runtimes"
    got = {(s["runtime"], s["model"]): s for s in samples(run_dir)}
    assert sorted(got) == sorted(
        (r, m) for r in ("builtin", "claude-code") for m in ("oracle", "mutant")
    )
    assert got[("builtin", "oracle")]["score"] == got[("claude-code", "oracle")]["score"] == 1.0
    assert not got[("claude-code", "mutant")]["resolved"]
    assert (run_dir / "samples/crud-books/1/claude-code__oracle/claude-code.jsonl").is_file()
    assert not (run_dir / "samples/crud-books/1/builtin__oracle/claude-code.jsonl").exists()
    cmp = archbench(
        "compare",
        *(str(run_dir), str(run_dir)),
        *("--base-model", "oracle", "--cand-model", "oracle"),
        *("--base-runtime", "builtin", "--cand-runtime", "claude-code"),
    )
    assert cmp.returncode in (0, 3), cmp.stdout + cmp.stderr  # one task: PASS or INCONCLUSIVE
    assert "PASS" in cmp.stdout or "INCONCLUSIVE" in cmp.stdout
    unpicked = archbench("compare", str(run_dir), str(run_dir), "--base-model", "oracle")
    assert unpicked.returncode == 2 and "pick one with --base-runtime" in unpicked.stderr


def test_report_rebuilds_from_the_folder(oracle_and_noop_run: Path) -> None:
    proc = archbench("report", str(oracle_and_noop_run))
    assert proc.returncode == 0, proc.stderr
    md = (oracle_and_noop_run / "report.md").read_text()
    # one row per task and configuration (agent, model)
    row = "| crud-books | backend-architect | {} |"
    assert row.format("oracle") in md and row.format("noop") in md
    rows = (oracle_and_noop_run / "samples.csv").read_text().splitlines()
    assert len(rows) == 1 + 2 * len(STARTER_TASKS)


def test_nothing_labelled_archbench_is_left(oracle_and_noop_run: Path, docker_client: Any) -> None:
    assert leftovers(docker_client, "e2e") == []


def test_api_key_never_reaches_results(oracle_and_noop_run: Path) -> None:
    leaked = [
        p
        for p in oracle_and_noop_run.rglob("*")
        if p.is_file() and KEY_CANARY.encode() in p.read_bytes()
    ]
    assert leaked == []


def test_docker_unreachable_is_one_line_exit_2(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "harness", "images", "build"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DOCKER_HOST": f"unix://{tmp_path}/none.sock"},
    )
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Docker is not reachable" in lines[0] and "DOCKER_HOST" in lines[0]


def test_matrix_run_records_agent_and_model_per_sample(tmp_path: Path, images: Any) -> None:
    """Two agent files (a prompt edit of one agent) x two models in one run; compare picks one
    configuration from each side and shows the prompt diff."""
    base = REPO / "agents" / "backend-architect.md"
    edited = tmp_path / "backend-architect.md"
    edited.write_text(base.read_text() + "\nAlways write a migration plan first.\n")
    out = tmp_path / "results"
    proc = archbench(
        "run",
        *("--agent", str(base), "--agent", str(edited)),
        *("--model", "oracle", "--model", "noop"),
        *("--tasks", "crud-books", "--out", str(out), "--run-id", "matrix"),
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    run_dir = out / "matrix"
    run = json.loads((run_dir / "run.json").read_text())
    labels = [a["label"] for a in run["agents"]]
    assert len(labels) == 2 and len(set(labels)) == 2
    assert all(label.startswith("backend-architect@") for label in labels)
    got = {(s["agent"], s["model"]): s for s in samples(run_dir)}
    assert sorted(got) == sorted((a, m) for a in labels for m in ("oracle", "noop"))
    assert all(got[(a, "oracle")]["score"] == 1.0 for a in labels)
    assert all(got[(a, "noop")]["score"] == 0.0 for a in labels)
    assert len({s["sample_id"] for s in got.values()}) == 4
    for a in labels:
        assert (
            run_dir / "samples" / "crud-books" / "1" / f"{a}__oracle" / "transcript.jsonl"
        ).is_file()
    assert "| crud-books |" in (run_dir / "report.md").read_text()

    cmp = archbench(
        "compare",
        *(str(run_dir), str(run_dir)),
        *("--base-model", "oracle", "--cand-model", "oracle"),
        *("--base-agent", labels[0], "--cand-agent", labels[1]),
    )
    assert cmp.returncode in (0, 3), cmp.stdout + cmp.stderr  # one task: PASS or INCONCLUSIVE
    assert "agent files differ" in cmp.stdout
    assert "+Always write a migration plan first." in cmp.stdout
    unpicked = archbench("compare", str(run_dir), str(run_dir), "--base-model", "oracle")
    assert unpicked.returncode == 2 and "pick one with --base-agent" in unpicked.stderr
