"""The viewer's pages from synthetic run folders: a sample page says why the sample scored
what it did, the index lists and links every sample, the side-by-side view shows what
flipped, and `archbench view` writes them all inside the run folders."""

import json
import re
from pathlib import Path

import pytest
from view_fixtures import (
    AGENT,
    functional,
    make_run,
    make_task,
    run_record,
    sample,
    transcript,
    write_sample,
)

from harness.cli.app import main
from harness.reports.view import Picks, build_compare, build_view, load_pair
from harness.reports.view.html import CSP, clean, text
from harness.reports.view.records import sample_slug
from harness.results.log import ResultsWriter


def page_of(run_dir: Path, s: object) -> str:
    return (run_dir / "view" / "s" / f"{sample_slug(s)}.html").read_text()  # type: ignore[arg-type]


SECURITY = {
    "status": "ok",
    "score": 0.0,
    "reason": "an exploit succeeded",
    "checks": [
        {"name": "test_idor", "outcome": "failed", "message": "read another user's book",
         "probe": "SP-IDOR", "cwe": 639, "exploit_critical": True},
        {"name": "test_sqli", "outcome": "passed", "message": "", "probe": "SP-SQLI", "cwe": 89},
    ],
}  # fmt: skip
LOAD = {
    "status": "ok",
    "score": 0.5,
    "reason": "p99 over the SLO",
    "details": {
        "slo": {"rate": 200.0, "p99_ms": 50.0, "max_error_rate": 0.01, "source": "task.toml"},
        "stop": {"full": {"sequential": True, "measured_s": 6.9, "looks": 6,
                          "reason": "p99 upper bound 31 ms within 50 ms"}},
        "host": {"cores_wait_s": 0.0, "quiet_wait_s": 30.0, "contended": True},
        "full": {"offered_rate": 200.0, "achieved_rate": 180.5, "requests": 6000, "errors": 3,
                 "p50": 0.004, "p95": 0.03, "p99": 0.12, "max": 0.5},
    },
}  # fmt: skip
LINT = {"status": "ok", "score": 0.8, "details": {"rules": {"F401": 3}, "loc": 120,
        "per_kloc": 25.0, "reference_per_kloc": 5.0, "reference_rules": {"F401": 1},
        "mypy_errors": 2}}  # fmt: skip


def test_a_sample_page_says_why_it_scored_what_it_did(tmp_path: Path) -> None:
    s = sample(reason="", missing={"security": "not resolved"})
    run_dir = make_run(tmp_path, [])
    make_task(tmp_path / "tasks")
    graders = {"functional": functional(), "security": SECURITY, "performance": LOAD,
               "quality": LINT}  # fmt: skip
    events = transcript("FAILED test_owner_only", error=True)
    write_sample(run_dir, s, graders=graders, events=events, app_log="old\n" * 30000 + "LAST")

    build_view(run_dir)
    html = page_of(run_dir, s)

    assert "<b>0.557</b>" in html and "1/2 passed" in html and "$0.0123" in html
    failed_at, passed_at = html.index("test_owner_only"), html.index("test_list_books")
    assert failed_at < passed_at  # failures first
    assert "assert 403 == 200" in html and 'class="badge crit">critical' in html
    assert "+@app.get(&#x27;/books&#x27;)" in html  # the diff against the starter
    assert "1 changed" in html and "0 deleted" in html
    assert "<summary>system prompt (the agent file)</summary>" in html
    assert "You design backends." in html and "Build a books API." in html
    assert 'class="result error"' in html and "FAILED test_owner_only" in html
    assert "in 600 · out 150" in html  # per-turn tokens
    assert "SP-IDOR" in html and "CWE-639" in html and "exploit: zeroes security" in html
    assert "180.5/s" in html and "120.0 ms" in html and "p99 ≤ 50.0 ms" in html
    assert "after 6.9 s measured, 6 looks (sequential)" in html
    assert "30.0 s for quiet; measured on a contended machine" in html
    assert "F401" in html and "mypy errors 2" in html
    assert "LAST" in html and "earlier bytes not shown" in html
    assert f'content="{CSP}"' in html


