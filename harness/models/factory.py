"""`open_model`: turn a `--model` spec into a ModelClient.

The clients are imported inside `open_model`: importing `anthropic` takes about 2 s, which
commands such as `--help` should not pay.
"""

from harness.errors import ModelConfigError
from harness.models.base import ModelClient

DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-4-5"
MODEL_SPECS = ("oracle", "noop", "anthropic/<model-id>")


def open_model(
    spec: str,
    *,
    oracle_files: list[tuple[str, str]] | None = None,
    check_command: str | None = None,
    api_key: str | None = None,
) -> ModelClient:
    """ "oracle" and "noop" run offline through the SDK; "anthropic/<model-id>" needs `api_key`."""
    from harness.models.anthropic_client import AnthropicClient
    from harness.models.oracle import OracleScript
    from harness.models.scripted import NoopScript, scripted_client

    if spec == "noop":
        return scripted_client(NoopScript(), "noop")
    if spec == "oracle":
        if oracle_files is None:
            raise ModelConfigError("--model oracle needs the task's reference solution files")
        return scripted_client(OracleScript(oracle_files, check_command), "oracle")
    provider, _, model_id = spec.partition("/")
    if provider == "anthropic" and model_id:
        if not api_key:
            raise ModelConfigError("ANTHROPIC_API_KEY is not set; export it or use --model oracle")
        return AnthropicClient(model_id, api_key=api_key)
    raise ModelConfigError(
        f"unknown model {spec!r}; use one of: {', '.join(MODEL_SPECS)} "
        f"(e.g. anthropic/{DEFAULT_ANTHROPIC_MODEL})"
    )
