"""Which Claude Code is installed, and whose rules ccprofile applies to it.

Found without running it where the install layout tells: ``claude`` on ``PATH`` (or
``CCPROFILE_CLAUDE``) with links resolved, then the npm package's ``package.json`` beside the
binary, or the native installer's ``versions/VERSION`` file. Only a binary that neither
explains is asked ``claude --version``, with a 1 s limit. ``pick_rules`` is pure.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import BadValue

OVERRIDE = "CCPROFILE_CLAUDE"  # another binary to ask about (tests; several installs)
PACKAGE = "@anthropic-ai/claude-code"
VERSION_TIMEOUT = 1.0
_VERSION = re.compile(r"(\d+)\.(\d+)\.(\d+)")
_PACKAGE_DEPTH = 4  # node_modules/@anthropic-ai/claude-code/bin/claude.exe: three levels up


class Installed:
    """The ``claude`` found: its version and path. A plain class: status imports it, and a
    dataclass costs status a millisecond to create (docs/performance.md)."""

    __slots__ = ("path", "problem", "version")

    def __init__(self, version: str | None, path: str | None, problem: str | None = None) -> None:
        self.version = version
        self.path = path
        self.problem = problem  # why the version is unknown


class Rules:
    """Whose recorded rules apply. A plain class, as ``Installed``."""

    __slots__ = ("note", "version")

    def __init__(self, version: str, note: str | None) -> None:
        self.version = version  # the recorded release whose rules apply
        self.note = note  # said when that is not exactly the installed release


def version_key(version: str) -> tuple[int, ...]:
    match = _VERSION.match(version)
    return tuple(int(part) for part in match.groups()) if match else (0,)


def pick_rules(installed: str | None, recorded: Sequence[str], problem: str | None = None) -> Rules:
    """The recorded release whose rules fit ``installed`` best, and a note when not exact."""
    newest, oldest = recorded[-1], recorded[0]
    if installed is None:
        return Rules(
            newest,
            f"Claude Code's version is unknown ({problem or 'not found'}); the rules are those of "
            f"{newest}, the newest release ccprofile recorded.",
        )
    if installed in recorded:
        return Rules(installed, None)
    if version_key(installed) > version_key(newest):
        return Rules(
            newest,
            f"Claude Code {installed} is newer than {newest}, the newest release whose rules ccprofile "
            "recorded; its defaults may differ (pinned models do not depend on them).",
        )
    if version_key(installed) < version_key(oldest):
        return Rules(
            oldest,
            f"Claude Code {installed} is older than {oldest}, the oldest release whose rules ccprofile "
            "recorded; its defaults may differ (pinned models do not depend on them).",
        )
    below = max((r for r in recorded if version_key(r) < version_key(installed)), key=version_key)
    return Rules(
        below,
        f"Claude Code {installed} was not measured; the rules are those of {below}, the nearest "
        "older release ccprofile recorded.",
    )


def _from_package(binary: Path) -> str | None:
    for parent in list(binary.parents)[:_PACKAGE_DEPTH]:
        manifest = parent / "package.json"
        try:
            data = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and data.get("name") == PACKAGE and isinstance(data.get("version"), str):
            return str(data["version"])
    return None


def _from_native(binary: Path) -> str | None:
    # The native installer keeps each release as ~/.local/share/claude/versions/VERSION.
    if binary.parent.name == "versions" and _VERSION.fullmatch(binary.name):
        return binary.name
    return None


def _from_running(binary: Path) -> tuple[str | None, str | None]:
    import subprocess  # the last resort; status usually reads the version from disk

    try:
        result = subprocess.run(
            [str(binary), "--version"],
            capture_output=True,
            text=True,
            timeout=VERSION_TIMEOUT,
            stdin=subprocess.DEVNULL,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return None, f"`{binary} --version` did not answer within {VERSION_TIMEOUT:.0f} s"
    except OSError as error:
        return None, f"{binary} cannot be run ({error.strerror})"
    match = _VERSION.search(result.stdout)
    if match is None:
        return None, f"`{binary} --version` printed no version"
    return match.group(0), None


def _on_path(name: str, env: Mapping[str, str]) -> str | None:
    """``shutil.which``, without importing shutil (and what it imports) on status's hot path."""
    if sys.platform == "win32":
        import shutil  # PATHEXT and the other Windows rules

        return shutil.which(name, path=env.get("PATH"))
    for directory in env.get("PATH", os.defpath).split(os.pathsep):
        candidate = os.path.join(directory or ".", name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def _dangling_on_path(env: Mapping[str, str]) -> str | None:
    """A ``claude`` link on PATH whose target is gone (an uninstalled npm package): which()
    passes over it, but the user should hear about it."""
    for directory in env.get("PATH", "").split(os.pathsep):
        candidate = os.path.join(directory, "claude")
        if directory and os.path.islink(candidate) and not os.path.exists(candidate):
            return candidate
    return None


def find_claude(env: Mapping[str, str]) -> Installed:
    """The installed Claude Code: its version and path, or why the version is unknown."""
    named = env.get(OVERRIDE)
    found = named or _on_path("claude", env) or _dangling_on_path(env)
    if not found:
        return Installed(None, None, "no `claude` on PATH")
    if not os.path.exists(found):
        why = "it does not exist" if not os.path.islink(found) else "it is a link to nothing"
        return Installed(None, found, f"{found}: {why}")
    binary = Path(os.path.realpath(found))
    version = _from_package(binary) or _from_native(binary)
    if version is not None:
        return Installed(version, found)
    version, problem = _from_running(binary)
    return Installed(version, found, problem)


@dataclass(frozen=True)
class ClaudeCode:
    """The Claude Code a prediction is for, and the recorded rules it uses."""

    installed: Installed
    rules: Rules

    def to_json(self) -> dict[str, str | None]:
        return {"version": self.installed.version, "path": self.installed.path, "rules": self.rules.version}


def claude_here(env: Mapping[str, str], requested: str | None = None) -> ClaudeCode:
    """The installed Claude Code and its rules; ``requested`` (a recorded release) instead."""
    from ccprofile.claude.catalog import recorded_releases

    recorded = recorded_releases()
    if requested is not None:
        if requested not in recorded:
            raise BadValue(
                f"no rules are recorded for Claude Code {requested}: choose one of {', '.join(recorded)}"
            )
        return ClaudeCode(Installed(requested, None), Rules(requested, None))
    installed = find_claude(env)
    return ClaudeCode(installed, pick_rules(installed.version, recorded, installed.problem))
