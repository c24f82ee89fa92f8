"""Validation verdicts and snapshots, on literal inputs."""

import io
import tarfile
from pathlib import Path
from typing import Any

from graders.base import CheckResult, GradeResult
from harness.run.grading import GradingOutcome
from harness.run.validate import (
    MutantVerdict,
    TaskValidation,
    VariantVerdict,
    mutant_verdict,
    snapshot_of,
)

TASKS = Path(__file__).resolve().parents[1] / "tasks"


def _outcome(status: str, outcomes: list[str]) -> GradingOutcome:
    checks = tuple(CheckResult(f"t::c{i}", o) for i, o in enumerate(outcomes))  # type: ignore[arg-type]
    result = GradeResult("functional", "ok", 1.0, checks=checks)
    return GradingOutcome(status, "why", 1.0, [result])  # type: ignore[arg-type]


def test_mutant_killed_names_the_failing_checks() -> None:
    v = mutant_verdict("m", _outcome("graded", ["passed", "failed", "error"]))
    assert v == MutantVerdict("m", True, "graded", ("t::c1", "t::c2"))


def test_mutant_that_passes_everything_survives() -> None:
    assert not mutant_verdict("m", _outcome("graded", ["passed", "passed"])).killed


def test_mutant_that_does_not_start_is_not_a_kill() -> None:
    v = mutant_verdict("m", GradingOutcome("startup_failed", "exited 1", None))
    assert (v.killed, v.status, v.reason) == (False, "startup_failed", "exited 1")


def test_problems_list_every_failure() -> None:
    tv = TaskValidation(
        "t",
        reference_scores=[1.0],
        starter_score=1.0,
        mutants=[
            MutantVerdict("a", True, "graded", ("x",), concerns="contract", lost_bit=True),
            MutantVerdict("b", False, "graded", (), concerns="contract"),
            MutantVerdict("c", True, "graded", ("y",), concerns="security", lost_bit=False),
            MutantVerdict("d", True, "graded", ("z",)),
        ],
        equivalents=[
            VariantVerdict("e", "graded", 0.9, ("tests.t::id_type",)),
            VariantVerdict("f", "graded", 1.0, ()),
        ],
        patch_problems=["patch mutants/g.patch does not apply: hunk 1"],
    )
    assert tv.problems == [
        "patch mutants/g.patch does not apply: hunk 1",
        "mutant b survived (graded)",
        "mutant c is killed but keeps secure_resolved (security flaw)",
        "mutant d has no 'Concerns: contract|security|performance' line; add one",
        "equivalent e fails tests.t::id_type (score 0.900)",
        "the starter workspace alone scores 1.0",
    ]
    assert tv.warnings == [] and not tv.ok
    assert TaskValidation("u").warnings == ["only 0 equivalents (need >= 2)"]
    assert "only 0 mutants (need >= 3)" in TaskValidation("u").problems


def test_snapshot_layers_override(tmp_path: Path) -> None:
    for layer, files in {
        "w": {"app/a.py": "w", "keep.txt": "k"},
        "s": {"app/a.py": "s"},
    }.items():
        for rel, text in files.items():
            (tmp_path / layer / rel).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / layer / rel).write_text(text)
    data = snapshot_of(tmp_path / "w", tmp_path / "s")
    with tarfile.open(fileobj=io.BytesIO(data)) as tf:
        files = {m.name: tf.extractfile(m).read() for m in tf.getmembers() if m.isreg()}  # type: ignore[union-attr]
    assert files == {"workspace/app/a.py": b"s", "workspace/keep.txt": b"k"}


def test_every_patch_of_the_suite_applies_and_every_mutant_names_its_concerns() -> None:
    from harness.run.validate import load_variants, variant_patches
    from harness.tasks.spec import load_tasks

    for task in load_tasks(TASKS):
        problems: list[str] = []
        mutants = load_variants(task, "mutants", problems)
        load_variants(task, "equivalents", problems)
        assert problems == [], task.id
        assert [m.name for m in mutants] == [p.stem for p in variant_patches(task, "mutants")]
        assert all(m.concerns in ("contract", "security", "performance") for m in mutants)
        assert len(mutants) >= 3, task.id
        assert not [p for p in task.path("mutants").iterdir() if p.is_dir()], task.id


