"""Statistics against hand-computed values (worked out in the comments)."""

import math

import pytest

from harness import stats


def test_wilson_8_of_10() -> None:
    # p = .8, z = 1.95996: centre .99207, half .31362, denominator 1.38415
    lo, hi = stats.wilson(8, 10)
    assert (lo, hi) == (pytest.approx(0.49016, abs=1e-5), pytest.approx(0.94332, abs=1e-5))


def test_wilson_edges() -> None:
    assert stats.wilson(0, 5)[0] == pytest.approx(0.0, abs=1e-12)
    assert stats.wilson(5, 5)[1] == pytest.approx(1.0)
    assert all(math.isnan(x) for x in stats.wilson(0, 0))


def test_pass_at_k_and_pass_hat_k() -> None:
    assert stats.pass_at_k(5, 2, 2) == pytest.approx(1 - 3 / 10)  # 1 - C(3,2)/C(5,2)
    assert stats.pass_at_k(5, 4, 2) == 1.0  # n - c < k
    assert stats.pass_at_k(5, 0, 1) == 0.0
    assert stats.pass_hat_k(5, 2, 2) == pytest.approx(1 / 10)  # C(2,2)/C(5,2)
    assert stats.pass_hat_k(3, 3, 3) == 1.0


def test_pass_at_k_guards_too_few_samples() -> None:
    assert math.isnan(stats.pass_at_k(2, 0, 3))  # the naive formula would say 1.0
    assert math.isnan(stats.pass_hat_k(2, 2, 3))


def test_mcnemar_exact() -> None:
    assert stats.mcnemar_one_sided(5, 0) == pytest.approx(1 / 32)
    assert stats.mcnemar_one_sided(3, 1) == pytest.approx(5 / 16)  # P(Bin(4,.5) >= 3)
    assert stats.mcnemar_one_sided(0, 0) == 1.0


def test_sign_flip_exact() -> None:
    assert stats.sign_flip_p([-1.0, -1.0, -1.0]) == pytest.approx(1 / 8)
    assert stats.sign_flip_p([-1.0, 1.0]) == pytest.approx(3 / 4)  # sums -2, 0, 0 <= 0; 2 > 0
    assert stats.sign_flip_p([0.0, 0.0]) == 1.0


def test_sign_flip_monte_carlo_is_seeded_and_close() -> None:
    d = [-0.1] * 20
    p = stats.sign_flip_p(d, samples=5000, seed=1)
    assert p == stats.sign_flip_p(d, samples=5000, seed=1)
    assert p < 0.001  # exact value 2^-20


def test_two_sample_permutation() -> None:
    assert stats.permutation_p_lower([1, 1], [0, 0]) == pytest.approx(1 / 6)
    assert stats.permutation_p_lower([1], [0]) == pytest.approx(1 / 2)
    assert stats.permutation_p_lower([0, 0], [1, 1]) == 1.0


def test_benjamini_hochberg() -> None:
    # sorted: .01 <= .025, .03 <= .05, .04 <= .075, .20 > .10
    assert stats.benjamini_hochberg([0.01, 0.04, 0.03, 0.20], q=0.10) == [True, True, True, False]
    assert stats.benjamini_hochberg([0.5, 0.6]) == [False, False]


def test_standard_errors() -> None:
    assert stats.clt_se([0.0, 1.0, 1.0, 1.0]) == pytest.approx(0.25)  # sd .5 / 2
    assert stats.fixed_suite_se([[1.0, 0.0], [1.0, 1.0]]) == pytest.approx(0.25)  # sqrt(.5/2)/2
    assert math.isnan(stats.fixed_suite_se([[1.0], [1.0, 0.0]]))
    base, cand = [[1.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, 0.0]]
    # (.5/2 + 0 + 0 + .5/2) = .5 -> sqrt(.5) / 2
    assert stats.paired_fixed_suite_se(base, cand) == pytest.approx(math.sqrt(0.5) / 2)


def test_mde() -> None:
    assert stats.mde(0.02) == pytest.approx((1.644854 + 0.841621) * 0.02, abs=1e-6)


