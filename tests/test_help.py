"""--help as a person reads it: every command's help at 80 columns is a reviewed snapshot,
with value names instead of type names, paragraphs that reflow, and one example; every
usage error is one line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests import test_cli
from tests.helpers import run_cli

SNAPSHOTS = Path(__file__).parent / "snapshots" / "help"
COMMANDS = ["", *test_cli.COMMANDS]  # "": ccprofile itself
# CCPROFILE_UPDATE_SNAPSHOTS=1 pytest tests/test_help.py rewrites them; review the diff.
UPDATE = os.environ.get("CCPROFILE_UPDATE_SNAPSHOTS") == "1"


def help_text(command: str, columns: int = 80) -> str:
    result = run_cli([*command.split(), "--help"], env={**os.environ, "COLUMNS": str(columns)})
    assert (result.returncode, result.stderr) == (0, "")
    return result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=[c or "ccprofile" for c in COMMANDS])
def test_help_matches_its_snapshot_at_80_columns(command: str) -> None:
    snapshot = SNAPSHOTS / f"{command or 'ccprofile'}.txt"
    text = help_text(command)
    if UPDATE:
        snapshot.write_text(text)
    assert text == snapshot.read_text(), "help changed; rerun with CCPROFILE_UPDATE_SNAPSHOTS=1 and review"


@pytest.mark.parametrize("command", COMMANDS[1:])
def test_help_names_values_not_types_and_shows_one_example(command: str) -> None:
    text = help_text(command)
    assert re.search(r"<(bool|str|int|file|path|list\[\w+\])>", text) is None
    assert "{" not in text.splitlines()[0]
    # One example: a line of its own, indented, that starts with the command itself.
    examples = [line for line in text.splitlines() if line.startswith(f"      ccprofile {command}")]
    assert len(examples) == 1, text
    assert all(len(line) <= 80 for line in text.splitlines())


@pytest.mark.parametrize("columns", [40, 60, 100])
@pytest.mark.parametrize("command", COMMANDS, ids=[c or "ccprofile" for c in COMMANDS])
def test_help_reflows_to_the_terminal_and_never_cuts_a_word(command: str, columns: int) -> None:
    wide, narrow = help_text(command, 80), help_text(command, columns)
    # Past the terminal's edge only what must not be broken: the usage line, an option's name,
    # an example command, one long word.
    over = [line for line in narrow.splitlines() if len(line) > columns]
    unbreakable = ("Usage:", "  -", "      ccprofile ")
    assert all(line.startswith(unbreakable) or len(line.split()) == 1 for line in over), over
    # The same words, only wrapped differently: no word cut at a hyphen or in its middle.
    assert wide.split() == narrow.split()
    assert not any(line.rstrip().endswith("-") for line in narrow.splitlines())


def test_options_name_their_values() -> None:
    text = help_text("set-fast-model")
    for shown in (
        "--provider NAME",
        "--aws-region REGION",
        "--shell NAME",
        "--file PATH",
        "Usage: ccprofile set-fast-model [OPTIONS] [MODEL]",
    ):
        assert shown in text
    assert "--project DIR" in help_text("status")
    assert "Usage: ccprofile set-model [OPTIONS] MODEL\n" in help_text("set-model")


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["status", "--zzz"], "no such option: --zzz (see `ccprofile status --help`)"),
        (["nosuch"], "no such command 'nosuch' (see `ccprofile --help`)"),
        (["models", "a"], "got unexpected extra argument(s) (a) (see `ccprofile models --help`)"),
        (["set-model"], "missing argument 'MODEL' (see `ccprofile set-model --help`)"),
        (
            ["set-fast-model", "--file", "/"],
            "invalid value for '--file': file '/' is a directory (see `ccprofile set-fast-model --help`)",
        ),
        (["status", "--shell"], "option '--shell' requires an argument"),
    ],
)
def test_usage_errors_are_one_line_like_every_other_error(home: Path, args: list[str], line: str) -> None:
    result = run_cli(args, env={**os.environ, "COLUMNS": "40"})
    assert result.returncode == 2
    assert result.stderr == f"ccprofile: error: {line}\n"
    assert result.stdout == ""


def test_no_command_prints_the_help_and_succeeds() -> None:
    result = run_cli([], env={**os.environ, "COLUMNS": "80"})
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == help_text("")


def _registered() -> dict[str, object]:
    from ccprofile.cli.app import app

    return {command.name: command.callback for command in app.registered_commands if command.name}


def test_each_declaration_and_its_plain_function_take_the_same_options() -> None:
    """The typer declaration (cli/declarations.py) and the function it runs are written apart:
    an option added to one and not the other fails here, not at a user's command line."""
    import inspect

    from ccprofile.cli.declarations import PLAIN

    registered = _registered()
    assert sorted(registered) == sorted(c for c in test_cli.COMMANDS if " " not in c)
    for name, declared in registered.items():
        plain = PLAIN[declared]  # type: ignore[index]
        wanted = [(p.name, p.default) for p in inspect.signature(declared).parameters.values()]  # type: ignore[arg-type]
        taken = [(p.name, p.default) for p in inspect.signature(plain).parameters.values()]
        assert sorted(wanted, key=str) == sorted(taken, key=str), name


def test_status_declares_the_options_of_the_fast_paths_table_in_its_order() -> None:
    """One table (fast_status.OPTIONS) for the fast parser and typer's declaration: a row
    without a declaration, or with other words in --help, fails here."""
    import typer.main

    from ccprofile.cli.app import app
    from ccprofile.cli.fast_status import OPTIONS

    status = typer.main.get_command(app).commands["status"]  # type: ignore[attr-defined]
    # typer ships its own click: an option is told by its kind, not by click's class.
    declared = [p for p in status.params if p.param_type_name == "option" and p.name != "help"]
    assert [(p.opts[0], p.name, p.help, p.metavar, p.default) for p in declared] == [
        (o.flag, o.dest, o.help, o.metavar, o.default) for o in OPTIONS
    ]


def test_only_the_declarations_speak_typer() -> None:
    """The commands are plain functions: typer is imported where the command line is
    declared and laid out, and nowhere else."""
    import ast

    root = Path(__file__).parent.parent / "ccprofile"
    speaking = set()
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = (
                [alias.name for alias in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(name == "typer" or name.startswith("typer.") for name in names):
                speaking.add(path.relative_to(root).as_posix())
    assert speaking == {
        "cli/app.py",
        "cli/declarations.py",
        "cli/pin_declarations.py",
        "cli/help_layout.py",
        "cli/completing.py",
    }


def test_a_command_is_a_function_tests_can_call(home: Path) -> None:
    from ccprofile.cli import pin_commands, unpin_commands

    rc = home / ".bashrc"
    rc.write_text("# mine\n")
    assert pin_commands.set_fast_model("claude-haiku-4-5-20251001", shell="bash", verify=False) == 0
    assert "export ANTHROPIC_SMALL_FAST_MODEL='claude-haiku-4-5-20251001'" in rc.read_text()
    assert unpin_commands.unset_fast_model(shell="bash", verify=False) == 0
    assert rc.read_text() == "# mine\n"
