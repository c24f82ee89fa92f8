"""`archbench merge SHARD_DIR... --out DIR`: combine the shards of a distributed run into one.

Each shard was run with `archbench run --shard I/N` on some machine. They belong together only
if they ran the same agent file, models, tasks (by content hash), epochs, probe settings and
harness version, and together cover shards 1..N exactly once; otherwise nothing is written.
"""

import shutil
from pathlib import Path

from harness.errors import InputError
from harness.results.log import ResultsWriter, RunRecord, read_run, read_samples


def parse_shard(text: str) -> tuple[int, int]:
    """'I/N' with 1 <= I <= N. Raises InputError. Pure."""
    i, sep, n = text.partition("/")
    if not (sep and i.isdigit() and n.isdigit() and 1 <= int(i) <= int(n)):
        raise InputError(f"--shard {text!r}: write I/N with 1 <= I <= N, e.g. 2/4")
    return int(i), int(n)


def _fingerprint(run: RunRecord) -> dict[str, object]:
    return {
        "harness version": run.harness_version,
        "agent files": [a.sha256 for a in run.all_agents()],
        "models": run.models,
        "tasks": sorted((t.id, t.content_hash) for t in run.tasks),
        "epochs": run.epochs,
        "probe settings": run.probe,
    }


def check_shards(runs: list[tuple[Path, RunRecord]]) -> int:
    """The shard count N, after checking the folders belong together. Raises InputError."""
    if not runs:
        raise InputError("archbench merge: give the shard folders to merge")
    first_dir, first = runs[0]
    seen: dict[int, Path] = {}
    total = None
    for d, run in runs:
        if not run.shard:
            raise InputError(f"{d}/run.json: not a shard (run it with --shard I/N)")
        i, n = parse_shard(run.shard)
        if total is not None and n != total:
            raise InputError(f"{d}/run.json: shard {run.shard} is of {n}, the others of {total}")
        total = n
        if i in seen:
            raise InputError(f"{d}: shard {i}/{n} given twice (also {seen[i]})")
        seen[i] = d
        for key, value in _fingerprint(run).items():
            if value != _fingerprint(first)[key]:
                raise InputError(f"{d}/run.json: {key} differs from {first_dir}; not one run")
    assert total is not None
    missing = sorted(set(range(1, total + 1)) - set(seen))
    if missing:
        raise InputError(
            f"archbench merge: shards {', '.join(f'{m}/{total}' for m in missing)} are missing"
        )
    return total


def merge_runs(dirs: list[Path], out: Path) -> RunRecord:
    runs = [(d, read_run(d)) for d in dirs]
    check_shards(runs)
    if out.exists() and any(out.iterdir()):
        raise InputError(f"{out}: already exists and is not empty; pick another --out")
    records = [r for _, r in runs]
    merged = records[0].model_copy(
        update={
            "run_id": out.name,
            "shard": None,
            "merged_from": [r.run_id for r in records],
            "started_at": min(r.started_at for r in records),
            "finished_at": max((r.finished_at or "" for r in records), default=None) or None,
            "status": "completed"
            if all(r.status == "completed" for r in records)
            else "interrupted",
            "images": {k: v for r in records for k, v in r.images.items()},
        }
    )
    writer = ResultsWriter(out)
    writer.write_run(merged)
    for d, _ in runs:
        for sample in read_samples(d):
            writer.append_sample(sample.model_copy(update={"run_id": out.name}))
        if (d / "samples").is_dir():
            shutil.copytree(d / "samples", out / "samples", dirs_exist_ok=True)
    return merged
