"""One open-loop load probe against BASE_URL, copied into the prober as load/probe.py.

Reads spec.json (the task's [load] table) beside it, runs the task's setup (hidden/load/, copied
to load/task/) for users, tokens and ids, then sends the weighted request mix at --rate for
--warmup + --duration seconds with latency measured from each request's intended send time.
Prints one JSON line: the measured window's stats, the generator's CPU share, and whether the
service was still healthy afterwards.
"""

import argparse
import asyncio
import dataclasses
import importlib.util
import json
import os
import random
import re
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))
import loadgen

HERE = Path(__file__).parent
VARS_CACHE = Path("/tmp/load-vars.json")
"""The setup runs once per grading; a second probe (at half the rate) reuses its variables."""


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


def settle(base_url: str, limit: float = 30.0) -> None:
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


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rate", type=float, required=True)
    ap.add_argument("--warmup", type=float, required=True)
    ap.add_argument("--duration", type=float, required=True)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    spec = json.loads((HERE / "spec.json").read_text())
    base = os.environ["BASE_URL"].rstrip("/")
    settle(base)
    vars = run_setup(spec, base)
    rng = random.Random(args.seed)
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

    cpu0, wall0 = time.process_time(), time.perf_counter()
    stats = asyncio.run(
        loadgen.open_loop_requests(
            make,
            rate=args.rate,
            duration=args.duration,
            warmup=args.warmup,
            connections=256,
            timeout=2.0,
        )
    )
    cpu_share = (time.process_time() - cpu0) / max(time.perf_counter() - wall0, 1e-9)
    out = {**dataclasses.asdict(stats), "generator_cpu": cpu_share, "healthy_after": healthy(base)}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
