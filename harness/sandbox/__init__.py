"""Sandboxes: where the agent's tools run."""

from harness.sandbox.base import ExecResult, Sandbox

__all__ = ["ExecResult", "Sandbox"]
