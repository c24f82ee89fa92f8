"""compare_values verdicts on literal per-task values."""

import math
from pathlib import Path

import pytest

from harness.reports.compare import compare_runs, compare_values

SUITE = {f"t{i}": [1.0] for i in range(10)}


def test_a_run_compared_with_itself_passes() -> None:
    c = compare_values(SUITE, SUITE, metric="resolved")
    assert c.verdict == "PASS"
    assert c.delta == 0.0 and c.p_value == 1.0
    assert c.test.startswith("McNemar exact (b=0, c=0)")


def test_many_broken_tasks_are_a_regression() -> None:
    cand = {**SUITE, **{f"t{i}": [0.0] for i in range(6)}}
    c = compare_values(SUITE, cand, metric="resolved")
    assert c.verdict == "REGRESSION"
    assert c.p_value == pytest.approx(1 / 64)  # McNemar b=6, c=0
    assert c.delta == pytest.approx(-0.6)
    assert [t.task_id for t in c.tasks if t.delta < 0] == [f"t{i}" for i in range(6)]


def test_one_flip_in_ten_is_inconclusive() -> None:
    cand = {**SUITE, "t0": [0.0]}
    c = compare_values(SUITE, cand, metric="resolved", delta_margin=0.05)
    assert c.verdict == "INCONCLUSIVE"  # p = 1/2, and the lower bound is below -5 pts


def test_scores_use_the_sign_flip_test_for_small_suites() -> None:
    base = {f"t{i}": [0.9] for i in range(5)}
    cand = {f"t{i}": [0.8] for i in range(5)}
    c = compare_values(base, cand)
    assert c.test == "sign-flip permutation"
    assert c.p_value == pytest.approx(1 / 32)
    assert c.verdict == "REGRESSION"


def test_epochs_give_a_fixed_suite_se_and_an_mde() -> None:
    base = {f"t{i}": [1.0, 0.0, 1.0] if i < 5 else [1.0, 1.0, 1.0] for i in range(40)}
    c = compare_values(base, base, metric="resolved")
    assert c.se_kind.startswith("fixed-suite")
    assert c.test == "t (160 df)"  # 40 tasks x 2 arms x (3 - 1) epochs
    # 5 noisy tasks, var 1/3 each -> (1/3)/3 per arm, two arms: sqrt(5 * 2/9) / 40 = .02635
    assert c.se == pytest.approx(math.sqrt(5 * 2 / 9) / 40)
    assert c.lower == pytest.approx(-1.654433 * c.se, rel=1e-5)  # -4.4 pts > -5 pts
    assert c.verdict == "PASS"
    assert c.mde.value == pytest.approx((1.654433 + 0.843874) * c.se, rel=1e-5)
    assert c.mde.method == "t (160 df)"
    # two-sided 95% beside the one-sided bound: t(160) 0.975 = 1.974902 SE either side
    assert c.bounds.ci95_low == pytest.approx(-1.974902 * c.se, rel=1e-5)
    assert c.bounds.ci95_high == pytest.approx(1.974902 * c.se, rel=1e-5)
    assert c.per_task_floor == pytest.approx(1 / 20)  # 1 / C(6, 3): BH can flag


def test_no_power_means_inconclusive_not_pass() -> None:
    base = {f"t{i}": [1.0, 0.0, 1.0] for i in range(40)}  # SE .0745: bound -12 pts
    assert compare_values(base, base, metric="resolved").verdict == "INCONCLUSIVE"


def test_unpaired_tasks_are_listed_not_compared() -> None:
    c = compare_values({"a": [1.0], "b": [1.0]}, {"a": [1.0], "c": [0.0]}, metric="resolved")
    assert [t.task_id for t in c.tasks] == ["a"]
    assert c.unpaired == ["b", "c"]


