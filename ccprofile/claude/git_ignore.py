"""Keeping a local settings file out of git, the way Claude Code does.

When Claude Code writes ``.claude/settings.local.json`` it adds one rule to the user's global
git ignore file, unless git already ignores the file. Read in Claude Code 2.1.332's binary
(its ``gitignore_global_rule`` step): the file is git's ``core.excludesfile`` (global config
only, ``~`` expanded, absolute paths only), else ``$XDG_CONFIG_HOME/git/ignore``, else
``~/.config/git/ignore``; the rule is appended as ``\\n<rule>\\n``, or written as
``<rule>\\n`` when the file does not exist, and never added twice. ``--scope local`` does the
same, so a pin written there is not committed by accident; ``undo`` and ``uninstall --all``
take back only the rule ccprofile added.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

RULE = "**/.claude/settings.local.json"
LOCAL_FILE = ".claude/settings.local.json"
KIND = "git-ignore"  # the ledger's kind for the ignore file


def with_rule(text: str, missing: bool) -> str | None:
    """The ignore file with the rule added as Claude Code adds it; None when it has it."""
    if missing:
        return RULE + "\n"
    if RULE in text:
        return None
    return f"{text}\n{RULE}\n"


def without_rule(text: str) -> str:
    """The ignore file without the rule ccprofile added: exactly as before when the rule is
    still last; else the rule's line and the blank line put before it (lines added by hand
    since stay)."""
    if text == RULE + "\n":
        return ""
    if text.endswith(f"\n{RULE}\n"):
        return text[: -len(RULE) - 2]
    lines = text.splitlines(keepends=True)
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].strip() == RULE:
            start = index - 1 if index > 0 and lines[index - 1].strip() == "" else index
            return "".join(lines[:start] + lines[index + 1 :])
    return text


def _git(args: list[str], cwd: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str] | None:
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, env=dict(env), capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None  # no git (or one that hangs): Claude Code falls back to the XDG place too


def ignore_file(project: Path, env: Mapping[str, str], home: Path) -> Path | None:
    """The global ignore file Claude Code writes the rule to; None when ``core.excludesfile``
    is ``~`` alone, the home directory itself, where Claude Code's write fails."""
    git_env = {**env, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(home)}
    found = _git(["--git-dir=/dev/null", "config", "--no-includes", "core.excludesfile"], project, git_env)
    value = found.stdout.strip() if found is not None and found.returncode == 0 else ""
    if value == "~":
        return None
    if value.startswith("~/"):
        return home / value[2:]
    if value and os.path.isabs(value):
        return Path(value)
    xdg = env.get("XDG_CONFIG_HOME", "")
    if xdg and os.path.isabs(xdg):
        return Path(xdg) / "git" / "ignore"
    return home / ".config" / "git" / "ignore"


def tracked(project: Path, env: Mapping[str, str], home: Path) -> bool:
    """Whether git already tracks the local settings file: no ignore rule keeps a tracked
    file out of commits (Claude Code warns "already_tracked" then)."""
    found = _git(["ls-files", "--error-unmatch", "--", LOCAL_FILE], project, {**env, "HOME": str(home)})
    return found is not None and found.returncode == 0


def ignored(project: Path, env: Mapping[str, str], home: Path) -> bool:
    """Whether git already ignores the project's local settings file (False outside a git
    repository, and without git: Claude Code adds the rule then too)."""
    git_env = {**env, "HOME": str(home)}
    inside = _git(["rev-parse", "--is-inside-work-tree"], project, git_env)
    if inside is None or inside.returncode != 0 or inside.stdout.strip() != "true":
        return False
    checked = _git(["check-ignore", "-q", "--", LOCAL_FILE], project, git_env)
    return checked is not None and checked.returncode == 0
