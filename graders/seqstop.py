"""When a load probe may stop early: distribution-free bounds against the task's objective.

A look at time `t` (seconds since the probe's start) sees every request due in the measured
window up to `t - limit` (the p99 bound): for each of those it is known whether its latency
exceeded the bound (a request still unanswered at `t` has waited longer than that), and its
error is known unless it is still unanswered (then it counts as an error for the pass side and
as a success for the fail side). From these counts:

- pass: the p99 lies below X_(u), an order statistic of the latencies (unanswered ones are
  +inf) whose rank comes from Binomial(n, 0.99), and the error rate below its one-sided
  Clopper-Pearson bound, each at level `alpha` (the error objective is the stricter of
  max_error_rate and the achieved-rate floor). When both bounds are within the objective the
  probe passes: at 95% per look, a pass needs about 300 requests under the bound.
- fail: only once the full window can no longer pass: more requests over the bound (or failed)
  than the whole window's point estimate allows. So an early failure is always the verdict the
  full-length probe would give on the same requests, and a stall early in the window that the
  full window would absorb does not fail a service. A hanging or clearly slow service gets
  there within a second or two. The lower bounds (X_(l), Clopper-Pearson) are recorded with
  every look.

Otherwise measuring goes on; at the end of the full window the probe's point estimates decide
as before. Each look's pass is at one-sided level `alpha`, not corrected for repeated looks:
`test_early_stops_agree_with_the_objective_away_from_it` shows what that costs.

Standard library only: this file is copied into the prober beside loadgen.py.
"""

import math
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any, Literal

ALPHA = 0.05
"""One-sided error of each look's bounds (95% confidence each side)."""
MIN_MEASURED_S = 1.0
"""No early verdict on less than this much of the measured window."""
MIN_REQUESTS = 30
"""Nor on fewer requests than this."""

Verdict = Literal["pass", "fail", "continue"]


@dataclass(frozen=True)
class Objective:
    limit_s: float
    """The p99 bound, in seconds."""
    max_error_rate: float
    quantile: float = 0.99


@dataclass(frozen=True)
class Tally:
    """What a look knows about the requests it decides on."""

    latencies: tuple[float, ...]
    """Sorted; +inf for each request still unanswered."""
    errors: int
    """Answered requests that failed."""
    unanswered: int

    @property
    def n(self) -> int:
        return len(self.latencies)


@dataclass(frozen=True)
class Look:
    at_s: float
    """Measured seconds covered by the look (its window's end minus the warm-up)."""
    n: int
    verdict: Verdict
    reason: str
    p99_low_ms: float
    p99_high_ms: float
    errors_low: float
    errors_high: float

    def as_dict(self) -> dict[str, Any]:
        return {k: _finite(v) for k, v in asdict(self).items()}


def _finite(v: Any) -> Any:
    """JSON has no inf/nan: write them as null."""
    return None if isinstance(v, float) and not math.isfinite(v) else v


def tally(
    answered: Sequence[tuple[float, float, bool]], due: Sequence[float], *, start: float, cut: float
) -> Tally:
    """The requests due in [start, cut): `answered` holds (intended, latency, ok) of those that
    have an answer (or failed), `due` every intended send time so far. Pure."""
    lat = [lat for t, lat, _ in answered if start <= t < cut]
    errors = sum(not ok for t, _, ok in answered if start <= t < cut)
    unanswered = sum(start <= t < cut for t in due) - len(lat)
    return Tally(tuple(sorted(lat)) + (math.inf,) * max(unanswered, 0), errors, max(unanswered, 0))


def _log_pmf(k: int, n: int, p: float) -> float:
    if p <= 0.0:
        return 0.0 if k == 0 else -math.inf
    if p >= 1.0:
        return 0.0 if k == n else -math.inf
    return (
        math.lgamma(n + 1)
        - math.lgamma(k + 1)
        - math.lgamma(n - k + 1)
        + k * math.log(p)
        + (n - k) * math.log1p(-p)
    )


def binom_cdf(k: int, n: int, p: float) -> float:
    """P(Binomial(n, p) <= k). Pure."""
    if k < 0:
        return 0.0
    if k >= n:
        return 1.0
    return min(1.0, sum(math.exp(_log_pmf(i, n, p)) for i in range(k + 1)))


def binom_sf(k: int, n: int, p: float) -> float:
    """P(Binomial(n, p) >= k). Pure."""
    return max(0.0, 1.0 - binom_cdf(k - 1, n, p))


def quantile_ranks(n: int, q: float, alpha: float) -> tuple[int | None, int | None]:
    """1-based ranks (l, u) with P(X_(l) > x_q) <= alpha and P(X_(u) < x_q) <= alpha for any
    continuous distribution; None where n samples are too few for that side. Pure.

    u is the smallest rank with P(Bin(n, q) >= u) <= alpha, l the largest with
    P(Bin(n, q) >= l) >= 1 - alpha: both found walking down from the top rank, where a high
    quantile's binomial mass lies (a few dozen steps, not n)."""
    u = lo = None
    tail = 0.0  # P(Bin >= r) once r's mass is added
    for r in range(n, 0, -1):
        tail += math.exp(_log_pmf(r, n, q))
        if tail <= alpha:
            u = r
        if tail >= 1.0 - alpha:
            lo = r
            break
    return lo, u


