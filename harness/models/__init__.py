"""Model clients (seam: `ModelClient.generate`): the Messages API adapter, an OpenAI-compatible
adapter, offline scripted models (oracle, mutant, noop, replay), prices, and `open_model`."""

from harness.models.base import (
    Block,
    ContextWindowExceeded,
    FatalModelError,
    Message,
    ModelClient,
    ModelTurn,
    Usage,
)
from harness.models.factory import DEFAULT_ANTHROPIC_MODEL, open_model

__all__ = [
    "DEFAULT_ANTHROPIC_MODEL",
    "Block",
    "ContextWindowExceeded",
    "FatalModelError",
    "Message",
    "ModelClient",
    "ModelTurn",
    "Usage",
    "open_model",
]
