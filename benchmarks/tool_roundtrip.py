"""Tool-call round trip: archbench's Bash/Read/Write tools against `docker exec` through the CLI.

    .venv/bin/python benchmarks/tool_roundtrip.py [--n 50]

One sandbox; each tool is called n times through harness.agent.builtin.tools.run_tool (what
the agent loop does), and the equivalent `docker exec` CLI command n times. Prints medians
and ratios.
Target: <= 1.0x of the CLI.
"""

import argparse
import asyncio
import statistics
import subprocess
import time
from pathlib import Path

from harness.agent.builtin.tools import ToolSession, run_tool
from harness.images import ensure_images
from harness.sandbox.docker import SandboxLimits, start_sandbox
from harness.sandbox.docker_env import connect, sweep

ROOT = Path(__file__).resolve().parent.parent
CONTENT = "print('hello')\n" * 100


async def ours(session: ToolSession, n: int) -> dict[str, float]:
    out: dict[str, list[float]] = {"Bash": [], "Write": [], "Read": []}
    await run_tool(session, "Write", {"file_path": "/workspace/f.py", "content": CONTENT})
    await run_tool(session, "Read", {"file_path": "/workspace/f.py"})
    for _ in range(n):
        for name, args in (
            ("Bash", {"command": "true"}),
            ("Read", {"file_path": "/workspace/f.py"}),
            ("Write", {"file_path": "/workspace/f.py", "content": CONTENT}),
        ):
            t = time.perf_counter()
            result = await run_tool(session, name, args)
            out[name].append(time.perf_counter() - t)
            assert not result.is_error, result.content
    return {k: statistics.median(v) for k, v in out.items()}


def cli(container: str, n: int) -> dict[str, float]:
    cmds = {
        "Bash": (["docker", "exec", container, "bash", "-c", "true"], None),
        "Read": (["docker", "exec", container, "cat", "/workspace/f.py"], None),
        "Write": (
            ["docker", "exec", "-i", container, "sh", "-c", "cat > /workspace/f.py"],
            CONTENT.encode(),
        ),
    }
    out: dict[str, list[float]] = {k: [] for k in cmds}
    for _ in range(n):
        for name, (cmd, stdin) in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd, input=stdin, check=True, capture_output=True)
            out[name].append(time.perf_counter() - t)
    return {k: statistics.median(v) for k, v in out.items()}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50)
    n = ap.parse_args().n
    client = connect()
    image = ensure_images(client, cache_dir=ROOT / ".cache", progress=lambda _: None).runtime
    box = start_sandbox(
        client,
        image=image,
        run_id="bench-tools",
        name="archbench-bench-tools",
        env={},
        limits=SandboxLimits(),
        files=b"",
    )
    try:
        a = asyncio.run(ours(ToolSession(sandbox=box), n))
        b = cli(box.container.name, n)
    finally:
        asyncio.run(box.close())
        sweep(client, "bench-tools")
    for name in a:
        print(
            f"{name:5s} archbench {a[name] * 1000:7.1f} ms   "
            f"docker exec CLI {b[name] * 1000:7.1f} ms"
            f"   ratio {a[name] / b[name]:.2f}"
        )


if __name__ == "__main__":
    main()