def test_without_the_task_folder_the_files_are_shown_and_the_page_says_so(
    tmp_path: Path,
) -> None:
    run_dir = tmp_path / "results" / "r1"
    ResultsWriter(run_dir).write_run(run_record())
    s = sample(task="gone")
    write_sample(run_dir, s)

    build_view(run_dir, tasks_dir=tmp_path / "nowhere")

    html = page_of(run_dir, s)
    assert "No diff: no task folder gone/ found" in html
    assert "3 added" in html


def test_a_matrix_run_finds_sample_folders_named_by_agent(tmp_path: Path) -> None:
    tasks = make_task(tmp_path / "tasks")
    b = AGENT.model_copy(update={"label": "arch@bbbb", "sha256": "b" * 64})
    a = AGENT.model_copy(update={"label": "arch@aaaa"})
    run_dir = tmp_path / "results" / "r1"
    ResultsWriter(run_dir).write_run(run_record(tasks_dir=tasks, agents=[a, b]))
    s = sample(agent="arch@bbbb")
    folder = ResultsWriter(run_dir).sample_dir("books", 1, "oracle", "arch@bbbb")
    write_sample(run_dir, s, folder=folder, app_log="MATRIX LOG")

    build_view(run_dir)

    assert "MATRIX LOG" in page_of(run_dir, s)


def test_the_index_lists_every_sample_and_links_pages_that_exist(tmp_path: Path) -> None:
    samples = [
        sample(),
        sample(epoch=2, score=1.0, resolved=True),
        sample(task="jwt", status="model_error", score=None, reason="API down"),
    ]
    run_dir = make_run(tmp_path, samples)

    result = build_view(run_dir)

    html = result.index.read_text()
    assert result.samples == 3
    assert "model_error" in html and "the model API failed" in html  # how samples ended
    assert '<a href="#task=books">books</a>' in html and "0.778" in html
    for href in re.findall(r'href="(s/[^"]+)"', html):
        assert (result.index.parent / href).is_file()
    data = (result.index.parent / "samples.js").read_text()
    payload = json.loads(data.removeprefix("window.ARCHBENCH_SAMPLES = ").rstrip(";\n"))
    assert len(payload["rows"]) == 3
    for row in payload["rows"]:
        assert (result.index.parent / row[payload["columns"]["href"]]).is_file()
    failed = [(row[1], row[payload["columns"]["failed"]]) for row in payload["rows"]]
    assert failed == [("books", True), ("books", False), ("jwt", True)]
    assert html.count("<rect ") == 2 and "<title>books · 1: 0.78</title>" in html
    assert "<title>jwt · 1: no score</title>" in html
    steps = []
    for page in sorted((result.index.parent / "s").iterdir()):
        links = re.findall(r'href="([^"/]+\.html)">(← previous|next) sample', page.read_text())
        assert all((page.parent / href).is_file() for href, _ in links)
        steps.append([kind for _, kind in links])
    assert steps == [["next"], ["← previous", "next"], ["← previous"]]


def test_rebuilding_removes_pages_of_samples_no_longer_there(tmp_path: Path) -> None:
    run_dir = make_run(tmp_path, [sample()])
    stale = run_dir / "view" / "s" / "old-0000000000.html"
    build_view(run_dir)
    stale.write_text("old")

    build_view(run_dir)

    assert not stale.exists()
    assert len(list((run_dir / "view" / "s").iterdir())) == 1


def _two_runs(tmp_path: Path) -> tuple[Path, Path]:
    base = make_run(tmp_path, [sample(), sample(epoch=2, score=1.0, resolved=True)])
    cand = tmp_path / "results" / "r2"
    agent = AGENT.model_copy(update={"text": AGENT.text + "Check ownership.\n", "sha256": "c" * 64})
    ResultsWriter(cand).write_run(run_record("r2", tasks_dir=tmp_path / "tasks", agent=agent))
    fixed = functional()
    fixed["checks"][1]["outcome"] = "passed"
    write_sample(cand, sample(score=1.0, resolved=True), graders={"functional": fixed},
                 files={"app/main.py": b"owner_only = True\n"})  # fmt: skip
    broken = functional()
    broken["checks"][0].update(outcome="failed", message="500 on GET /books")
    write_sample(cand, sample(epoch=2, score=0.2), graders={"functional": broken})
    return base, cand


