"""The CLI rejects bad input with exit 2 and one line on stderr, before Docker or any write."""

from pathlib import Path

import pytest

import harness.run.engine
import harness.run.hooks
from harness.cli import options as cli
from harness.cli.app import main
from harness.cli.run import choose_models
from harness.models.factory import DEFAULT_ANTHROPIC_MODEL
from harness.results.log import AgentInfo, RunRecord

RUN_RECORD = RunRecord(
    run_id="r",
    harness_version="0",
    git_sha="x",
    started_at="2026-01-01T00:00:00Z",
    agent=AgentInfo(
        path="a.md",
        name="a",
        sha256="0" * 64,
        text="x",
        offered_tools=[],
        unsupported_tools=[],
        unknown_keys=[],
    ),
    models=["oracle"],
    model_reason="",
    tasks=[],
    epochs=1,
    images={},
    limits={},
    cli_args=[],
    seed=0,
)
GOOD_SAMPLE = (
    '{"run_id": "r", "sample_id": "t/1/oracle", "task_id": "t", "epoch": 1, "model": "oracle", '
    '"agent": "a", "status": "graded", "score": 1.0, "started_at": "x", "finished_at": "y"}'
)
GOOD_AGENT = "---\nname: arch\ndescription: Designs backends.\ntools: Read, Bash\n---\nBuild it.\n"


class DockerTouchedError(AssertionError):
    """Raised by the Docker stubs: input checking let the command through to Docker."""


def _docker(*args: object, **kwargs: object) -> None:
    raise DockerTouchedError("Docker was reached")


