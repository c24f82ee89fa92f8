"""`open_model`: turn a `--model` spec into a ModelClient.

The clients are imported inside `open_model`: importing `anthropic` takes about 2 s, which
commands such as `--help` should not pay.
"""

from harness.errors import ModelConfigError
from harness.models.base import ModelClient

DEFAULT_ANTHROPIC_MODEL = "claude-sonnet-4-5"
MODEL_SPECS = ("oracle", "mutant", "noop", "anthropic/<model-id>", "openai/<model-id>")
OPENAI_DEFAULT_BASE = "https://api.openai.com/v1"


def open_model(
    spec: str,
    *,
    oracle_files: list[tuple[str, str]] | None = None,
    check_command: str | None = None,
    api_key: str | None = None,
    env: dict[str, str] | None = None,
) -> ModelClient:
    """ "oracle" and "noop" run offline through the SDK; "anthropic/<model-id>" needs `api_key`."""
    from harness.models.anthropic_client import AnthropicClient
    from harness.models.oracle import OracleScript
    from harness.models.scripted import NoopScript, scripted_client

    if spec == "noop":
        return scripted_client(NoopScript(), "noop")
    if spec in ("oracle", "mutant"):
        if oracle_files is None:
            raise ModelConfigError(f"--model {spec} needs the task's reference solution files")
        return scripted_client(OracleScript(oracle_files, check_command), spec)
    provider, _, model_id = spec.partition("/")
    if provider == "anthropic" and model_id:
        if not api_key:
            raise ModelConfigError("ANTHROPIC_API_KEY is not set; export it or use --model oracle")
        return AnthropicClient(model_id, api_key=api_key)
    if provider == "openai" and model_id:
        from harness.models.openai_compat import OpenAICompatClient

        env = env if env is not None else {}
        base_url = env.get("OPENAI_BASE_URL") or OPENAI_DEFAULT_BASE
        key = env.get("OPENAI_API_KEY")
        if not key and base_url == OPENAI_DEFAULT_BASE:
            raise ModelConfigError(
                "OPENAI_API_KEY is not set; export it, or set OPENAI_BASE_URL to a local server"
            )
        return OpenAICompatClient(model_id, base_url=base_url, api_key=key)
    raise ModelConfigError(
        f"unknown model {spec!r}; use one of: {', '.join(MODEL_SPECS)} "
        f"(e.g. anthropic/{DEFAULT_ANTHROPIC_MODEL})"
    )
