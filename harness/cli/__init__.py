"""The command line (`archbench`): typer commands that parse flags, call one function of the
run engine or of the reports, and print. Nothing else in harness imports this package.

- `app`: the typer app and `main` (errors -> one line and an exit code)
- `options`: the consoles and the options several commands share
- `run`, `grade`, `tasks`, `results`, `maintenance`: one module per command group
- `live`, `progress_lines`, `progress_log`, `summary`: what the user watches and reads
"""
