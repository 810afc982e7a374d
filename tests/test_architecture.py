"""The layers are enforced, not only described: lint-imports fails on an upward import."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports(tree: Path) -> subprocess.CompletedProcess[str]:
    program = Path(sys.executable).parent / "lint-imports"
    if not program.exists():
        pytest.fail(f"lint-imports is not installed at {program}; pip install -e '.[test]'")
    return subprocess.run(
        [str(program), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env={**os.environ, "PYTHONPATH": str(tree)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _copy_of_the_project(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "ccprofile", tree / "ccprofile", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_layers_contract_holds_for_the_package_as_it_is(tmp_path: Path) -> None:
    result = _lint_imports(_copy_of_the_project(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "upward_import", "chain"),
    [
        pytest.param(
            "storage/fileio.py",
            "from ccprofile.cli import render",
            "ccprofile.storage.fileio -> ccprofile.cli.render",
            id="storage-imports-cli",
        ),
        pytest.param(
            "storage/ledger.py",
            "from ccprofile.startup import shells",
            "ccprofile.storage.ledger -> ccprofile.startup.shells",
            id="storage-imports-startup",
        ),
        pytest.param(
            "startup/scan.py",
            "from ccprofile.machine import detect",
            "ccprofile.startup.scan -> ccprofile.machine.detect",
            id="startup-imports-the-machine",
        ),
        pytest.param(
            "system/platforms.py",
            "from ccprofile.storage import fileio",
            "ccprofile.system.platforms -> ccprofile.storage.fileio",
            id="system-imports-storage",
        ),
        pytest.param(
            "startup/block.py",
            "from ccprofile.claude import variables",
            "ccprofile.startup.block -> ccprofile.claude.variables",
            id="startup-imports-claude",
        ),
        pytest.param(
            "claude/resolve.py",
            "from ccprofile.cli import failures",
            "ccprofile.claude.resolve -> ccprofile.cli.failures",
            id="claude-imports-cli",
        ),
        pytest.param(
            "errors.py",
            "from ccprofile.startup import block",
            "ccprofile.errors -> ccprofile.startup.block",
            id="errors-import-a-layer",
        ),
    ],
)
def test_an_upward_import_breaks_the_contract(
    tmp_path: Path, module: str, upward_import: str, chain: str
) -> None:
    tree = _copy_of_the_project(tmp_path)
    path = tree / "ccprofile" / module
    path.write_text(path.read_text() + f"\n{upward_import}  # noqa: E402\n")
    result = _lint_imports(tree)
    assert result.returncode == 1, result.stdout
    assert "BROKEN" in result.stdout and chain in result.stdout


def test_the_architecture_doc_names_every_module() -> None:
    """docs/architecture.md describes the tree as it is: a module added, moved or renamed
    without a word there fails here."""
    root = Path(__file__).parent.parent
    text = (root / "docs" / "architecture.md").read_text()
    modules = [p for p in (root / "ccprofile").rglob("*.py") if not p.name.startswith("__")]
    assert modules
    missing = [str(p.relative_to(root)) for p in modules if not re.search(rf"[`/]{re.escape(p.name)}", text)]
    assert not missing, missing
