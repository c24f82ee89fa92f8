"""Per-sample sandbox overhead: archbench's lifecycle against Inspect AI's docker sandbox and the
docker CLI, on the same image and machine, side by side in one run.

    bash benchmarks/get_compose.sh          # once: Docker Compose v2 for Inspect (see there)
    .venv/bin/python benchmarks/sandbox_overhead.py [--n 10]

archbench: start_sandbox (runtime image, no network, read-only root, tmpfs /workspace, limits,
starter files copied in), one exec, snapshot of /workspace, teardown. Inspect AI (its own venv,
.cache/inspect-venv, made here when missing): the same work through DockerSandboxEnvironment,
see benchmarks/inspect_sandbox.py. CLI, same image and flags: `docker run -d`, the files in as a
tar through `docker exec -i`, `docker exec true`, the workspace out as a tar, `docker rm -f`.
Prints the median seconds of each and the ratios. Target: archbench <= 1/3 of Inspect's.
"""

import argparse
import asyncio
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

from harness.images import ensure_images
from harness.sandbox.docker import SandboxLimits, snapshot_workspace, start_sandbox
from harness.sandbox.docker_env import connect, sweep

ROOT = Path(__file__).resolve().parent.parent
INSPECT_VENV = ROOT / ".cache" / "inspect-venv"
DOCKER_CONFIG = ROOT / ".cache" / "docker-config"
FILES = {f"app/module_{i}.py": b"x = 1\n" * 50 for i in range(20)}


def starter_tar() -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in FILES.items():
            info = tarfile.TarInfo(f"workspace/{name}")
            info.size, info.uid, info.gid = len(data), 1000, 1000
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def archbench_once(client: object, image: str, i: int) -> float:
    t = time.perf_counter()
    box = start_sandbox(
        client,
        image=image,
        run_id="bench-overhead",
        name=f"archbench-bench-{i}",
        env={},
        limits=SandboxLimits(),
        files=starter_tar(),
    )
    asyncio.run(box.exec(["true"]))
    snapshot_workspace(box)
    asyncio.run(box.close())
    return time.perf_counter() - t


def cli_once(image: str, i: int, src: Path) -> float:
    name = f"bench-cli-{i}"
    t = time.perf_counter()
    subprocess.run(
        [
            "docker",
            "run",
            "-d",
            "--name",
            name,
            "--network",
            "none",
            "--read-only",
            "--tmpfs",
            "/workspace:size=512m,uid=1000,gid=1000",
            "--tmpfs",
            "/tmp",
            "--memory",
            "2g",
            "--cpus",
            "1",
            "--pids-limit",
            "512",
            "--user",
            "1000:1000",
            "--label",
            "archbench=1",
            image,
            "sleep",
            "infinity",
        ],
        check=True,
        capture_output=True,
    )
    # `docker cp` cannot write into a tmpfs on a read-only root, so the files go in and out as
    # tar streams through `docker exec` (what archbench does through the API)
    tar_in = subprocess.run(
        ["tar", "-cf", "-", "-C", str(src), "."], check=True, capture_output=True
    ).stdout
    subprocess.run(
        ["docker", "exec", "-i", name, "tar", "-xf", "-", "-C", "/workspace"],
        input=tar_in,
        check=True,
        capture_output=True,
    )
    subprocess.run(["docker", "exec", name, "true"], check=True)
    subprocess.run(
        ["docker", "exec", name, "tar", "-cf", "-", "-C", "/", "workspace"],
        check=True,
        capture_output=True,
    )
    subprocess.run(["docker", "rm", "-f", name], check=True, capture_output=True)
    return time.perf_counter() - t


def inspect_runs(image: str, n: int) -> list[float]:
    """Seconds per sample through Inspect AI's docker sandbox, in its own venv."""
    if not (DOCKER_CONFIG / "cli-plugins" / "docker-compose").exists():
        raise SystemExit("Docker Compose v2 is missing: run bash benchmarks/get_compose.sh")
    py = INSPECT_VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(INSPECT_VENV)], check=True)
        subprocess.run([str(py), "-m", "pip", "install", "-q", "inspect-ai"], check=True)
    with tempfile.NamedTemporaryFile(suffix=".tar") as tar:
        tar.write(starter_tar())
        tar.flush()
        out = subprocess.run(
            [str(py), str(ROOT / "benchmarks" / "inspect_sandbox.py"), image, str(n), tar.name],
            env={**os.environ, "DOCKER_CONFIG": str(DOCKER_CONFIG)},
            capture_output=True,
            text=True,
            check=True,
        )
    return [float(v) for v in json.loads(out.stdout.strip().splitlines()[-1])]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10)
    n = ap.parse_args().n
    client = connect()
    image = ensure_images(client, cache_dir=ROOT / ".cache", progress=lambda _: None).runtime
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp)
        for name, data in FILES.items():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_bytes(data)
        try:
            ours = [archbench_once(client, image, i) for i in range(n)]
            cli = [cli_once(image, i, src) for i in range(n)]
            insp = inspect_runs(image, n)
        finally:
            sweep(client, "bench-overhead")
    a, b, c = statistics.median(ours), statistics.median(cli), statistics.median(insp)
    print(f"archbench sandbox lifecycle: median {a:.3f} s over {n} (min {min(ours):.3f})")
    print(f"Inspect AI docker sandbox:   median {c:.3f} s over {n} (min {min(insp):.3f})")
    print(f"docker CLI lifecycle:        median {b:.3f} s over {n} (min {min(cli):.3f})")
    verdict = "PASS" if a / c <= 1 / 3 else "FAIL"
    print(f"ratio archbench / Inspect: {a / c:.2f} (target <= 0.33: {verdict})")
    print(f"ratio archbench / CLI:     {a / b:.2f}")


if __name__ == "__main__":
    main()