def test_side_by_side_shows_scores_flips_prompt_and_workspace_diff(tmp_path: Path) -> None:
    base, cand = _two_runs(tmp_path)
    build_view(base)
    build_view(cand)

    result = build_compare(load_pair(base, cand, Picks()))

    index = result.index.read_text()
    assert result.index.parent.parent == cand / "view"
    assert '<span class="add">+Check ownership.</span>' in index
    assert "1 now failing, 1 now passing" in index
    task_href = re.search(r'href="(t/[^"]+)"', index)
    assert task_href
    page = (result.index.parent / task_href.group(1)).read_text()
    assert "functional::test_owner_only" in page and "functional::test_list_books" in page
    assert "500 on GET /books" in page
    assert "+owner_only = True" in page  # base's final workspace -> candidate's
    assert page.count('class="conversation"') == 4  # two pairs, two columns
    for href in re.findall(r'href="(\.\./[^"]+\.html)"', page):
        assert (result.index.parent / "t" / href).resolve().is_file(), href


def test_cli_view_writes_both_runs_and_the_side_by_side(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base, cand = _two_runs(tmp_path)

    with pytest.raises(SystemExit) as e:
        main(["view", str(base), str(cand)])

    assert e.value.code == 0
    printed = capsys.readouterr().out.split()
    assert printed[:2] == [str(base / "view" / "index.html"), str(cand / "view" / "index.html")]
    assert Path(printed[2]).is_file() and "/view/vs-r1-" in printed[2]


def test_cli_view_of_two_configurations_needs_picks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_dir = make_run(tmp_path, [sample(), sample(model="noop", score=0.0)])

    with pytest.raises(SystemExit) as e:
        main(["view", str(run_dir), str(run_dir)])
    assert e.value.code == 2
    assert "pick one with --base-model" in capsys.readouterr().err
    assert not (run_dir / "view").exists()  # checked before anything is written

    with pytest.raises(SystemExit) as e:
        main(["view", str(run_dir), "--base-model", "noop", "--cand-model", "oracle"])
    assert e.value.code == 0


def test_cli_view_of_a_folder_that_is_not_a_run_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as e:
        main(["view", str(tmp_path)])

    assert e.value.code == 2
    assert "run.json: missing" in capsys.readouterr().err


def test_clean_shows_controls_drops_ansi_and_caps() -> None:
    assert clean("a\x00b\x1b[31mred\x1b[0m\x07") == "a\u2400bred\u2407"
    assert clean("\ud800x") == "?x"
    assert clean("evil\u202egnp.py") == "evil<U+202E>gnp.py"
    assert clean("x" * 50, limit=10) == "x" * 10 + "\n… 40 more characters not shown"
    assert text('<a href="javascript:alert(1)">') == (
        "&lt;a href=&quot;javascript:alert(1)&quot;&gt;"
    )


def test_the_report_points_at_the_viewer(tmp_path: Path) -> None:
    from harness.reports.report import write_report

    run_dir = make_run(tmp_path, [sample()])

    text = write_report(run_dir).markdown.read_text()

    assert text.endswith(f"`archbench view {run_dir}` (view/index.html)\n")


def test_side_by_side_shows_ten_pairs_in_full_worst_first_and_lists_the_rest(
    tmp_path: Path,
) -> None:
    base = make_run(tmp_path, [sample(epoch=e, score=1.0, resolved=True) for e in range(1, 13)])
    cand = tmp_path / "results" / "r2"
    ResultsWriter(cand).write_run(run_record("r2", tasks_dir=tmp_path / "tasks"))
    for e in range(1, 13):
        write_sample(cand, sample(epoch=e, score=0.05 * e))

    result = build_compare(load_pair(base, cand, Picks()))

    task_page = next((result.index.parent / "t").glob("*.html")).read_text()
    assert task_page.count("<h2>Pair ") == 10
    assert task_page.index("epoch 1:") < task_page.index("epoch 2:")  # largest drop first
    assert "<h2>The other pairs</h2>" in task_page and "epoch 12:" in task_page


def test_side_by_side_says_when_runs_are_not_like_for_like(tmp_path: Path) -> None:
    base, cand = _two_runs(tmp_path)
    record = json.loads((cand / "run.json").read_text())
    record["harness_version"] = "9.9.9"
    (cand / "run.json").write_text(json.dumps(record))

    index = build_compare(load_pair(base, cand, Picks())).index.read_text()

    assert "Not like for like: harness version 0.1.0 vs 9.9.9" in index


def test_cli_view_open_opens_the_last_page_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run_dir = make_run(tmp_path, [sample()])
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)

    with pytest.raises(SystemExit):
        main(["view", str(run_dir), "--open"])

    assert opened == [(run_dir / "view" / "index.html").resolve().as_uri()]