def clopper_pearson(k: int, n: int, alpha: float) -> tuple[float, float]:
    """One-sided Clopper-Pearson bounds (each at level alpha) on a proportion. Pure."""
    if n == 0:
        return 0.0, 1.0

    def solve(f: Any, target: float, increasing: bool) -> float:
        lo, hi = 0.0, 1.0
        for _ in range(32):  # to 2^-32: finer than any rate a probe can show
            mid = (lo + hi) / 2
            if (f(mid) < target) == increasing:
                lo = mid
            else:
                hi = mid
        return (lo + hi) / 2

    low = 0.0 if k == 0 else solve(lambda p: binom_sf(k, n, p), alpha, True)
    high = 1.0 if k == n else solve(lambda p: binom_cdf(k, n, p), alpha, False)
    return low, high


def window_requests(rate: float, warmup: float, duration: float) -> int:
    """How many requests a full measured window of `duration` s from `warmup` holds (request i
    is due at i / rate). Pure."""
    total = math.ceil(rate * (warmup + duration))
    return sum(warmup <= i / rate < warmup + duration for i in range(total))


def certain_fail(t: Tally, objective: Objective, full_n: int) -> str:
    """Why the full window of `full_n` requests can no longer meet the objective, whatever its
    remaining requests do ('' while it still can): its nearest-rank p99 is over the bound once
    more than full_n - ceil(q * full_n) requests are, and its error rate once more than
    max_error_rate * full_n requests failed. Pure."""
    allowed = full_n - math.ceil(objective.quantile * full_n)
    over = sum(lat > objective.limit_s for lat in t.latencies)
    if over > allowed:
        return (
            f"{over} requests over {objective.limit_s * 1e3:.0f} ms: more than the "
            f"{allowed} of {full_n} the full window allows"
        )
    if t.errors > objective.max_error_rate * full_n:
        return (
            f"{t.errors} failed requests: more than {objective.max_error_rate:.1%} of the "
            f"full window's {full_n}"
        )
    return ""


def decide(
    t: Tally,
    objective: Objective,
    *,
    measured_s: float,
    full_n: int | None = None,
    alpha: float = ALPHA,
    min_measured_s: float = MIN_MEASURED_S,
    min_requests: int = MIN_REQUESTS,
) -> Look:
    """One look's verdict: pass when clear at level alpha, fail when certain for a full
    window of `full_n` requests (None: never early), else continue. Pure."""
    lo_rank, hi_rank = quantile_ranks(t.n, objective.quantile, alpha) if t.n else (None, None)
    p99_low = t.latencies[lo_rank - 1] if lo_rank else 0.0
    p99_high = t.latencies[hi_rank - 1] if hi_rank else math.inf
    err_low = clopper_pearson(t.errors, t.n, alpha)[0]
    err_high = clopper_pearson(t.errors + t.unanswered, t.n, alpha)[1]
    look = Look(measured_s, t.n, "continue", "", p99_low * 1e3, p99_high * 1e3, err_low, err_high)
    failed = certain_fail(t, objective, full_n) if full_n is not None else ""
    if failed:
        return replace(look, verdict="fail", reason=failed)
    if measured_s < min_measured_s or t.n < min_requests:
        return replace(
            look, verdict="continue", reason=f"too few requests yet ({t.n} in {measured_s:.1f} s)"
        )
    if p99_high <= objective.limit_s and err_high <= objective.max_error_rate:
        return replace(
            look,
            verdict="pass",
            reason=f"p99 <= {p99_high * 1e3:.0f} ms and error rate <= {err_high:.1%}",
        )
    return replace(look, verdict="continue", reason="not clear yet")


def judge(
    objective: Objective, rate: float, duration: float, looks: list[Look], alpha: float = ALPHA
) -> Callable[[Sequence[Any], Sequence[float], float, float], float | None]:
    """A loadgen Judge: at each slice, the look over the requests due in [start, now - limit)
    (appended to `looks`), against a full window of `duration` s from `start` at `rate`; the
    window's end when the verdict is clear, else None."""

    def look(
        answered: Sequence[Any], due: Sequence[float], now: float, start: float
    ) -> float | None:
        cut = now - objective.limit_s
        seen = [(s.intended, s.latency, s.ok) for s in answered]
        t = tally(seen, due, start=start, cut=cut)
        full_n = window_requests(rate, start, duration)
        made = decide(t, objective, measured_s=max(0.0, cut - start), full_n=full_n, alpha=alpha)
        looks.append(made)
        return cut if made.verdict != "continue" else None

    return look
