"""The sequential load probe's stopping rule on literal inputs: bounds, tallies, verdicts."""

import math
import random
from types import SimpleNamespace

import pytest

from graders.seqstop import (
    ALPHA,
    MIN_REQUESTS,
    Objective,
    Tally,
    binom_cdf,
    certain_fail,
    clopper_pearson,
    decide,
    judge,
    quantile_ranks,
    tally,
    window_requests,
)

OBJ = Objective(limit_s=0.100, max_error_rate=0.01)


def lat(*groups: tuple[int, float]) -> Tally:
    values = [v for count, v in groups for _ in range(count)]
    return Tally(tuple(sorted(values)), errors=0, unanswered=0)


def test_binomial_cdf_matches_hand_values() -> None:
    assert binom_cdf(0, 10, 0.5) == pytest.approx(1 / 1024)
    assert binom_cdf(5, 10, 0.5) == pytest.approx(638 / 1024)
    assert binom_cdf(-1, 10, 0.5) == 0.0 and binom_cdf(10, 10, 0.5) == 1.0


def test_order_statistic_ranks_need_299_samples_for_a_p99_upper_bound() -> None:
    # P(all n below the p99) = 0.99^n <= 0.05 first at n = 299 (0.99^298 = 0.0500)
    assert quantile_ranks(298, 0.99, 0.05)[1] is None
    assert quantile_ranks(299, 0.99, 0.05)[1] == 299
    lo, hi = quantile_ranks(1000, 0.99, 0.05)
    assert lo is not None and hi is not None and lo < 990 < hi <= 1000


def test_clopper_pearson_edges() -> None:
    low, high = clopper_pearson(0, 299, 0.05)
    assert low == 0.0 and high == pytest.approx(1 - 0.05 ** (1 / 299), rel=1e-6)
    low, high = clopper_pearson(10, 10, 0.05)
    assert high == 1.0 and low == pytest.approx(0.05 ** (1 / 10), rel=1e-6)
    low, high = clopper_pearson(5, 100, 0.05)
    assert 0.01 < low < 0.05 < high < 0.11


def test_a_clearly_fast_service_passes_early() -> None:
    look = decide(lat((400, 0.008)), OBJ, measured_s=8.0)
    assert look.verdict == "pass", look.reason
    assert look.p99_high_ms == pytest.approx(8.0) and look.errors_high < 0.01


def test_a_clearly_slow_service_fails_early() -> None:
    """A full window of 1,500 requests allows 15 over the bound: 20 already are."""
    look = decide(lat((40, 0.010), (20, 0.300)), OBJ, measured_s=1.2, full_n=1500)
    assert look.verdict == "fail" and look.reason.startswith("20 requests over 100 ms")
    assert look.p99_low_ms == pytest.approx(300.0)


def test_an_early_stall_the_full_window_absorbs_fails_nothing() -> None:
    """15 slow requests in the first second: clearly over in the first 50, but the whole
    window of 1,500 allows 15, so only the full window can tell."""
    stall = lat((35, 0.010), (15, 0.300))
    assert stall.n == 50 and decide(stall, OBJ, measured_s=1.0).p99_low_ms == pytest.approx(300)
    assert decide(stall, OBJ, measured_s=1.0, full_n=1500).verdict == "continue"
    assert certain_fail(lat((1000, 0.010), (16, 0.300)), OBJ, 1500) != ""


def test_the_full_window_size_follows_the_request_schedule() -> None:
    assert window_requests(50, 10, 30) == 1500
    assert window_requests(25, 2, 5) == 125
    assert window_requests(30, 0.5, 1.0) == 30
    assert window_requests(50, 3.37, 30) == 1500  # a warm-up that ended early: 3.38 ... 33.36


