"""`archbench grade`: bad input is one line and exit 2 before Docker or any write; workspaces
are read safely from folders and tars; the sample record follows the run's scoring rules."""

import io
import os
import tarfile
from pathlib import Path

import pytest

import harness.run.engine
import harness.run.hooks
from graders.base import CheckResult, GradeResult
from harness.cli import options as cli
from harness.cli.app import main
from harness.cli.grade import failed_checks_line, summary_line
from harness.errors import InputError
from harness.run.grade import Graded, sample_record
from harness.run.grading import GradingOutcome
from harness.run.submission import files_hash, read_workspace, strip_top_folder
from harness.tasks.spec import load_task


class DockerTouchedError(AssertionError):
    pass


def _docker(*args: object, **kwargs: object) -> None:
    raise DockerTouchedError("Docker was reached")


def make_tar(path: Path, members: list[tarfile.TarInfo | tuple[str, bytes]]) -> Path:
    with tarfile.open(path, "w:gz" if path.name.endswith(".gz") else "w") as tf:
        for m in members:
            if isinstance(m, tarfile.TarInfo):
                tf.addfile(m)
            else:
                info = tarfile.TarInfo(m[0])
                info.size = len(m[1])
                tf.addfile(info, io.BytesIO(m[1]))
    return path


def link(name: str, target: str, kind: bytes = tarfile.SYMTYPE) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(harness.run.hooks, "connect", _docker)
    monkeypatch.setattr(harness.run.hooks, "ensure_images", _docker)
    monkeypatch.setattr(harness.run.engine, "connect", _docker)
    monkeypatch.setattr(cli.console, "_width", 10_000)
    task = tmp_path / "tasks" / "alpha"
    for sub in ("workspace", "tests/visible", "hidden", "solution"):
        (task / sub).mkdir(parents=True)
    (task / "task.toml").write_text('id = "alpha"\ntitle = "A"\ncategory = "api"\ndifficulty = 1\n')
    (task / "prompt.md").write_text("Build it.\n")
    (tmp_path / "empty").mkdir()
    (tmp_path / "notes.txt").write_text("not a tar\n")
    make_tar(tmp_path / "climb.tar", [("app/main.py", b"x"), ("../evil.py", b"x")])
    make_tar(tmp_path / "abs.tar.gz", [("/etc/cron.d/x", b"x")])
    make_tar(tmp_path / "out.tar", [("app/main.py", b"x"), link("app/pw", "../../etc/passwd")])
    make_tar(tmp_path / "hard.tar", [("app/main.py", b"x"), link("app/h", "/etc/shadow", b"1")])
    (tmp_path / "linked" / "app").mkdir(parents=True)
    (tmp_path / "linked" / "app" / "main.py").write_text("x")
    os.symlink("/etc/passwd", tmp_path / "linked" / "app" / "pw")
    return tmp_path


def run_main(argv: list[str]) -> int:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert isinstance(info.value.code, int)
    return info.value.code


BAD = [
    pytest.param(
        ["gamma", "empty"], "tasks/gamma: no such task; give one of: alpha", id="unknown-task"
    ),
    pytest.param(["alpha*", "empty"], "TASK 'alpha*': give one task id, not a glob", id="glob"),
    pytest.param(
        ["alpha", "missing"],
        "missing: no such file or folder; pass the workspace folder or tar",
        id="missing-path",
    ),
    pytest.param(
        ["alpha", "empty"],
        "empty: not a workspace (no files in it); pass the folder that holds app/",
        id="empty-folder",
    ),
    pytest.param(["alpha", "notes.txt"], "notes.txt: not a workspace (", id="not-a-tar"),
    pytest.param(
        ["alpha", "climb.tar"],
        "climb.tar: member '../evil.py' lies outside the workspace; make the archive with "
        "relative paths",
        id="dotdot-member",
    ),
    pytest.param(
        ["alpha", "abs.tar.gz"], "abs.tar.gz: member '/etc/cron.d/x' lies outside", id="absolute"
    ),
    pytest.param(
        ["alpha", "out.tar"],
        "out.tar: link 'app/pw' points outside the workspace ('../../etc/passwd'); replace it "
        "with the file itself",
        id="symlink-out",
    ),
    pytest.param(["alpha", "hard.tar"], "hard.tar: link 'app/h' points outside", id="hardlink-out"),
    pytest.param(
        ["alpha", "linked"],
        "linked/app/pw: a link pointing outside linked (/etc/passwd); replace it with the file "
        "itself",
        id="folder-symlink-out",
    ),
    pytest.param(
        ["alpha", "linked", "--probe-length", "long"],
        "--probe-length 'long': use one of",
        id="bad-probe-length",
    ),
]


