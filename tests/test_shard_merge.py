"""Shards partition the samples; merge checks that shards belong together and rebuilds one run."""

from pathlib import Path

import pytest
from test_report import RUN, sample

from harness.errors import InputError
from harness.results.log import ResultsWriter, read_run, read_samples
from harness.results.merge import merge_runs, parse_shard
from harness.run.runner import make_jobs, shard_of


class T:
    def __init__(self, tid: str) -> None:
        self.id = tid


def test_shards_are_disjoint_deterministic_and_complete() -> None:
    jobs = make_jobs([T(t) for t in "dcba"], 3, ["oracle", "noop"])  # type: ignore[list-item]
    for n in (1, 2, 3, 5, 30):
        slices = [[j.key for j in shard_of(jobs, i, n)] for i in range(1, n + 1)]
        flat = [k for s in slices for k in s]
        assert sorted(flat) == sorted(j.key for j in jobs) and len(flat) == len(set(flat))
        assert slices == [
            [j.key for j in shard_of(list(reversed(jobs)), i, n)] for i in range(1, n + 1)
        ]


@pytest.mark.parametrize("bad", ["0/2", "3/2", "2", "a/b", "1/0", "-1/2"])
def test_bad_shard_specs(bad: str) -> None:
    with pytest.raises(InputError, match="write I/N"):
        parse_shard(bad)


def shard_dir(root: Path, i: int, n: int, tasks: list[str], **changes: object) -> Path:
    w = ResultsWriter(root / f"s{i}")
    w.write_run(
        RUN.model_copy(
            update={"run_id": f"s{i}", "shard": f"{i}/{n}", "status": "completed", **changes}
        )
    )
    for t in tasks:
        w.append_sample(sample(t, "oracle", score=1.0).model_copy(update={"run_id": f"s{i}"}))
        d = w.sample_dir(t, 0, "oracle")
        (d / "transcript.jsonl").write_text(t)
    return w.run_dir


def test_merge_rebuilds_one_run(tmp_path: Path) -> None:
    a = shard_dir(tmp_path, 1, 2, ["books"])
    b = shard_dir(tmp_path, 2, 2, ["jwt", "auth"])

    merged = merge_runs([b, a], tmp_path / "all")

    assert merged.merged_from == ["s2", "s1"] and merged.shard is None
    assert read_run(tmp_path / "all").run_id == "all"
    samples = read_samples(tmp_path / "all")
    assert sorted(s.task_id for s in samples) == ["auth", "books", "jwt"]
    assert {s.run_id for s in samples} == {"all"}
    assert (tmp_path / "all/samples/books/0/oracle/transcript.jsonl").read_text() == "books"


def test_merge_refuses_shards_that_do_not_belong_together(tmp_path: Path) -> None:
    a = shard_dir(tmp_path, 1, 3, ["books"])
    b = shard_dir(tmp_path, 2, 3, ["jwt"])
    with pytest.raises(InputError, match="shards 3/3 are missing"):
        merge_runs([a, b], tmp_path / "m1")
    c = shard_dir(tmp_path, 3, 3, ["auth"], epochs=2)
    with pytest.raises(InputError, match="epochs differs"):
        merge_runs([a, b, c], tmp_path / "m2")
    with pytest.raises(InputError, match="given twice"):
        merge_runs([a, a, b], tmp_path / "m3")
    assert not (tmp_path / "m1").exists() and not (tmp_path / "m2").exists()
