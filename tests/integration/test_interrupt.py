"""Ctrl-C or SIGTERM in the middle of a run: the run's containers are swept, the record says so."""

import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.docker
REPO = Path(__file__).resolve().parents[2]


def _labelled(client: Any, run_id: str) -> list[Any]:
    return client.containers.list(
        all=True, filters={"label": [f"archbench.run={run_id}"]}, ignore_removed=True
    )


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_signal_mid_run_leaves_nothing_behind(
    sig: signal.Signals, docker_client: Any, images: Any, tmp_path: Path
) -> None:
    run_id = f"sig-{sig.name.lower()}"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "harness",
            "run",
            "--model",
            "oracle",
            "--tasks",
            "crud-books",
            "--out",
            str(tmp_path),
            "--run-id",
            run_id,
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not _labelled(docker_client, run_id):
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "no container appeared"
        time.sleep(0.2)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "interrupted" in err
    assert _labelled(docker_client, run_id) == []
    assert docker_client.networks.list(filters={"label": [f"archbench.run={run_id}"]}) == []
    assert docker_client.volumes.list(filters={"label": [f"archbench.run={run_id}"]}) == []
    run = json.loads((tmp_path / run_id / "run.json").read_text())
    assert run["status"] == "interrupted"
