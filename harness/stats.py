"""Statistics for noisy evals, as pure functions (stdlib only), tested against hand-computed
values. References: Miller 2024 "Adding Error Bars to Evals" (fixed-suite vs super-population
SEs, paired differences, MDE); Chen et al. 2021 (unbiased pass@k); Yao et al. 2024 (pass^k);
Wilson 1927; McNemar exact; Benjamini-Hochberg 1995.
"""

import itertools
import math
import random
from collections.abc import Sequence
from statistics import NormalDist

_N = NormalDist()


def z_quantile(p: float) -> float:
    return _N.inv_cdf(p)


def normal_cdf(x: float) -> float:
    return _N.cdf(x)


def wilson(successes: int, n: int, conf: float = 0.95) -> tuple[float, float]:
    """Wilson score interval for a proportion; (nan, nan) when n == 0."""
    if n == 0:
        return math.nan, math.nan
    z = z_quantile(0.5 + conf / 2)
    p = successes / n
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    denom = 1 + z * z / n
    return max(0.0, (centre - half) / denom), min(1.0, (centre + half) / denom)


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else math.nan


def sample_var(values: Sequence[float]) -> float:
    """Unbiased sample variance (ddof=1); nan for fewer than 2 values."""
    n = len(values)
    if n < 2:
        return math.nan
    m = mean(values)
    return sum((v - m) ** 2 for v in values) / (n - 1)


def clt_se(values: Sequence[float]) -> float:
    """Super-population standard error of the mean: sd / sqrt(n) (tasks as a sample)."""
    return math.sqrt(sample_var(values) / len(values)) if len(values) >= 2 else math.nan


def fixed_suite_se(per_task: Sequence[Sequence[float]]) -> float:
    """SE of the suite mean (mean over tasks of per-task means) counting only within-task
    variance: (1/N) sqrt(sum_i s_i^2 / K_i). nan unless every task has K_i >= 2."""
    if not per_task or any(len(v) < 2 for v in per_task):
        return math.nan
    return math.sqrt(sum(sample_var(v) / len(v) for v in per_task)) / len(per_task)


def paired_fixed_suite_se(
    base: Sequence[Sequence[float]], cand: Sequence[Sequence[float]]
) -> float:
    """SE of the mean paired difference over tasks, within-task variance only (both arms)."""
    if not base or any(len(v) < 2 for v in [*base, *cand]):
        return math.nan
    total = sum(
        sample_var(a) / len(a) + sample_var(b) / len(b) for a, b in zip(base, cand, strict=True)
    )
    return math.sqrt(total) / len(base)


def pass_at_k(n: int, c: int, k: int) -> float:
    """Unbiased pass@k for one task with c of n samples correct; nan when n < k."""
    if n < k or k < 1:
        return math.nan
    if n - c < k:
        return 1.0
    return 1.0 - math.prod(1.0 - k / i for i in range(n - c + 1, n + 1))


def pass_hat_k(n: int, c: int, k: int) -> float:
    """pass^k (all k draws without replacement succeed): C(c, k) / C(n, k); nan when n < k."""
    if n < k or k < 1:
        return math.nan
    return math.comb(c, k) / math.comb(n, k)


def binom_tail_ge(k: int, n: int, p: float = 0.5) -> float:
    """P(X >= k) for X ~ Binomial(n, p)."""
    return sum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(max(k, 0), n + 1))


def mcnemar_one_sided(b: int, c: int) -> float:
    """Exact one-sided McNemar p-value for 'the candidate is worse': b = pairs the base passed
    and the candidate failed, c = the reverse. p = P(Bin(b + c, 1/2) >= b); 1.0 with no
    discordant pair."""
    return binom_tail_ge(b, b + c) if b + c else 1.0


EXACT_FLIP_LIMIT = 16
"""Up to this many tasks the sign-flip test enumerates all 2^N sign vectors."""


def sign_flip_p(d: Sequence[float], *, samples: int = 20_000, seed: int = 0) -> float:
    """One-sided sign-flip permutation p-value for mean(d) < 0: the share of sign vectors e
    with mean(e * d) <= mean(d). Exact for N <= EXACT_FLIP_LIMIT, else Monte Carlo (seeded)."""
    n = len(d)
    if n == 0:
        return 1.0
    observed = sum(d)
    eps = 1e-12
    if n <= EXACT_FLIP_LIMIT:
        hits = sum(
            sum(s * x for s, x in zip(signs, d, strict=True)) <= observed + eps
            for signs in itertools.product((1, -1), repeat=n)
        )
        return hits / (1 << n)
    rng = random.Random(seed)
    hits = sum(
        sum(x if rng.random() < 0.5 else -x for x in d) <= observed + eps for _ in range(samples)
    )
    return (hits + 1) / (samples + 1)


def permutation_p_lower(base: Sequence[float], cand: Sequence[float]) -> float:
    """Exact one-sided two-sample permutation p-value for mean(cand) < mean(base): the share of
    relabellings whose candidate mean is <= the observed one. 1.0 if either side is empty."""
    if not base or not cand:
        return 1.0
    pooled = [*base, *cand]
    k = len(cand)
    observed = sum(cand)
    combos = list(itertools.combinations(range(len(pooled)), k))
    hits = sum(sum(pooled[i] for i in idx) <= observed + 1e-12 for idx in combos)
    return hits / len(combos)


def benjamini_hochberg(pvalues: Sequence[float], q: float = 0.10) -> list[bool]:
    """Which hypotheses BH rejects at false-discovery rate q (in the input order)."""
    m = len(pvalues)
    order = sorted(range(m), key=lambda i: pvalues[i])
    cutoff = 0
    for rank, i in enumerate(order, start=1):
        if pvalues[i] <= rank * q / m:
            cutoff = rank
    rejected = [False] * m
    for i in order[:cutoff]:
        rejected[i] = True
    return rejected


def mde(se: float, alpha: float = 0.05, power: float = 0.80) -> float:
    """Minimum detectable effect of a one-sided test at `alpha` with `power`: (z_a + z_b) SE."""
    return (z_quantile(1 - alpha) + z_quantile(power)) * se
