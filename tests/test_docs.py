"""Docs stay true: the README's commands, .ci/run, and every command's help."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import require_program

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m [^\n]*)\n```", (ROOT / "README.md").read_text())


def test_readme_has_the_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "ccprofile set-fast-model" in commands[0]
    assert "pytest" in commands[1]


@pytest.mark.real_shell
def test_the_readme_main_command_leaves_ccprofile_on_path_in_new_terminals(tmp_path: Path) -> None:
    """The main command, run as printed in a fresh home (pipx from PyPI), pins the model and
    leaves `ccprofile` runnable by name in a new login and non-login bash, whose PATH starts
    without it; the hints it printed name the path it ran as, which works here and now."""
    home = tmp_path / "fresh"
    home.mkdir()
    # This run's PATH, less every folder that already has a ccprofile (the test venv's bin).
    path = os.pathsep.join(
        d for d in os.environ["PATH"].split(os.pathsep) if d and not (Path(d) / "ccprofile").exists()
    )
    env = {
        "HOME": str(home),
        "PATH": path,
        "SHELL": require_program("bash"),
        "TERM": "dumb",
        "LANG": "C.UTF-8",
    }
    ran = subprocess.run(
        ["bash", "-c", _readme_commands()[0]],
        cwd=ROOT,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert ran.returncode == 0, ran.stderr[-2000:]
    assert "export ANTHROPIC_SMALL_FAST_MODEL=" in (home / ".bashrc").read_text()
    for flags in ("-lic", "-ic"):
        new = subprocess.run(
            ["bash", flags, "command -v ccprofile && ccprofile --version"],
            env={"HOME": str(home), "PATH": "/usr/bin:/bin", "TERM": "dumb"},
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert new.returncode == 0, (flags, new.stdout, new.stderr)
        assert new.stdout.startswith(str(home / ".local" / "bin" / "ccprofile")), new.stdout


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci_lines = (ROOT / ".ci" / "run").read_text().splitlines()
    assert _readme_commands()[1] in ci_lines


def test_docs_pages_linked_from_the_readme_exist() -> None:
    for link in re.findall(r"\(docs/([a-z]+\.md)\)", (ROOT / "README.md").read_text()):
        assert (ROOT / "docs" / link).is_file(), link


def test_readme_block_matches_what_ccprofile_writes() -> None:
    from ccprofile.startup import block
    from ccprofile.startup.syntax import POSIX

    payload = [
        POSIX.assign(n, "claude-haiku-4-5-20251001")
        for n in ("ANTHROPIC_SMALL_FAST_MODEL", "ANTHROPIC_DEFAULT_HAIKU_MODEL")
    ]
    assert block.render(payload) in (ROOT / "README.md").read_text()
    assert block.render(payload) in (ROOT / "docs" / "shells.md").read_text()


def test_docs_name_the_claude_code_releases_ci_verifies_against() -> None:
    from ccprofile.claude.catalog import recorded_releases

    # .ci/run installs every recorded release for the e2e suite; the docs must say which.
    releases = ", ".join(recorded_releases())
    assert f"Last verified against: Claude Code {releases}**" in (ROOT / "docs" / "e2e.md").read_text()
    assert '["releases"]' in (ROOT / ".ci" / "run").read_text()
    for release in recorded_releases():
        assert (
            f"| {release} |" in (ROOT / "docs" / "e2e.md").read_text()
            or release in (ROOT / "docs" / "e2e.md").read_text().split("## Results", 1)[1]
        )


def test_screenshots_match_what_ccprofile_prints_today() -> None:
    import subprocess
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("docs/screenshots.py reads what new terminals inherit from /proc (Linux)")
    result = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "screenshots.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    readme = (ROOT / "README.md").read_text()
    assert "(docs/status.svg)" in readme and "(docs/models.svg)" in readme


# The walk-through in docs/usage.md, typed into a real zsh on an 80-column terminal.
_BACKUP_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ(-\d\d)?")


def _walkthrough() -> list[tuple[str, list[str]]]:
    text = (ROOT / "docs" / "usage.md").read_text().split("## A first session", 1)[1]
    block = text.split("```console\n", 1)[1].split("```", 1)[0]
    steps: list[tuple[str, list[str]]] = []
    for line in block.splitlines():
        if line.startswith("$ "):
            steps.append((line[2:], []))
        else:
            steps[-1][1].append(line)
    return steps


def _comparable(lines: list[str]) -> list[str]:
    return [_BACKUP_TIME.sub("TIME", line.rstrip()) for line in lines if line.strip()]


@pytest.mark.real_shell
def test_the_newcomer_walkthrough_in_usage_md_is_what_a_terminal_shows(home: Path) -> None:
    import os

    import pexpect

    from tests.conftest import ccprofile_command, require_program

    steps = _walkthrough()
    assert len(steps) >= 5 and all(command for command, _ in steps)
    (home / ".zshrc").write_text("export EDITOR=vim\n")
    env = {
        **os.environ,
        "PATH": f"{Path(ccprofile_command()[0]).parent}:{os.environ['PATH']}",
        "TERM": "dumb",
        "SHELL": require_program("zsh"),  # a zsh user: the login shell is the one in the terminal
    }
    env.pop("COLUMNS", None)
    shell = pexpect.spawn(
        require_program("zsh"),
        ["-i"],
        env=env,
        encoding="utf-8",
        timeout=60,
        dimensions=(50, 80),
        cwd=str(home),
    )
    try:
        # A plain prompt that appears in no output (nor in this line's echo, hence the split
        # quotes), and no line editor echoing escapes.
        shell.sendline("PS1='<rea''dy> '; PROMPT_EOL_MARK=''; unsetopt zle prompt_sp")
        shell.expect_exact("<ready> ")
        for command, expected in steps:
            shell.sendline(command)
            shell.expect_exact("<ready> ")
            printed = str(shell.before).replace("\r\n", "\n").split("\n", 1)[1:]  # after the echo
            got = _comparable(printed[0].split("\n") if printed else [])
            assert got == _comparable(expected), f"$ {command}"
    finally:
        shell.close(force=True)


def test_the_changelog_is_wrapped_bullets_under_headings() -> None:
    """A scripted edit once inserted an entry between every character of the file."""
    lines = (ROOT / "CHANGELOG.md").read_text().splitlines()
    odd = [
        (number, line)
        for number, line in enumerate(lines, 1)
        if len(line) > 100 or not (line == "" or line.startswith(("#", "- ", "  ")) or line[0].isalpha())
    ]
    assert odd == []
    assert lines[0] == "# Changelog" and "## Unreleased" in lines
