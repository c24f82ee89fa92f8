"""The nightly workflow: actionlint finds nothing in the workflows, and a dry run of its steps
(the shard matrix, artifacts, merge, the cached baseline, compare) over several nights shows
that the first night establishes the baseline, a like night passes, a worse one fails, a
changed suite asks for promotion and a promotion takes effect. Only `archbench run` is a
stand-in (tests/fixtures/nightly_archbench.py); merge, report and compare are the real ones."""

import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from harness.results.log import read_run, read_samples

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
STUB = REPO / "tests" / "fixtures" / "nightly_archbench.py"
BIN = Path(sys.executable).parent


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    exe = BIN / "actionlint"
    assert exe.exists(), f"{exe}: missing; install the dev tools: pip install -e '.[dev]'"
    assert (BIN / "shellcheck").exists(), "shellcheck missing; pip install -e '.[dev]'"
    env = {**os.environ, "PATH": f"{BIN}:{os.environ['PATH']}"}  # its shellcheck checks run:
    return subprocess.run(
        [str(exe), "-no-color", *map(str, paths)], capture_output=True, text=True, env=env
    )


def test_actionlint_finds_nothing_in_the_workflows() -> None:
    result = actionlint(*sorted(WORKFLOWS.glob("*.yml")))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""


def test_actionlint_and_its_shellcheck_catch_a_bad_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - run: echo ${{ github.event.head_commit.message }}\n"
        "      - run: cp $SRC dest\n"
    )
    result = actionlint(bad)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout
    assert "SC2086" in result.stdout  # shellcheck ran on the run: script


def test_the_nightly_scripts_pass_shellcheck() -> None:
    scripts = [REPO / "scripts" / "nightly.sh", REPO / "scripts" / "promote_baseline.sh"]
    result = subprocess.run(
        [str(BIN / "shellcheck"), *map(str, scripts)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / "nightly.yml").read_text())
    assert isinstance(data, dict)
    return data


def step(job: str, name: str) -> dict[str, Any]:
    steps: list[dict[str, Any]] = workflow()["jobs"][job]["steps"]
    return next(s for s in steps if s.get("name") == name)


def test_the_matrix_runs_every_shard_and_the_merge_waits_for_them() -> None:
    wf = workflow()
    shards = wf["jobs"]["shard"]["strategy"]["matrix"]["shard"]
    assert shards == list(range(1, int(wf["env"]["SHARDS"]) + 1))
    assert wf["jobs"]["merge"]["needs"] == "shard"
    assert wf[True]["workflow_dispatch"]["inputs"]["promote"]["type"] == "boolean"


def expand(value: object, context: dict[str, str]) -> str:
    """A workflow value with its ${{ }} expressions replaced from `context` (KeyError for one
    the dry run does not model)."""
    return re.sub(r"\$\{\{\s*(.*?)\s*\}\}", lambda m: context[m.group(1)], str(value))


@dataclass
class Night:
    code: int
    summary: str
    outputs: str
    root: Path
    calls: list[list[str]]


def bash(script: str, cwd: Path, env: dict[str, str]) -> int:
    # the default shell of a GitHub run: step
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script], cwd=cwd, env=env
    ).returncode


def run_night(
    tmp: Path, number: int, scores: dict[str, tuple[str, float]], cache: Path, promote: bool
) -> Night:
    """The workflow's steps for one night in a fresh checkout; `cache` stands for the Actions
    cache that carries the baseline from night to night."""
    root = tmp / f"night-{number}"
    (root / ".venv" / "bin").mkdir(parents=True)
    (root / "scripts").symlink_to(REPO / "scripts")
    stub = root / ".venv" / "bin" / "archbench"
    stub.write_text(f'#!/bin/sh\nexec "{sys.executable}" "{STUB}" "$@"\n')
    stub.chmod(0o755)
    (root / "night.json").write_text(json.dumps(scores))
    wf = workflow()
    context = {
        "github.run_id": str(number),
        "secrets.ANTHROPIC_API_KEY": "",
        "inputs.promote == true": str(promote).lower(),
    }
    env = {
        **os.environ,
        "CALLS": str(root / "calls.jsonl"),
        "NIGHT": str(root / "night.json"),
        **{k: expand(v, context) for k, v in wf["env"].items()},
    }
    for shard in wf["jobs"]["shard"]["strategy"]["matrix"]["shard"]:
        ctx = {**context, "matrix.shard": str(shard), "env.RUN_ID": env["RUN_ID"]}
        shard_env = {**env, **{k: expand(v, ctx) for k, v in wf["jobs"]["shard"]["env"].items()}}
        assert bash(step("shard", "Run the shard")["run"], root, shard_env) == 0
        upload = step("shard", "Upload the shard")["with"]
        download = step("merge", "Download the shards")["with"]
        assert fnmatch.fnmatch(expand(upload["name"], ctx), download["pattern"])
        shutil.copytree(
            root / expand(upload["path"], ctx),
            root / download["path"] / expand(upload["name"], ctx),
        )
    env.update({k: expand(v, context) for k, v in wf["jobs"]["merge"]["env"].items()})
    assert bash(step("merge", "Merge the shards and report")["run"], root, env) == 0
    restore = step("merge", "Restore the baseline")["with"]
    if cache.exists():
        shutil.copytree(cache, root / restore["path"])
    summary, outputs = root / "summary.md", root / "outputs"
    env.update(GITHUB_STEP_SUMMARY=str(summary), GITHUB_OUTPUT=str(outputs))
    code = bash(step("merge", "Compare with the baseline")["run"], root, env)
    save = step("merge", "Save tonight's run as the baseline")
    assert save["if"] == "steps.compare.outputs.promoted == 'true'"
    written = outputs.read_text() if outputs.exists() else ""
    if "promoted=true" in written.splitlines():
        assert save["with"]["path"] == restore["path"]
        shutil.rmtree(cache, ignore_errors=True)
        shutil.copytree(root / save["with"]["path"], cache)
    calls = [json.loads(ln) for ln in (root / "calls.jsonl").read_text().splitlines()]
    summary_text = summary.read_text() if summary.exists() else ""
    return Night(code, summary_text, written, root, calls)