def test_a_run_of_two_runtimes_shows_them_and_compares_them(tmp_path: Path) -> None:
    tasks = make_task(tmp_path / "tasks")
    run_dir = tmp_path / "results" / "r1"
    writer = ResultsWriter(run_dir)
    writer.write_run(run_record(tasks_dir=tasks, runtimes=["claude-code", "builtin"]))
    for runtime, log in (("claude-code", "CC LOG"), ("builtin", "BUILTIN LOG")):
        s = sample(runtime=runtime, score=1.0 if runtime == "builtin" else 0.5)
        folder = writer.sample_dir("books", 1, "oracle", runtime=runtime)
        write_sample(run_dir, s, folder=folder, app_log=log)

    build_view(run_dir)
    with pytest.raises(SystemExit) as e:
        main(["view", str(run_dir), "--base-runtime", "builtin", "--cand-runtime", "claude-code"])

    assert e.value.code == 0
    cc = page_of(run_dir, sample(runtime="claude-code", score=0.5))
    assert "CC LOG" in cc and "<dt>runtime</dt><dd>claude-code</dd>" in cc
    index = (run_dir / "view" / "index.html").read_text()
    assert '<select id="f-runtime">' in index and "<td>claude-code</td>" in index
    side = next((run_dir / "view").glob("vs-r1-*/index.html")).read_text()
    assert "arch/oracle (builtin)" in side and "arch/oracle (claude-code)" in side
    assert "-0.500" in side


def test_a_long_tool_argument_is_folded_with_its_line_count() -> None:
    from harness.reports.view.conversation import render_conversation
    from harness.reports.view.records import Event, Transcript

    use = {"type": "tool_use", "id": "w", "name": "Write",
           "input": {"file_path": "/workspace/a.py", "content": "x = 1\n" * 40}}  # fmt: skip
    events = [Event(1, {"type": "model_turn", "turn": 1, "content": [use]})]

    html = render_conversation(Transcript(events), None, None)

    assert '<summary><span class="key">content</span> <small>41 lines</small></summary>' in html
    assert '<span class="key">file_path</span><pre>/workspace/a.py</pre>' in html


def test_a_claude_code_request_is_folded_with_the_system_prompt_it_sent() -> None:
    from harness.reports.view.conversation import render_conversation
    from harness.reports.view.records import Event, Transcript

    request = {
        "type": "model_request",
        "request": 1,
        "model_requested": "claude-x",
        "messages_from": 0,
        "messages": [{"role": "user", "content": "Build <it>"}],
        "system": "You are Claude Code.",
        "tools": ["Read", "Bash"],
        "body_bytes": 5120,
    }

    html = render_conversation(Transcript([Event(1, request)]), None, None)

    assert "request 1 · claude-x · 1 new message(s) · 5,120 bytes" in html
    assert "Build &lt;it&gt;" in html
    assert (
        "<summary>system prompt as the runtime sent it</summary><pre>You are Claude Code." in html
    )
    assert "tools offered: Read, Bash" in html
