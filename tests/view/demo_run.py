"""Two demo run folders for the viewer, from a real task (cms-rbac) without Docker: a base
run whose final workspace is the reference, and a candidate whose workspace carries the
`author-can-publish` mutant, with grader files shaped as the graders write them. Used for the
README's screenshot: `python tests/view/demo_run.py OUT` prints the two run folders.
"""

import re
import sys
from pathlib import Path
from typing import Any

from view_fixtures import AGENT, run_record, sample, workspace_tar, write_sample

from harness.archive import collect_tree
from harness.results.log import ResultsWriter, TaskInfo
from harness.tasks.patches import patched_tree
from harness.tasks.spec import hash_tree

REPO = Path(__file__).resolve().parents[2]
TASK = "cms-rbac"
MUTANT = "author-can-publish"
FAILURE = (
    "assert 200 == 403\n + where 200 = <Response [200 OK]>.status_code\n\n"
    "an author moved their own article from in_review to published"
)


def hidden_checks(task: Path, failing: str | None) -> list[dict[str, Any]]:
    """Every hidden test of the task as a check (critical as marked), one of them failing."""
    checks = []
    for path in sorted((task / "hidden").glob("test_*.py")):
        text = path.read_text()
        for m in re.finditer(r"((?:@pytest\.mark\.critical\s*\n)?)(?:@.*\n)*def (test_\w+)", text):
            name = f"{path.stem}::{m.group(2)}"
            bad = failing is not None and name.endswith(failing)
            checks.append(
                {"name": name, "outcome": "failed" if bad else "passed",
                 "message": FAILURE if bad else "", "critical": bool(m.group(1))}
            )  # fmt: skip
    return checks


def graders(task: Path, failing: str | None) -> dict[str, dict[str, Any]]:
    checks = hidden_checks(task, failing)
    passed = sum(c["outcome"] == "passed" for c in checks)
    security = [
        {"name": "SP-AUTHZ::test_role_escalation", "outcome": "passed", "message": "",
         "probe": "SP-AUTHZ", "cwe": 285},
        {"name": "SP-JWT::test_alg_none_rejected", "outcome": "passed", "message": "",
         "probe": "SP-JWT", "cwe": 347},
    ]  # fmt: skip
    load = {"offered_rate": 100.0, "achieved_rate": 99.8, "requests": 3000, "errors": 0,
            "p50": 0.006, "p95": 0.019, "p99": 0.041, "max": 0.12}  # fmt: skip
    return {
        "functional": {"grader": "functional", "status": "ok", "score": passed / len(checks),
                       "reason": "", "duration": 21.4, "details": {}, "checks": checks},
        "security": {"grader": "security", "status": "ok", "score": 1.0, "reason": "",
                     "checks": security},
        "performance": {"grader": "performance", "status": "ok", "score": 1.0, "details": {
            "slo": {"rate": 100.0, "p99_ms": 250.0, "max_error_rate": 0.01,
                    "source": "task.toml"}, "full": load}},
        "quality": {"grader": "quality", "status": "ok", "score": 0.92, "details": {
            "rules": {"B904": 2, "SIM108": 1}, "loc": 410, "per_kloc": 7.3,
            "reference_per_kloc": 4.9, "reference_rules": {"B904": 2}, "mypy_errors": 0}},
    }  # fmt: skip


