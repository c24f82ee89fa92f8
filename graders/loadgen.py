"""An open-loop HTTP load generator (fixed arrival rate), coordinated-omission aware.

Request i is due at `start + i / rate`. It is sent at that moment whatever happened to earlier
requests; if every connection is busy it waits for one, and that wait counts: latency is measured
from the intended send time, not from when a connection was free. A stalled server therefore
shows up in the percentiles instead of hiding behind a slower sending rate (the closed-loop
mistake). A closed-loop mode measures capacity (the comparison point with wrk).

The HTTP/1.1 client is this module's own: requests are encoded once, before the clock starts,
and each response is parsed from the socket's bytes by an asyncio Protocol (Content-Length,
chunked, or read-to-close bodies; keep-alive; no pipelining). A general client (aiohttp, httpx)
spends more CPU per request than the servers measured here, and would measure itself.
"""

import asyncio
import json
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit


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
    send_lag_p99: float = 0.0
    """How late the generator sent its requests (seconds past their intended time, 99th
    percentile over the window): the generator's own lag, not the service's."""
    send_lag_max: float = 0.0

    @property
    def error_rate(self) -> float:
        return self.errors / self.requests if self.requests else 0.0


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile of already sorted values (q in 0..100). Pure."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100.0 * len(sorted_values)))
    return sorted_values[rank - 1]


def summarize(
    samples: Sequence[Sample],
    *,
    start: float,
    end: float,
    offered: float,
    lags: Sequence[tuple[float, float]] = (),
) -> LoadStats:
    """Stats over the samples due in [start, end) (the measured window); `lags` holds
    (intended, how late it was sent) per request. Pure."""
    window = [s for s in samples if start <= s.intended < end]
    late = sorted(lag for t, lag in lags if start <= t < end)
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
        send_lag_p99=percentile(late, 99) if late else 0.0,
        send_lag_max=late[-1] if late else 0.0,
    )


@dataclass(frozen=True)
class Encoded:
    host: str
    port: int
    raw: bytes
    """The whole request as sent on the wire."""
    head: bool
    expect: tuple[int, ...]


def encode_request(req: HttpRequest) -> Encoded:
    """An http:// request as HTTP/1.1 bytes (JSON body, Content-Length, keep-alive). Pure.

    The body is `json.dumps(body)` with its default separators, byte for byte what a task's
    load setup may have signed (webhook-receiver's pre-signed delivery does)."""
    url = urlsplit(req.url)
    if url.scheme != "http" or not url.hostname:
        raise ValueError(f"the load generator speaks plain http:// only, not {req.url!r}")
    port = url.port or 80
    target = (url.path or "/") + (f"?{url.query}" if url.query else "")
    headers = {"Host": url.netloc, "User-Agent": "archbench-loadgen", "Accept": "*/*"}
    body = b""
    if req.body is not None:
        body = json.dumps(req.body).encode()  # default separators: setups sign these bytes
        headers["Content-Type"] = "application/json"
    if body or req.method.upper() in ("POST", "PUT", "PATCH"):
        headers["Content-Length"] = str(len(body))
    headers |= req.headers
    lines = [f"{req.method.upper()} {target} HTTP/1.1", *(f"{k}: {v}" for k, v in headers.items())]
    raw = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body
    return Encoded(url.hostname, port, raw, req.method.upper() == "HEAD", req.expect)


@dataclass(frozen=True)
class Parsed:
    status: int
    size: int
    """Bytes of the buffer this response used."""
    keep_alive: bool


