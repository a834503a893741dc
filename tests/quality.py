"""Helpers for the quality gates: the site checks of the package (the Nu HTML Checker, the link checker,
which `konsulta check` runs on any site) as tests use them, and tree comparison."""

from __future__ import annotations

from pathlib import Path

import pytest

from konsulta import html_validity, tools
from konsulta.links import EXTERNAL_SCHEMES, LINK_ATTRIBUTES, LinkChecker  # noqa: F401 (the tests' names)


def missing_tool(message: str):
    """Skips on a developer machine; under CI a missing tool is a failure, never a silent pass."""
    if tools.under_ci():
        pytest.fail(message)
    pytest.skip(message)


def _required(find):
    try:
        return find()
    except tools.MissingTool as missing:
        missing_tool(str(missing))


def vnu_jar() -> Path:
    return _required(tools.vnu_jar)


def java() -> str:
    return _required(tools.java)


def validate_html(pages: list[Path], root: Path) -> list[str]:
    """Every error the Nu HTML Checker reports for ``pages``, as 'page:line:column: message'; one JVM for all."""
    return _required(lambda: html_validity.validate_html(pages, root))


def tree_differences(first: Path, second: Path) -> list[str]:
    """Files only in one tree, and files whose bytes differ, as readable lines."""
    def files(root: Path) -> dict[str, Path]:
        return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file() or p.is_symlink()}

    a, b = files(first), files(second)
    differences = [f"only in the first build: {name}" for name in sorted(a.keys() - b.keys())]
    differences += [f"only in the second build: {name}" for name in sorted(b.keys() - a.keys())]
    for name in sorted(a.keys() & b.keys()):
        left, right = a[name].read_bytes(), b[name].read_bytes()
        if left != right:
            at = next((i for i, (x, y) in enumerate(zip(left, right)) if x != y), min(len(left), len(right)))
            differences.append(f"differs: {name} (from byte {at}: {left[at:at + 60]!r} vs {right[at:at + 60]!r})")
    return differences
