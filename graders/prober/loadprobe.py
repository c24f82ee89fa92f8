"""One open-loop load probe against BASE_URL, copied into the prober as load/probe.py.

Reads spec.json (the task's [load] table) beside it, runs the task's setup (hidden/load/, copied
to load/task/) for users, tokens and ids, then sends the weighted request mix at --rate for
--warmup + --duration seconds with latency measured from each request's intended send time.
Prints one JSON line: the measured window's stats, the generator's CPU share and run-queue
wait, and whether the service was still healthy afterwards. With --p99-ms the probe is
sequential (seqstop.py): it looks at the verdict once per slice of the measured window and
stops when it is clear, and says when and why; and its warm-up ends once the service has
answered a steady stretch well within the bound (warmup.py; --warmup is then its longest).
A setup that fails or outlasts SETUP_LIMIT_S against the service is reported as
`setup_failed` (the service's failure, not the probe's).
"""

import argparse
import asyncio
import dataclasses
import importlib.util
import json
import os
import random
import re
import signal
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
import loadgen
import seqstop
import warmup

HERE = Path(__file__).parent
VARS_CACHE = Path("/tmp/load-vars.json")
"""The setup runs once per grading; a second probe (at half the rate) reuses its variables."""
SETUP_LIMIT_S = 60
"""A setup still running after this long has met a service that does not answer in time."""
SETTLE_LIMIT_S = 10.0
"""How long to wait for a previous probe's backlog to drain (a hung service never does)."""


def fill(value: Any, vars: dict[str, Any], rng: random.Random, *, url: bool = False) -> Any:
    """$name -> vars[name] (a random element when it is a list); whole-string placeholders keep
    the value's type in JSON bodies."""
    if isinstance(value, str):
        whole = re.fullmatch(r"\$([a-z_]+)", value)
        if whole and not url and whole.group(1) in vars:
            v = vars[whole.group(1)]
            return rng.choice(v) if isinstance(v, list) else v

        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in vars:
                return m.group(0)
            v = vars[m.group(1)]
            v = rng.choice(v) if isinstance(v, list) else v
            return quote(str(v), safe="") if url else str(v)

        return re.sub(r"\$([a-z_]+)", sub, value)
    if isinstance(value, dict):
        return {k: fill(v, vars, rng, url=url) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, vars, rng, url=url) for v in value]
    return value


def run_setup(spec: dict[str, Any], base_url: str) -> dict[str, Any]:
    if not spec.get("setup"):
        return {}
    if VARS_CACHE.exists():
        cached: dict[str, Any] = json.loads(VARS_CACHE.read_text())
        return cached
    path = HERE / "task" / spec["setup"]
    module_spec = importlib.util.spec_from_file_location("load_setup", path)
    if module_spec is None or module_spec.loader is None:
        raise SystemExit(f"cannot load setup {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    made = dict(module.setup(base_url) or {})
    VARS_CACHE.write_text(json.dumps(made))
    return made


class SetupTimeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise SetupTimeout(f"the load setup did not finish within {SETUP_LIMIT_S} s")


def bounded_setup(spec: dict[str, Any], base_url: str) -> dict[str, Any] | str:
    """The setup's variables, or why it failed against the service (within SETUP_LIMIT_S)."""
    signal.signal(signal.SIGALRM, _alarm)
    signal.alarm(SETUP_LIMIT_S)
    try:
        return run_setup(spec, base_url)
    except Exception as e:  # the setup's requests met the service: its answers, or none
        return f"{type(e).__name__}: {e}"[:300]
    finally:
        signal.alarm(0)


def run_delay_s() -> float:
    """Seconds this process has waited on a run queue (/proc/self/schedstat), 0 if unknown."""
    try:
        return int(Path("/proc/self/schedstat").read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def settle(base_url: str, limit: float = SETTLE_LIMIT_S) -> None:
    """Wait (up to `limit` s) until /healthz answers within 100 ms: a previous probe's backlog
    must drain before the next one starts."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        t = time.monotonic()
        if healthy(base_url) and time.monotonic() - t < 0.1:
            return
        time.sleep(0.2)


def healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as r:
            return r.status == 200
    except Exception:
        return False


def request_maker(
    spec: dict[str, Any], vars: dict[str, Any], base: str, rng: random.Random
) -> Callable[[int], loadgen.HttpRequest]:
    """The i-th request of the probe: an entry of the mix drawn by weight, its templates
    filled from the setup's variables."""
    mix = spec["mix"]
    weights = [float(m.get("weight", 1.0)) for m in mix]

    def make(i: int) -> loadgen.HttpRequest:
        m = rng.choices(mix, weights)[0]
        local = {**vars, "seq": i, "uuid": uuid.UUID(int=rng.getrandbits(128)).hex}
        return loadgen.HttpRequest(
            m["method"],
            base + fill(m["path"], local, rng, url=True),
            headers={k: str(v) for k, v in fill(m.get("headers") or {}, local, rng).items()},
            body=fill(m.get("json"), local, rng),
            expect=tuple(m.get("expect") or ()),
        )

    return make


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, required=True)
    ap.add_argument("--warmup", type=float, required=True)
    ap.add_argument("--duration", type=float, required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--p99-ms", type=float, help="sequential: stop when the verdict is clear")
    ap.add_argument("--max-error-rate", type=float, default=0.01)
    ap.add_argument("--slice", type=float, default=1.0, help="seconds between looks")
    args = ap.parse_args()
    spec = json.loads((HERE / "spec.json").read_text())
    base = os.environ["BASE_URL"].rstrip("/")
    settle(base)
    vars = bounded_setup(spec, base)
    if isinstance(vars, str):
        print(json.dumps({"setup_failed": vars, "healthy_after": healthy(base)}))
        return
    make = request_maker(spec, vars, base, random.Random(args.seed))

    looks: list[seqstop.Look] = []
    judge = steady = None
    if args.p99_ms is not None:
        objective = seqstop.Objective(args.p99_ms / 1000.0, args.max_error_rate)
        judge = seqstop.judge(objective, args.rate, args.duration, looks)
        steady = warmup.settle(objective.limit_s)
    cpu0, wall0, wait0 = time.process_time(), time.perf_counter(), run_delay_s()
    run = asyncio.run(
        loadgen.open_loop_run(
            make,
            rate=args.rate,
            duration=args.duration,
            warmup=args.warmup,
            connections=256,
            timeout=2.0,
            judge=judge,
            settle=steady,
            slice_s=args.slice,
        )
    )
    wall = max(time.perf_counter() - wall0, 1e-9)
    cpu_share = (time.process_time() - cpu0) / wall
    stop = looks[-1] if run.stopped_at is not None and looks else None
    out = {
        **dataclasses.asdict(run.stats),
        "generator_cpu": cpu_share,
        "generator_wait": (run_delay_s() - wait0) / wall,
        "window_s": run.end - run.start,
        "warmup_s": run.start,
        "sequential": judge is not None,
        "stop": stop.as_dict() if stop else None,
        "looks": [look.as_dict() for look in looks],
        "healthy_after": healthy(base),
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
