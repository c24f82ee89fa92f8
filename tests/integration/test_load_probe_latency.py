"""The load probe (graders/prober/loadprobe.py, as the prober runs it) against a service whose
latency the test controls: well under its objective it stops early and passes, well over it
stops early and fails, at its objective it measures the whole window, and a service that hangs
fails within seconds; its warm-up ends early once the service answers steadily, and not while
it is cold or near its objective. No Docker: the service is a local aiohttp process."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

GRADERS = Path(__file__).resolve().parents[2] / "graders"

APP = """
import asyncio, itertools, os
from aiohttp import web
fast, slow = float(os.environ["FAST_MS"]) / 1e3, float(os.environ["SLOW_MS"]) / 1e3
every, hang = int(os.environ["SLOW_EVERY"]), os.environ.get("HANG") == "1"
cold_s, began = float(os.environ["COLD_S"]), []
count = itertools.count(1)

async def work(_):
    if hang:
        await asyncio.Event().wait()
    began.append(began[0] if began else asyncio.get_running_loop().time())
    if asyncio.get_running_loop().time() - began[0] < cold_s:
        await asyncio.sleep(slow)
        return web.json_response({"ok": True})
    await asyncio.sleep(slow if every and next(count) % every == 0 else fast)
    return web.json_response({"ok": True})

async def healthz(_):
    return web.json_response({"status": "ok"})

app = web.Application()
app.router.add_get("/work", work)
app.router.add_get("/healthz", healthz)
web.run_app(app, host="127.0.0.1", port=int(os.environ["PORT"]), print=None)
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Any]:
    started: list[subprocess.Popen[bytes]] = []

    def start(
        fast_ms: float,
        slow_ms: float = 0.0,
        slow_every: int = 0,
        hang: bool = False,
        cold_s: float = 0.0,
    ) -> str:
        port = _free_port()
        env = {
            **os.environ,
            "PORT": str(port),
            "FAST_MS": str(fast_ms),
            "SLOW_MS": str(slow_ms),
            "SLOW_EVERY": str(slow_every),
            "HANG": "1" if hang else "0",
            "COLD_S": str(cold_s),
        }
        proc = subprocess.Popen([sys.executable, "-c", APP], env=env)
        started.append(proc)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    return f"http://127.0.0.1:{port}"
            time.sleep(0.05)
        raise RuntimeError("the latency app did not start")

    yield start
    for proc in started:
        proc.kill()
        proc.wait()


def probe(
    tmp_path: Path, base_url: str, *, p99_ms: float, duration: float, warmup: float = 1.0
) -> tuple[dict[str, Any], float]:
    """Run the prober's probe script against `base_url`: its JSON line and its wall time."""
    load = tmp_path / "load"
    load.mkdir(exist_ok=True)
    shutil.copy(GRADERS / "prober" / "loadprobe.py", load / "probe.py")
    shutil.copy(GRADERS / "loadgen.py", load / "loadgen.py")
    shutil.copy(GRADERS / "seqstop.py", load / "seqstop.py")
    shutil.copy(GRADERS / "warmup.py", load / "warmup.py")
    (load / "spec.json").write_text(json.dumps({"mix": [{"method": "GET", "path": "/work"}]}))
    cmd = [sys.executable, str(load / "probe.py"), "--rate", "100", "--warmup", f"{warmup:g}"]
    cmd += ["--duration", f"{duration:g}", "--p99-ms", f"{p99_ms:g}"]
    t0 = time.monotonic()
    out = subprocess.run(
        cmd, env={**os.environ, "BASE_URL": base_url}, capture_output=True, text=True, timeout=120
    )
    wall = time.monotonic() - t0
    assert out.returncode == 0, out.stderr[-2000:]
    return json.loads(out.stdout.strip().splitlines()[-1]), wall


def test_well_under_the_objective_stops_early_and_passes(service: Any, tmp_path: Path) -> None:
    stats, _ = probe(tmp_path, service(fast_ms=5), p99_ms=150, duration=20)
    assert stats["stop"] is not None and stats["stop"]["verdict"] == "pass", stats["looks"][-3:]
    assert stats["window_s"] < 10  # 299 requests at 100/s need 3 s; 20 s were allowed
    assert stats["errors"] == 0 and stats["p99"] < 0.150


def test_well_over_the_objective_stops_early_and_fails(service: Any, tmp_path: Path) -> None:
    stats, _ = probe(tmp_path, service(fast_ms=400), p99_ms=150, duration=20)
    assert stats["stop"] is not None and stats["stop"]["verdict"] == "fail"
    assert stats["window_s"] < 5 and stats["p99"] > 0.150


def test_near_the_objective_it_is_not_cut_short(service: Any, tmp_path: Path) -> None:
    """Every 125th request is slow (0.8%): the p99 passes, but too close to its bound for any
    look to be sure of it before the full window."""
    stats, _ = probe(
        tmp_path, service(fast_ms=5, slow_ms=400, slow_every=125), p99_ms=150, duration=8
    )
    assert stats["stop"] is None, stats["stop"]
    assert stats["window_s"] == 8 and len(stats["looks"]) >= 6
    assert all(look["verdict"] == "continue" for look in stats["looks"])
    assert stats["p99"] < 0.150  # and the full window passes it


def test_a_hanging_service_fails_within_seconds(service: Any, tmp_path: Path) -> None:
    stats, wall = probe(tmp_path, service(fast_ms=0, hang=True), p99_ms=150, duration=30)
    assert stats["stop"] is not None and stats["stop"]["verdict"] == "fail"
    assert stats["errors"] == stats["requests"] > 0
    assert wall < 15, wall  # settle + 1 s warm-up + first clear look + the 2 s grace


def test_the_warm_up_ends_once_a_cold_service_answers_steadily(
    service: Any, tmp_path: Path
) -> None:
    """Slow (120 ms, under the 150 ms bound) for its first 2 s, then 5 ms: the warm-up (at most
    10 s) ends after the cold start, the window keeps its full length's request count, and
    none of the cold requests is measured."""
    stats, _ = probe(
        tmp_path, service(fast_ms=5, slow_ms=120, cold_s=2), p99_ms=150, duration=20, warmup=10
    )
    assert 3.0 < stats["warmup_s"] < 6.0, stats["warmup_s"]
    assert stats["stop"] is not None and stats["stop"]["verdict"] == "pass"
    assert stats["max"] < 0.075  # the cold requests stayed in the warm-up


def test_near_the_objective_the_warm_up_runs_its_whole_length(service: Any, tmp_path: Path) -> None:
    """Every 125th request slow (400 ms) at 100/s: every 2 s stretch holds one over half the
    bound, so the warm-up is never cut short."""
    stats, _ = probe(
        tmp_path,
        service(fast_ms=5, slow_ms=400, slow_every=125),
        p99_ms=150,
        duration=4,
        warmup=6,
    )
    assert stats["warmup_s"] == 6.0 and stats["window_s"] == 4.0
