"""An open-loop HTTP load generator (fixed arrival rate), coordinated-omission aware.

Request i is due at `start + i / rate`. It is sent at that moment whatever happened to earlier
requests; if every connection is busy it waits for one, and that wait counts: latency is measured
from the intended send time, not from when a connection was free. A stalled server therefore
shows up in the percentiles instead of hiding behind a slower sending rate (the closed-loop
mistake). A closed-loop mode measures capacity (the comparison point with wrk).
"""

import asyncio
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import aiohttp


@dataclass(frozen=True)
class HttpRequest:
    method: str
    url: str
    headers: dict[str, str] = field(default_factory=dict)
    body: Any = None
    """JSON-serialisable body, or None."""
    expect: tuple[int, ...] = ()
    """Statuses that count as success; empty = any status below 400."""


@dataclass(frozen=True)
class Sample:
    intended: float
    """Seconds from the start of the run at which the request was due."""
    latency: float
    ok: bool


@dataclass(frozen=True)
class LoadStats:
    offered_rate: float
    achieved_rate: float
    requests: int
    errors: int
    p50: float
    p95: float
    p99: float
    max: float

    @property
    def error_rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (q in 0..100). Pure."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100.0 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarize(samples: Sequence[Sample], *, start: float, end: float, offered: float) -> LoadStats:
    """Stats over the samples due in [start, end) (the measured window). Pure."""
    window = [s for s in samples if start <= s.intended < end]
    lat = sorted(s.latency for s in window)
    errors = sum(not s.ok for s in window)
    span = end - start
    return LoadStats(
        offered_rate=offered,
        achieved_rate=(len(window) - errors) / span if span else 0.0,
        requests=len(window),
        errors=errors,
        p50=percentile(lat, 50),
        p95=percentile(lat, 95),
        p99=percentile(lat, 99),
        max=lat[-1] if lat else math.nan,
    )


async def _one(
    session: aiohttp.ClientSession,
    req: HttpRequest,
    due: float,
    t0: float,
    out: list[Sample],
    timeout: aiohttp.ClientTimeout,
) -> None:
    ok = False
    try:
        async with session.request(
            req.method, req.url, headers=req.headers, json=req.body, timeout=timeout
        ) as resp:
            await resp.read()
            ok = resp.status in req.expect if req.expect else resp.status < 400
    except (aiohttp.ClientError, TimeoutError):
        ok = False
    out.append(Sample(due - t0, time.perf_counter() - due, ok))


async def open_loop(
    url: str,
    *,
    rate: float,
    duration: float,
    warmup: float = 2.0,
    connections: int = 64,
    timeout: float = 5.0,
) -> LoadStats:
    """GET `url` at `rate` per second for warmup + duration seconds; stats over `duration`."""
    get = HttpRequest("GET", url)
    return await open_loop_requests(
        lambda _: get,
        rate=rate,
        duration=duration,
        warmup=warmup,
        connections=connections,
        timeout=timeout,
    )


async def open_loop_requests(
    make: Callable[[int], HttpRequest],
    *,
    rate: float,
    duration: float,
    warmup: float = 2.0,
    connections: int = 64,
    timeout: float = 5.0,
) -> LoadStats:
    """Send request `make(i)` at `start + i / rate`; stats over the window after warm-up."""
    samples: list[Sample] = []
    total = int(rate * (warmup + duration))
    requests = [make(i) for i in range(total)]
    conn = aiohttp.TCPConnector(limit=connections, force_close=False)
    client_timeout = aiohttp.ClientTimeout(total=timeout)
    async with aiohttp.ClientSession(connector=conn) as session:
        t0 = time.perf_counter()
        tasks = []
        for i, req in enumerate(requests):
            due = t0 + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(_one(session, req, due, t0, samples, client_timeout)))
        await asyncio.gather(*tasks)
    return summarize(samples, start=warmup, end=warmup + duration, offered=rate)


async def closed_loop(
    url: str, *, connections: int, duration: float, warmup: float = 1.0
) -> LoadStats:
    """Each of `connections` workers sends its next request when the last one answers."""
    samples: list[Sample] = []
    conn = aiohttp.TCPConnector(limit=connections)
    async with aiohttp.ClientSession(connector=conn) as session:
        t0 = time.perf_counter()
        stop = t0 + warmup + duration

        get = HttpRequest("GET", url)

        async def worker() -> None:
            while (now := time.perf_counter()) < stop:
                await _one(session, get, now, t0, samples, aiohttp.ClientTimeout(total=10))

        await asyncio.gather(*(worker() for _ in range(connections)))
    return summarize(samples, start=warmup, end=warmup + duration, offered=math.nan)
