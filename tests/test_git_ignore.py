"""--scope local keeps the local settings file out of git as Claude Code does: one rule in
git's global ignore file, checked with the real git, and taken back exactly by undo and
uninstall --all."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ccprofile.claude import git_ignore
from tests.conftest import require_program
from tests.helpers import run_cli

RULE = "**/.claude/settings.local.json"
H45 = "claude-haiku-4-5-20251001"


def git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.fixture
def repo(home: Path) -> Path:
    require_program("git")
    path = home / "repo"
    (path / "src").mkdir(parents=True)
    assert git("init", "-q", cwd=path).returncode == 0
    return path


def test_the_rule_is_added_as_claude_code_adds_it() -> None:
    assert git_ignore.with_rule("", True) == RULE + "\n"
    assert git_ignore.with_rule("*.swp\n", False) == f"*.swp\n\n{RULE}\n"
    assert git_ignore.with_rule("*.swp", False) == f"*.swp\n{RULE}\n"
    assert git_ignore.with_rule(f"*.swp\n{RULE}\n", False) is None  # never twice


@given(st.text(alphabet=st.sampled_from(["a", "*", ".", "/", "\n", "\r", " ", "#"]), max_size=60))
def test_taking_the_rule_out_gives_back_the_file_it_was_added_to(text: str) -> None:
    added = git_ignore.with_rule(text, False)
    assert added is not None and git_ignore.without_rule(added) == text
    assert git_ignore.without_rule(git_ignore.with_rule("", True) or "") == ""


def test_lines_added_after_the_rule_stay_when_it_goes() -> None:
    assert git_ignore.without_rule(f"*.swp\n\n{RULE}\n*.log\n") == "*.swp\n*.log\n"
    assert git_ignore.without_rule(f"{RULE}\n*.log\n") == "*.log\n"
    assert git_ignore.without_rule("*.log\n") == "*.log\n"


def test_the_file_is_gits_global_ignore_file(home: Path, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"PATH": "/usr/bin:/bin", "XDG_CONFIG_HOME": str(home / ".config")}
    assert git_ignore.ignore_file(repo, env, home) == home / ".config" / "git" / "ignore"
    assert (
        git_ignore.ignore_file(repo, {"PATH": "/usr/bin:/bin"}, home) == home / ".config" / "git" / "ignore"
    )
    assert git("config", "--global", "core.excludesfile", "~/.gitignore_global", cwd=repo).returncode == 0
    assert git_ignore.ignore_file(repo, env, home) == home / ".gitignore_global"
    assert git("config", "--global", "core.excludesfile", "relative/ignore", cwd=repo).returncode == 0
    # Only an absolute path (or ~) counts, as in Claude Code; otherwise the XDG place.
    assert git_ignore.ignore_file(repo, env, home) == home / ".config" / "git" / "ignore"


def test_a_local_pin_in_a_repository_adds_the_rule_once_and_git_then_ignores_it(
    home: Path, repo: Path
) -> None:
    ignore = home / ".config" / "git" / "ignore"
    ignore.parent.mkdir(parents=True)
    ignore.write_text("*.swp\n")
    pinned = run_cli(["set-fast-model", H45, "--scope", "local"], cwd=repo / "src")
    assert pinned.returncode == 0, pinned.stderr
    said = " ".join(pinned.stdout.split())
    assert f"Added {RULE} to ~/.config/git/ignore, git's global ignore file" in said
    assert ignore.read_text() == f"*.swp\n\n{RULE}\n"
    assert git("check-ignore", "-q", ".claude/settings.local.json", cwd=repo).returncode == 0
    assert git("status", "--porcelain", cwd=repo).stdout == ""
    # Again, and for the primary: the rule is there, nothing more is added.
    assert run_cli(["set-model", "opus", "--scope", "local"], cwd=repo).returncode == 0
    assert ignore.read_text() == f"*.swp\n\n{RULE}\n"


def test_nothing_is_added_where_git_ignores_the_file_already(home: Path, repo: Path) -> None:
    (repo / ".gitignore").write_text(".claude/\n")
    pinned = run_cli(["set-fast-model", H45, "--scope", "local"], cwd=repo)
    assert pinned.returncode == 0 and "git's global ignore file" not in pinned.stdout
    assert not (home / ".config" / "git").exists()


def test_a_dry_run_says_it_and_writes_nothing(home: Path, repo: Path) -> None:
    shown = run_cli(["set-fast-model", H45, "--scope", "local", "--dry-run"], cwd=repo)
    assert shown.returncode == 0
    assert f"Would add {RULE} to ~/.config/git/ignore" in " ".join(shown.stdout.split())
    assert not (home / ".config" / "git").exists() and not (repo / ".claude").exists()


def test_undo_puts_the_ignore_file_back_byte_for_byte(home: Path, repo: Path) -> None:
    ignore = home / ".config" / "git" / "ignore"
    ignore.parent.mkdir(parents=True)
    ignore.write_bytes(b"*.swp\r\nbuild/")  # CRLF, no newline at the end
    assert run_cli(["set-fast-model", H45, "--scope", "local"], cwd=repo).returncode == 0
    listed = run_cli(["list"], cwd=repo).stdout
    assert f"~/.config/git/ignore (git's global ignore file)\n  holds: {RULE}" in listed
    assert run_cli(["undo"], cwd=repo).returncode == 0
    assert ignore.read_bytes() == b"*.swp\r\nbuild/"
    assert not (repo / ".claude").exists()


def test_uninstall_all_takes_out_only_the_rule_and_a_file_it_created(home: Path, repo: Path) -> None:
    assert run_cli(["set-fast-model", H45, "--scope", "local"], cwd=repo).returncode == 0
    ignore = home / ".config" / "git" / "ignore"
    assert ignore.read_text() == RULE + "\n"
    assert run_cli(["uninstall", "--all"], cwd=repo).returncode == 0
    assert not ignore.exists() and not (home / ".config" / "git").exists()

    ignore.parent.mkdir(parents=True)
    ignore.write_text("*.swp\n")
    assert run_cli(["set-fast-model", H45, "--scope", "local"], cwd=repo).returncode == 0
    with ignore.open("a") as added_later:
        added_later.write("*.log\n")  # the user's own line, after ccprofile's
    assert run_cli(["uninstall", "--all"], cwd=repo).returncode == 0
    assert ignore.read_text() == "*.swp\n*.log\n"


def test_a_tracked_local_file_is_said_to_be_committed_not_kept_out(home: Path, repo: Path) -> None:
    local = repo / ".claude" / "settings.local.json"
    local.parent.mkdir()
    local.write_text("{}\n")
    assert git("add", ".", cwd=repo).returncode == 0
    committed = git("-c", "user.email=a@b", "-c", "user.name=a", "commit", "-qm", "x", cwd=repo)
    assert committed.returncode == 0
    pinned = run_cli(["set-fast-model", H45, "--scope", "local"], cwd=repo)
    said = " ".join(pinned.stdout.split())
    assert "stays out of commits" not in said
    assert (
        "~/repo/.claude/settings.local.json is tracked by git, so no ignore rule keeps it out of commits"
        in said
    )
    assert "Fix: run `git rm --cached .claude/settings.local.json` in ~/repo" in said
    assert "\n  Fix: run `git rm --cached" in pinned.stdout  # on a line of its own, as every fix


def test_unset_that_leaves_no_local_pin_says_the_rule_stays(home: Path, repo: Path) -> None:
    assert run_cli(["set-fast-model", H45, "--scope", "local"], cwd=repo).returncode == 0
    unset = run_cli(["unset-fast-model", "--scope", "local"], cwd=repo)
    said = " ".join(unset.stdout.split())
    assert f"left {RULE} in ~/.config/git/ignore" in said and "uninstall --all` takes it out" in said


def test_an_excludesfile_of_the_home_itself_is_left_alone_as_claude_code_fails_there(
    home: Path, repo: Path
) -> None:
    assert git("config", "--global", "core.excludesfile", "~", cwd=repo).returncode == 0
    before = sorted(p.name for p in home.iterdir())
    pinned = run_cli(["set-fast-model", H45, "--scope", "local"], cwd=repo)
    assert pinned.returncode == 0, pinned.stderr
    assert "git's global ignore file" not in pinned.stdout
    assert sorted(p.name for p in home.iterdir() if p.name not in (".local",)) == [
        n for n in before if n != ".local"
    ]
