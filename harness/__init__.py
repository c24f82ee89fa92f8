"""archbench: an evaluation harness for backend-architect coding agents.

Parts (docs/architecture.md; the rules between them are checked by `lint-imports`):
`cli` (commands) -> `run` (the engine) -> `graders` (top-level package) and `reports`
(everything built from the results log) -> `images` -> `agent` (runtimes) -> `judge` ->
`tasks` (specs) -> `models`, `sandbox` -> `results` (the log) -> shared leaves `errors`,
`archive`, `stats`.
"""

__version__ = "0.1.0"
