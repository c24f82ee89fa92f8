"""When a load probe's warm-up may end early: once the service has answered a steady stretch.

The warm-up keeps a service's first requests (imports on first use, connection pools, caches
filled) out of the measured window. Today's probe waits a fixed 10 s. With a sequential probe
the warm-up ends at the first look, at least `MIN_WARMUP_S` into the run, where every request
due in the last `STEADY_S` seconds (those that can be judged: due before `now - share * limit`)
was answered without error within `STEADY_SHARE` of the p99 bound. The measured window then
starts at that point and runs its full length from there, so it holds the same number of
requests as before, none of them one the decision looked at.

A service that is still warming, or sits near its objective (its slowest requests over half the
bound), keeps the whole warm-up: the early end only shortens probes whose answer is far from the
bound. A service that gets slow later is measured as before: the window after the warm-up is
what decides.

Standard library only: this file is copied into the prober beside loadgen.py.
"""

from collections.abc import Callable, Sequence
from typing import Any

MIN_WARMUP_S = 3.0
"""The warm-up never ends before this many seconds."""
STEADY_S = 2.0
"""How long a stretch of requests must be answered well within the bound."""
STEADY_SHARE = 0.5
"""Well within: at most this share of the p99 bound."""


def settled(
    answered: Sequence[tuple[float, float, bool]],
    due: Sequence[float],
    now: float,
    *,
    limit_s: float,
    min_warmup: float = MIN_WARMUP_S,
    steady_s: float = STEADY_S,
    share: float = STEADY_SHARE,
) -> float | None:
    """Where the measured window may start at `now` (seconds since the run began), or None to
    keep warming up. `answered` holds (intended, latency, ok) of the requests answered so far,
    `due` every intended send time so far. Pure."""
    bound = share * limit_s
    cut = now - bound  # a request due before this and still unanswered is already too slow
    if cut < min_warmup:
        return None
    begin = cut - steady_s
    expected = sum(begin <= t < cut for t in due)
    if expected == 0:
        return None
    good = [lat <= bound and ok for t, lat, ok in answered if begin <= t < cut]
    return cut if len(good) == expected and all(good) else None


def settle(limit_s: float) -> Callable[[Sequence[Any], Sequence[float], float], float | None]:
    """A loadgen Settle for a p99 bound of `limit_s` seconds."""

    def look(answered: Sequence[Any], due: Sequence[float], now: float) -> float | None:
        seen = [(s.intended, s.latency, s.ok) for s in answered]
        return settled(seen, due, now, limit_s=limit_s)

    return look
