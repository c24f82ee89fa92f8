"""What the viewer reads from a run folder: run.json, samples.jsonl and each sample's own
files (transcript, grader files, app log), all with caps, since the files hold what the agent
and its service wrote.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from harness.results.log import RunRecord, SampleRecord, read_run, read_samples, sample_folder

TRANSCRIPT_BYTES = 16 * 1024 * 1024
GRADER_BYTES = 8 * 1024 * 1024
LOG_TAIL_BYTES = 64 * 1024
GRADERS = ("functional", "security", "performance", "quality", "design")


@dataclass(frozen=True)
class RunView:
    """A run as the viewer sees it: its record, its samples and where each one lives."""

    run_dir: Path
    run: RunRecord
    samples: list[SampleRecord]

    @property
    def matrix(self) -> bool:
        """Several agent files: their labels are part of the sample folders' names."""
        return len(self.run.agents) > 1

    def folder(self, s: SampleRecord) -> Path:
        """Where the runner wrote the sample: agent label and runtime are in the folder's
        name only when the run has several of them."""
        runtime = s.runtime if len(self.run.runtimes) > 1 else ""
        agent = s.agent if self.matrix else ""
        return sample_folder(self.run_dir, s.task_id, s.epoch, s.model, agent, runtime)

    @cached_property
    def runtimes(self) -> frozenset[str]:
        """The agent runtimes the samples name (a column only when there are several)."""
        return frozenset(s.runtime for s in self.samples) - {""}


def read_view(run_dir: Path) -> RunView:
    """The run's record and samples (ResultsError when it is not a results folder)."""
    return RunView(run_dir, read_run(run_dir), read_samples(run_dir))


def file_name(readable: str, key: str) -> str:
    """A file name (no suffix) that is readable, unique per `key`, and safe whatever the
    strings hold. Pure."""
    digest = hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()[:10]
    return f"{re.sub(r'[^A-Za-z0-9._-]+', '_', readable)[:60].strip('._') or 'page'}-{digest}"


def sample_slug(s: SampleRecord) -> str:
    """The file name of the sample's page."""
    key = f"{s.sample_id}\0{s.agent}\0{s.model}\0{s.task_id}\0{s.epoch}\0{s.runtime}"
    return file_name(f"{s.task_id}-{s.epoch}-{s.model}", key)


@dataclass(frozen=True)
class Event:
    """One transcript line: the parsed event, or why the line could not be read."""

    line: int
    data: dict[str, Any] = field(default_factory=dict)
    problem: str = ""


@dataclass(frozen=True)
class Transcript:
    events: list[Event]
    note: str = ""
    """What was left unread (a missing file, bytes past the cap)."""


def read_transcript(path: Path, cap: int = TRANSCRIPT_BYTES) -> Transcript:
    if not path.is_file():
        return Transcript([], "no transcript.jsonl (the agent never started)")
    size = path.stat().st_size
    with open(path, "rb") as f:
        data = f.read(cap)
    note = f"only the first {cap:,} of {size:,} bytes were read" if size > cap else ""
    events = []
    for i, raw in enumerate(data.decode("utf-8", "replace").split("\n"), start=1):
        if not raw.strip():
            continue
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as e:
            events.append(Event(i, problem=f"not JSON ({e.msg}): {raw[:300]}"))
            continue
        if isinstance(value, dict):
            events.append(Event(i, value))
        else:
            events.append(Event(i, problem=f"not an event object: {raw[:300]}"))
    return Transcript(events, note)


def read_grader(folder: Path, name: str) -> dict[str, Any] | None:
    """grader-<name>.json as a dict, or None when absent; a broken file becomes an error
    entry, so the page says so instead of failing."""
    path = folder / f"grader-{name}.json"
    if not path.is_file():
        return None
    if path.stat().st_size > GRADER_BYTES:
        return {"status": "error", "reason": f"{path.name} is over {GRADER_BYTES:,} bytes"}
    try:
        value = json.loads(path.read_bytes().decode("utf-8", "replace"))
    except json.JSONDecodeError as e:
        return {"status": "error", "reason": f"{path.name} is not JSON ({e.msg})"}
    return value if isinstance(value, dict) else {"status": "error", "reason": "not an object"}


def read_log_tail(path: Path, cap: int = LOG_TAIL_BYTES) -> tuple[str, int]:
    """The last `cap` bytes of the app log (decoded leniently) and the bytes left out."""
    if not path.is_file():
        return "", 0
    size = path.stat().st_size
    with open(path, "rb") as f:
        f.seek(max(0, size - cap))
        data = f.read(cap)
    return data.decode("utf-8", "replace"), max(0, size - cap)
