"""Runtimes as a run dimension: parsing --runtime, jobs and folders per runtime, what run.json
records of Claude Code's tools, and compare picking a side by runtime."""

from pathlib import Path

import pytest
from test_report import RUN, sample

from harness.errors import InputError
from harness.results.log import ResultsWriter, sample_folder
from harness.run.request import parse_runtimes
from harness.run.runner import make_jobs, with_claude_code_tools
from harness.tasks.spec import load_task

REPO = Path(__file__).resolve().parents[1]


def test_runtimes_default_to_claude_code_keep_order_and_drop_repeats() -> None:
    assert parse_runtimes([]) == ("claude-code",)
    assert parse_runtimes(["builtin", "claude-code", "builtin"]) == ("builtin", "claude-code")
    with pytest.raises(InputError, match="--runtime claude: unknown; use one of claude-code"):
        parse_runtimes(["claude"])


def test_a_matrix_over_runtimes_gives_each_runtime_its_own_keys_and_folders() -> None:
    task = load_task(REPO / "tasks" / "crud-books")
    jobs = make_jobs([task], 1, ["oracle"], [""], ["builtin", "claude-code"])
    assert [j.key for j in jobs] == [
        "crud-books/1/builtin/oracle",
        "crud-books/1/claude-code/oracle",
    ]
    single = make_jobs([task], 1, ["oracle"])
    assert [j.key for j in single] == ["crud-books/1/oracle"]  # unchanged for one runtime
    root = Path("r")
    assert sample_folder(root, "t", 1, "anthropic/x", "a", "builtin") == Path(
        "r/samples/t/1/builtin__a__anthropic_x"
    )
    assert sample_folder(root, "t", 1, "oracle") == Path("r/samples/t/1/oracle")


def test_run_json_gets_the_tools_claude_code_offered_and_the_ones_it_did_not() -> None:
    text = "---\nname: arch\ndescription: d\ntools: Read, Write, MultiEdit, Grep\n---\nbody\n"
    agent = RUN.agent.model_copy(update={"label": "arch", "name": "arch", "text": text})
    run = RUN.model_copy(update={"agent": agent})
    builtin = sample("t1", "oracle", score=1.0).model_copy(update={"agent": "arch"})
    cc = builtin.model_copy(
        update={"runtime": "claude-code", "offered_tools": ["Read", "Write", "Edit", "Bash"]}
    )
    assert with_claude_code_tools(run, [builtin]).agent.claude_code_tools is None
    got = with_claude_code_tools(run, [builtin, cc]).agent
    assert got.claude_code_tools == ["Read", "Write", "Edit", "Bash"]
    assert got.claude_code_unsupported == ["MultiEdit", "Grep"]


def test_compare_picks_a_side_by_runtime(tmp_path: Path) -> None:
    from harness.reports.compare import load_side

    w = ResultsWriter(tmp_path / "m")
    w.write_run(RUN)
    for runtime, score in (("builtin", 1.0), ("claude-code", 0.5)):
        s = sample("task0", "oracle", score=score).model_copy(update={"runtime": runtime})
        w.append_sample(s)
    with pytest.raises(InputError, match=r"2 runtimes .*pick one with --base-runtime"):
        load_side(w.run_dir, None, "base")
    b = load_side(w.run_dir, None, "base", runtime="builtin")
    c = load_side(w.run_dir, None, "cand", runtime="claude-code")
    assert [s.score for s in b.samples] == [1.0] and [s.score for s in c.samples] == [0.5]


def test_records_written_before_runtimes_existed_read_as_builtin() -> None:
    old = sample("t1", "oracle", score=1.0).model_dump()
    del old["runtime"]
    from harness.results.log import SampleRecord

    assert SampleRecord.model_validate(old).runtime == "builtin"


def test_the_budget_counts_running_samples_until_they_finish() -> None:
    from harness.run.runner import Budget

    budget = Budget(limit=1.0, spent=0.5)
    assert budget.charge("a", 0.3)
    assert not budget.charge("b", 0.25)  # 0.5 + 0.3 + 0.25 >= 1.0
    budget.spend(0.1, "b")  # b finished cheaper than its last report
    assert budget.running == {"a": 0.3} and budget.spent == 0.6
    assert budget.charge("a", 0.35)
    assert Budget(limit=None).charge("x", 1e9)
