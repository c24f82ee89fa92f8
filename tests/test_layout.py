"""The layout rules of docs/architecture.md: sizes, package docstrings, and the tree, the page
and the import-linter contract naming the same parts."""

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("harness/**/*.py"), *ROOT.glob("graders/**/*.py")])
MAX_MODULE_LINES = 500
MAX_FUNCTION_LINES = 60
LONG_MARK = "# Over 60 lines:"


def long_functions(source: str) -> list[tuple[str, int]]:
    """(name, lines) of each function over the limit without the marker comment. Pure."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            body = lines[node.lineno - 1 : node.end_lineno]
            if length > MAX_FUNCTION_LINES and not any(LONG_MARK in line for line in body):
                found.append((node.name, length))
    return found


def test_long_functions_finds_a_long_function_without_its_reason() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(70))
    assert long_functions(f"def f():\n{body}\n") == [("f", 71)]
    assert long_functions(f"def f():\n    {LONG_MARK} a table\n{body}\n") == []
    assert long_functions("def g():\n    return 1\n") == []


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ROOT)))
def test_module_and_function_sizes(path: Path) -> None:
    source = path.read_text()
    assert len(source.splitlines()) <= MAX_MODULE_LINES, f"{path}: split it"
    assert long_functions(source) == [], f"{path}: split them or say why ({LONG_MARK} ...)"


def parts() -> set[str]:
    """Every sub-package of harness, and the graders package."""
    packages = {p.parent for p in ROOT.glob("harness/*/__init__.py")}
    return {f"harness.{p.name}" for p in packages} | {"graders"}


def test_every_part_says_what_it_owns() -> None:
    for part in parts():
        init = ROOT / part.replace(".", "/") / "__init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc and len(doc) > 40 and "TODO" not in doc, f"{init}: write its docstring"


def test_the_tree_the_page_and_the_contract_name_the_same_parts() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = next(c for c in config["contracts"] if c["type"] == "layers")["layers"]
    in_contract = {m.strip() for layer in layers for m in layer.split("|")}
    page = (ROOT / "docs/architecture.md").read_text()
    in_page = {m.replace("/", ".") for m in re.findall(r"`(harness/\w+|graders)/`", page)}
    leaves = {"harness.errors", "harness.archive", "harness.stats"}
    assert in_contract - leaves == parts()
    assert in_page == parts()
    for leaf in leaves:
        assert (ROOT / leaf.replace(".", "/")).with_suffix(".py").is_file()
        assert f"{leaf.split('.')[1]}.py" in page
    assert sorted(p.name for p in ROOT.glob("harness/*.py")) == [
        "__init__.py",
        "__main__.py",
        "archive.py",
        "errors.py",
        "stats.py",
    ], "a new module belongs in a part (a folder); docs/architecture.md lists them"
