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
