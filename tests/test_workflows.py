"""The GitHub workflows are valid YAML with the expected triggers, and every archbench command
they run exists with the flags they pass (so a CLI change cannot silently break them)."""

import shlex
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from harness.cli import app

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"
ALLOWED_PREFIXES = (
    ".venv/bin/archbench ",
    "bash scripts/",
    "git show ",
    "set +e",
    "code=$?",
    "cat ",
    "if [",
    "#",
)


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    assert isinstance(data, dict)
    return data


def run_lines(workflow: dict[Any, Any]) -> list[str]:
    lines = []
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "run" in step or "uses" in step, step
            lines += [ln.strip() for ln in step.get("run", "").splitlines() if ln.strip()]
    return lines


def test_nightly_is_scheduled_and_fails_on_regression() -> None:
    wf = load("nightly.yml")
    on = wf[True]  # YAML 1.1 reads the key `on` as a boolean
    assert on["schedule"][0]["cron"]
    assert any("archbench compare" in ln for ln in run_lines(wf))
    uploads = [s for s in wf["jobs"]["score"]["steps"] if "upload-artifact" in s.get("uses", "")]
    assert uploads and uploads[0]["if"] == "always()"


def test_prompt_check_runs_on_agent_changes() -> None:
    wf = load("prompt-check.yml")
    assert wf[True]["pull_request"]["paths"] == ["agents/**"]
    assert sum("archbench run" in ln for ln in run_lines(wf)) == 2
    assert any("GITHUB_STEP_SUMMARY" in ln for ln in run_lines(wf))


@pytest.mark.parametrize("name", ["nightly.yml", "prompt-check.yml"])
def test_only_readme_commands_with_real_flags(name: str) -> None:
    root = typer.main.get_command(app)
    for line in run_lines(load(name)):
        assert line.startswith(ALLOWED_PREFIXES), line
        if not line.startswith(".venv/bin/archbench "):
            continue
        argv = shlex.split(line.split(">")[0])[1:]
        cmd: Any = root
        while hasattr(cmd, "commands"):  # a group: descend into the named subcommand
            cmd = cmd.commands.get(argv.pop(0))
            assert cmd is not None, line
        known = {opt for p in cmd.params for opt in p.opts}
        for token in argv:
            if token.startswith("--"):
                assert token.split("=")[0] in known, f"{line}: unknown flag {token}"
