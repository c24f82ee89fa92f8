"""Sandbox images: base (Debian + python3), runtime (agent/app venv), prober (grader venv)."""

from harness.images.build import ImageSet, ensure_images

__all__ = ["ImageSet", "ensure_images"]
