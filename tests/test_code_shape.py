"""The shape the redesign gave the apps' code (docs/development.md), kept by the suite: no function above a
cyclomatic complexity of 15 and no conflict rule above 10 (radon's measure, as the redesign's acceptance
states it), and no module above 400 lines. A function or a module past these is split, not excused."""

from pathlib import Path

import pytest
from django.apps import apps
from radon.complexity import cc_visit
from radon.visitors import Function

ROOT = Path(__file__).resolve().parents[1]
MAX_COMPLEXITY, MAX_RULE_COMPLEXITY, MAX_LINES = 15, 10, 400


def _modules() -> list[Path]:
    """Every module of the project's own apps (the installed apps that live in this repository)."""
    folders = [Path(config.path) for config in apps.get_app_configs() if Path(config.path).parent == ROOT]
    return [
        path
        for folder in sorted(folders)
        for path in sorted(folder.rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    ]


def _functions(blocks):
    for block in blocks:
        if isinstance(block, Function):
            yield block
            yield from _functions(block.closures)


def _complexities(path: Path) -> list[tuple[str, int]]:
    return [
        (f"{path.relative_to(ROOT)}:{block.lineno} {block.fullname}", block.complexity)
        for block in _functions(cc_visit(path.read_text(encoding="utf-8")))
    ]


@pytest.fixture(scope="module")
def complexities() -> dict[Path, list[tuple[str, int]]]:
    return {path: _complexities(path) for path in _modules()}


def test_the_apps_have_modules_to_measure(complexities):
    assert len(complexities) > 100
    assert any(path.parts[-2] == "conflicts" for path in complexities)


def test_no_function_in_the_apps_is_more_complex_than_15(complexities):
    too_complex = [(name, value) for found in complexities.values() for name, value in found if value > MAX_COMPLEXITY]

    assert too_complex == []


def test_no_conflict_rule_is_more_complex_than_10(complexities):
    rules = [found for path, found in complexities.items() if path.parts[-2] == "conflicts"]
    too_complex = [(name, value) for found in rules for name, value in found if value > MAX_RULE_COMPLEXITY]

    assert too_complex == []


def test_no_module_in_the_apps_is_longer_than_400_lines():
    too_long = {
        str(path.relative_to(ROOT)): lines
        for path in _modules()
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }

    assert too_long == {}
