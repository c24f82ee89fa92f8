"""Task specs: task.toml validation, folder checks, selection by id/glob, and content hashes."""

import shutil
from pathlib import Path

import pytest

from harness.errors import TaskSpecError
from harness.tasks.spec import (
    DEFAULT_START,
    GradingSpec,
    LimitsSpec,
    ServiceSpec,
    Task,
    TaskSpec,
    hash_tree,
    load_task,
    load_tasks,
    parse_task_toml,
    select_tasks,
)

REPO = Path(__file__).resolve().parent.parent

MINIMAL = 'id = "demo"\ntitle = "Demo"\ncategory = "api"\ndifficulty = 2\n'


def make_task(root: Path, task_id: str, toml: str | None = None) -> Path:
    """A complete task folder `root/task_id` that load_task accepts."""
    folder = root / task_id
    for sub in ("workspace", "tests/visible", "hidden", "solution"):
        (folder / sub).mkdir(parents=True)
    text = toml if toml is not None else MINIMAL.replace('"demo"', f'"{task_id}"')
    (folder / "task.toml").write_text(text)
    (folder / "prompt.md").write_text(f"Build {task_id}.\n")
    (folder / "hidden" / "test_api.py").write_text("def test_x():\n    assert True\n")
    return folder


def test_minimal_toml_gets_defaults() -> None:
    spec = parse_task_toml(MINIMAL, "t/task.toml")

    assert spec == TaskSpec(id="demo", title="Demo", category="api", difficulty=2)
    assert spec.kind == "greenfield"
    assert spec.tags == ()
    assert spec.service.command == DEFAULT_START
    assert spec.service.port == 8000
    assert spec.limits.max_turns == 80
    assert spec.grading.weights == {"functional": 0.45, "quality": 0.10}  # no probes declared


def test_full_toml_overrides_nested_values() -> None:
    text = MINIMAL + (
        'kind = "brownfield"\ntags = ["rest", "auth"]\n'
        '[service]\nport = 9000\nenv = { SECRET = "s" }\n'
        "[limits]\nmax_turns = 60\ncpus = 2.5\n"
        "[grading]\nweights = { functional = 0.7, quality = 0.3 }\nhidden_timeout = 120\n"
    )

    spec = parse_task_toml(text, "t/task.toml")

    assert spec.kind == "brownfield"
    assert spec.tags == ("rest", "auth")
    assert spec.service == ServiceSpec(port=9000, env={"SECRET": "s"})
    assert spec.limits == LimitsSpec(max_turns=60, cpus=2.5)
    assert spec.grading == GradingSpec(
        weights={"functional": 0.7, "quality": 0.3}, hidden_timeout=120.0
    )


