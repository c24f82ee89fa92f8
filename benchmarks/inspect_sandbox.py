"""Inspect AI's docker sandbox, one sample's lifecycle, N times: run by sandbox_overhead.py with
the Python of a separate venv that has inspect-ai (never archbench's), and a DOCKER_CONFIG whose
cli-plugins hold Docker Compose v2.

    inspect-venv/bin/python benchmarks/inspect_sandbox.py IMAGE N WORKSPACE_TAR

Per sample, through Inspect's own DockerSandboxEnvironment: sample_init (`docker compose up` of
a one-service project on IMAGE, same limits and flags as archbench's sandbox; command and init
as in Inspect's own default compose file), the starter
files in as one tar through exec(input=...), exec `true`, the workspace out as a tar, then
sample_cleanup (`docker compose down`). task_init is not called: it checks the engine version
(Inspect wants >= 24.0.6; Debian's engine here is 20.10) and pulls or builds images, which
archbench does once per run too. Prints one JSON list of per-sample seconds.
"""

import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

from inspect_ai.util._sandbox.docker.docker import DockerSandboxEnvironment

COMPOSE = """services:
  default:
    image: {image}
    x-local: true
    network_mode: none
    read_only: true
    tmpfs:
      - /workspace:size=512m,uid=1000,gid=1000
      - /tmp
    mem_limit: 2g
    cpus: 1
    pids_limit: 512
    user: "1000:1000"
    working_dir: /workspace
    command: "tail -f /dev/null"
    init: true
    labels:
      archbench: "1"
"""


async def one(config: str, files: bytes) -> float:
    t = time.perf_counter()
    envs = await DockerSandboxEnvironment.sample_init("archbench-bench", config, {})
    box = envs["default"]
    put = await box.exec(["tar", "-xf", "-", "-C", "/workspace"], input=files)
    assert put.success, put.stderr
    assert (await box.exec(["true"])).success
    out = await box.exec(["sh", "-c", "tar -cf - -C / workspace | base64 -w0"])
    assert out.success, out.stderr
    await DockerSandboxEnvironment.sample_cleanup("archbench-bench", config, envs, False)
    return time.perf_counter() - t


async def main(config: str, n: int, files: bytes) -> list[float]:
    return [await one(config, files) for _ in range(n)]


if __name__ == "__main__":
    image, n, tar_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    with tempfile.TemporaryDirectory() as tmp:
        compose = Path(tmp) / "compose.yaml"
        compose.write_text(COMPOSE.format(image=image))
        times = asyncio.run(main(str(compose), n, Path(tar_path).read_bytes()))
    print(json.dumps(times))