def parse_response(buf: bytes | bytearray, *, head: bool = False) -> Parsed | None:
    """The first complete response in `buf`, or None while more bytes are needed (a body
    without Content-Length or chunking ends only when the server closes). Pure."""
    end = buf.find(b"\r\n\r\n")
    if end < 0:
        return None
    lines = bytes(buf[:end]).split(b"\r\n")
    status = int(lines[0].split(b" ", 2)[1])
    fields = {}
    for line in lines[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip().lower()
    keep = fields.get(b"connection") != b"close" and lines[0].startswith(b"HTTP/1.1")
    body = end + 4
    if head or status < 200 or status in (204, 304):
        return Parsed(status, body, keep)
    if b"chunked" in fields.get(b"transfer-encoding", b""):
        size = _chunked_size(buf, body)
        return None if size is None else Parsed(status, size, keep)
    if b"content-length" in fields:
        size = body + int(fields[b"content-length"])
        return Parsed(status, size, keep) if len(buf) >= size else None
    return None


def _chunked_size(buf: bytes | bytearray, pos: int) -> int | None:
    """Where a chunked body that starts at `pos` ends (trailers included), or None. Pure."""
    while True:
        eol = buf.find(b"\r\n", pos)
        if eol < 0:
            return None
        n = int(bytes(buf[pos:eol]).split(b";")[0], 16)
        if n == 0:
            done = buf.find(b"\r\n\r\n", eol)  # the last chunk's line, trailers, a blank line
            return None if done < 0 else done + 4
        pos = eol + 2 + n + 2
        if len(buf) < pos:
            return None


class _Connection(asyncio.Protocol):
    """One keep-alive connection carrying one request at a time."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.transport: asyncio.Transport | None = None
        self.waiter: asyncio.Future[Parsed] | None = None
        self.head = False
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buf += data
        if self.waiter is not None and not self.waiter.done():
            parsed = parse_response(self.buf, head=self.head)
            if parsed is not None:
                del self.buf[: parsed.size]
                self.waiter.set_result(parsed)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is None or self.waiter.done():
            return
        end = self.buf.find(b"\r\n\r\n")
        if end >= 0 and parse_response(self.buf, head=self.head) is None and not exc:
            status = int(bytes(self.buf[: self.buf.find(b"\r\n")]).split(b" ", 2)[1])
            self.waiter.set_result(Parsed(status, len(self.buf), False))  # body ended by close
        else:
            self.waiter.set_exception(ConnectionError(exc or "connection closed mid-response"))

    def send(self, req: Encoded) -> "asyncio.Future[Parsed]":
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.head = req.head
        self.buf.clear()
        self.transport.write(req.raw)
        return self.waiter

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()


class _Pool:
    """At most `limit` connections to one server; a request waits for a free one."""

    def __init__(self, limit: int) -> None:
        self.slots = asyncio.Semaphore(limit)
        self.idle: list[_Connection] = []
        self.all: list[_Connection] = []

    async def _open(self, req: Encoded) -> _Connection:
        loop = asyncio.get_running_loop()
        _, conn = await loop.create_connection(_Connection, req.host, req.port)
        self.all.append(conn)
        return conn

    async def request(self, req: Encoded, timeout: float) -> int:
        """The response's status. Raises OSError, ConnectionError or TimeoutError."""
        async with self.slots:
            used: list[_Connection] = []
            try:
                async with asyncio.timeout(timeout):
                    parsed = await self._exchange(req, used)
            except BaseException:
                for conn in used:  # a timed-out or broken connection is never reused
                    conn.close()
                raise
            if parsed.keep_alive and not used[-1].closed:
                self.idle.append(used[-1])
            else:
                used[-1].close()
            return parsed.status

    async def _exchange(self, req: Encoded, used: list[_Connection]) -> Parsed:
        while self.idle:
            conn = self.idle.pop()
            if conn.closed:
                continue
            used.append(conn)
            try:  # a kept-alive connection the server closed meanwhile: try another
                return await conn.send(req)
            except ConnectionError:
                conn.close()
        used.append(await self._open(req))
        return await used[-1].send(req)

    def close(self) -> None:
        for conn in self.all:
            conn.close()


async def _one(
    pool: _Pool, req: Encoded, due: float, t0: float, out: list[Sample], timeout: float
) -> None:
    try:
        status = await pool.request(req, timeout)
        ok = status in req.expect if req.expect else status < 400
    except (OSError, TimeoutError):  # ConnectionError is an OSError
        ok = False
    except asyncio.CancelledError:  # the probe stopped while it waited: unanswered, failed
        out.append(Sample(due - t0, time.perf_counter() - due, False))
        raise
    out.append(Sample(due - t0, time.perf_counter() - due, ok))


Judge = Callable[[Sequence[Sample], Sequence[float], float, float], float | None]
"""Asked once per slice: (answered samples, intended times of every request sent so far,
seconds since the start, where the measured window starts) -> where the window ends if the
probe stops now, or None to go on. Times are seconds from the start of the run."""
Settle = Callable[[Sequence[Sample], Sequence[float], float], float | None]
"""Asked once per slice during the warm-up, as a Judge is: where the measured window starts if
the warm-up ends now, or None to go on warming up."""


@dataclass
class Run:
    """What an open-loop run measured, for the caller that wants more than its stats."""

    stats: LoadStats
    end: float
    """Where the measured window ended (start + duration unless a judge stopped it)."""
    start: float = 0.0
    """Where it started (the warm-up's end: `warmup` unless a settle ended it sooner)."""
    stopped_at: float | None = None
    """Seconds since the start when a judge stopped the run (None: it ran its full length)."""


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


async def open_loop_requests(make: Callable[[int], HttpRequest], **settings: Any) -> LoadStats:
    """Send request `make(i)` at `start + i / rate`; stats over the window after warm-up
    (settings as open_loop_run's)."""
    return (await open_loop_run(make, **settings)).stats


async def open_loop_run(
    make: Callable[[int], HttpRequest],
    *,
    rate: float,
    duration: float,
    warmup: float = 2.0,
    connections: int = 64,
    timeout: float = 5.0,
    judge: Judge | None = None,
    settle: Settle | None = None,
    slice_s: float = 1.0,
) -> Run:
    """As open_loop_requests; with a `settle`, asked after every `slice_s` of the warm-up, the
    measured window starts where it says (at most `warmup`) and runs `duration` from there;
    with a `judge`, asked after every `slice_s` of the measured window, the run stops as soon
    as it returns a window end: requests due after that end are cancelled, those due before it
    get at most `timeout` more to answer (then count as failed)."""
    samples: list[Sample] = []
    lags: list[tuple[float, float]] = []
    total = math.ceil(rate * (warmup + duration))
    requests = [encode_request(make(i)) for i in range(total)]
    pool = _Pool(connections)
    start, end, stopped_at = warmup, warmup + duration, None
    tasks: list[tuple[float, asyncio.Task[None]]] = []
    try:
        t0 = time.perf_counter()
        next_settle, next_look = slice_s, warmup + slice_s
        for i, req in enumerate(requests):
            if i / rate >= end:
                break
            due = t0 + i / rate
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            if settle is not None and next_settle <= i / rate < start:
                next_settle += slice_s
                begin = settle(samples, [t for t, _ in tasks], time.perf_counter() - t0)
                if begin is not None and begin < start:
                    start, end, next_look = begin, begin + duration, begin + slice_s
            if judge is not None and i / rate >= next_look:
                next_look += slice_s
                cut = judge(samples, [t for t, _ in tasks], time.perf_counter() - t0, start)
                if cut is not None:
                    end, stopped_at = min(cut, end), time.perf_counter() - t0
                    break
            lags.append((i / rate, max(0.0, time.perf_counter() - due)))
            task = asyncio.create_task(_one(pool, req, due, t0, samples, timeout))
            tasks.append((i / rate, task))
        await _finish(tasks, end if stopped_at is not None else math.inf, timeout)
    finally:
        pool.close()
    stats = summarize(samples, start=start, end=end, offered=rate, lags=lags)
    return Run(stats, end, stopped_at=stopped_at, start=start)


async def _finish(
    tasks: list[tuple[float, "asyncio.Task[None]"]], end: float, grace: float
) -> None:
    """Wait for the requests due before `end` (at most `grace` s once the run stopped early);
    cancel the rest."""
    keep = [task for t, task in tasks if t < end]
    for t, task in tasks:
        if t >= end:
            task.cancel()
    if end == math.inf:
        await asyncio.gather(*keep)
    elif keep:
        _, late = await asyncio.wait(keep, timeout=grace)
        for task in late:
            task.cancel()
    await asyncio.gather(*(task for _, task in tasks), return_exceptions=True)


async def closed_loop(
    url: str, *, connections: int, duration: float, warmup: float = 1.0
) -> LoadStats:
    """Each of `connections` workers sends its next request when the last one answers."""
    samples: list[Sample] = []
    get = encode_request(HttpRequest("GET", url))
    pool = _Pool(connections)
    t0 = time.perf_counter()
    stop = t0 + warmup + duration

    async def worker() -> None:
        while (now := time.perf_counter()) < stop:
            await _one(pool, get, now, t0, samples, 10.0)

    try:
        await asyncio.gather(*(worker() for _ in range(connections)))
    finally:
        pool.close()
    return summarize(samples, start=warmup, end=warmup + duration, offered=math.nan)
