"""Like-for-like checks between two runs, on literal run records."""

from test_report import RUN

from harness.reports.comparability import Differences, run_differences


def test_run_differences_names_version_images_and_tasks() -> None:
    old = {"archbench/runtime:aaa": "sha256:1", "archbench/prober:ppp": "sha256:2"}
    new = {"archbench/runtime:bbb": "sha256:3", "archbench/prober:ppp": "sha256:2"}
    cand = RUN.model_copy(update={"harness_version": "0.2.0", "images": new, "tasks": []})
    diff = run_differences(RUN.model_copy(update={"images": old}), cand, ["jwt"])
    assert diff.run == ["harness version 0.1.0 vs 0.2.0", "images (archbench/runtime aaa vs bbb)"]
    assert diff.tasks == {}  # a task missing from one run.json is unpaired, not changed
    assert not run_differences(RUN, RUN, ["books", "jwt"])


def test_a_rebuild_of_the_same_recipe_is_the_same_image() -> None:
    base = RUN.model_copy(update={"images": {"archbench/runtime:aaa": "sha256:1"}})
    rebuilt = RUN.model_copy(update={"images": {"archbench/runtime:aaa": "sha256:9"}})
    assert not run_differences(base, rebuilt, ["books"])


def test_rows_carry_run_wide_differences_first_and_the_summary_is_one_line() -> None:
    diff = Differences(["probe settings (duration 30.0 vs 5.0)"], {"b": ["x"], "a": ["y"]})
    assert diff.of("a") == ["probe settings (duration 30.0 vs 5.0)", "y"]
    assert diff.of("c") == ["probe settings (duration 30.0 vs 5.0)"]
    assert diff.summary() == (
        "task content differs for 2 tasks (a, b); probe settings (duration 30.0 vs 5.0)"
    )
    assert not Differences()
