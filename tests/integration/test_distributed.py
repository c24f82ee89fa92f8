"""Beyond one machine: two shards, run through a Docker engine reached at a non-default
address (DOCKER_HOST pointing at a unix-socket proxy), merge into the same samples and scores
as one unsharded run."""

import contextlib
import os
import socket
import socketserver
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from harness.results.log import read_run, read_samples

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]
TASKS = ("crud-books", "cursor-pagination", "order-validation")
ENGINE = "/var/run/docker.sock"


class Proxy(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True
    connections = 0


class Pipe(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        Proxy.connections += 1
        upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        upstream.connect(ENGINE)

        def pump(src: socket.socket, dst: socket.socket) -> None:
            try:
                while data := src.recv(65536):
                    dst.sendall(data)
            except OSError:
                pass
            finally:
                with contextlib.suppress(OSError):
                    dst.shutdown(socket.SHUT_WR)

        back = threading.Thread(target=pump, args=(upstream, self.request), daemon=True)
        back.start()
        pump(self.request, upstream)
        back.join()
        upstream.close()


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[str]:
    path = str(tmp_path / "engine.sock")
    server = Proxy(path, Pipe)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"unix://{path}"
    server.shutdown()
    server.server_close()


def archbench(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "harness", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, **(env or {})},
    )


def test_shards_through_docker_host_merge_into_the_unsharded_run(
    tmp_path: Path, proxy: str, images: Any
) -> None:
    common = [a for t in TASKS for a in ("--tasks", t)]
    common += ["--model", "oracle", "--out", str(tmp_path), "--probe-length", "short"]
    whole = archbench("run", *common, "--run-id", "whole")
    assert whole.returncode == 0, whole.stderr[-3000:]
    for i in (1, 2):
        part = archbench(
            "run", *common, "--run-id", f"part{i}", "--shard", f"{i}/2", env={"DOCKER_HOST": proxy}
        )
        assert part.returncode == 0, part.stderr[-3000:]
    assert Proxy.connections > 10  # the shards really went through the proxy

    merged = archbench(
        "merge", str(tmp_path / "part1"), str(tmp_path / "part2"), "--out", str(tmp_path / "merged")
    )
    assert merged.returncode == 0, merged.stderr

    def scores(run: str) -> dict[str, tuple[object, ...]]:
        # every deterministic part of a sample's result (load-probe timings vary run to run)
        return {
            s.sample_id: (
                s.status,
                s.resolved,
                s.functional,
                s.security,
                s.quality,
                s.checks_passed,
                s.checks_total,
            )
            for s in read_samples(tmp_path / run)
        }

    assert scores("merged") == scores("whole")
    assert len(scores("part1")) + len(scores("part2")) == len(TASKS)
    assert read_run(tmp_path / "merged").merged_from == ["part1", "part2"]
