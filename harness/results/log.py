"""The versioned results log: run.json (what decided the scores) and samples.jsonl (one line per
finished sample, appended and fsynced as each sample ends). Reports read only these.
"""

import json
import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from harness.errors import InputError, ResultsError

SCHEMA_VERSION = 1
SampleStatus = Literal[
    "graded",
    "agent_limit",
    "startup_failed",
    "image_build",
    "sandbox_start",
    "sandbox_error",
    "model_error",
    "agent_crash",
    "grader_error",
]
"""Policies per status: harness.results.taxonomy.POLICIES."""
SCORED_STATUSES: frozenset[str] = frozenset({"graded", "agent_limit", "startup_failed"})
"""Statuses that count in scores; the others are infrastructure failures, reported apart."""


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AgentInfo(_Record):
    path: str
    name: str
    sha256: str
    text: str
    offered_tools: list[str]
    unsupported_tools: list[str]
    unknown_keys: list[str]
    label: str = ""
    """What samples of this agent carry in their `agent` field (the file's name, or
    name@sha8 when a matrix run has two agent files of one name)."""
    claude_code_tools: list[str] | None = None
    """The tools Claude Code offered this agent (from its first model request); None until a
    claude-code sample of the run has started. `offered_tools` are the builtin loop's."""
    claude_code_unsupported: list[str] | None = None
    """Frontmatter tools that Claude Code did not offer (never dropped silently)."""


class TaskInfo(_Record):
    id: str
    content_hash: str
    category: str
    difficulty: int


class RunRecord(_Record):
    schema_version: int = SCHEMA_VERSION
    run_id: str
    harness_version: str
    git_sha: str
    started_at: str
    finished_at: str | None = None
    status: Literal["running", "completed", "failed", "interrupted", "budget_exceeded"] = "running"
    max_cost: float | None = None
    agent: AgentInfo
    models: list[str]
    model_reason: str
    tasks: list[TaskInfo]
    epochs: int
    images: dict[str, str]
    limits: dict[str, dict[str, Any]]
    cli_args: list[str]
    seed: int
    probe: dict[str, Any] = Field(default_factory=dict)
    """Load-probe lengths and calibration (graders.base.ProbeSettings)."""
    request: dict[str, Any] = Field(default_factory=dict)
    """The run's settings as given (agent path, models, task patterns, epochs, tasks folder,
    probe, budget, prices): what `archbench run --resume` continues with."""
    resumed_at: list[str] = Field(default_factory=list)
    shard: str | None = None
    """'I/N' when this folder holds one shard of a distributed run (see `archbench merge`)."""
    merged_from: list[str] = Field(default_factory=list)
    agents: list[AgentInfo] = Field(default_factory=list)
    """Every agent file of a matrix run (several --agent); empty when there is only `agent`."""
    runtimes: list[str] = Field(default_factory=lambda: ["builtin"])
    """The agent runtimes of the run (runs recorded before runtimes existed were builtin)."""
    claude_code: dict[str, str] = Field(default_factory=dict)
    judge: dict[str, Any] = Field(default_factory=dict)
    """The design rubric's judge: id, prompt version, samples per criterion (runs with design
    tasks)."""
    """The Claude Code CLI the run used: version, wheel and its sha256 (claude-code runs)."""

    def all_agents(self) -> list[AgentInfo]:
        return self.agents or [self.agent]

    def agent_of(self, label: str) -> AgentInfo:
        """The agent whose samples carry `label` (the first agent when none matches: runs
        recorded before labels existed carry the agent's name)."""
        for a in self.all_agents():
            if (a.label or a.name) == label:
                return a
        return self.agent


class GraderSummary(_Record):
    status: Literal["ok", "error", "skipped"]
    score: float | None
    reason: str = ""
    passed: int = 0
    total: int = 0


class SampleRecord(_Record):
    schema_version: int = SCHEMA_VERSION
    run_id: str
    sample_id: str
    task_id: str
    epoch: int
    model: str
    agent: str
    runtime: str = "builtin"
    """The agent runtime (claude-code or builtin; older records were builtin)."""
    offered_tools: list[str] | None = None
    """The tools Claude Code offered the agent in this sample (None: builtin, or unknown)."""
    status: SampleStatus
    reason: str = ""
    agent_outcome: str = ""
    attempts: int = 1
    """How many times the sample ran (infra failures are retried per harness.results.taxonomy)."""
    score: float | None = None
    resolved: bool | None = None
    secure_resolved: bool | None = None
    """Resolved and no security probe failed."""
    functional: float | None = None
    security: float | None = None
    performance: float | None = None
    quality: float | None = None
    design: float | None = None
    """The design rubric (open design tasks), as the judge's quoted answers scored it."""
    criteria: dict[str, bool] = Field(default_factory=dict)
    """Design rubric: criterion id -> met (quoted by a majority of the judge's samples)."""
    judge_tokens: int = 0
    """Tokens the design judge used on this sample (apart from the agent's)."""
    judge_cost_usd: float | None = 0.0
    """Their cost (None: the judge model's price is unknown; pass --price)."""
    missing: dict[str, str] = Field(default_factory=dict)
    """Dimensions without a value (or counted as 0), with the reason."""
    checks_passed: int = 0
    checks_total: int = 0
    graders: dict[str, GraderSummary] = Field(default_factory=dict)
    input_tokens: int = 0
    output_tokens: int = 0
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0
    cost_usd: float | None = None
    turns: int = 0
    tool_calls: int = 0
    tool_errors: int = 0
    agent_seconds: float = 0.0
    grading_seconds: float = 0.0
    startup_seconds: float | None = None
    total_seconds: float = 0.0
    started_at: str
    finished_at: str


