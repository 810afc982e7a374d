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
