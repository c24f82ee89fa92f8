"""`open_judge`: turn a `--judge` spec into a Judge, and what run.json records of it."""

from collections.abc import Mapping, Sequence
from typing import Any

from harness.errors import ModelConfigError
from harness.judge.base import Judge
from harness.judge.model import PROMPT_VERSION, SYSTEM, ModelJudge
from harness.judge.scripted import ScriptedJudge
from harness.tasks.rubric import load_rubric
from harness.tasks.spec import RUBRIC_FILE, Task

DEFAULT_JUDGE = "scripted"
JUDGE_SPECS = ("scripted", "anthropic/<model-id>", "openai/<model-id>")
SCRIPTED_NOTE = "offline: each criterion's offline_pattern, plumbing only (it judges nothing)"


def scripted_judge(tasks: Sequence[Task]) -> ScriptedJudge:
    """The offline judge, knowing every rubric criterion's offline_pattern."""
    patterns: dict[str, str] = {}
    for t in tasks:
        if t.path(RUBRIC_FILE).is_file():
            for c in load_rubric(t.path(RUBRIC_FILE)).criterion:
                patterns[c.question] = c.offline_pattern
    return ScriptedJudge(patterns=patterns)


def open_judge(
    spec: str,
    tasks: Sequence[Task],
    *,
    api_key: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Judge:
    """'scripted' runs offline; 'anthropic/<id>' and 'openai/<id>' open a model client (the
    same keys and errors as --model)."""
    if spec == "scripted":
        return scripted_judge(tasks)
    provider = spec.partition("/")[0]
    if provider not in ("anthropic", "openai"):
        raise ModelConfigError(f"unknown judge {spec!r}; use one of: {', '.join(JUDGE_SPECS)}")
    from harness.models.factory import open_model

    return ModelJudge(open_model(spec, api_key=api_key, env=dict(env or {})), spec)


def judge_record(spec: str, samples: int, tasks: Sequence[Task]) -> dict[str, Any]:
    """run.json's `judge`: empty for a run without design tasks. Pure."""
    if not any(t.path(RUBRIC_FILE).is_file() for t in tasks):
        return {}
    if spec == "scripted":
        return {"id": spec, "prompt_version": SCRIPTED_NOTE, "samples": samples}
    return {"id": spec, "prompt_version": PROMPT_VERSION, "prompt": SYSTEM, "samples": samples}