@pytest.mark.parametrize(("args", "message"), BAD)
def test_bad_input_is_one_line_exit_2_and_writes_nothing(
    workdir: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    before = sorted(p for p in workdir.rglob("*"))
    assert run_main(["grade", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"archbench: error: {message}"), err
    assert "\n" not in err
    assert sorted(p for p in workdir.rglob("*")) == before


def test_a_taken_run_folder_is_refused(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "results" / "r1").mkdir(parents=True)
    (workdir / "results" / "r1" / "run.json").write_text("{}\n")
    (workdir / "good" / "app").mkdir(parents=True)
    (workdir / "good" / "app" / "main.py").write_text("x")
    assert run_main(["grade", "alpha", "good", "--run-id", "r1"]) == 2
    assert "results/r1: already holds a run" in capsys.readouterr().err


def test_a_tar_of_one_folder_or_of_a_runs_snapshot_is_made_relative(tmp_path: Path) -> None:
    impl = make_tar(tmp_path / "impl.tar.gz", [("impl/app/main.py", b"A"), ("impl/x.txt", b"B")])
    assert read_workspace(impl).files == {"app/main.py": b"A", "x.txt": b"B"}
    snap = make_tar(tmp_path / "w.tar", [("./workspace/tests/t.py", b"T")])
    assert read_workspace(snap).files == {"tests/t.py": b"T"}


def test_links_inside_become_files_and_caches_are_left_out(tmp_path: Path) -> None:
    path = make_tar(
        tmp_path / "w.tar",
        [("app/main.py", b"A"), link("app/alias.py", "main.py"), ("app/__pycache__/m.pyc", b"C")],
    )
    ws = read_workspace(path)
    assert ws.files == {"app/main.py": b"A", "app/alias.py": b"A"}
    assert ws.kind == "tar" and ws.sha256 == files_hash(ws.files)


def test_a_folder_is_read_with_its_inner_links(tmp_path: Path) -> None:
    (tmp_path / "w" / "app").mkdir(parents=True)
    (tmp_path / "w" / "app" / "main.py").write_text("A")
    (tmp_path / "w" / ".git").mkdir()
    (tmp_path / "w" / ".git" / "HEAD").write_text("ref")
    os.symlink("main.py", tmp_path / "w" / "app" / "alias.py")
    ws = read_workspace(tmp_path / "w")
    assert ws.files == {"app/main.py": b"A", "app/alias.py": b"A"}
    with tarfile.open(fileobj=io.BytesIO(ws.snapshot())) as tf:
        assert {m.name for m in tf if m.isreg()} == {
            "workspace/app/main.py",
            "workspace/app/alias.py",
        }


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"app/main.py": b""}, {"app/main.py": b""}),
        ({"impl/app/main.py": b""}, {"app/main.py": b""}),
        ({"workspace/README": b""}, {"README": b""}),
        ({"docs/a.md": b"", "docs/b.md": b""}, {"docs/a.md": b"", "docs/b.md": b""}),
        ({"impl/app/main.py": b"", "top.txt": b""}, {"impl/app/main.py": b"", "top.txt": b""}),
    ],
)
def test_strip_top_folder(files: dict[str, bytes], expected: dict[str, bytes]) -> None:
    assert strip_top_folder(files) == expected


def test_files_hash_depends_on_names_and_bytes_only() -> None:
    assert files_hash({"a": b"1", "b": b"2"}) == files_hash({"b": b"2", "a": b"1"})
    assert files_hash({"a": b"1"}) != files_hash({"a": b"2"})
    assert files_hash({"a": b"1"}) != files_hash({"b": b"1"})


def _graded(*outcomes: str) -> Graded:
    checks = tuple(CheckResult(f"tests.t::c{i}", o) for i, o in enumerate(outcomes))  # type: ignore[arg-type]
    passed = sum(o == "passed" for o in outcomes)
    functional = GradeResult("functional", "ok", passed / len(outcomes), checks=checks)
    return Graded(GradingOutcome("graded", "", 1.5, [functional]), "", 3.0)


def test_sample_record_scores_like_a_run(tmp_path: Path) -> None:
    task = load_task(Path(__file__).resolve().parent.parent / "tasks" / "crud-books")
    ok = sample_record(task, "r", _graded("passed", "passed"), started_at="t", total_seconds=4.0)
    assert (ok.status, ok.resolved, ok.checks_passed, ok.checks_total) == ("graded", True, 2, 2)
    assert (ok.model, ok.agent, ok.runtime, ok.sample_id) == (
        "external",
        "external",
        "external",
        "crud-books/1/external",
    )
    half = sample_record(task, "r", _graded("passed", "failed"), started_at="t", total_seconds=4.0)
    assert half.resolved is False and half.secure_resolved is False
    assert half.functional == 0.5 and half.score is not None and 0 < half.score < 1
    assert "resolved no, secure_resolved no, checks 1/2" in summary_line(half)


def test_failed_checks_line_names_the_failures_and_counts_the_rest() -> None:
    assert failed_checks_line(_graded("passed", "failed", "error")) == (
        "failed: tests.t::c1, tests.t::c2"
    )
    assert failed_checks_line(_graded("failed", "failed", "failed"), most=1) == (
        "failed: tests.t::c0 and 2 more"
    )
    assert failed_checks_line(_graded("passed")) == ""
    assert failed_checks_line(Graded(None, "broken", 1.0)) == ""


def test_an_infrastructure_failure_is_a_grader_error_without_score() -> None:
    task = load_task(Path(__file__).resolve().parent.parent / "tasks" / "crud-books")
    broken = Graded(None, "the prober did not start", 2.0)
    record = sample_record(task, "r", broken, started_at="t", total_seconds=2.0)
    assert (record.status, record.score, record.reason) == (
        "grader_error",
        None,
        "the prober did not start",
    )
    assert summary_line(record) == "crud-books: grader_error (the prober did not start)"


def test_read_workspace_raises_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        read_workspace(tmp_path / "nope")
