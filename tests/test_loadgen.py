"""The load generator: percentile and window arithmetic on literal inputs, and a live check that
an open-loop run sees a server stall that a closed-loop measurement would hide."""

import asyncio
import math
import time

from aiohttp import web

from graders.loadgen import Sample, closed_loop, open_loop, percentile, summarize


def test_nearest_rank_percentiles() -> None:
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 99) == 99.0
    assert percentile(values, 100) == 100.0
    assert percentile([7.0], 99) == 7.0
    assert math.isnan(percentile([], 50))


def test_summarize_counts_only_the_measured_window() -> None:
    samples = [
        Sample(0.5, 9.0, True),  # warm-up: ignored
        Sample(1.0, 0.010, True),
        Sample(1.5, 0.020, False),
        Sample(2.5, 0.030, True),
        Sample(3.0, 9.0, True),
    ]  # after the window: ignored
    stats = summarize(samples, start=1.0, end=3.0, offered=1.5)
    assert (stats.requests, stats.errors) == (3, 1)
    assert stats.achieved_rate == 1.0
    assert stats.p50 == 0.020 and stats.p99 == 0.030 and stats.max == 0.030
    assert stats.error_rate == 1 / 3


async def _serve_with_stall(stall_at: float) -> tuple[web.AppRunner, int]:
    start = time.perf_counter()
    state = {"stalled": False}

    async def handler(_: web.Request) -> web.Response:
        if not state["stalled"] and time.perf_counter() - start >= stall_at:
            state["stalled"] = True
            time.sleep(1.0)  # noqa: ASYNC251 - block the event loop: the server stalls 1 s
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_get("/", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    return runner, port


def test_open_loop_sees_a_one_second_stall_in_p99() -> None:
    async def scenario() -> tuple[float, float]:
        runner, port = await _serve_with_stall(stall_at=2.0)
        try:
            opened = await open_loop(
                f"http://127.0.0.1:{port}/", rate=100, duration=4.0, warmup=1.0, connections=16
            )
        finally:
            await runner.cleanup()
        runner, port = await _serve_with_stall(stall_at=1.5)
        try:
            closed = await closed_loop(
                f"http://127.0.0.1:{port}/", connections=2, duration=3.0, warmup=0.5
            )
        finally:
            await runner.cleanup()
        return opened.p99, closed.p99

    open_p99, closed_p99 = asyncio.run(scenario())
    assert open_p99 >= 0.5  # ~10% of requests were due during the stall
    assert closed_p99 < open_p99  # the closed loop stops sending while stalled: the omission
