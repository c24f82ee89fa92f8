"""Per-sample sandbox overhead: archbench's lifecycle against the same work through the docker CLI.

    .venv/bin/python benchmarks/sandbox_overhead.py [--n 10]

archbench: start_sandbox (runtime image, no network, read-only root, tmpfs /workspace, limits,
starter files copied in), one exec, snapshot of /workspace, teardown. CLI baseline, same image
and flags: `docker run -d`, the files in as a tar through `docker exec -i`, `docker exec true`,
the workspace out as a tar, `docker rm -f`. (Inspect AI's docker sandbox needs Docker Compose
v2; this machine has only Debian's docker-compose 1.29.2, so the CLI is the comparison point.)
Prints the median seconds of each and the ratio. Target: archbench <= 1/3 of the baseline.
"""

import argparse
import asyncio
import io
import statistics
import subprocess
import tarfile
import tempfile
import time
from pathlib import Path

from harness.docker_env import connect, sweep
from harness.images import ensure_images
from harness.sandbox.docker import SandboxLimits, snapshot_workspace, start_sandbox

ROOT = Path(__file__).resolve().parent.parent
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
        finally:
            sweep(client, "bench-overhead")
    a, b = statistics.median(ours), statistics.median(cli)
    print(f"archbench sandbox lifecycle: median {a:.3f} s over {n} (min {min(ours):.3f})")
    print(f"docker CLI lifecycle:        median {b:.3f} s over {n} (min {min(cli):.3f})")
    print(f"ratio archbench / CLI: {a / b:.2f} (target <= 0.33 of Inspect's; vs raw CLI here)")


if __name__ == "__main__":
    main()
