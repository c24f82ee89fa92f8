"""Is a comparison of two runs like with like? Paired tasks must have the same content (hidden
tests, reference), and the runs the same load-probe settings, harness version and images;
otherwise a difference in scores may come from the suite, not from the agent or the model.

Images are compared by tag: a tag names an image's recipe hash, and run.json maps each tag to
the local image id. A rebuild of the same recipe (a fresh CI machine) gets a new id under the
same tag and is the same image for this purpose; a changed recipe is a new tag.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from harness.results.log import RunRecord


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
            tasks = f"{len(names)} task{'s' if len(names) > 1 else ''}"
            parts.append(f"task content differs for {tasks} ({', '.join(names)})")
        return "; ".join([*parts, *self.run])


def _pairs(base: dict[str, object], cand: dict[str, object]) -> list[str]:
    keys = sorted(set(base) | set(cand))
    return [
        f"{k} {base.get(k, '-')} vs {cand.get(k, '-')}" for k in keys if base.get(k) != cand.get(k)
    ]


def _image_changes(base: dict[str, str], cand: dict[str, str]) -> list[str]:
    """Per image name, its tag in each run where the tags differ ('-' when absent)."""

    def by_name(images: dict[str, str]) -> dict[str, str]:
        return {tag.rpartition(":")[0] or tag: tag.rpartition(":")[2] for tag in images}

    b, c = by_name(base), by_name(cand)
    return [
        f"{name} {b.get(name, '-')} vs {c.get(name, '-')}"
        for name in sorted(set(b) | set(c))
        if b.get(name) != c.get(name)
    ]


def run_differences(base: RunRecord, cand: RunRecord, paired: Iterable[str]) -> Differences:
    """What differs between two runs for the tasks they share. Pure."""
    run: list[str] = []
    if base.harness_version != cand.harness_version:
        run.append(f"harness version {base.harness_version} vs {cand.harness_version}")
    probe = _pairs(base.probe, cand.probe)
    if probe:
        run.append(f"probe settings ({', '.join(probe)})")
    images = _image_changes(base.images, cand.images)
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