def _make_task(root: Path, task_id: str) -> None:
    folder = root / task_id
    for sub in ("workspace", "tests/visible", "hidden", "solution"):
        (folder / sub).mkdir(parents=True)
    (folder / "task.toml").write_text(
        f'id = "{task_id}"\ntitle = "T {task_id}"\ncategory = "api"\ndifficulty = 2\n'
    )
    (folder / "prompt.md").write_text("Build it.\n")


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """cwd with good.md, bad.md, tasks/{alpha,beta}, an empty folder and a taken run folder."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    monkeypatch.setattr(harness.run.hooks, "connect", _docker)
    monkeypatch.setattr(harness.run.hooks, "ensure_images", _docker)
    monkeypatch.setattr(harness.run.engine, "connect", _docker)
    monkeypatch.setattr(cli.console, "_width", 10_000)
    (tmp_path / "good.md").write_text(GOOD_AGENT)
    (tmp_path / "bad.md").write_text("name: arch\n")
    _make_task(tmp_path / "tasks", "alpha")
    _make_task(tmp_path / "tasks", "beta")
    (tmp_path / "empty").mkdir()
    (tmp_path / "results" / "taken").mkdir(parents=True)
    (tmp_path / "results" / "taken" / "run.json").write_text("{}\n")
    _make_task(tmp_path / "badtasks", "broken")
    (tmp_path / "badtasks" / "broken" / "task.toml").write_text(
        'id = "broken"\ntitle = "T"\ncategory = "api"\ndifficulty = "hard"\n'
    )
    _make_task(tmp_path / "badtoml", "broken")
    (tmp_path / "badtoml" / "broken" / "task.toml").write_text('id = "broken\n')
    (tmp_path / "corrupt").mkdir()
    (tmp_path / "corrupt" / "run.json").write_text(RUN_RECORD.model_dump_json())
    (tmp_path / "corrupt" / "samples.jsonl").write_text('{"run_id": 1}\n{}\n')
    (tmp_path / "good-run").mkdir()
    (tmp_path / "good-run" / "run.json").write_text(RUN_RECORD.model_dump_json())
    (tmp_path / "good-run" / "samples.jsonl").write_text(GOOD_SAMPLE + "\n")
    (tmp_path / "notjson").mkdir()
    (tmp_path / "notjson" / "run.json").write_text("{oops\n")
    return tmp_path


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def run_main(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(argv)
    code = info.value.code
    assert isinstance(code, int)
    return code


RUN = ["run", "--agent", "good.md", "--model", "oracle"]

BAD_INPUT = [
    pytest.param(
        ["run", "--agent", "nope.md", "--model", "oracle"],
        "archbench: error: nope.md: no such agent file; pass --agent PATH",
        id="missing-agent",
    ),
    pytest.param(
        ["run", "--agent", "bad.md", "--model", "oracle"],
        "archbench: error: bad.md: no YAML frontmatter; start the file with a '---' line",
        id="malformed-agent",
    ),
    pytest.param(
        [*RUN, "--tasks", "gamma*"],
        "archbench: error: --tasks gamma*: matches no task; known tasks: alpha, beta",
        id="unknown-tasks",
    ),
    pytest.param(
        ["run", "--agent", "good.md", "--model", "gpt-x"],
        "archbench: error: --model gpt-x: unknown; use oracle, mutant, noop, anthropic/<id> or "
        "openai/<id>",
        id="unknown-model",
    ),
    pytest.param(
        ["run", "--agent", "good.md", "--model", "anthropic/claude-sonnet-4-5"],
        "archbench: error: ANTHROPIC_API_KEY is not set; export it or use --model oracle",
        id="anthropic-without-key",
    ),
    pytest.param(
        ["run", "--agent", "good.md", "--model", "openai/gpt-x"],
        "archbench: error: OPENAI_API_KEY is not set; export it, or set OPENAI_BASE_URL to a "
        "local server",
        id="openai-without-key",
    ),
    pytest.param(
        ["run", "--resume", "results/taken", "--model", "oracle", "--epochs", "2"],
        "archbench: error: --resume results/taken: the settings come from its run.json; drop "
        "--model, --epochs",
        id="resume-with-settings",
    ),
    pytest.param(
        ["run", "--resume", "empty"],
        "archbench: error: empty/run.json: missing; is empty an archbench results folder?",
        id="resume-not-a-run",
    ),
    pytest.param(
        [*RUN, "--run-id", "../escape"],
        "archbench: error: --run-id '../escape': use letters, digits, '.', '_' or '-' (max 81)",
        id="bad-run-id",
    ),
    pytest.param(
        [*RUN, "--out", "results", "--run-id", "taken"],
        "archbench: error: results/taken: already holds a run; pick another --run-id (or "
        "--resume it)",
        id="run-folder-taken",
    ),
    pytest.param(
        [*RUN, "--epochs", "0"],
        "Error: Invalid value for '--epochs': Input should be greater than or equal to 1",
        id="epochs-zero",
    ),
    pytest.param(
        [*RUN, "--bogus"],
        "Error: No such option: --bogus (Possible options: --out)",
        id="unknown-flag",
    ),
    pytest.param(
        ["report", "empty"],
        "archbench: error: empty/run.json: missing; is empty an archbench results folder?",
        id="report-without-run-json",
    ),
    pytest.param(
        ["compare", "empty", "empty"],
        "archbench: error: empty/run.json: missing; is empty an archbench results folder?",
        id="compare-without-run-json",
    ),
    pytest.param(
        ["compare", "empty", "empty", "--metric", "speed"],
        "archbench: error: --metric 'speed': use score or resolved",
        id="compare-unknown-metric",
    ),
    pytest.param(
        [*RUN, "--probe-length", "medium"],
        "archbench: error: --probe-length 'medium': use one of full, short, fixed",
        id="unknown-probe-length",
    ),
    pytest.param(
        ["run", "--agent", "good.md", "--agent", "good.md", "--model", "oracle"],
        "archbench: error: good.md: given twice with --agent (same content as good.md); drop one",
        id="agent-given-twice",
    ),
    pytest.param(
        [*RUN, "--shard", "3/2"],
        "archbench: error: --shard '3/2': write I/N with 1 <= I <= N, e.g. 2/4",
        id="bad-shard",
    ),
    pytest.param(
        [*RUN, "--tasks-dir", "badtasks"],
        "archbench: error: badtasks/broken/task.toml: key 'difficulty': Input should be a valid "
        "integer, unable to parse string as an integer (fix it; docs/writing-tasks.md lists the "
        "keys)",
        id="task-toml-wrong-type",
    ),
    pytest.param(
        [*RUN, "--tasks-dir", "badtoml"],
        "archbench: error: badtoml/broken/task.toml: not valid TOML (Illegal character '\\n' (at "
        "line 1, column 13)); fix the syntax",
        id="task-toml-not-toml",
    ),
    pytest.param(
        ["run", "--agent", "good.md", "--model", "replay:empty"],
        "archbench: error: --model replay:empty: empty holds no samples.jsonl; give a results "
        "folder",
        id="replay-not-a-run",
    ),
    pytest.param(
        ["report", "corrupt"],
        "archbench: error: corrupt/samples.jsonl:1: not a valid sample record (Input should be a "
        "valid string); restore the file, or delete that line and --resume the run to redo the "
        "sample",
        id="report-corrupt-samples",
    ),
    pytest.param(
        ["report", "notjson"],
        "archbench: error: notjson/run.json: not a valid run record (Invalid JSON: key must be a "
        "string at line 1 column 2); archbench writes it, so restore it from a copy of the folder",
        id="report-run-json-not-json",
    ),
    pytest.param(
        ["compare", "good-run", "good-run", "--base-agent", "nobody"],
        "archbench: error: good-run: no samples of agent 'nobody' (it has a); give one of those",
        id="compare-unknown-agent",
    ),
    pytest.param(
        ["merge", "empty", "--out", "merged"],
        "archbench: error: empty/run.json: missing; is empty an archbench results folder?",
        id="merge-not-a-run",
    ),
    pytest.param(
        ["history", "empty"],
        "archbench: error: empty/run.json: missing; is empty an archbench results folder?",
        id="history-not-a-run",
    ),
    pytest.param(
        ["power", "--from", "empty"],
        "archbench: error: empty/run.json: missing; is empty an archbench results folder?",
        id="power-not-a-run",
    ),
    pytest.param(
        ["tasks", "validate", "--tasks-dir", "badtasks"],
        "archbench: error: badtasks/broken/task.toml: key 'difficulty': Input should be a valid "
        "integer, unable to parse string as an integer (fix it; docs/writing-tasks.md lists the "
        "keys)",
        id="validate-malformed-task",
    ),
    pytest.param(
        ["tasks", "list", "--tasks-dir", "/nonexistent"],
        "archbench: error: /nonexistent: no such tasks folder; pass --tasks-dir or run from a "
        "clone",
        id="tasks-dir-missing",
    ),
]


@pytest.mark.parametrize(("argv", "error_line"), BAD_INPUT)
def test_bad_input_exits_2_with_one_error_line_and_writes_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], error_line: str
) -> None:
    before = snapshot(workdir)

    code = run_main(argv)

    err = capsys.readouterr().err
    assert code == 2
    assert error_line in err.splitlines()
    assert sum(line.startswith(("archbench: error:", "Error:")) for line in err.splitlines()) == 1
    assert "Traceback" not in err
    assert snapshot(workdir) == before
    assert sorted(p.name for p in (workdir / "results").iterdir()) == ["taken"]


def test_valid_input_gets_through_to_docker(workdir: Path) -> None:
    """The control for the table above: the same flags without the mistake reach Docker."""
    with pytest.raises(DockerTouchedError):
        main([*RUN, "--out", "results", "--run-id", "fresh"])

    assert not (workdir / "results" / "fresh").exists()


def test_anthropic_with_empty_model_id_fails_before_docker(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test-not-a-real-key")

    assert run_main(["run", "--agent", "good.md", "--model", "anthropic/"]) == 2


def test_long_error_stays_on_one_line_at_80_columns(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.console, "_width", 80)

    assert run_main(["tasks", "list", "--tasks-dir", "/nonexistent"]) == 2

    assert capsys.readouterr().err == (
        "archbench: error: /nonexistent: no such tasks folder; pass --tasks-dir or run from a "
        "clone\n"
    )


def test_tasks_list_prints_ids(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_main(["tasks", "list"]) == 0

    out = capsys.readouterr().out
    cells = [[c.strip() for c in line.split("\u2502")[1:-1]] for line in out.splitlines()]
    assert [row for row in cells if row and row[0] in ("alpha", "beta")] == [
        ["alpha", "api", "2", "greenfield", "", "T alpha"],
        ["beta", "api", "2", "greenfield", "", "T beta"],
    ]


def test_explicit_models_win_over_key() -> None:
    assert choose_models(["noop", "oracle"], {"ANTHROPIC_API_KEY": "k"}) == (
        ["noop", "oracle"],
        "chosen with --model",
    )


def test_key_set_chooses_default_anthropic_model() -> None:
    assert choose_models([], {"ANTHROPIC_API_KEY": "k"}) == (
        [f"anthropic/{DEFAULT_ANTHROPIC_MODEL}"],
        "ANTHROPIC_API_KEY is set",
    )


@pytest.mark.parametrize("env", [{}, {"ANTHROPIC_API_KEY": ""}])
def test_no_key_falls_back_to_oracle(env: dict[str, str]) -> None:
    models, reason = choose_models([], env)

    assert models == ["oracle"]
    assert reason == "ANTHROPIC_API_KEY is not set, so the offline oracle model runs"


def test_unpriced_model_needs_a_price_and_a_price_must_parse(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-test")
    before = snapshot(workdir)

    code = run_main(["run", "--agent", "good.md", "--model", "anthropic/claude-future-9"])
    err = capsys.readouterr().err
    assert code == 2
    assert (
        "archbench: error: --model anthropic/claude-future-9: no price known (table dated "
        "2026-10-24); pass --price anthropic/claude-future-9=IN,OUT in USD per million tokens"
    ) in err.splitlines()

    code = run_main([*RUN, "--price", "x=cheap"])
    err = capsys.readouterr().err
    assert code == 2
    assert "archbench: error: --price 'x=cheap': write MODEL=IN,OUT" in err
    assert snapshot(workdir) == before

    with pytest.raises(DockerTouchedError):  # with a price it gets through to Docker
        main(
            [
                "run",
                "--agent",
                "good.md",
                "--model",
                "anthropic/claude-future-9",
                "--price",
                "anthropic/claude-future-9=3,15",
            ]
        )
