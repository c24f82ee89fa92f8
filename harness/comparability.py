"""Is a comparison of two runs like with like? Paired tasks must have the same content (hidden
tests, reference), and the runs the same load-probe settings, harness version and images;
otherwise a difference in scores may come from the suite, not from the agent or the model.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from harness.results import RunRecord


@dataclass(frozen=True)
class Differences:
    """What differs between two runs: for all rows (`run`) and per paired task (`tasks`)."""

    run: list[str] = field(default_factory=list)
    tasks: dict[str, list[str]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.run or self.tasks)

    def of(self, task_id: str) -> list[str]:
        """Everything that differs for this task's row (the run-wide differences first)."""
        return [*self.run, *self.tasks.get(task_id, [])]

    def summary(self) -> str:
        """One line: the tasks and what differs."""
        parts = []
        if self.tasks:
            names = sorted(self.tasks)
            parts.append(f"task content differs for {len(names)} tasks ({', '.join(names)})")
        return "; ".join([*parts, *self.run])


def _pairs(base: dict[str, object], cand: dict[str, object]) -> list[str]:
    keys = sorted(set(base) | set(cand))
    return [
        f"{k} {base.get(k, '-')} vs {cand.get(k, '-')}" for k in keys if base.get(k) != cand.get(k)
    ]


def run_differences(base: RunRecord, cand: RunRecord, paired: Iterable[str]) -> Differences:
    """What differs between two runs for the tasks they share. Pure."""
    run: list[str] = []
    if base.harness_version != cand.harness_version:
        run.append(f"harness version {base.harness_version} vs {cand.harness_version}")
    probe = _pairs(base.probe, cand.probe)
    if probe:
        run.append(f"probe settings ({', '.join(probe)})")
    images = sorted(
        k for k in set(base.images) | set(cand.images) if base.images.get(k) != cand.images.get(k)
    )
    if images:
        run.append(f"images ({', '.join(images)})")
    hb = {t.id: t.content_hash for t in base.tasks}
    hc = {t.id: t.content_hash for t in cand.tasks}
    tasks = {
        t: [f"task content (hash {hb[t][:12]} vs {hc[t][:12]})"]
        for t in sorted(paired)
        if t in hb and t in hc and hb[t] != hc[t]
    }
    return Differences(run, tasks)
