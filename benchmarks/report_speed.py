"""Report generation over a synthetic 10,000-sample results folder.

    .venv/bin/python benchmarks/report_speed.py [--samples 10000]

Writes run.json and samples.jsonl (50 tasks x 20 epochs x 10 models by default), then times
`write_report` (Markdown, HTML with plots, CSV, Parquet, JUnit) and prints its peak RSS.
Target: < 5 s.
"""

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

from harness.reports.report import write_report
from harness.results.log import AgentInfo, ResultsWriter, RunRecord, SampleRecord, TaskInfo


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, default=10_000)
    total = ap.parse_args().samples
    tasks = [f"task-{i:02d}" for i in range(50)]
    models = [f"anthropic/model-{i}" for i in range(10)]
    epochs = max(1, total // (len(tasks) * len(models)))
    rng = random.Random(0)
    with tempfile.TemporaryDirectory() as tmp:
        run_dir = Path(tmp) / "synthetic"
        w = ResultsWriter(run_dir)
        w.write_run(
            RunRecord(
                run_id="synthetic",
                harness_version="0",
                git_sha="0",
                started_at="2026-01-01",
                agent=AgentInfo(
                    path="a.md",
                    name="arch",
                    sha256="0" * 64,
                    text="x",
                    offered_tools=[],
                    unsupported_tools=[],
                    unknown_keys=[],
                ),
                models=models,
                model_reason="bench",
                epochs=epochs,
                images={},
                limits={},
                cli_args=[],
                seed=0,
                tasks=[
                    TaskInfo(id=t, content_hash="h", category=f"cat-{i % 8}", difficulty=2)
                    for i, t in enumerate(tasks)
                ],
            )
        )
        with open(w.samples_path, "w") as f:
            for m in models:
                for t in tasks:
                    for e in range(1, epochs + 1):
                        score = rng.random()
                        status = "graded" if rng.random() > 0.03 else "model_error"
                        rec = SampleRecord(
                            run_id="synthetic",
                            sample_id=f"{t}/{e}/{m}",
                            task_id=t,
                            epoch=e,
                            model=m,
                            agent="arch",
                            status=status,
                            score=score if status == "graded" else None,
                            resolved=score > 0.8 if status == "graded" else None,
                            functional=score,
                            quality=1.0,
                            input_tokens=100_000,
                            output_tokens=5_000,
                            cost_usd=0.4,
                            total_seconds=300.0,
                            started_at="2026-01-01",
                            finished_at="2026-01-01",
                        )
                        f.write(rec.model_dump_json() + "\n")
        t = time.perf_counter()
        paths = write_report(run_dir)
        elapsed = time.perf_counter() - t
        size = paths.html.stat().st_size
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"report over {len(models) * len(tasks) * epochs} samples: {elapsed:.2f} s "
        f"(target < 5 s); HTML {size / 1024:.0f} KiB; peak RSS {rss:.0f} MiB"
    )


if __name__ == "__main__":
    main()