GOOD = {
    f"task-{c}": (f"h-{c}", s)
    for c, s in zip("abcdef", [1.0, 0.9, 1.0, 0.8, 1.0, 0.95], strict=True)
}
WORSE = {t: (h, round(s - 0.5, 2)) for t, (h, s) in GOOD.items()}
CHANGED = {t: (h + "-v2", s) for t, (h, s) in GOOD.items()}


def test_nightly_dry_run_over_several_nights(tmp_path: Path) -> None:
    cache = tmp_path / "actions-cache"

    first = run_night(tmp_path, 1001, GOOD, cache, promote=False)
    assert first.code == 0
    assert "No baseline at baselines/nightly: nightly-1001 becomes the nightly baseline" in (
        first.summary
    )
    assert first.outputs == "promoted=true\n"
    assert read_run(cache).run_id == "nightly-1001"
    assert (cache / "PROMOTED").read_text().startswith("run nightly-1001\n")
    runs = [c for c in first.calls if c[0] == "run"]
    assert [c[c.index("--shard") + 1] for c in runs] == ["1/4", "2/4", "3/4", "4/4"]
    assert all(
        c[c.index("--model") + 1] == "anthropic/claude-sonnet-4-5"
        and c[c.index("--epochs") + 1] == "3"
        and "--calibrate" in c
        for c in runs
    )
    merged = first.root / "results" / "nightly-1001"
    assert read_run(merged).merged_from == [f"nightly-1001-shard-{i}" for i in range(1, 5)]
    samples = read_samples(merged)
    assert sorted((s.task_id, s.epoch) for s in samples) == [
        (t, e) for t in sorted(GOOD) for e in (1, 2, 3)
    ]
    assert (merged / "report.md").exists()

    same = run_night(tmp_path, 1002, GOOD, cache, promote=False)
    assert same.code == 0, same.summary
    assert "PASS" in same.summary and same.outputs == ""
    assert read_run(cache).run_id == "nightly-1001"

    worse = run_night(tmp_path, 1003, WORSE, cache, promote=False)
    assert worse.code == 1, worse.summary
    assert "REGRESSION" in worse.summary

    changed = run_night(tmp_path, 1004, CHANGED, cache, promote=False)
    assert changed.code == 2, changed.summary
    assert "dispatch the nightly workflow with promote=true" in changed.summary
    assert read_run(cache).run_id == "nightly-1001"

    promoted = run_night(tmp_path, 1005, CHANGED, cache, promote=True)
    assert promoted.code == 0 and promoted.outputs == "promoted=true\n"
    assert "Promoted on request: nightly-1005" in promoted.summary
    assert read_run(cache).run_id == "nightly-1005"
    assert not [c for c in promoted.calls if c[0] == "compare"]


def test_promote_refuses_a_shard_and_an_unfinished_run(tmp_path: Path) -> None:
    script = REPO / "scripts" / "promote_baseline.sh"
    for name, record in {
        "shard": {"shard": "1/2", "status": "completed"},
        "broken": {"shard": None, "status": "interrupted"},
    }.items():
        (tmp_path / name).mkdir()
        (tmp_path / name / "run.json").write_text(json.dumps(record))
        result = subprocess.run(
            ["bash", str(script), str(tmp_path / name), str(tmp_path / "base")],
            capture_output=True,
            text=True,
        )
        assert result.returncode == 2
        assert ("merge the shards" if name == "shard" else "not completed") in result.stderr
    assert not (tmp_path / "base").exists()


def test_nightly_script_needs_a_run_id_and_a_known_command(tmp_path: Path) -> None:
    script = str(REPO / "scripts" / "nightly.sh")
    env = {k: v for k, v in os.environ.items() if k != "RUN_ID"}
    result = subprocess.run(["bash", script, "compare"], env=env, capture_output=True, text=True)
    assert result.returncode == 2 and "RUN_ID is not set" in result.stderr
    env["RUN_ID"] = "x"
    for argv, message in [
        (["bogus"], "unknown command bogus"),
        (["shard", "5", "4"], "1 <= I <= N"),
        (["merge", str(tmp_path)], "holds no shard folders"),
        (["compare"], "results/x/run.json not found"),
    ]:
        result = subprocess.run(
            ["bash", script, *argv], env=env, capture_output=True, text=True, cwd=tmp_path
        )
        assert result.returncode == 2 and message in result.stderr, (argv, result.stderr)
