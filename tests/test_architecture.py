"""The architecture is enforced, not only described: lint-imports fails on an upward import,
on a pure module that reaches the machine, and on typer or rich outside the command line."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
import typer.main
from typer.core import TyperGroup

from ccprofile.cli.app import app
from ccprofile.startup import block

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
    assert "3 kept, 0 broken" in result.stdout


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
    _assert_breaks(tmp_path, module, upward_import, chain)


def _assert_breaks(tmp_path: Path, module: str, line: str, chain: str) -> None:
    """``line`` added to ``module`` of a copy of the package breaks a contract through ``chain``."""
    tree = _copy_of_the_project(tmp_path)
    path = tree / "ccprofile" / module
    path.write_text(path.read_text() + f"\n{line}  # noqa: E402\n")
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


def _pure_modules() -> list[str]:
    # Read as text: Python 3.10, which the project supports, has no TOML reader.
    config = (ROOT / "pyproject.toml").read_text()
    found = re.search(r'name = "Pure modules[^"]*"\ntype = "forbidden"\nsource_modules = \[([^]]*)\]', config)
    assert found, "pyproject.toml has no contract for the pure modules"
    return re.findall(r'"([a-z_.]+)"', found.group(1))


PURE = _pure_modules()


@pytest.mark.parametrize(
    ("module", "line", "chain"),
    [
        pytest.param("startup/block.py", "import os", "ccprofile.startup.block -> os", id="pure-imports-os"),
        pytest.param(
            "claude/places.py",
            "from ccprofile.startup import scan",
            "ccprofile.claude.places -> ccprofile.startup.scan",
            id="pure-imports-an-edge",
        ),
        pytest.param(
            "claude/warnings/models.py",
            "from ccprofile.claude import settings_files",
            "ccprofile.claude.warnings.models -> ccprofile.claude.settings_files",
            id="pure-package-imports-an-edge",
        ),
        pytest.param(
            "claude/report.py",
            "import rich",
            "ccprofile.claude.report -> rich",
            id="knowledge-imports-rich",
        ),
    ],
)
def test_a_pure_module_that_reaches_the_machine_breaks_a_contract(
    tmp_path: Path, module: str, line: str, chain: str
) -> None:
    _assert_breaks(tmp_path, module, line, chain)


def test_an_import_for_annotations_only_keeps_a_module_pure(tmp_path: Path) -> None:
    """The contract ignores imports under TYPE_CHECKING: an annotation is never run."""
    tree = _copy_of_the_project(tmp_path)
    path = tree / "ccprofile" / "startup" / "block.py"
    path.write_text(path.read_text() + "\nif TYPE_CHECKING:\n    import os  # noqa: E402\n")
    result = _lint_imports(tree)
    assert result.returncode == 0, result.stdout


# What a path or a builtin does to the machine: a pure module calls none of them. (``replace``
# is left out: ``str.replace`` is everywhere, and ``Path.replace`` renames.)
_MACHINE_CALLS = {
    "read_text", "read_bytes", "write_text", "write_bytes", "open", "exists", "is_file", "is_dir",
    "is_symlink", "stat", "lstat", "iterdir", "glob", "rglob", "resolve", "mkdir", "rmdir",
    "unlink", "rename", "touch", "samefile", "expanduser", "home", "cwd", "readlink", "chmod",
    "absolute", "print", "input", "getenv",
}  # fmt: skip


def _module_files(module: str) -> list[Path]:
    path = ROOT / Path(*module.split("."))
    return sorted(path.rglob("*.py")) if path.is_dir() else [path.with_suffix(".py")]


def _machine_calls(source: str, label: str) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            called = node.func
            name = called.attr if isinstance(called, ast.Attribute) else getattr(called, "id", None)
            if name in _MACHINE_CALLS:
                found.append(f"{label}:{node.lineno} {ast.unparse(node)}")
    return found


def test_no_pure_module_calls_what_reads_or_changes_the_machine() -> None:
    """A path is a value there: the contract cannot see ``path.read_text()``, this can."""
    files = [path for module in PURE for path in _module_files(module)]
    assert len(files) > len(PURE)  # the warnings package counts each of its modules
    calls = [call for path in files for call in _machine_calls(path.read_text(), path.name)]
    assert not calls, calls


def test_the_machine_call_check_sees_a_read_an_open_and_a_print() -> None:
    source = "def f(p):\n    print(open(p).read(), p.read_text(), p.name.upper())\n"
    assert [call.split(" ", 1)[0] for call in _machine_calls(source, "m.py")] == ["m.py:2"] * 3


def test_the_docs_call_pure_exactly_the_modules_the_contract_keeps_pure() -> None:
    """docs/architecture.md marks a module "(pure)"; that word means what the contract checks."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    said = set(re.findall(r"[`/]([a-z_]+)(?:\.py|/)` \(pure\)", text))
    kept = {module.rsplit(".", 1)[-1] for module in PURE}
    assert said == kept, said ^ kept


def test_mutation_testing_measures_exactly_the_pure_modules() -> None:
    """Every pure module's tests are measured for bite (docs/testing.md): a module made pure
    joins ``[tool.mutmut] only_mutate``, and nothing with I/O is mutated (a mutant that writes
    could reach the machine)."""
    config = (ROOT / "pyproject.toml").read_text()
    found = re.search(r"only_mutate = \[([^]]*)\]", config)
    assert found, "pyproject.toml has no [tool.mutmut] only_mutate"
    mutated = set(re.findall(r'"ccprofile/([a-z_/*]+)\.py"', found.group(1)))
    pure = set()
    for module in PURE:
        path = module.removeprefix("ccprofile.").replace(".", "/")
        pure.add(f"{path}/*" if (ROOT / "ccprofile" / path).is_dir() else path)
    assert mutated == pure, mutated ^ pure


# The text ccprofile writes into a user's startup file names its commands: that is the file's
# content (every release's wording stays, see block.py), not a message of the layer.
_WRITTEN_TEXT = (block.OWNERSHIP, block.COMPLETION_NOTE)
_KNOWLEDGE = ("claude", "startup", "machine", "storage", "system", "errors.py")


def _cli_words() -> re.Pattern[str]:
    """ccprofile's commands and options, from the command line's own declarations."""
    group = typer.main.get_command(app)
    assert isinstance(group, TyperGroup)
    context = click.Context(group)
    names = group.list_commands(context)
    options = {
        option
        for name in names
        for param in group.get_command(context, name).params  # type: ignore[union-attr]
        for option in (*param.opts, *param.secondary_opts)
        if option.startswith("--")
    }
    assert {"set-fast-model", "status"} <= set(names) and {"--scope", "--shell"} <= options
    spoken = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    flags = "|".join(map(re.escape, sorted(options, key=len, reverse=True)))
    return re.compile(rf"ccprofile (?:{spoken})\b|(?<![\w-])(?:{flags})(?![\w-])")


def _cli_spoken(source: str, label: str, words: re.Pattern[str]) -> list[str]:
    """The string constants of ``source`` (docstrings aside) that name a command or a flag."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
    }
    return [
        f"{label}:{node.lineno} {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and node.value not in _WRITTEN_TEXT
        and words.search(node.value)
    ]


def test_knowledge_speaks_no_command_line() -> None:
    """Below cli/, a fix is a value (claude/fixes.py) and a reason a code: only cli/ knows
    what the commands are called and which flags they take (issue 18)."""
    words = _cli_words()
    files = [path for part in _KNOWLEDGE for path in _module_files(f"ccprofile.{part.removesuffix('.py')}")]
    assert len(files) > 60
    spoken = [said for path in files for said in _cli_spoken(path.read_text(), path.name, words)]
    assert not spoken, spoken


def test_the_command_line_check_sees_a_command_and_a_flag() -> None:
    source = 'X = "Fix: `ccprofile set-fast-model x`"\nY = "pass --shell NAME"\nZ = "git --no-index"\n'
    assert [said.split(" ", 1)[0] for said in _cli_spoken(source, "m.py", _cli_words())] == [
        "m.py:1",
        "m.py:2",
    ]


def test_modules_and_functions_stay_small() -> None:
    """Issue 18's limits: a module over 300 lines or a function over 50 is split, not grown."""
    package = Path(__file__).parent.parent / "ccprofile"
    over = []
    for path in sorted(package.rglob("*.py")):
        source = path.read_text()
        if source.count("\n") > 300:
            over.append(f"{path.relative_to(package)}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno:
                length = node.end_lineno - node.lineno + 1
                if length > 50:
                    over.append(f"{path.relative_to(package)}:{node.lineno} {node.name}: {length} lines")
    assert over == []
