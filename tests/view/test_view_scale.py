"""The index of a 10,000-sample run stays small (its rows are data, drawn a page at a time)
and loads in headless chromium in under 2 s; each sample's page is its own file."""

import re
import time
from pathlib import Path

from view_fixtures import dump_dom, run_record, sample

from harness.reports.view import build_view
from harness.results.log import ResultsWriter

TASKS, EPOCHS, MODELS = 50, 100, ("oracle", "noop")


def big_run(root: Path) -> Path:
    run_dir = root / "results" / "big"
    ResultsWriter(run_dir).write_run(run_record("big", epochs=EPOCHS, models=list(MODELS)))
    lines = [
        sample(f"task{t:02d}", e, m, score=(t + e) % 10 / 10, run_id="big").model_dump_json()
        for t in range(TASKS)
        for e in range(1, EPOCHS + 1)
        for m in MODELS
    ]
    (run_dir / "samples.jsonl").write_text("\n".join(lines) + "\n")
    return run_dir


def test_the_index_of_10000_samples_loads_in_under_2_seconds(tmp_path: Path) -> None:
    run_dir = big_run(tmp_path)
    t0 = time.monotonic()

    result = build_view(run_dir)

    built = time.monotonic() - t0
    assert result.samples == 10_000
    assert len(list((run_dir / "view" / "s").iterdir())) == 10_000
    assert result.index.stat().st_size < 200_000
    assert built < 300, built
    proc = dump_dom(result.index.as_uri())
    body = re.search(r"<body[^>]*>", proc.stdout)
    assert body, proc.stderr[-2000:]
    assert 'data-rows="500"' in body.group()  # one page of rows drawn, the rest on demand
    loaded = re.search(r'data-load-ms="(\d+)"', body.group())
    assert loaded and int(loaded.group(1)) < 2000, body.group()
