"""The environment a task's service runs with, in the agent's sandbox and in every grading."""

import secrets

from harness.sandbox.sidecars import sidecar_env
from harness.tasks.spec import Task


def task_env(task: Task) -> dict[str, str]:
    """What the service sees: a fresh random APP_SECRET, SQLite under /tmp, task tunables."""
    return {
        "APP_SECRET": secrets.token_hex(32),
        "DATABASE_URL": "sqlite:////tmp/app.db",
        **sidecar_env(task.spec.service.sidecars),
        **task.spec.service.env,
    }
