"""The design grader, the judge factory and the no-service task spec on literal inputs."""

import asyncio
from pathlib import Path

import pytest
from design_fixtures import make_design_task

from graders.base import CheckResult, GradeContext, GradeResult
from graders.design import DesignGrader, judge_usage
from graders.environment import WORKSPACE_IN_PROBER, app_script, prober_env
from harness.errors import ModelAPIError, ModelConfigError, TaskSpecError
from harness.judge import JudgeAnswer
from harness.judge.factory import judge_record, open_judge
from harness.judge.model import SYSTEM
from harness.judge.scripted import ScriptedJudge
from harness.models.base import Usage
from harness.models.prices import cost_usd
from harness.run import grading
from harness.run.sample import judge_fields
from harness.tasks.spec import load_task

DOC = b"""# Plan
The first limit is the database primary at about 11,800 rps.
Each step is rolled back by re-running the previous release.
"""


def ctx(task_dir: Path, files: dict[str, bytes], judge: object) -> GradeContext:
    return GradeContext(load_task(task_dir), None, files, judge=judge, judge_samples=3)


def grade(c: GradeContext) -> object:
    return asyncio.run(DesignGrader().grade(c))


def test_the_scripted_judge_grades_a_design_with_quotes(tmp_path: Path) -> None:
    task_dir = make_design_task(tmp_path)
    judge = open_judge("scripted", [load_task(task_dir)])
    r = grade(ctx(task_dir, {"DESIGN.md": DOC}, judge))
    assert (r.status, r.score) == ("ok", 1.0)
    first = r.checks[0]
    assert first.name.startswith("first-limit: ") and first.outcome == "passed"
    assert "database primary at about 11,800 rps" in first.message
    assert r.details["judge"] == "scripted" and r.details["samples"] == 3


def test_half_the_criteria_and_an_invented_quote(tmp_path: Path) -> None:
    task_dir = make_design_task(tmp_path)
    judge = ScriptedJudge(
        patterns={"Does the plan name the resource that runs out first?": "first limit"},
        table={
            "Does the plan say how a failed step is rolled back?": JudgeAnswer(
                True, "every step has a tested rollback script"
            )
        },
    )
    r = grade(ctx(task_dir, {"DESIGN.md": DOC}, judge))
    assert r.score == 0.5
    rollback = r.checks[1]
    assert rollback.outcome == "failed" and "quoted text not in the document" in rollback.message


def test_missing_document_scores_zero_and_no_judge_is_an_error(tmp_path: Path) -> None:
    task_dir = make_design_task(tmp_path)
    judge = ScriptedJudge()
    r = grade(ctx(task_dir, {}, judge))
    assert (r.status, r.score, r.reason) == ("ok", 0.0, "DESIGN.md is missing or empty")
    assert judge.calls == 0
    r = grade(ctx(task_dir, {"DESIGN.md": DOC}, None))
    assert (r.status, r.score) == ("error", None)


def test_a_failing_judge_api_is_a_grader_error(tmp_path: Path) -> None:
    class Down:
        judge_id = "anthropic/x"

        async def answer(self, **_: str) -> JudgeAnswer:
            raise ModelAPIError("529 overloaded after 3 retries")

    r = grade(ctx(make_design_task(tmp_path), {"DESIGN.md": DOC}, Down()))
    assert r.status == "error" and "529" in r.reason


def test_a_task_without_rubric_skips(tmp_path: Path) -> None:
    task_dir = make_design_task(tmp_path, rubric=False, weights="{ functional = 1.0 }")
    r = grade(ctx(task_dir, {"DESIGN.md": DOC}, ScriptedJudge()))
    assert r.status == "skipped"


def test_design_weight_and_rubric_go_together(tmp_path: Path) -> None:
    with pytest.raises(TaskSpecError, match=r"weights name design but .*rubric.toml is missing"):
        load_task(make_design_task(tmp_path / "a", rubric=False))
    with pytest.raises(TaskSpecError, match="has no design; add it"):
        load_task(make_design_task(tmp_path / "b", weights="{ functional = 1.0 }"))
    task = load_task(make_design_task(tmp_path / "c"))
    assert task.spec.service.kind == "none"


