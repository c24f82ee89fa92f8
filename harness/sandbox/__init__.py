"""Sandboxes and the Docker machinery under them.

Seam: `Sandbox` (base: exec, read_file, write_file, close), with `DockerSandbox` and
`FakeSandbox`. Beside it: the Docker connection and the sweep of labelled objects
(`docker_env`), sidecar servers (`sidecars`), grading shells made ahead (`standby`), and the
host lock that gives load probes their own cores (`hostlock`, `cores`).
"""

from harness.sandbox.base import ExecResult, Sandbox

__all__ = ["ExecResult", "Sandbox"]
