"""The MDE planning table against hand-computed values."""

import math

import pytest

from harness.reports.power import (
    compare_test_notes,
    mde_for,
    mde_table,
    render_table,
    within_task_variances,
)


def test_mde_matches_the_hand_computed_worst_case() -> None:
    # 33 tasks, p = 0.5, K = 1: SE = sqrt(33 * 2 * 0.25) / 33 = 0.123091;
    # (z_0.95 + z_0.80) = 1.644854 + 0.841621 = 2.486475; MDE = 0.306059
    assert mde_for([0.25] * 33, 1, 0.05, 0.80) == pytest.approx(0.306059, abs=1e-5)
    # K = 4 halves the SE (0.061546); t with 2 * 33 * 3 = 198 df (scipy.stats.t by hand)
    assert mde_for([0.25] * 33, 4, 0.05, 0.80) == pytest.approx(0.153620, abs=1e-5)
    assert math.isnan(mde_for([], 1, 0.05, 0.8))


def test_table_has_one_row_per_assumption_and_a_column_per_k() -> None:
    rows = mde_table(100, epochs=(1, 10), pass_rates=(0.5,), measured=[0.0, 0.04])
    assert [r["assumption"] for r in rows] == [
        "binary, pass rate 0.5",
        "measured (score, within-task)",
    ]
    assert rows[0]["K=1"] == pytest.approx(100 * 2.486475 * math.sqrt(0.5 / 100), abs=1e-3)
    # measured: SE = sqrt(2 * 0.04 / 10) / 2 = 0.044721; t with 36 df: MDE = 11.36 points
    assert rows[1]["tasks"] == 2 and rows[1]["K=10"] == pytest.approx(11.3593, abs=1e-3)
    text = render_table(rows, 0.05, 0.8)
    assert "| binary, pass rate 0.5 | 100 | 17.6 | 5.6 |" in text


def test_variances_average_over_configurations_and_skip_single_epochs() -> None:
    got = within_task_variances({("a", "x"): [1.0, 0.0], ("a", "y"): [1.0, 1.0], ("b", "x"): [0.5]})
    assert got == [pytest.approx(0.25)]  # a: mean(0.5, 0.0); b has one epoch only


def test_table_says_which_test_compare_runs_for_a_small_suite() -> None:
    text = render_table(mde_table(4, epochs=(1, 3), pass_rates=(0.5,)), 0.05, 0.8)
    assert (
        "- 4 tasks (< 30): compare runs an exact sign-flip test; its smallest p is 2^-4 = " in text
    )
    assert "0.0625 >= alpha 0.05, so no drop can be detected: add tasks" in text
    assert "K=1: compare has no within-task variance" in text
    big = render_table(mde_table(40, epochs=(3,), pass_rates=(0.5,)), 0.05, 0.8)
    assert "sign-flip" not in big


def test_compare_test_notes_for_a_suite_that_can_detect() -> None:
    [_, note] = compare_test_notes(8, 0.05)
    assert note == (
        "8 tasks (< 30): compare runs an exact sign-flip test; its smallest p is 2^-8 = 0.00391; "
        "the table is the normal approximation."
    )