def test_compare_command_on_real_results_folders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_report import RUN, sample

    from harness.cli.app import main
    from harness.results.log import ResultsWriter

    def run_dir(name: str, scores: list[float]) -> Path:
        w = ResultsWriter(tmp_path / name)
        w.write_run(RUN.model_copy(update={"run_id": name}))
        for i, sc in enumerate(scores):
            w.append_sample(sample(f"task{i}", "oracle", score=sc))
        w.append_sample(sample("task0", "oracle", status="sandbox_error"))
        return w.run_dir

    base = run_dir("base", [1.0] * 8)
    same = run_dir("same", [1.0] * 8)
    worse = run_dir("worse", [0.0] * 6 + [1.0] * 2)

    for cand, code, verdict in ((same, 0, "VERDICT: PASS"), (worse, 1, "VERDICT: REGRESSION")):
        with pytest.raises(SystemExit) as info:
            main(["compare", str(base), str(cand)])
        text = capsys.readouterr().out
        assert info.value.code == code
        assert verdict in text
        assert "infra failures in base (left out, not scored): sandbox_error=1" in text
        shown = text.split("side by side: ")[1].strip()
        assert Path(shown).is_file() and Path(shown).is_relative_to(cand / "view")
    assert "got worse: task0, task1, task2, task3, task4, task5" in text


def test_matrix_run_sides_are_picked_by_agent_and_show_the_prompt_diff(tmp_path: Path) -> None:
    from test_report import RUN, sample

    from harness.errors import InputError
    from harness.reports.compare import load_side
    from harness.reports.compare_text import render
    from harness.results.log import ResultsWriter

    old = RUN.agent.model_copy(update={"label": "arch@0123", "text": "be terse"})
    new = RUN.agent.model_copy(
        update={"label": "arch@fedc", "text": "be verbose", "sha256": "f" * 64}
    )
    w = ResultsWriter(tmp_path / "m")
    w.write_run(RUN.model_copy(update={"agent": old, "agents": [old, new]}))
    for agent, scores in (("arch@0123", [1.0, 1.0]), ("arch@fedc", [1.0, 0.0])):
        for i, sc in enumerate(scores):
            w.append_sample(
                sample(f"task{i}", "oracle", score=sc).model_copy(update={"agent": agent})
            )

    with pytest.raises(InputError, match=r"2 agents .*pick one with --base-agent"):
        load_side(w.run_dir, None, "base")
    with pytest.raises(InputError, match="no samples of agent 'nope'"):
        load_side(w.run_dir, None, "base", "nope")
    b = load_side(w.run_dir, None, "base", "arch@0123")
    c = load_side(w.run_dir, None, "cand", "arch@fedc")
    assert (b.agent.text, c.agent.text) == ("be terse", "be verbose")
    assert [s.score for s in c.samples] == [1.0, 0.0]
    text = render(compare_runs(b, c, metric="score", delta_margin=0.05, alpha=0.05), b, c)
    assert "agent files differ: base arch@0123" in text
    assert "-be terse" in text and "+be verbose" in text
    assert "got worse: task1" in text


def test_small_suite_bounds_use_t_and_label_both_intervals() -> None:
    # d = -.1, 0, +.1, 0 over 4 tasks: mean 0, sd sqrt(.02/3) = .08165, SE .040825
    base = {"a": [0.5], "b": [0.5], "c": [0.5], "d": [0.5]}
    cand = {"a": [0.4], "b": [0.5], "c": [0.6], "d": [0.5]}
    c = compare_values(base, cand)
    se = math.sqrt(0.02 / 3) / 2
    assert c.se == pytest.approx(se)
    assert c.bounds.method == "t, 3 df"
    assert c.bounds.lower == pytest.approx(-2.353363 * se, rel=1e-5)  # t(3) 0.95
    assert c.bounds.ci95_high == pytest.approx(3.182446 * se, rel=1e-5)  # t(3) 0.975
    # 4 tasks: the sign-flip test's smallest p is 1/16 > .05, so no drop is detectable
    assert math.isinf(c.mde.value)
    assert "smallest p is 2^-4 = 0.0625" in c.mde.note
    assert c.verdict == "INCONCLUSIVE"


