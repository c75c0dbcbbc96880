"""The code's shape, written down where it is checked: small modules, short functions, test support kept out of
the package, benchmarks out of the tests."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

MAX_MODULE_LINES = 320  # "about 300": a module a newcomer reads in one sitting
MAX_FUNCTION_LINES = 60


def _modules(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def test_modules_are_small() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in _modules("kicktimer")
        if (n := len(p.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}, f"split these modules (over {MAX_MODULE_LINES} lines): {long}"


def test_functions_are_short() -> None:
    long = {}
    for path in _modules("kicktimer"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.lineno} {node.name}"] = length
    assert long == {}, f"split these functions (over {MAX_FUNCTION_LINES} lines): {long}"


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
    return found


def test_the_package_holds_no_test_support_and_the_tests_do_not_use_benchmarks() -> None:
    in_package = {str(p): m for p in _modules("kicktimer") for m in _imports(p) if m.split(".")[0] == "tests"}
    in_tests = {str(p): m for p in _modules("tests") for m in _imports(p) if m.split(".")[0] == "benchmarks"}
    assert in_package == {} and in_tests == {}