def transcript(files: dict[str, bytes], failing: bool) -> list[dict[str, Any]]:
    usage = {"input_tokens": 4200, "output_tokens": 900, "cache_read_input_tokens": 12000}
    uses = [
        {"type": "tool_use", "id": f"w{i}", "name": "Write",
         "input": {"file_path": f"/workspace/{rel}", "content": data.decode()}}
        for i, (rel, data) in enumerate(sorted(files.items()))
    ]  # fmt: skip
    events: list[dict[str, Any]] = [
        {"type": "model_turn", "turn": 1, "model": "claude-sonnet-4-5", "stop_reason": "tool_use",
         "usage": usage, "duration": 38.2, "content": [
             {"type": "thinking", "thinking": "Roles: viewer, author, editor, admin. The "
              "workflow moves need a policy table checked on every transition."},
             {"type": "text", "text": "I'll lay out the service: models, a policy module, "
              "then the routes."}, *uses]},
    ]  # fmt: skip
    for u in uses:
        events.append(
            {"type": "tool_result", "turn": 1, "tool_use_id": u["id"], "name": "Write",
             "is_error": False, "content": f"wrote {u['input']['file_path']}",
             "duration": 0.05}
        )  # fmt: skip
    out = "6 passed in 2.10s" if not failing else "6 passed in 2.31s"
    events += [
        {"type": "model_turn", "turn": 2, "model": "claude-sonnet-4-5", "stop_reason": "tool_use",
         "usage": usage, "duration": 4.1, "content": [
             {"type": "text", "text": "Running the smoke tests."},
             {"type": "tool_use", "id": "b1", "name": "Bash",
              "input": {"command": "cd /workspace && python -m pytest -q tests/visible"}}]},
        {"type": "tool_result", "turn": 2, "tool_use_id": "b1", "name": "Bash",
         "is_error": False, "content": out, "duration": 3.2},
        {"type": "model_turn", "turn": 3, "model": "claude-sonnet-4-5",
         "stop_reason": "end_turn", "usage": usage, "duration": 2.0,
         "content": [{"type": "text", "text": "The service is complete."}]},
        {"type": "agent_end", "outcome": "completed", "reason": "the model ended its turn "
         "(end_turn)", "turns": 3, "tool_calls": len(uses) + 1, "tool_errors": 0,
         "usage": usage, "duration": 44.3},
    ]  # fmt: skip
    return events


def demo_runs(out: Path) -> tuple[Path, Path]:
    task = REPO / "tasks" / TASK
    info = TaskInfo(id=TASK, content_hash=hash_tree(task), category="auth", difficulty=3)
    reference = dict(collect_tree(task / "workspace")) | dict(collect_tree(task / "solution"))
    visible = {f"tests/visible/{k}": v for k, v in collect_tree(task / "tests" / "visible")}
    mutant = reference | patched_tree(task / "solution", task / "mutants" / f"{MUTANT}.patch")
    cand_agent = AGENT.model_copy(
        update={"text": AGENT.text + "Keep handlers short; trust the author field.\n",
                "sha256": "c" * 64}
    )  # fmt: skip
    runs = []
    for run_id, files, failing, agent, score in (
        ("demo-base", reference, None, AGENT, 1.0),
        ("demo-cand", mutant, "test_authors_cannot_publish", cand_agent, 0.557),
    ):
        run_dir = out / run_id
        ResultsWriter(run_dir).write_run(
            run_record(run_id, REPO / "tasks", tasks=[info], agent=agent)
        )
        s = sample(TASK, model="anthropic/claude-sonnet-4-5", run_id=run_id, score=score,
                   resolved=failing is None, functional=0.93 if failing else 1.0,
                   security=None if failing else 1.0, performance=None if failing else 1.0,
                   quality=0.92, checks_passed=23 if failing else 24, checks_total=24,
                   input_tokens=12600, output_tokens=2700, cost_usd=0.078, turns=3,
                   tool_calls=len(files) + 1, agent_outcome="completed")  # fmt: skip
        write_sample(run_dir, s, events=transcript(files, failing is not None),
                     graders=graders(task, failing), tar=workspace_tar(files | visible),
                     app_log="INFO:     Started server process [7]\nINFO:     Application "
                     "startup complete.\n")  # fmt: skip
        runs.append(run_dir)
    return runs[0], runs[1]


if __name__ == "__main__":
    for path in demo_runs(Path(sys.argv[1])):
        print(path)
