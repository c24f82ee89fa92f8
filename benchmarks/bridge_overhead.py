"""Model-request round trip through the Claude Code bridge against a direct local call.

    .venv/bin/python benchmarks/bridge_overhead.py [--n 200] [--rounds 3]

A scripted Messages API server runs on the host (loopback) and answers every request at once
with a streamed assistant message (a Write tool call with 1 KB of content). The same client
script sends the same 30 KB request n times: directly to that server from the host, and from
inside a Claude Code sandbox through the relay, the exec stream and the bridge (the
`anthropic/` passthrough path, which forwards to the server). A third arm, the floor, sends it
from the host through a bare forwarding proxy on the host (aiohttp in, a pooled aiohttp client
out, bytes streamed back: no sandbox, no transport, no bookkeeping): what any bridge that
forwards to the same server costs at least. The arms alternate for `rounds` rounds in one run.
Prints the median round trip of each and their ratios to the direct call.
Target: <= 1.2x.
"""

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from harness.agent.claude_code.backends import PassthroughBackend
from harness.agent.claude_code.bridge import Bridge, BridgeLimits
from harness.agent.claude_code.exec_relay import RELAY_PORT, ExecRelay
from harness.agent.claude_code.sse import encode_message
from harness.images import ensure_images
from harness.sandbox.docker import SandboxLimits, start_sandbox
from harness.sandbox.docker_env import connect, sweep

ROOT = Path(__file__).resolve().parent.parent
ANSWER = encode_message(
    {
        "id": "msg_bench",
        "type": "message",
        "role": "assistant",
        "model": "bench",
        "content": [
            {"type": "text", "text": "Writing the module."},
            {
                "type": "tool_use",
                "id": "toolu_1",
                "name": "Write",
                "input": {"file_path": "/workspace/app/x.py", "content": "x = 1\n" * 170},
            },
        ],
        "stop_reason": "tool_use",
        "stop_sequence": None,
        "usage": {"input_tokens": 9000, "output_tokens": 300},
    }
)
CLIENT = r"""
import http.client, json, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
body = json.dumps({"model": "m", "stream": True, "max_tokens": 1000,
    "messages": [{"role": "user", "content": "x" * 30000}]}).encode()
out = []
for _ in range(n):
    t = time.perf_counter()
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    c.request("POST", "/v1/messages?beta=true", body=body,
              headers={"content-type": "application/json", "anthropic-version": "2023-06-01"})
    r = c.getresponse(); data = r.read(); c.close()
    assert r.status == 200 and b"message_stop" in data, (r.status, data[:200])
    out.append(time.perf_counter() - t)
print(json.dumps(out))
"""


async def messages(request: web.Request) -> web.Response:
    await request.read()
    return web.Response(body=ANSWER, content_type="text/event-stream")


async def serve(handler: Any) -> tuple[web.AppRunner, int]:
    """POST /v1/messages answered by `handler` on a free loopback port: (runner, port)."""
    app = web.Application(client_max_size=64 * 1024 * 1024)
    app.router.add_post("/v1/messages", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, int(port)


async def start_proxy(upstream: int) -> tuple[web.AppRunner, int, aiohttp.ClientSession]:
    """A bare forwarding proxy to the scripted server: the floor of any forwarding bridge."""
    session = aiohttp.ClientSession()
    url = f"http://127.0.0.1:{upstream}/v1/messages?beta=true"

    async def forward(request: web.Request) -> web.StreamResponse:
        body = await request.read()
        async with session.post(url, data=body, headers=dict(request.headers)) as upstream:
            out = web.StreamResponse(status=upstream.status)
            out.content_type = upstream.content_type
            await out.prepare(request)
            async for chunk in upstream.content.iter_any():
                await out.write(chunk)
            await out.write_eof()
            return out

    return *await serve(forward), session


async def direct(port: int, n: int) -> list[float]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", CLIENT, str(port), str(n), stdout=subprocess.PIPE
    )
    out, _ = await proc.communicate()
    return list(json.loads(out))


async def bridged(box: Any, n: int) -> list[float]:
    result = await box.exec(["python3", "-c", CLIENT, str(RELAY_PORT), str(n)], timeout=600)
    assert result.ok, result.stderr[-500:]
    return list(json.loads(result.stdout))


async def bench(n: int, rounds: int) -> None:
    client = connect()
    images = ensure_images(client, cache_dir=ROOT / ".cache", progress=lambda _: None)
    runner, port = await serve(messages)
    proxy_runner, proxy_port, proxy_session = await start_proxy(port)
    box = await asyncio.to_thread(
        start_sandbox,
        client,
        image=images.claude_code,
        run_id="bench-bridge",
        name="archbench-bench-bridge",
        env={},
        limits=SandboxLimits(),
        files=b"",
    )
    backend = PassthroughBackend("bench", api_key="k", base_url=f"http://127.0.0.1:{port}")
    bridge = Bridge(backend, BridgeLimits(10**9, 10**12), lambda e: None)
    relay = ExecRelay(client, box.container.id, bridge.handle)
    arms: dict[str, list[float]] = {"direct": [], "floor": [], "bridge": []}
    try:
        await relay.start()
        await direct(port, 20)  # warm every path
        await direct(proxy_port, 20)
        await bridged(box, 20)
        for r in range(rounds):
            arms["direct"] += await direct(port, n)
            arms["floor"] += await direct(proxy_port, n)
            arms["bridge"] += await bridged(box, n)
            d, f, b = (statistics.median(arms[k][-n:]) for k in arms)
            print(
                f"round {r + 1}: direct {d * 1e3:.2f} ms, floor {f * 1e3:.2f} ms "
                f"({f / d:.2f}x), bridge {b * 1e3:.2f} ms ({b / d:.2f}x)"
            )
    finally:
        await relay.close()
        await backend.close()
        await box.close()
        await proxy_runner.cleanup()
        await proxy_session.close()
        await runner.cleanup()
        sweep(client, "bench-bridge")
    d, f, b = (statistics.median(arms[k]) for k in arms)
    print(
        f"median over {rounds} x {n} requests: direct {d * 1e3:.2f} ms, "
        f"floor (bare forwarding proxy) {f * 1e3:.2f} ms, bridge {b * 1e3:.2f} ms"
    )
    print(
        f"floor / direct: {f / d:.2f}x; bridge / direct: {b / d:.2f}x (target <= 1.2x); "
        f"bridge / floor: {b / f:.2f}x; bridge turns {bridge.turns}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    asyncio.run(bench(args.n, args.rounds))


if __name__ == "__main__":
    main()
