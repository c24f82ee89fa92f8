"""The GitHub workflows are valid YAML with the expected triggers, and every archbench command
they run exists with the flags they pass (so a CLI change cannot silently break them)."""

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import typer
import yaml

from harness.cli.app import app

WORKFLOWS = Path(__file__).resolve().parent.parent / ".github" / "workflows"
ALLOWED_PREFIXES = (
    ".venv/bin/archbench ",
    "bash scripts/",
    "git show ",
    "git diff --name-only ",
    'echo "agents=',
    'echo "ARTIFACT=',
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
    assert any("scripts/nightly.sh compare" in ln for ln in run_lines(wf))  # it runs compare
    for job in ("shard", "merge"):
        uploads = [s for s in wf["jobs"][job]["steps"] if "upload-artifact" in s.get("uses", "")]
        assert uploads and uploads[0]["if"] == "always()"


def test_prompt_check_runs_on_agent_changes() -> None:
    wf = load("prompt-check.yml")
    assert wf[True]["pull_request"]["paths"] == ["agents/**"]
    assert sum("archbench run" in ln for ln in run_lines(wf)) == 2
    assert any("GITHUB_STEP_SUMMARY" in ln for ln in run_lines(wf))


def test_prompt_check_compares_the_agent_file_the_pr_changed() -> None:
    jobs = load("prompt-check.yml")["jobs"]
    compare = jobs["compare"]
    assert compare["needs"] == "changed"
    assert compare["strategy"]["matrix"]["agent"] == "${{ fromJSON(needs.changed.outputs.agents) }}"
    assert compare["env"]["AGENT"] == "${{ matrix.agent }}"
    assert "AGENT" not in jobs["changed"].get("env", {})
    base = next(s for s in compare["steps"] if s.get("name") == "Base agent file")
    assert base["run"].strip() == 'git show "origin/$BASE_REF:$AGENT" > base-agent.md'


WORKFLOW_FILES = ["nightly.yml", "prompt-check.yml"]


def steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_no_expression_is_interpolated_into_a_script(name: str) -> None:
    for step in steps(load(name)):
        assert "${{" not in step.get("run", ""), step  # pass values through env: instead


@pytest.mark.parametrize("name", WORKFLOW_FILES)
def test_actions_are_pinned_by_commit_and_runs_do_not_overlap(name: str) -> None:
    wf = load(name)
    uses = [step["uses"] for step in steps(wf) if "uses" in step]
    assert uses
    for ref in uses:
        assert re.fullmatch(
            r"actions/(checkout|upload-artifact|download-artifact|cache/(restore|save))@[0-9a-f]{40}",
            ref,
        ), ref
    assert wf["concurrency"]["group"]
    for step in steps(wf):
        if "checkout" in step.get("uses", ""):
            assert step["with"]["persist-credentials"] is False


def test_changed_agents_step_lists_modified_agent_files(tmp_path: Path) -> None:
    assert shutil.which("jq"), "jq is not installed: apt-get install jq (.ci/run does)"

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (tmp_path / "agents").mkdir()
    for name in ("a.md", "b.md", "README"):
        (tmp_path / "agents" / name).write_text("v1\n")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    git("checkout", "-qb", "pr")
    for name in ("b.md", "README", "new.md"):  # a new file has no baseline to compare with
        (tmp_path / "agents" / name).write_text("v2\n")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "edit")
    script = next(s for s in steps(load("prompt-check.yml")) if s.get("id") == "list")["run"]
    output = tmp_path / "github_output"

    subprocess.run(
        ["bash", "-eo", "pipefail", "-c", script],
        cwd=tmp_path,
        check=True,
        env={**os.environ, "BASE_REF": "main", "GITHUB_OUTPUT": str(output)},
    )

    assert output.read_text() == 'agents=["agents/b.md"]\n'


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
