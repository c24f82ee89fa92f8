"""Is archbench's load generator accurate on this machine? Run by hand:

    .venv/bin/python benchmarks/loadgen_vs_wrk.py

1. Capacity: uvicorn (1 worker, pinned to CPU 0) serves GET /ping; wrk (Debian) and our
   closed-loop mode each drive it with 50 connections from CPU 1. Target: within 10% of wrk.
2. Coordinated omission: our open-loop mode at a fixed rate for 10 s while the server blocks its
   event loop for 1 s; p99 must show the stall (>= 0.5 s), where a naive measurement hides it.
Needs wrk (apt-get install wrk) and the runtime wheelhouse (.venv/bin/archbench images build).
"""

import asyncio
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".cache" / "bench-venv"
CONNECTIONS = 50
SECONDS = 10


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def server_venv() -> Path:
    """A venv with fastapi and uvicorn: from the images' wheelhouse when it was built here,
    else from the package index the host's pip is configured for."""
    py = VENV / "bin" / "python"
    if not (VENV / "bin" / "uvicorn").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        wheels = ROOT / ".cache" / "wheels" / "runtime"
        source = ["--no-index", "--find-links", str(wheels)] if any(wheels.glob("*.whl")) else []
        subprocess.run(
            [str(py), "-m", "pip", "install", "-q", *source, "fastapi", "uvicorn"], check=True
        )
    return py


def start_server(port: int) -> subprocess.Popen[bytes]:
    proc = subprocess.Popen(
        [
            "taskset",
            "-c",
            "0",
            str(server_venv()),
            "-m",
            "uvicorn",
            "trivial_app:app",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=ROOT / "benchmarks",
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=1)
            return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def wrk_rate(url: str) -> float:
    out = subprocess.run(
        ["taskset", "-c", "1", "wrk", "-t1", f"-c{CONNECTIONS}", f"-d{SECONDS}s", url],
        capture_output=True,
        text=True,
        check=True,
    )
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out.stdout).group(1))  # type: ignore[union-attr]


def ours(mode: str, url: str, **kw: float) -> dict[str, float]:
    code = (
        "import asyncio, dataclasses, json, sys\n"
        "from graders.loadgen import closed_loop, open_loop\n"
        f"kw = {kw!r}\n"
        f"fn = {mode}\n"
        f"print(json.dumps(dataclasses.asdict(asyncio.run(fn({url!r}, **kw)))))\n"
    )
    out = subprocess.run(
        ["taskset", "-c", "1", sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def stall_later(url: str, after: float) -> None:
    time.sleep(after)
    urllib.request.urlopen(urllib.request.Request(url, method="POST"), timeout=5)


async def stalled_open_loop(base: str, rate: float) -> dict[str, float]:
    loop = asyncio.get_running_loop()
    stall = loop.run_in_executor(None, stall_later, f"{base}/stall", 2.0 + SECONDS / 2)
    result = await asyncio.to_thread(
        ours, "open_loop", f"{base}/ping", rate=rate, duration=float(SECONDS), warmup=2.0
    )
    await stall
    return result


def main() -> None:
    if os.cpu_count() is None or os.cpu_count() < 2:  # type: ignore[operator]
        raise SystemExit("needs 2 CPUs: one for the server, one for the generator")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(port)
    try:
        w = wrk_rate(f"{base}/ping")
        c = ours("closed_loop", f"{base}/ping", connections=CONNECTIONS, duration=SECONDS)
        o = asyncio.run(stalled_open_loop(base, rate=min(500.0, w / 4)))
    finally:
        server.kill()
    ratio = c["achieved_rate"] / w
    print(
        f"capacity, {CONNECTIONS} connections, {SECONDS} s: wrk {w:,.0f} req/s, "
        f"archbench closed-loop {c['achieved_rate']:,.0f} req/s, ratio {ratio:.3f} "
        f"({'PASS' if abs(1 - ratio) <= 0.10 else 'FAIL'}: target within 10%)"
    )
    print(
        f"open loop at {o['offered_rate']:.0f} req/s with a 1 s stall: achieved "
        f"{o['achieved_rate']:.0f} req/s, p50 {o['p50'] * 1000:.1f} ms, "
        f"p95 {o['p95'] * 1000:.1f} ms, p99 {o['p99'] * 1000:.0f} ms, max "
        f"{o['max'] * 1000:.0f} ms ({'PASS' if o['p99'] >= 0.5 else 'FAIL'}: p99 >= 500 ms)"
    )


if __name__ == "__main__":
    main()
