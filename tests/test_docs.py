"""Docs stay true: the README's commands, .ci/run, and every command's help."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    return re.findall(r"```sh\n(python3 -m venv[^\n]*)\n```", (ROOT / "README.md").read_text())


def test_readme_has_the_two_commands() -> None:
    commands = _readme_commands()
    assert len(commands) == 2
    assert "ccprofile set-fast-model" in commands[0]
    assert "pytest" in commands[1]


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

    import pytest

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