def _atomic_write(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with open(tmp, "w") as f:
        f.write(text)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def sample_folder(
    run_dir: Path, task_id: str, epoch: int, model: str, agent: str = "", runtime: str = ""
) -> Path:
    """samples/<task>/<epoch>/<model>, with the agent label in front of the model in a matrix
    run of several agents, and the runtime in front of both in one of several runtimes. Pure."""
    name = model.replace("/", "_")
    if agent:
        name = f"{agent.replace('/', '_')}__{name}"
    if runtime:
        name = f"{runtime}__{name}"
    return run_dir / "samples" / task_id / str(epoch) / name


class ResultsWriter:
    """Writes one run folder. Each sample line is flushed and fsynced before the call returns."""

    def __init__(self, run_dir: Path) -> None:
        self.run_dir = run_dir
        self.samples_path = run_dir / "samples.jsonl"

    def write_run(self, run: RunRecord) -> None:
        self.run_dir.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.run_dir / "run.json", run.model_dump_json(indent=2) + "\n")

    def sample_dir(
        self, task_id: str, epoch: int, model: str, agent: str = "", runtime: str = ""
    ) -> Path:
        d = sample_folder(self.run_dir, task_id, epoch, model, agent, runtime)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def repair_tail(self) -> int:
        """Cut a torn last line (a crash mid-write) so appends start on a clean line; the
        number of bytes removed."""
        if not self.samples_path.exists():
            return 0
        data = self.samples_path.read_bytes()
        keep = data[: data.rfind(b"\n") + 1] if not data.endswith(b"\n") else data
        if len(keep) != len(data):
            with open(self.samples_path, "r+b") as f:
                f.truncate(len(keep))
                f.flush()
                os.fsync(f.fileno())
        return len(data) - len(keep)

    def append_sample(self, sample: SampleRecord) -> None:
        with open(self.samples_path, "a") as f:
            f.write(sample.model_dump_json() + "\n")
            f.flush()
            os.fsync(f.fileno())


def read_run(run_dir: Path) -> RunRecord:
    path = run_dir / "run.json"
    if not path.is_file():
        raise ResultsError(f"{path}: missing; is {run_dir} an archbench results folder?")
    try:
        return RunRecord.model_validate_json(path.read_text())
    except ValidationError as e:
        raise ResultsError(
            f"{path}: not a valid run record ({e.errors()[0]['msg']}); archbench writes it, so "
            "restore it from a copy of the folder"
        ) from None


def pick_samples(
    run_dir: Path, samples: list[SampleRecord], field: str, value: str | None, flag: str
) -> list[SampleRecord]:
    """The samples whose `field` (model, agent) is `value`; all of them when it is None and
    they agree. Raises InputError naming the values there are and `flag`, the way to pick."""
    have = sorted({getattr(s, field) for s in samples})
    if value is not None:
        if value not in have:
            raise InputError(
                f"{run_dir}: no samples of {field} {value!r} (it has {', '.join(have) or 'none'}); "
                "give one of those"
            )
        return [s for s in samples if getattr(s, field) == value]
    if len(have) > 1:
        raise InputError(
            f"{run_dir}: {len(have)} {field}s ({', '.join(have)}); pick one with {flag}"
        )
    return samples


def read_samples(run_dir: Path) -> list[SampleRecord]:
    """Every complete sample line; a torn last line (a crash mid-write) is ignored."""
    path = run_dir / "samples.jsonl"
    if not path.exists():
        return []
    lines = path.read_text().split("\n")
    out = []
    for i, line in enumerate(lines):
        if not line.strip():
            continue
        try:
            out.append(SampleRecord.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as e:
            if i == len(lines) - 1:
                break
            why = e.errors()[0]["msg"] if isinstance(e, ValidationError) else e.msg
            raise ResultsError(
                f"{path}:{i + 1}: not a valid sample record ({why}); restore the file, or delete "
                "that line and --resume the run to redo the sample"
            ) from None
    return out