def test_a_patch_that_does_not_apply_is_a_problem_naming_it(tmp_path: Path) -> None:
    import shutil

    from harness.run.validate import load_variants
    from harness.tasks.spec import load_task

    root = tmp_path / "crud-books"
    shutil.copytree(TASKS / "crud-books", root)
    main = root / "solution" / "app" / "main.py"
    main.write_text(main.read_text().replace("status_code=204", "status_code=204 ", 1))
    problems: list[str] = []
    names = [m.name for m in load_variants(load_task(root), "mutants", problems)]
    assert "delete-200-body" not in names and len(names) >= 5
    assert problems == [
        "patch mutants/delete-200-body.patch does not apply: "
        f"{root}/mutants/delete-200-body.patch: hunk 1 of app/main.py (at line 104) does not "
        "apply: its lines are not in the file; remake the patch against solution/"
    ]


def test_the_mutant_model_writes_the_first_mutant_patch_applied() -> None:
    from harness.run.sample import oracle_files
    from harness.tasks.spec import load_task

    task = load_task(TASKS / "crud-books")
    reference, mutant = dict(oracle_files(task)), dict(oracle_files(task, mutant=True))
    changed = sorted(k for k in reference if reference[k] != mutant[k])
    assert changed == ["/workspace/app/main.py"] and reference.keys() == mutant.keys()
    assert "status_code=204" not in mutant["/workspace/app/main.py"]  # delete-200-body


def test_the_task_hash_covers_its_patches(tmp_path: Path) -> None:
    import shutil

    from harness.tasks.spec import load_task

    root = tmp_path / "crud-books"
    shutil.copytree(TASKS / "crud-books", root)
    before = load_task(root).content_hash
    patch = root / "mutants" / "delete-200-body.patch"
    patch.write_text(patch.read_text().replace("DELETE returns", "DELETE answers", 1))
    assert load_task(root).content_hash != before


def test_validate_record_lines_name_killers_bits_equivalents_probes_and_dimensions() -> None:
    from harness.cli.tasks import validate_lines

    r = TaskValidation(
        "t",
        mutants=[
            MutantVerdict(
                "leaky", True, "graded", ("tests.a::x", "security.b::y"), "", "security", True
            ),
            MutantVerdict("quiet", False, "graded", (), "", "contract"),
        ],
        equivalents=[VariantVerdict("int-ids", "graded", 1.0, ())],
        implementations=[VariantVerdict("impl/t", "startup_failed", None, (), "exited 1")],
        probe_killers={"SP-BOLA": ["leaky"], "SP-INJ": []},
        probe_misses={"SP-INJ": {"leaky": "passed", "quiet": "inconclusive: no answer"}},
        dimensions={"reference-1": {"functional": 1.0, "performance": None}},
    )
    assert validate_lines([r]) == [
        "t PROBLEM mutant quiet survived (graded)",
        "t PROBLEM only 2 mutants (need >= 3)",
        "t PROBLEM only 1 equivalents (need >= 2)",
        "t PROBLEM probe SP-INJ fails against no mutant",
        "t mutant leaky: killed by tests.a::x, security.b::y [security: bit lost]",
        "t mutant quiet: SURVIVED ",
        "t equivalent int-ids: passes every check",
        "t impl impl/t: not graded (startup_failed: exited 1)",
        "t probe SP-BOLA: fails against leaky",
        "t probe SP-INJ: fails against none (leaky: passed; quiet: inconclusive: no answer)",
        "t reference-1: functional=1.00 performance=-",
    ]


def test_a_starter_without_app_main_is_known_not_to_start_without_docker() -> None:
    import asyncio

    from harness.run.validate import _cannot_start
    from harness.tasks.spec import load_task

    tasks = Path(__file__).resolve().parents[1] / "tasks"
    known = _cannot_start(load_task(tasks / "crud-books"))  # greenfield: empty workspace
    assert known is not None
    outcome = asyncio.run(known)
    assert (outcome.status, outcome.results) == ("startup_failed", [])
    assert _cannot_start(load_task(tasks / "refactor-layers")) is None  # brownfield: it starts


def scripted_validation(task: Any, out: Path, **options: Any) -> TaskValidation:
    """validate_task with grade_snapshot scripted by the caller (monkeypatched)."""
    import asyncio

    from harness.run import validate

    return asyncio.run(
        validate.validate_task(
            object(),  # type: ignore[arg-type]
            task,
            reference_runs=1,
            out=out,
            gate=asyncio.Semaphore(2),
            progress=lambda _: None,
            **options,
        )
    )