def test_no_service_tasks_get_a_placeholder_and_their_workspace(tmp_path: Path) -> None:
    task = load_task(make_design_task(tmp_path))
    script = app_script(task)
    assert "ThreadingHTTPServer" in script and "8000" in script
    assert "cd /workspace" not in script and "alembic" not in script  # nothing of the agent runs
    env = prober_env(task, {"DATABASE_URL": "postgresql+psycopg://app:app@postgres:5432/app"})
    assert env == {
        "ARCHBENCH_WORKSPACE": WORKSPACE_IN_PROBER,
        "PG_DSN": "postgresql://app:app@postgres:5432/app",
    }


def test_judge_specs_and_what_run_json_records(tmp_path: Path) -> None:
    design = load_task(make_design_task(tmp_path))
    with pytest.raises(ModelConfigError, match="unknown judge 'gpt'"):
        open_judge("gpt", [design])
    with pytest.raises(ModelConfigError, match="ANTHROPIC_API_KEY"):
        open_judge("anthropic/claude-x", [design], api_key=None)
    assert judge_record("scripted", 3, [design])["prompt_version"].startswith("offline")
    assert judge_record("anthropic/claude-x", 5, [design]) == {
        "id": "anthropic/claude-x",
        "prompt_version": "judge-v1",
        "prompt": SYSTEM,
        "samples": 5,
    }
    plain = load_task(
        make_design_task(tmp_path / "p", rubric=False, weights="{ functional = 1.0 }")
    )
    assert judge_record("scripted", 3, [plain]) == {}


class _Fixed:
    def __init__(self, name: str, result: GradeResult) -> None:
        self.name, self.result, self.calls = name, result, 0

    async def grade(self, ctx: GradeContext) -> GradeResult:
        self.calls += 1
        return self.result


def run_graders(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, functional: GradeResult
) -> tuple[list[GradeResult], dict[str, _Fixed]]:
    monkeypatch.setenv("ARCHBENCH_LOCK_DIR", str(tmp_path))
    fakes = {
        name: _Fixed(name, GradeResult(name, "ok", 1.0))
        for name in ("security", "quality", "performance", "design")
    }
    fakes["functional"] = _Fixed("functional", functional)
    monkeypatch.setattr(grading, "GRADERS", {n: fakes[n] for n in grading.GRADERS})
    task_dir = make_design_task(tmp_path / "t")
    results = asyncio.run(grading._run_graders(ctx(task_dir, {}, ScriptedJudge())))
    return results, fakes


def test_design_runs_only_on_resolved_samples_and_lint_not_on_design_tasks(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    passed = GradeResult("functional", "ok", 1.0, checks=(CheckResult("t", "passed"),))
    results, fakes = run_graders(monkeypatch, tmp_path, passed)
    by = {r.grader: r for r in results}
    assert (by["design"].status, fakes["design"].calls) == ("ok", 1)
    assert by["quality"].status == "skipped" and fakes["quality"].calls == 0
    assert by["quality"].reason == "the task declares no quality weight"

    failed = GradeResult("functional", "ok", 0.5, checks=(CheckResult("t", "failed"),))
    results, fakes = run_graders(monkeypatch, tmp_path / "2", failed)
    by = {r.grader: r for r in results}
    assert by["design"].reason == "not resolved: the judge was not asked"
    assert fakes["design"].calls == 0
    c = grading.composite({"functional": 0.6, "design": 0.4}, results)
    assert c.score == pytest.approx(0.3) and c.missing["design"].startswith("not resolved")


def test_judge_tokens_are_read_from_the_design_grading() -> None:
    design = GradeResult(
        "design", "ok", 1.0, details={"usage": {"input_tokens": 900, "output_tokens": 90}}
    )
    assert judge_usage([GradeResult("functional", "ok", 1.0), design]) == Usage(900, 90)
    assert judge_usage([GradeResult("functional", "ok", 1.0)]) == Usage()
    assert cost_usd("scripted", Usage(900, 90)) == 0.0  # the offline judge costs nothing


def test_criteria_are_recorded_even_when_the_judge_spent_no_tokens() -> None:
    design = GradeResult(
        "design", "ok", 0.5,
        checks=(CheckResult("a: q?", "passed", '"x"'), CheckResult("b: q?", "failed", "no")),
    )  # fmt: skip
    fields = judge_fields("scripted", [GradeResult("functional", "ok", 1.0), design])
    assert fields == {"criteria": {"a": True, "b": False}, "judge_tokens": 0, "judge_cost_usd": 0.0}
    assert judge_fields("scripted", [GradeResult("functional", "ok", 1.0)]) == {}
    assert judge_fields(None, [design]) == {}
