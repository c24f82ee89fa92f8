"""The load generator: percentile and window arithmetic on literal inputs, and a live check that
an open-loop run sees a server stall that a closed-loop measurement would hide."""

import asyncio
import math
import time

import pytest
from aiohttp import web

from graders.loadgen import (
    HttpRequest,
    LoadStats,
    Parsed,
    Run,
    Sample,
    closed_loop,
    encode_request,
    open_loop,
    open_loop_requests,
    open_loop_run,
    parse_response,
    percentile,
    summarize,
)


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


def test_a_settle_moves_the_window_forward_and_keeps_its_length() -> None:
    """The settle says at its first look (1 s in) that the window starts at 0.81 s: the run
    measures 2 s from there, not from the 5 s warm-up, and sends nothing after the window."""
    asked: list[float] = []

    def settle(_: object, due: list[float], now: float) -> float | None:
        asked.append(now)
        return 0.81

    async def scenario() -> tuple[Run, int]:
        runner, port = await _serve_with_stall(stall_at=math.inf)
        try:
            get = HttpRequest("GET", f"http://127.0.0.1:{port}/")
            run = await open_loop_run(
                lambda _: get, rate=50, duration=2.0, warmup=5.0, settle=settle
            )
        finally:
            await runner.cleanup()
        return run, len(asked)

    run, looks = asyncio.run(scenario())
    assert looks == 1 and run.start == 0.81 and run.end == pytest.approx(2.81)
    assert run.stats.requests == 100 and run.stopped_at is None


def test_requests_are_encoded_once_as_http11_bytes() -> None:
    get = encode_request(HttpRequest("GET", "http://app:8000/items?q=a%20b"))
    assert (get.host, get.port, get.head) == ("app", 8000, False)
    assert get.raw == (
        b"GET /items?q=a%20b HTTP/1.1\r\nHost: app:8000\r\nUser-Agent: archbench-loadgen\r\n"
        b"Accept: */*\r\n\r\n"
    )
    post = encode_request(
        HttpRequest("post", "http://app/x", headers={"Authorization": "Bearer t"}, body={"a": 1})
    )
    assert post.port == 80
    assert post.raw.endswith(
        b"Content-Type: application/json\r\nContent-Length: 8\r\nAuthorization: Bearer t"
        b'\r\n\r\n{"a": 1}'
    )
    assert encode_request(HttpRequest("DELETE", "http://app/x/1")).raw.startswith(b"DELETE /x/1 ")
    with pytest.raises(ValueError, match="plain http"):
        encode_request(HttpRequest("GET", "https://app/x"))


def test_responses_are_parsed_by_length_chunks_or_close() -> None:
    sized = b"HTTP/1.1 201 Created\r\nContent-Length: 5\r\n\r\nhello"
    assert parse_response(sized) == Parsed(201, len(sized), True)
    assert parse_response(sized[:-1]) is None  # the body is not all there yet
    assert parse_response(sized + b"HTTP/1.1 200") == Parsed(201, len(sized), True)
    chunked = (
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
        b"5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n"
    )
    assert parse_response(chunked) == Parsed(200, len(chunked), True)
    assert parse_response(chunked[:-2]) is None
    assert parse_response(chunked[:-10]) is None
    trailers = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n\r\n"
    assert parse_response(trailers) == Parsed(200, len(trailers), True)
    closing = b"HTTP/1.1 500 Oops\r\nConnection: close\r\nContent-Length: 0\r\n\r\n"
    assert parse_response(closing) == Parsed(500, len(closing), False)
    assert parse_response(b"HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n") == Parsed(200, 38, False)
    no_body = b"HTTP/1.1 204 No Content\r\n\r\n"
    assert parse_response(no_body) == Parsed(204, len(no_body), True)
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 99\r\n\r\n"
    assert parse_response(head, head=True) == Parsed(200, len(head), True)
    assert parse_response(b"HTTP/1.1 200 OK\r\n\r\nuntil close") is None
    assert parse_response(b"HTTP/1.1 200 OK\r\nContent-") is None


def test_the_client_reads_every_body_framing_a_server_sends() -> None:
    """aiohttp's server answers with Content-Length, chunked, and read-to-close bodies; statuses
    and `expect` decide success, and a closed keep-alive connection is replaced."""

    async def scenario() -> list[LoadStats]:
        async def sized(_: web.Request) -> web.Response:
            return web.Response(text="x" * 3000, status=201)

        async def chunked(request: web.Request) -> web.StreamResponse:
            resp = web.StreamResponse()
            resp.enable_chunked_encoding()
            await resp.prepare(request)
            for _ in range(3):
                await resp.write(b"y" * 5000)
            await resp.write_eof()
            return resp

        async def close(_: web.Request) -> web.Response:
            resp = web.Response(text="bye", status=404)
            resp.force_close()
            return resp

        app = web.Application()
        app.router.add_post("/sized", sized)
        app.router.add_get("/chunked", chunked)
        app.router.add_get("/close", close)
        # keep-alive outlasts a stall of a loaded machine: with 0.2 s, a 0.22 s stall in CI let
        # the server close an idle connection as a POST went out on it (1 error in 40)
        runner = web.AppRunner(app, keepalive_timeout=2.0)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        base = f"http://127.0.0.1:{runner.addresses[0][1]}"
        try:
            return [
                await open_loop_requests(
                    lambda _, p=path, m=method, e=expect: HttpRequest(
                        m, base + p, body={}, expect=e
                    ),
                    rate=40,
                    duration=1.0,
                    warmup=0.2,
                    connections=4,
                )
                for method, path, expect in (
                    ("POST", "/sized", ()),
                    ("GET", "/chunked", ()),
                    ("GET", "/close", (404,)),
                    ("GET", "/close", ()),
                )
            ]
        finally:
            await runner.cleanup()

    sized, chunked, closed_ok, closed_bad = asyncio.run(scenario())
    for stats in (sized, chunked, closed_ok):  # ~40 due in the window (float edges aside)
        assert 39 <= stats.requests <= 41 and stats.errors == 0, stats
    assert 39 <= closed_bad.requests == closed_bad.errors <= 41, closed_bad
