"""The layout is a contract: each pipeline package is used only through its face."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.library import REPO

PIPELINES = ("library", "site", "search", "cli")
MAX_MODULE_LINES = 400


def production_modules() -> list[Path]:
    return sorted(p for root in ("kb_tools", "search_api") for p in (REPO / root).rglob("*.py"))


def imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return found


def test_other_packages_import_a_pipeline_only_through_its_face() -> None:
    wrong = []
    for path in production_modules():
        own = path.relative_to(REPO).with_suffix("").parts
        for line, module in imported_modules(path):
            parts = module.split(".")
            inner = len(parts) > 2 and parts[0] == "kb_tools" and parts[1] in PIPELINES
            if inner and own[:2] != ("kb_tools", parts[1]):
                wrong.append(f"{path.relative_to(REPO)}:{line}: {module}")
    assert not wrong, wrong


def test_no_module_is_over_400_lines() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in production_modules()
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert not long


def test_every_pipeline_has_a_face_that_declares_its_names() -> None:
    for package in PIPELINES:
        face = ast.parse((REPO / "kb_tools" / package / "__init__.py").read_text(encoding="utf-8"))
        names = [
            target.id
            for node in face.body
            if isinstance(node, ast.Assign)
            for target in node.targets
            if isinstance(target, ast.Name)
        ]
        assert "__all__" in names, package