def test_a_service_at_its_objective_never_stops() -> None:
    for n in range(100, 1501, 50):  # exactly 1% of requests over the bound, at every look
        look = decide(lat((n - n // 100, 0.010), (n // 100, 0.300)), OBJ, measured_s=n / 50)
        assert look.verdict == "continue", (n, look)


def test_few_samples_never_stop() -> None:
    hung = Tally((math.inf,) * (MIN_REQUESTS - 1), errors=0, unanswered=MIN_REQUESTS - 1)
    assert decide(hung, OBJ, measured_s=5.0).verdict == "continue"
    plenty_but_early = Tally((math.inf,) * 200, errors=0, unanswered=200)
    assert decide(plenty_but_early, OBJ, measured_s=0.5).verdict == "continue"
    assert decide(Tally((), 0, 0), OBJ, measured_s=10.0).verdict == "continue"


def test_errors_fail_early_and_unanswered_requests_keep_a_pass_open() -> None:
    errors = Tally(tuple([0.005] * 300), errors=30, unanswered=0)
    look = decide(errors, OBJ, measured_s=6.0, full_n=1500)
    assert look.verdict == "fail" and look.reason.startswith("30 failed requests")
    assert look.errors_low > 0.05
    # 400 fast answers, but 4 more requests still unanswered (+inf, and maybe errors)
    pending = Tally(tuple([0.005] * 400) + (math.inf,) * 4, errors=0, unanswered=4)
    assert decide(pending, OBJ, measured_s=8.0).verdict == "continue"


def test_a_hanging_service_fails_at_the_first_look() -> None:
    hung = Tally((math.inf,) * 50, errors=0, unanswered=50)
    look = decide(hung, OBJ, measured_s=1.0, full_n=1500)
    assert look.verdict == "fail" and look.as_dict()["p99_low_ms"] is None  # inf -> null


def test_tally_keeps_the_window_and_counts_the_unanswered() -> None:
    answered = [(0.5, 9.0, False), (1.0, 0.010, True), (1.5, 0.020, False), (3.0, 0.001, True)]
    due = [0.5, 1.0, 1.5, 2.0, 2.5, 3.0]
    t = tally(answered, due, start=1.0, cut=3.0)
    assert t.latencies == (0.010, 0.020, math.inf, math.inf)
    assert (t.errors, t.unanswered, t.n) == (1, 2, 4)


def test_judge_returns_the_cut_when_clear_and_records_every_look() -> None:
    looks: list = []
    j = judge(OBJ, rate=100, duration=30, looks=looks)
    rng = random.Random(1)
    samples = [
        SimpleNamespace(intended=i / 100, latency=rng.uniform(0.002, 0.01), ok=True)
        for i in range(1000)
    ]
    due = [s.intended for s in samples]
    assert j(samples[:300], due[:300], 3.0, 2.0) is None  # 0.9 s of the window: too early
    cut = j(samples, due, 9.0, 2.0)
    assert cut == pytest.approx(9.0 - 0.100)
    assert [lk.verdict for lk in looks] == ["continue", "pass"]


def simulate(theta: float, seed: int, rate: int = 50, seconds: int = 30) -> str:
    """One iid probe with a share theta of requests over the bound: how it ends."""
    rng = random.Random(seed)
    values: list[float] = []
    for second in range(1, seconds + 1):
        values += [0.3 if rng.random() < theta else 0.01 for _ in range(rate)]
        t = Tally(tuple(sorted(values)), 0, 0)
        look = decide(t, OBJ, measured_s=float(second), full_n=rate * seconds)
        if look.verdict != "continue":
            return look.verdict
    return "full"


def test_early_stops_agree_with_the_objective_away_from_it() -> None:
    """Repeated looks at ALPHA each: well inside the objective (0.2% over the bound) nothing
    fails and most pass early; well outside (3%) nothing passes and every run fails before
    the window's end."""
    assert ALPHA == 0.05
    inside = [simulate(0.002, seed) for seed in range(30)]
    outside = [simulate(0.03, seed) for seed in range(30)]
    assert "fail" not in inside and inside.count("pass") >= 20
    assert outside == ["fail"] * 30