BAD_TOML = [
    pytest.param(
        'id = "demo"\ntitle = \n',
        "t/task.toml: not valid TOML (Invalid value (at line 2, column 9)); fix the syntax",
        id="invalid-toml",
    ),
    pytest.param(
        MINIMAL + 'owner = "me"\n',
        "t/task.toml: unknown key 'owner' (remove it or fix its spelling)",
        id="unknown-top-level",
    ),
    pytest.param(
        MINIMAL + '[service]\ncomand = "x"\n',
        "t/task.toml: unknown key 'service.comand' (remove it or fix its spelling)",
        id="unknown-nested",
    ),
    pytest.param(
        MINIMAL + "[limit]\nmax_turns = 3\n",
        "t/task.toml: unknown key 'limit' (remove it or fix its spelling)",
        id="unknown-table",
    ),
    pytest.param(
        'id = "demo"\ntitle = "Demo"\ndifficulty = 2\n',
        "t/task.toml: missing required key 'category' (add it)",
        id="missing-category",
    ),
    pytest.param(
        MINIMAL.replace("difficulty = 2", 'difficulty = "hard"'),
        "t/task.toml: key 'difficulty': Input should be a valid integer, "
        "unable to parse string as an integer"
        " (fix it; docs/writing-tasks.md lists the keys)",
        id="wrong-type",
    ),
    pytest.param(
        MINIMAL.replace("difficulty = 2", "difficulty = 6"),
        "t/task.toml: key 'difficulty': Input should be less than or equal to 5"
        " (fix it; docs/writing-tasks.md lists the keys)",
        id="difficulty-high",
    ),
    pytest.param(
        MINIMAL.replace("difficulty = 2", "difficulty = 0"),
        "t/task.toml: key 'difficulty': Input should be greater than or equal to 1"
        " (fix it; docs/writing-tasks.md lists the keys)",
        id="difficulty-low",
    ),
    pytest.param(
        MINIMAL.replace('"demo"', '"Demo_Task"'),
        "t/task.toml: key 'id': String should match pattern '^[a-z0-9][a-z0-9-]*$'"
        " (fix it; docs/writing-tasks.md lists the keys)",
        id="bad-id",
    ),
    pytest.param(
        MINIMAL + 'kind = "legacy"\n',
        "t/task.toml: key 'kind': Input should be 'greenfield', 'brownfield' or 'design'"
        " (fix it; docs/writing-tasks.md lists the keys)",
        id="bad-kind",
    ),
    pytest.param(
        MINIMAL + "[limits]\nmax_turns = 0\n",
        "t/task.toml: key 'limits.max_turns': Input should be greater than 0"
        " (fix it; docs/writing-tasks.md lists the keys)",
        id="zero-turns",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_TOML)
def test_bad_toml_names_file_and_field(text: str, message: str) -> None:
    with pytest.raises(TaskSpecError) as info:
        parse_task_toml(text, "t/task.toml")

    assert str(info.value) == message


def test_load_task_returns_spec_root_and_hash(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo")

    task = load_task(folder)

    assert task.id == "demo"
    assert task.root == folder
    assert task.prompt == "Build demo.\n"
    assert task.path("hidden", "test_api.py") == folder / "hidden" / "test_api.py"
    assert task.content_hash == hash_tree(folder)
    assert len(task.content_hash) == 64


def test_missing_task_toml(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo")
    (folder / "task.toml").unlink()

    with pytest.raises(TaskSpecError) as info:
        load_task(folder)

    assert str(info.value) == f"{folder}/task.toml: missing; every task folder needs a task.toml"


def test_id_must_match_folder_name(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo", toml=MINIMAL.replace('"demo"', '"other"'))

    with pytest.raises(TaskSpecError) as info:
        load_task(folder)

    assert str(info.value) == (
        f"{folder}/task.toml: id 'other' differs from folder name 'demo'; make them equal"
    )


def test_missing_prompt(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo")
    (folder / "prompt.md").unlink()

    with pytest.raises(TaskSpecError) as info:
        load_task(folder)

    assert str(info.value) == (
        f"{folder}/prompt.md: missing; add it (see README, 'Writing a task')"
    )


@pytest.mark.parametrize("sub", ["workspace", "tests/visible", "hidden", "solution"])
def test_missing_required_folder(tmp_path: Path, sub: str) -> None:
    folder = make_task(tmp_path, "demo")
    shutil.rmtree(folder / sub)

    with pytest.raises(TaskSpecError) as info:
        load_task(folder)

    assert str(info.value) == f"{folder}/{sub}/: missing folder; create it (it may be empty)"


def test_invalid_toml_in_folder_names_the_file(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo", toml=MINIMAL + 'owner = "me"\n')

    with pytest.raises(TaskSpecError) as info:
        load_task(folder)

    assert str(info.value) == (
        f"{folder}/task.toml: unknown key 'owner' (remove it or fix its spelling)"
    )


def test_non_utf8_task_toml_is_a_task_spec_error(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo")
    (folder / "task.toml").write_bytes(MINIMAL.replace("Demo", "D\xe9mo").encode("latin-1"))

    with pytest.raises(TaskSpecError) as info:
        load_task(folder)

    assert str(info.value).startswith(f"{folder}/task.toml: ")


def test_load_tasks_sorted_and_skips_folders_without_toml(tmp_path: Path) -> None:
    make_task(tmp_path, "zeta")
    make_task(tmp_path, "alpha")
    (tmp_path / "notes").mkdir()
    (tmp_path / "README.md").write_text("x\n")

    tasks = load_tasks(tmp_path)

    assert [t.id for t in tasks] == ["alpha", "zeta"]


def test_load_tasks_missing_folder() -> None:
    with pytest.raises(TaskSpecError) as info:
        load_tasks(Path("/nonexistent/tasks"))

    assert str(info.value) == (
        "/nonexistent/tasks: no such tasks folder; pass --tasks-dir or run from a clone"
    )


def test_load_tasks_propagates_a_broken_task(tmp_path: Path) -> None:
    make_task(tmp_path, "alpha")
    broken = make_task(tmp_path, "beta")
    (broken / "prompt.md").unlink()

    with pytest.raises(TaskSpecError) as info:
        load_tasks(tmp_path)

    assert str(info.value).startswith(f"{broken}/prompt.md: missing")


@pytest.fixture
def suite(tmp_path: Path) -> list[Task]:
    for task_id in ("crud-books", "crud-authors", "jwt-auth"):
        make_task(tmp_path, task_id)
    return load_tasks(tmp_path)


def test_select_no_patterns_returns_all(suite: list[Task]) -> None:
    assert [t.id for t in select_tasks(suite, [])] == ["crud-authors", "crud-books", "jwt-auth"]


def test_select_exact_id(suite: list[Task]) -> None:
    assert [t.id for t in select_tasks(suite, ["jwt-auth"])] == ["jwt-auth"]


def test_select_glob_keeps_suite_order(suite: list[Task]) -> None:
    chosen = select_tasks(suite, ["jwt-*", "crud-*"])

    assert [t.id for t in chosen] == ["crud-authors", "crud-books", "jwt-auth"]


def test_select_is_case_sensitive(suite: list[Task]) -> None:
    with pytest.raises(TaskSpecError):
        select_tasks(suite, ["JWT-AUTH"])


def test_select_pattern_matching_nothing_lists_known_ids(suite: list[Task]) -> None:
    with pytest.raises(TaskSpecError) as info:
        select_tasks(suite, ["crud-books", "graphql-*"])

    assert str(info.value) == (
        "--tasks graphql-*: matches no task; known tasks: crud-authors, crud-books, jwt-auth"
    )


def test_hash_tree_is_stable_and_changes_with_content(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo")
    before = hash_tree(folder)

    assert hash_tree(folder) == before
    (folder / "hidden" / "test_api.py").write_text("def test_x():\n    assert False\n")
    assert hash_tree(folder) != before


def test_hash_tree_changes_with_a_rename(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo")
    before = hash_tree(folder)

    (folder / "hidden" / "test_api.py").rename(folder / "hidden" / "test_api2.py")

    assert hash_tree(folder) != before


def test_hash_tree_ignores_pycache(tmp_path: Path) -> None:
    folder = make_task(tmp_path, "demo")
    before = hash_tree(folder)

    (folder / "hidden" / "__pycache__").mkdir()
    (folder / "hidden" / "__pycache__" / "test_api.cpython-311.pyc").write_bytes(b"\x00junk")

    assert hash_tree(folder) == before


def test_hash_tree_of_empty_folder_is_sha256_of_nothing(tmp_path: Path) -> None:
    assert hash_tree(tmp_path) == (
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    )


def test_real_suite_loads() -> None:
    tasks = load_tasks(REPO / "tasks")

    ids = [t.id for t in tasks]
    assert "crud-books" in ids
    assert ids == sorted(ids)
    crud = next(t for t in tasks if t.id == "crud-books")
    assert crud.spec.difficulty == 1
    assert crud.spec.category == "api-fundamentals"
    assert crud.root == REPO / "tasks" / "crud-books"
