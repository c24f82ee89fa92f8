"""archbench: an evaluation harness for backend-architect coding agents."""

__version__ = "0.1.0"
