"""Synthetic run folders for the viewer's tests: run.json, samples.jsonl and each sample's
files (transcript, grader files, workspace.tar, app.log), shaped as the harness writes them."""

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from harness.archive import tar_files
from harness.results.log import AgentInfo, ResultsWriter, RunRecord, SampleRecord, TaskInfo

AGENT = AgentInfo(
    path="agents/arch.md",
    name="arch",
    sha256="a" * 64,
    text="---\nname: arch\n---\nYou design backends.\n",
    offered_tools=["Read", "Write", "Bash"],
    unsupported_tools=[],
    unknown_keys=[],
)
STARTER = {"app/main.py": b"from fastapi import FastAPI\n\napp = FastAPI()\n", "README.md": b"hi\n"}
VISIBLE = {"test_smoke.py": b"def test_ok():\n    assert True\n"}


def run_record(run_id: str = "r1", tasks_dir: Path | None = None, **kw: Any) -> RunRecord:
    fields: dict[str, Any] = {
        "run_id": run_id,
        "harness_version": "0.1.0",
        "git_sha": "abc1234",
        "started_at": "2026-01-01T00:00:00Z",
        "status": "completed",
        "agent": AGENT,
        "models": ["oracle"],
        "model_reason": "chosen with --model",
        "tasks": [TaskInfo(id="books", content_hash="", category="api", difficulty=1)],
        "epochs": 1,
        "images": {},
        "limits": {},
        "cli_args": [],
        "seed": 0,
        "request": {"tasks_dir": str(tasks_dir)} if tasks_dir else {},
    }
    return RunRecord.model_validate({**fields, **kw})


def sample(task: str = "books", epoch: int = 1, model: str = "oracle", **kw: Any) -> SampleRecord:
    fields: dict[str, Any] = {
        "run_id": "r1",
        "sample_id": f"{task}/{epoch}/{model}",
        "task_id": task,
        "epoch": epoch,
        "model": model,
        "agent": "arch",
        "status": "graded",
        "score": 0.557,
        "resolved": False,
        "functional": 0.6,
        "quality": 1.0,
        "checks_passed": 1,
        "checks_total": 2,
        "input_tokens": 1200,
        "output_tokens": 300,
        "cost_usd": 0.0123,
        "turns": 2,
        "tool_calls": 1,
        "agent_seconds": 12.5,
        "grading_seconds": 30.0,
        "total_seconds": 45.0,
        "started_at": "2026-01-01T00:00:01Z",
        "finished_at": "2026-01-01T00:00:46Z",
    }
    return SampleRecord.model_validate({**fields, **kw})


def make_task(root: Path, task: str = "books") -> Path:
    """tasks/<task>/ with task.toml, prompt.md, a starter workspace and visible tests."""
    folder = root / task
    for rel, data in STARTER.items():
        (folder / "workspace" / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / "workspace" / rel).write_bytes(data)
    for rel, data in VISIBLE.items():
        (folder / "tests" / "visible" / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / "tests" / "visible" / rel).write_bytes(data)
    (folder / "task.toml").write_text(f'id = "{task}"\n')
    (folder / "prompt.md").write_text("Build a books API.\n")
    return root


def transcript(tool_output: str = "1 passed", *, error: bool = False) -> list[dict[str, Any]]:
    use = {"type": "tool_use", "id": "t1", "name": "Bash", "input": {"command": "pytest -q"}}
    return [
        {
            "type": "model_turn",
            "turn": 1,
            "model": "oracle",
            "stop_reason": "tool_use",
            "usage": {"input_tokens": 600, "output_tokens": 150},
            "duration": 1.5,
            "content": [
                {"type": "thinking", "thinking": "Let me check the tests."},
                {"type": "text", "text": "Running the smoke tests."},
                use,
            ],
        },
        {"type": "tool_call", "turn": 1, "tool_use_id": "t1", "name": "Bash", "input": {}},
        {
            "type": "tool_result",
            "turn": 1,
            "tool_use_id": "t1",
            "name": "Bash",
            "is_error": error,
            "content": tool_output,
            "content_chars": len(tool_output),
            "duration": 0.8,
        },
        {
            "type": "model_turn",
            "turn": 2,
            "model": "oracle",
            "stop_reason": "end_turn",
            "usage": {"input_tokens": 600, "output_tokens": 150},
            "duration": 1.0,
            "content": [{"type": "text", "text": "Done."}],
        },
        {"type": "agent_end", "outcome": "completed", "reason": "the model ended its turn",
         "turns": 2, "tool_calls": 1, "tool_errors": 0, "usage": {}, "duration": 3.3},
    ]  # fmt: skip


def functional(failed_message: str = "assert 403 == 200") -> dict[str, Any]:
    return {
        "grader": "functional",
        "status": "ok",
        "score": 0.5,
        "reason": "",
        "duration": 3.0,
        "details": {"output": "1 failed, 1 passed"},
        "checks": [
            {"name": "test_list_books", "outcome": "passed", "message": "", "critical": False},
            {
                "name": "test_owner_only",
                "outcome": "failed",
                "message": failed_message,
                "critical": True,
            },
        ],
    }


def workspace_tar(files: dict[str, bytes]) -> bytes:
    return tar_files([(f"workspace/{k}", v) for k, v in sorted(files.items())], uid=1000)


def write_sample(
    run_dir: Path,
    s: SampleRecord,
    *,
    events: list[dict[str, Any]] | None = None,
    graders: dict[str, dict[str, Any]] | None = None,
    files: dict[str, bytes] | None = None,
    tar: bytes | None = None,
    app_log: str = "INFO started\n",
    folder: Path | None = None,
) -> Path:
    """Append `s` and write its files (the final workspace: STARTER changed a little)."""
    writer = ResultsWriter(run_dir)
    writer.append_sample(s)
    out = folder or writer.sample_dir(s.task_id, s.epoch, s.model)
    out.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(e) for e in (transcript() if events is None else events)]
    (out / "transcript.jsonl").write_text("\n".join(lines) + "\n")
    for name, payload in (graders if graders is not None else {"functional": functional()}).items():
        (out / f"grader-{name}.json").write_text(json.dumps(payload))
    final = {
        **STARTER,
        **{f"tests/visible/{k}": v for k, v in VISIBLE.items()},
        "app/main.py": STARTER["app/main.py"] + b"\n@app.get('/books')\n",
    }
    (out / "workspace.tar").write_bytes(tar if tar is not None else workspace_tar(files or final))
    (out / "app.log").write_text(app_log)
    return out


def make_run(root: Path, samples: list[SampleRecord], run: RunRecord | None = None) -> Path:
    """A run folder with `samples`, each with the default files, and tasks/ beside it."""
    tasks = root / "tasks"
    for task in sorted({s.task_id for s in samples}):
        make_task(tasks, task)
    run_dir = root / "results" / (run.run_id if run else "r1")
    ResultsWriter(run_dir).write_run(run or run_record(tasks_dir=tasks))
    for s in samples:
        write_sample(run_dir, s)
    return run_dir


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    """Headless chromium with console messages on stderr (lines with CONSOLE)."""
    assert CHROMIUM, "chromium is not installed: apt-get install chromium (.ci/run does)"
    return subprocess.run(
        [CHROMIUM, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--hide-scrollbars", "--enable-logging=stderr", "--v=0", *args],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def dump_dom(url: str) -> subprocess.CompletedProcess[str]:
    return chromium("--dump-dom", url)
