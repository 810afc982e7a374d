"""Test isolation: every test gets its own HOME, and no test may touch the real one."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REAL_HOME = Path(os.path.expanduser("~"))
# Everything ccprofile could write in a home: if one of these changes during a test, the test
# escaped its temporary home, and that is a failure however green the test itself is.
_WATCHED = (
    ".zshrc",
    ".zshenv",
    ".bashrc",
    ".bash_profile",
    ".bash_login",
    ".profile",
    ".tcshrc",
    ".cshrc",
    ".config/fish",
    ".config/powershell",
    ".local/state/ccprofile",
    ".claude",
)
_CLEARED = (
    "ZDOTDIR",
    "ANTHROPIC_SMALL_FAST_MODEL",
    "ANTHROPIC_DEFAULT_HAIKU_MODEL",
    "ANTHROPIC_MODEL",
    "ANTHROPIC_DEFAULT_MODEL",
    "ANTHROPIC_BASE_URL",
    "ANTHROPIC_DEFAULT_SONNET_MODEL",
    "ANTHROPIC_DEFAULT_OPUS_MODEL",
    "ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION",
    "CLAUDE_CODE_USE_BEDROCK",
    "CLAUDE_CODE_USE_VERTEX",
    "CLAUDE_CODE_USE_FOUNDRY",
    "CLAUDE_CODE_USE_MANTLE",
    "CLAUDE_CODE_USE_ANTHROPIC_AWS",
    "CLAUDE_CODE_USE_ANTHROPIC_GOOGLE_CLOUD",
    "CLAUDE_CODE_SUBAGENT_MODEL",
    "ANTHROPIC_DEFAULT_FABLE_MODEL",
    "AWS_REGION",
    "AWS_DEFAULT_REGION",
    "AWS_PROFILE",
    "ENV",
    # git's global configuration: the home's own, as for every other file (--scope local
    # adds a rule to git's global ignore file).
    "GIT_CONFIG_GLOBAL",
    "GIT_CONFIG_SYSTEM",
    # The platform and registry stand-ins: a test of macOS or Windows rules sets them itself.
    "CCPROFILE_PLATFORM",
    "CCPROFILE_REGISTRY",
    "LOCALAPPDATA",
)
IN_CI = os.environ.get("CI", "").lower() == "true"
# pytest-xdist gives each worker the controller's terminal width as COLUMNS (and LINES); the
# console reads COLUMNS once, when it is imported, so a worker would lay out every in-process
# run at that width. As in a run without workers, a test that cares gives its own width.
os.environ.pop("COLUMNS", None)
os.environ.pop("LINES", None)


def _fingerprint(home: Path) -> dict[str, str]:
    prints: dict[str, str] = {}
    for name in _WATCHED:
        path = home / name
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.is_file():
                prints[str(file)] = hashlib.sha256(file.read_bytes()).hexdigest()
    return prints


@pytest.fixture(scope="session")
def clean_session() -> Iterator[int]:
    """A process started with no model variables: what new terminals inherit in every test.

    status reads its environment from /proc for real (CCPROFILE_SESSION_PID), instead of
    whatever process happens to sit above the test run.
    """
    process = subprocess.Popen(["sleep", "3600"], env={"PATH": os.defpath})
    yield process.pid
    process.kill()
    process.wait()


def fake_claude(root: Path, version: str) -> Path:
    """A Claude Code npm install as `npm install --prefix ROOT` lays it out, at ``version``."""
    package = root / "node_modules" / "@anthropic-ai" / "claude-code"
    (package / "bin").mkdir(parents=True)
    (package / "package.json").write_text(
        json.dumps({"name": "@anthropic-ai/claude-code", "version": version})
    )
    binary = package / "bin" / "claude.exe"
    binary.write_text(f"#!/bin/sh\necho '{version} (Claude Code)'\n")
    binary.chmod(0o755)
    link = root / "node_modules" / ".bin" / "claude"
    link.parent.mkdir()
    link.symlink_to(Path("..") / "@anthropic-ai" / "claude-code" / "bin" / "claude.exe")
    return link


@pytest.fixture(scope="session")
def installed_claude(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Claude Code every test sees: the newest release ccprofile recorded rules for."""
    from ccprofile.claude.catalog import recorded_releases

    return fake_claude(tmp_path_factory.mktemp("claude"), recorded_releases()[-1])


@pytest.fixture(autouse=True)
def _fresh_parser_caches() -> None:
    """Each test parses what it reads itself. mutmut runs a mutant's tests in a process forked
    after a clean run, whose cached steps and assignments (status caches them for its two
    starts) would answer for the mutated parser and hide the mutant."""
    from ccprofile.startup import assigning, sourcing

    assigning.posix_assignments.cache_clear()
    sourcing.steps.cache_clear()


@pytest.fixture(autouse=True)
def home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, clean_session: int, installed_claude: Path
) -> Iterator[Path]:
    """A fresh HOME (with XDG dirs and Claude's config dir inside it) for every test."""
    before = _fingerprint(REAL_HOME)
    fake = tmp_path / "home"
    fake.mkdir()
    monkeypatch.setenv("HOME", str(fake))
    monkeypatch.setenv("USERPROFILE", str(fake))  # the home under Windows's rules
    monkeypatch.setenv("XDG_CONFIG_HOME", str(fake / ".config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(fake / ".local" / "state"))
    monkeypatch.setenv("CLAUDE_CONFIG_DIR", str(fake / ".claude"))
    monkeypatch.setenv("CCPROFILE_MANAGED_SETTINGS_DIR", str(tmp_path / "managed"))
    monkeypatch.setenv("SHELL", "/bin/bash")
    monkeypatch.setenv("CCPROFILE_SESSION_PID", str(clean_session))
    monkeypatch.setenv("CCPROFILE_CLAUDE", str(installed_claude))
    # `ccprofile` runs by name, as after the README's install: hints print it so. (A test of
    # a ccprofile off PATH takes this folder out again.)
    on_path = tmp_path / "ccprofile-on-path"
    on_path.mkdir()
    (on_path / "ccprofile").symlink_to(ccprofile_command()[0])
    monkeypatch.setenv("PATH", f"{on_path}{os.pathsep}{os.environ.get('PATH', '')}")
    for name in _CLEARED:
        monkeypatch.delenv(name, raising=False)
    yield fake
    after = _fingerprint(REAL_HOME)
    if after != before:
        changed = sorted(set(before.items()) ^ set(after.items()))
        pytest.fail(f"a test changed the real home directory: {changed[:3]}")


def require_program(name: str) -> str:
    """The program's path; skip locally when it is missing, but fail under CI=true."""
    found = shutil.which(name)
    if found is None:
        if IN_CI:
            pytest.fail(f"{name} is not installed, and CI=true requires every real-program test to run")
        pytest.skip(f"{name} is not installed (CI=true makes this a failure)")
    return found


def ccprofile_command() -> list[str]:
    """The installed console script, next to this Python (the venv the tests run in)."""
    script = Path(sys.executable).parent / "ccprofile"
    if not script.exists():
        pytest.fail(f"the ccprofile console script is not installed at {script}; pip install -e '.[test]'")
    return [str(script)]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--soak", action="store_true", help="run the long reliability soak (1,000 kills)")


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """The differential test's figures (homes, disagreements, uncertain share), which
    docs/reliability.md records."""
    module = sys.modules.get("tests.test_differential")
    said = module.summary() if module is not None else None
    if said:
        terminalreporter.write_line(said)
