"""Sidecars: a task declaring postgres and redis gets fresh servers in sandbox and grading."""

import asyncio
import secrets
from pathlib import Path
from typing import Any

import pytest

from harness.run.grading import GradingTarget, grade_snapshot
from harness.run.service_env import task_env
from harness.run.validate import snapshot_of
from harness.sandbox.docker import SandboxLimits, start_sandbox
from harness.sandbox.docker_env import sweep
from harness.tasks.spec import load_task

pytestmark = pytest.mark.docker

APP = """\
import os

import psycopg
import redis
from fastapi import FastAPI

app = FastAPI()
PG = os.environ["DATABASE_URL"].replace("postgresql+psycopg://", "postgresql://")
R = redis.Redis.from_url(os.environ["REDIS_URL"])


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/readyz")
def readyz() -> dict[str, str]:
    with psycopg.connect(PG) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS kv (k text primary key, v text)")
    R.ping()
    return {"status": "ready"}


@app.put("/kv/{key}")
def put(key: str, value: str) -> dict[str, str]:
    with psycopg.connect(PG) as conn:
        conn.execute("INSERT INTO kv VALUES (%s, %s) ON CONFLICT (k) DO UPDATE SET v = %s",
                     (key, value, value))
    R.incr("writes")
    return {"key": key}


@app.get("/kv/{key}")
def get(key: str) -> dict[str, object]:
    with psycopg.connect(PG) as conn:
        row = conn.execute("SELECT v FROM kv WHERE k = %s", (key,)).fetchone()
    return {"value": row[0] if row else None, "writes": int(R.get("writes") or 0)}
"""
HIDDEN = """\
def test_round_trip_through_postgres_and_redis(client):
    assert client.put("/kv/a", params={"value": "1"}).status_code == 200
    body = client.get("/kv/a").json()
    assert body == {"value": "1", "writes": 1}
"""


@pytest.fixture
def sidecar_task(tmp_path: Path) -> Any:
    root = tmp_path / "kv-sidecars"
    files = {
        "task.toml": 'id = "kv-sidecars"\ntitle = "t"\ncategory = "c"\ndifficulty = 1\n'
        '[service]\nsidecars = ["postgres", "redis"]\n',
        "prompt.md": "Store values.\n",
        "solution/app/__init__.py": "",
        "solution/app/main.py": APP,
        "hidden/test_kv.py": HIDDEN,
        "workspace/.gitkeep": "",
        "tests/visible/.gitkeep": "",
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text)
    return load_task(root)


def test_grading_starts_fresh_sidecars(
    docker_client: Any, images: Any, sidecar_task: Any, tmp_path: Path
) -> None:
    run_id = f"side-{secrets.token_hex(3)}"
    snapshot = snapshot_of(sidecar_task.path("workspace"), sidecar_task.path("solution"))
    target = GradingTarget(docker_client, images, run_id)
    try:
        outcome = asyncio.run(grade_snapshot(target, sidecar_task, snapshot, tmp_path))
        again = asyncio.run(grade_snapshot(target, sidecar_task, snapshot, tmp_path))
    finally:
        target.close()
        sweep(docker_client, run_id)
    assert (outcome.status, outcome.results[0].score) == ("graded", 1.0), outcome.reason
    assert again.results[0].score == 1.0  # writes == 1 again: the servers were fresh


def test_agent_sandbox_reaches_its_sidecars_but_nothing_else(
    docker_client: Any, images: Any, sidecar_task: Any
) -> None:
    run_id = f"side-{secrets.token_hex(3)}"
    sb = start_sandbox(
        docker_client,
        image=images.runtime,
        run_id=run_id,
        name=f"archbench-{run_id}",
        env=task_env(sidecar_task),
        limits=SandboxLimits(lifetime=300),
        files=b"",
        sidecars=("postgres", "redis"),
        sidecar_image=images.services,
    )
    probe = (
        "import os, socket, psycopg, redis\n"
        "url = os.environ['DATABASE_URL'].replace('+psycopg', '')\n"
        "print(psycopg.connect(url).execute('select 40 + 2').fetchone()[0])\n"
        "print(redis.Redis.from_url(os.environ['REDIS_URL']).ping())\n"
        "try:\n"
        "    socket.create_connection(('1.1.1.1', 80), timeout=3); print('REACHED')\n"
        "except OSError:\n"
        "    print('blocked')\n"
    )
    try:
        res = asyncio.run(sb.exec(["python", "-c", probe], timeout=60))
    finally:
        asyncio.run(sb.close())
    leftovers = docker_client.containers.list(
        all=True, filters={"label": f"archbench.run={run_id}"}
    )
    sweep(docker_client, run_id)
    assert res.stdout.split() == ["42", "True", "blocked"], res.stderr
    assert leftovers == []