@pytest.mark.parametrize(
    ("p", "df", "expected"),  # scipy.stats.t.ppf(p, df), recomputed by hand
    [
        (0.975, 1, 12.706204736),
        (0.975, 2, 4.302652730),
        (0.95, 33, 1.692360309),
        (0.8, 9, 0.883403860),
        (0.05, 4, -2.131846786),
    ],
)
def test_t_quantile_matches_scipy(p: float, df: int, expected: float) -> None:
    assert stats.t_quantile(p, df) == pytest.approx(expected, abs=1e-8)
    assert stats.t_cdf(expected, df) == pytest.approx(p, abs=1e-10)


@pytest.mark.parametrize("n", [0, 1, 2])
def test_too_few_tasks_get_no_interval(n: int) -> None:
    ci = stats.bounded_mean_interval([1.0] * n)
    assert math.isnan(ci.low) and math.isnan(ci.high)
    assert ci.text() == f"too few tasks (n={n}, needs 3)"


def test_three_tasks_all_at_one_get_a_wide_interval_inside_0_1() -> None:
    # Wilson at m = 1: lower = n / (n + q^2), q = t(2) 0.975 = 4.302653 -> 3 / 21.51282
    ci = stats.bounded_mean_interval([1.0, 1.0, 1.0])
    assert ci.low == pytest.approx(3 / (3 + 4.302653**2), abs=1e-6)
    assert ci.high == 1.0
    assert ci.method == "Wilson score, t(n-1) quantile"
    assert ci.text() == "[0.139, 1.000]"


def test_bounded_interval_solves_the_wilson_inequality() -> None:
    # roots of (m - mu)^2 = q^2 mu (1 - mu) / n for m = .5667, n = 3 (scipy brentq by hand)
    ci = stats.bounded_mean_interval([0.5, 1.0, 0.2])
    assert (ci.low, ci.high) == (
        pytest.approx(0.046043, abs=1e-6),
        pytest.approx(0.972550, abs=1e-6),
    )
    # a suite near 1 never goes past 1 (the z interval went to 1.053)
    many = stats.bounded_mean_interval([1.0] * 30 + [0.2] * 2 + [0.8] * 2)
    assert 0 < many.low < many.high < 1


def test_fixed_suite_interval_on_the_logit_scale() -> None:
    # m = .6333, SE = sqrt(1/9 + .01/3) / 2 = .16915, df = 2 + 2; logit(m) +- t(4) SE / (m (1 - m))
    # with t(4) 0.975 = 2.776445 (scipy.special.expit/logit and scipy.stats.t by hand)
    ci = stats.fixed_suite_interval([[1.0, 0.0, 1.0], [0.5, 0.7, 0.6]])
    assert (ci.low, ci.high) == (
        pytest.approx(0.186064, abs=1e-6),
        pytest.approx(0.928831, abs=1e-6),
    )
    assert ci.method == "t on the logit scale, df = sum of (epochs - 1)"
    assert stats.fixed_suite_interval([[1.0], [1.0]]).text() == "needs >= 2 epochs per task"
    assert stats.fixed_suite_interval([[1.0, 1.0]]).text() == "no within-task variance seen"
    assert stats.within_df([[1.0, 0.0, 1.0], [1.0], [0.5, 0.5]]) == 3


def test_mcnemar_power_and_mde() -> None:
    # recomputed with scipy.stats.binom and binomtest: 0.453160
    assert stats.mcnemar_power(20, 0.3, 0.05, 0.05) == pytest.approx(0.453160, abs=1e-6)
    # 5 pairs: only 5 of 5 discordant-worse rejects (1/32); drop^5 >= .8 needs drop >= .9564
    assert stats.mcnemar_mde(5, 0) == pytest.approx(0.96)
    assert math.isinf(stats.mcnemar_mde(4, 0))  # 1/16 > .05: never significant


def test_mde_t_and_floors() -> None:
    assert stats.mde_t(0.1, 5) == pytest.approx((2.015048 + 0.919544) * 0.1, rel=1e-5)
    assert math.isnan(stats.mde_t(0.1, 0))
    assert stats.sign_flip_floor(4) == 1 / 16
    assert stats.min_permutation_p(1, 1) == 0.5
    assert stats.min_permutation_p(3, 3) == pytest.approx(1 / 20)