def test_a_probe_that_could_not_tell_on_a_mutant_gets_that_mutant_graded_again(
    monkeypatch: Any, tmp_path: Path
) -> None:
    """The regrade path, with grade_snapshot scripted: SP-CRED is inconclusive on the first
    grading of one mutant and fails on its second, so the probe has a killer after all; a
    probe still inconclusive after the regrade is reported with what it saw."""

    from harness.run import validate
    from harness.tasks.spec import load_task

    task = load_task(TASKS / "crud-books")
    mutants = [p.stem for p in validate.variant_patches(task, "mutants")]
    equivalents = validate.variant_patches(task, "equivalents")
    flaky, graded = mutants[0], []

    def security(cred: str, dos: str) -> GradeResult:
        checks = (
            CheckResult("security.c", cred, "why not", probe="SP-CRED"),  # type: ignore[arg-type]
            CheckResult("security.d", dos, "", probe="SP-DOS"),  # type: ignore[arg-type]
        )
        return GradeResult("security", "ok", 1.0, checks=checks)

    async def fake_grade(_t: Any, _task: Any, _s: bytes, _o: Path, **kw: Any) -> GradingOutcome:
        label = kw["label"]
        graded.append(label)
        killed = GradeResult("functional", "ok", 0.5, checks=(CheckResult("t::x", "failed"),))
        if label.startswith(("reference", "equivalent")):
            passed = GradeResult("functional", "ok", 1.0, checks=(CheckResult("t::x", "passed"),))
            return GradingOutcome("graded", "", 1.0, [passed, security("passed", "passed")])
        if label == f"mutant-{flaky}-again":
            return GradingOutcome("graded", "", 1.0, [killed, security("failed", "skipped")])
        if label == f"mutant-{flaky}":
            return GradingOutcome("graded", "", 1.0, [killed, security("skipped", "skipped")])
        return GradingOutcome("graded", "", 1.0, [killed, security("passed", "passed")])

    monkeypatch.setattr(validate, "grade_snapshot", fake_grade)
    result = scripted_validation(task, tmp_path)
    assert graded.count(f"mutant-{flaky}-again") == 1
    # the greenfield starter needs no grading
    assert len(graded) == 1 + len(mutants) + 1 + len(equivalents)
    assert result.probe_killers == {"SP-CRED": [flaky], "SP-DOS": []}
    assert result.probe_misses == {
        "SP-DOS": {m: ("inconclusive" if m == flaky else "passed") for m in mutants}
    }
    assert all(m.killed for m in result.mutants)
    assert all(e.ok for e in result.equivalents)


def test_an_implementation_folder_is_graded_as_evidence_not_as_a_problem(
    monkeypatch: Any, tmp_path: Path
) -> None:

    from harness.run import validate
    from harness.tasks.spec import load_task

    task = load_task(TASKS / "crud-books")
    impl = tmp_path / "impl" / "crud-books" / "app"
    impl.mkdir(parents=True)
    (impl / "main.py").write_text("app = None\n")
    seen: dict[str, bytes] = {}

    async def fake_grade(_t: Any, _task: Any, snap: bytes, _o: Path, **kw: Any) -> GradingOutcome:
        seen[kw["label"]] = snap
        ok = kw["label"] != "impl"
        check = CheckResult("tests.t::ids", "passed" if ok else "failed", critical=True)
        functional = GradeResult("functional", "ok", 1.0 if ok else 0.0, checks=(check,))
        return GradingOutcome("graded", "", 1.0, [functional])

    monkeypatch.setattr(validate, "grade_snapshot", fake_grade)
    result = scripted_validation(task, tmp_path / "out", impl_dir=tmp_path / "impl")
    with tarfile.open(fileobj=io.BytesIO(seen["impl"])) as tf:
        assert [m.name for m in tf.getmembers() if m.isreg()] == ["workspace/app/main.py"]
    [verdict] = result.implementations
    assert (verdict.name, verdict.failing) == (
        str(tmp_path / "impl" / "crud-books"),
        ("tests.t::ids",),
    )
    assert not [p for p in result.problems if "impl" in p]