def test_sign_flip_mde_uses_t_quantiles_of_the_test_it_ran() -> None:
    # 6 tasks, d = -.1, .1, -.1, .1, -.1, .1: SE = sd / sqrt(6) with sd = sqrt(.06 / 5)
    base = {f"t{i}": [0.5] for i in range(6)}
    cand = {f"t{i}": [0.4 if i % 2 == 0 else 0.6] for i in range(6)}
    c = compare_values(base, cand)
    se = math.sqrt(0.06 / 5 / 6)
    assert c.test == "sign-flip permutation"
    assert c.mde.value == pytest.approx((2.015048 + 0.919544) * se, rel=1e-5)  # t(5) .95, .80


def test_identical_small_suites_say_why_there_is_no_mde() -> None:
    base = {f"t{i}": [0.5] for i in range(6)}
    c = compare_values(base, base)
    assert math.isnan(c.mde.value)
    assert "same on every task" in c.mde.note


def test_mcnemar_mde_is_printed_on_inconclusive() -> None:
    cand = {**SUITE, "t0": [0.0]}
    c = compare_values(SUITE, cand, metric="resolved")
    assert c.verdict == "INCONCLUSIVE"
    assert c.mde.method == "exact McNemar power at the observed discordance"
    assert 0 < c.mde.value < 1
    assert c.per_task_floor == 0.5  # 1 epoch per side: the per-task column cannot flag


def unlike_runs(root: Path) -> tuple[Path, Path]:
    from test_report import RUN, sample

    from harness.results.log import ResultsWriter, TaskInfo

    changed = [
        TaskInfo(id="books", content_hash="h1", category="api", difficulty=1),
        TaskInfo(id="jwt", content_hash="CHANGED", category="auth", difficulty=3),
    ]
    dirs = []
    for name, update in (
        ("base", {"probe": {"warmup": 10.0, "duration": 30.0, "calibrate": False}}),
        ("cand", {"tasks": changed, "probe": {"warmup": 2.0, "duration": 5.0, "calibrate": False}}),
    ):
        w = ResultsWriter(root / name)
        w.write_run(RUN.model_copy(update={"run_id": name, **update}))
        for task in ("books", "jwt"):
            w.append_sample(sample(task, "oracle", score=1.0))
        dirs.append(w.run_dir)
    return dirs[0], dirs[1]


def test_unlike_runs_are_refused_with_one_line_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from harness.cli.app import main

    base, cand = unlike_runs(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["compare", str(base), str(cand)])
    err = capsys.readouterr().err.strip()
    assert info.value.code == 2
    assert len(err.splitlines()) == 1
    assert "base vs cand: not like for like: task content differs for 1 task (jwt)" in err
    assert "probe settings (duration 30.0 vs 5.0, warmup 10.0 vs 2.0)" in err
    assert "--allow-unlike" in err


def test_allow_unlike_compares_and_marks_every_affected_row(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from harness.cli.app import main

    base, cand = unlike_runs(tmp_path)
    with pytest.raises(SystemExit) as info:
        main(["compare", str(base), str(cand), "--allow-unlike"])
    lines = capsys.readouterr().out.splitlines()
    assert info.value.code == 3  # two tasks are too few for PASS
    assert "VERDICT: INCONCLUSIVE (too few paired tasks: 2, needs 3)" in lines
    assert any(ln.startswith("NOT LIKE FOR LIKE (compared with --allow-unlike)") for ln in lines)
    books = next(ln for ln in lines if ln.startswith("| books |"))
    jwt = next(ln for ln in lines if ln.startswith("| jwt |"))
    assert books.endswith("| probe settings (duration 30.0 vs 5.0, warmup 10.0 vs 2.0) |")
    assert jwt.endswith("warmup 10.0 vs 2.0); task content (hash h2 vs CHANGED) |")


def test_pass_needs_three_paired_tasks() -> None:
    two = {"a": [1.0], "b": [1.0]}
    assert compare_values(two, two).verdict == "INCONCLUSIVE"
    three = {**two, "c": [1.0]}
    assert compare_values(three, three).verdict == "PASS"
