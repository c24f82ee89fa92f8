"""`replay:RUN_DIR`: re-execute the model turns recorded in an earlier run, with no API calls.

Each sample of the new run (task, epoch) is served the assistant turns that the matching
sample of RUN_DIR recorded in its transcript (`model_turn` events), in order; the tools run
again for real in a fresh sandbox, so a grader or harness change can be checked against real
trajectories. When the recording runs out, the replay ends the episode.
"""

import json
from pathlib import Path
from typing import Any

from harness.errors import InputError
from harness.models.base import Block, Message, ModelTurn, Usage
from harness.results.log import pick_samples, read_samples, sample_folder

PREFIX = "replay:"


def parse_spec(spec: str) -> tuple[Path, str | None]:
    """'replay:RUN_DIR' or 'replay:RUN_DIR#MODEL' -> (RUN_DIR, MODEL or None). Pure."""
    rest = spec[len(PREFIX) :]
    folder, sep, model = rest.rpartition("#")
    return (Path(folder), model) if sep and model else (Path(rest), None)


def source_model(run_dir: Path, model: str | None = None) -> str:
    """The model whose samples RUN_DIR holds: `model` when given, else its only one (a replay
    needs one model and one agent)."""
    samples = pick_samples(
        run_dir, read_samples(run_dir), "model", model, f"replay:{run_dir}#MODEL"
    )
    if not samples:
        raise InputError(f"{run_dir}: no finished samples to replay; give a run that has some")
    agents = sorted({s.agent for s in samples})
    if len(agents) > 1:
        raise InputError(
            f"{run_dir}: a replay needs a run of one agent file (it has {', '.join(agents)})"
        )
    return samples[0].model


def transcript_path(run_dir: Path, task_id: str, epoch: int, model: str) -> Path:
    return sample_folder(run_dir, task_id, epoch, model) / "transcript.jsonl"


def recorded_turns(path: Path) -> list[ModelTurn]:
    """The `model_turn` events of one transcript, as ModelTurns (a torn last line is skipped)."""
    turns = []
    for line in path.read_text().splitlines():
        try:
            event: dict[str, Any] = json.loads(line)
        except json.JSONDecodeError:
            continue
        if event.get("type") == "model_turn":
            turns.append(
                ModelTurn(
                    content=list(event.get("content") or []),
                    stop_reason=str(event.get("stop_reason") or "end_turn"),
                    usage=Usage(**(event.get("usage") or {})),
                    model=str(event.get("model") or ""),
                )
            )
    return turns


def check_replay(spec: str, tasks: list[str], epochs: int) -> None:
    """Fail early (InputError) unless RUN_DIR has a transcript for every task x epoch."""
    run_dir, picked = parse_spec(spec)
    if not (run_dir / "samples.jsonl").is_file():
        raise InputError(f"--model {spec}: {run_dir} holds no samples.jsonl; give a results folder")
    model = source_model(run_dir, picked)
    missing = [
        f"{t}/{e}"
        for t in tasks
        for e in range(1, epochs + 1)
        if not transcript_path(run_dir, t, e, model).is_file()
    ]
    if missing:
        raise InputError(
            f"--model {spec}: no recorded transcript for {', '.join(missing[:5])}; "
            "replay only tasks and epochs that run recorded"
        )


class ReplayClient:
    def __init__(self, spec: str, task_id: str, epoch: int) -> None:
        run_dir, picked = parse_spec(spec)
        self._original = source_model(run_dir, picked)
        self._turns = recorded_turns(transcript_path(run_dir, task_id, epoch, self._original))
        self._spec = spec

    @property
    def model_id(self) -> str:
        return self._spec

    async def generate(
        self, *, system: str, messages: list[Message], tools: list[Block], max_tokens: int
    ) -> ModelTurn:
        if not self._turns:
            return ModelTurn(
                [{"type": "text", "text": "(replay: the recording ends here)"}],
                "end_turn",
                Usage(),
                self._spec,
            )
        return self._turns.pop(0)

    async def close(self) -> None:
        return None
