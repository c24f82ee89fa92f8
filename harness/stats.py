"""Statistics for noisy evals, as pure functions (stdlib only), tested against hand-computed
values. References: Miller 2024 "Adding Error Bars to Evals" (fixed-suite vs super-population
SEs, paired differences, MDE); Chen et al. 2021 (unbiased pass@k); Yao et al. 2024 (pass^k);
Wilson 1927; McNemar exact; Benjamini-Hochberg 1995. Student's t from the regularized
incomplete beta (Numerical Recipes 6.4), checked against scipy.stats.t.
"""

import itertools
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
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


def _betainc(a: float, b: float, x: float) -> float:
    """Regularized incomplete beta I_x(a, b), by its continued fraction (Lentz's method)."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    if x > (a + 1) / (a + b + 2):
        return 1.0 - _betainc(b, a, 1.0 - x)
    log_front = a * math.log(x) + b * math.log1p(-x) - math.log(a)
    log_front += math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    f = d
    for m in range(1, 500):
        for num in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + num * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + num / c
            c = c if abs(c) > tiny else tiny
            f *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return math.exp(log_front) * f


def t_cdf(x: float, df: float) -> float:
    """Student's t distribution function with `df` degrees of freedom."""
    tail = 0.5 * _betainc(df / 2, 0.5, df / (df + x * x))
    return 1.0 - tail if x > 0 else tail


def t_quantile(p: float, df: float) -> float:
    """Inverse of t_cdf (bisection to 1e-10; the normal quantile for df >= 1e6)."""
    if df >= 1e6:
        return z_quantile(p)
    lo, hi = -1.0, 1.0
    while t_cdf(lo, df) > p:
        lo *= 2
    while t_cdf(hi, df) < p:
        hi *= 2
    while hi - lo > 1e-10:
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if t_cdf(mid, df) < p else (lo, mid)
    return (lo + hi) / 2


MIN_TASKS = 3
"""Below this many tasks a report prints "too few tasks" instead of an interval."""
WILSON_T = "Wilson score, t(n-1) quantile"
LOGIT_T = "t on the logit scale, df = sum of (epochs - 1)"


@dataclass(frozen=True)
class Interval:
    """A confidence interval with the name of its method; low/high are nan when there is
    none, and then `method` says why."""

    low: float
    high: float
    method: str

    def text(self) -> str:
        if math.isnan(self.low):
            return self.method
        return f"[{self.low:.3f}, {self.high:.3f}]"


def bounded_mean_interval(values: Sequence[float], conf: float = 0.95) -> Interval:
    """Interval for the mean of values in [0, 1] (task means): the Wilson score interval with
    the bound var <= m(1 - m) that holds for any variable in [0, 1], and a t(n-1) quantile for
    small n. Inside [0, 1], never zero-width, wider than the naive z interval. Pure."""
    n = len(values)
    if n < MIN_TASKS:
        return Interval(math.nan, math.nan, f"too few tasks (n={n}, needs {MIN_TASKS})")
    m = min(1.0, max(0.0, mean(values)))
    q = t_quantile(0.5 + conf / 2, n - 1)
    centre = m + q * q / (2 * n)
    half = q * math.sqrt(m * (1 - m) / n + q * q / (4 * n * n))
    denom = 1 + q * q / n
    return Interval(max(0.0, (centre - half) / denom), min(1.0, (centre + half) / denom), WILSON_T)


def within_df(per_task: Sequence[Sequence[float]]) -> int:
    """Degrees of freedom of a within-task variance estimate: the sum of (epochs - 1)."""
    return sum(max(len(v) - 1, 0) for v in per_task)


def fixed_suite_interval(per_task: Sequence[Sequence[float]], conf: float = 0.95) -> Interval:
    """Interval for the suite mean on this fixed suite (within-task variance, needs >= 2
    epochs per task): t with within_df degrees of freedom on the logit scale, so that it stays
    inside (0, 1) and widens when there are few epochs. Pure."""
    se = fixed_suite_se(per_task)
    if math.isnan(se):
        return Interval(math.nan, math.nan, "needs >= 2 epochs per task")
    m = mean([mean(v) for v in per_task])
    if se == 0 or m <= 0 or m >= 1:
        return Interval(math.nan, math.nan, "no within-task variance seen")
    half = t_quantile(0.5 + conf / 2, within_df(per_task)) * se / (m * (1 - m))
    centre = math.log(m / (1 - m))
    return Interval(_expit(centre - half), _expit(centre + half), LOGIT_T)


def _expit(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def mde_t(se: float, df: int, alpha: float = 0.05, power: float = 0.80) -> float:
    """MDE of a one-sided t test with `df` degrees of freedom: (t_{1-alpha} + t_power) SE."""
    if df < 1 or math.isnan(se):
        return math.nan
    return (t_quantile(1 - alpha, df) + t_quantile(power, df)) * se


def mcnemar_power(n: int, worse: float, better: float, alpha: float) -> float:
    """Power of the exact one-sided McNemar test (p < alpha) over n pairs where a pair is
    base-pass/candidate-fail with probability `worse` and the reverse with `better`. Pure."""
    disc = worse + better
    if disc <= 0:
        return 0.0
    share = worse / disc
    total = 0.0
    for m in range(n + 1):
        crit = next((b for b in range(m + 1) if binom_tail_ge(b, m) < alpha), None)
        if crit is not None:
            total += (
                math.comb(n, m) * disc**m * (1 - disc) ** (n - m) * binom_tail_ge(crit, m, share)
            )
    return total


def mcnemar_mde(n: int, discordant: int, alpha: float = 0.05, power: float = 0.80) -> float:
    """Smallest drop in resolve rate (step 0.005) the exact McNemar test detects with `power`
    over n pairs, at the discordance observed (or the drop itself, if larger); inf when no
    drop is detectable at this n. Pure."""
    observed = discordant / n if n else 0.0
    for step in range(1, 201):
        drop = step / 200
        disc = min(1.0, max(observed, drop))
        if mcnemar_power(n, (disc + drop) / 2, (disc - drop) / 2, alpha) >= power:
            return drop
    return math.inf


def sign_flip_floor(n: int) -> float:
    """The smallest p-value the sign-flip test can give for n tasks: 2^-n (1 with none)."""
    return 0.5**n if n else 1.0


def min_permutation_p(n_base: int, n_cand: int) -> float:
    """The smallest p-value a two-sample permutation test can give: 1 / C(n_base + n_cand,
    n_cand)."""
    if not n_base or not n_cand:
        return 1.0
    return 1 / math.comb(n_base + n_cand, n_cand)


def cohen_kappa(pairs: Sequence[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two raters' yes/no answers, (rater a, rater b) per item: agreement
    beyond chance, 1 for perfect, 0 for chance. nan when there are no items; 1.0 when both
    raters give one and the same answer to every item (chance agreement is then 1). Pure."""
    n = len(pairs)
    if n == 0:
        return math.nan
    observed = sum(a == b for a, b in pairs) / n
    a_yes = sum(a for a, _ in pairs) / n
    b_yes = sum(b for _, b in pairs) / n
    chance = a_yes * b_yes + (1 - a_yes) * (1 - b_yes)
    if chance == 1.0:
        return 1.0 if observed == 1.0 else 0.0
    return (observed - chance) / (1 - chance)
