"""Claude Code as the agent runtime: the CLI in the sandbox, a relay on the sandbox's exec
stream, and the model bridge on the host (see docs/claude-code-runtime.md)."""
