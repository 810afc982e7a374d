"""Which settings files a ``claude`` started in a directory reads, lowest layer first, and
reading them (or taking a planned write's bytes instead, for the check before a write)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ccprofile.claude.projects import Project, find_project
from ccprofile.claude.settings import MAX_BYTES, Settings, parse
from ccprofile.claude.variables import CONFIG_DIR
from ccprofile.storage.overlay import NONE, Overlay

MANAGED_DIRS = {
    "linux": Path("/etc/claude-code"),
    "darwin": Path("/Library/Application Support/ClaudeCode"),
    "win32": Path("C:/Program Files/ClaudeCode"),
}
# Lets tests (and curious admins) point status at another managed-settings directory.
MANAGED_OVERRIDE = "CCPROFILE_MANAGED_SETTINGS_DIR"


def locations(
    env: Mapping[str, str], home: Path, cwd: Path, platform: str, project: Project | None = None
) -> list[tuple[str, Path]]:
    """Every settings file a ``claude`` started in ``cwd`` would read, lowest precedence first.

    Started in a subdirectory of a repository, it reads the local settings at the repository
    root as well, above those of ``cwd`` (tests/e2e, 2.1.331 and 2.1.332: with both files, the
    root's value is sent), but the project settings only from ``cwd`` (see ``projects``).
    """
    config = Path(env[CONFIG_DIR]) if env.get(CONFIG_DIR) else home / ".claude"
    managed = (
        Path(env[MANAGED_OVERRIDE])
        if env.get(MANAGED_OVERRIDE)
        else MANAGED_DIRS.get(platform, MANAGED_DIRS["linux"])
    )
    try:
        drop_ins = sorted((managed / "managed-settings.d").glob("*.json"))
    except OSError:
        drop_ins = []
    project = project or find_project(cwd, home)
    root_local = (
        [("local-settings", project.root / ".claude" / "settings.local.json")]
        if project.root is not None and project.in_subdirectory
        else []
    )
    return [
        ("user-settings", config / "settings.json"),
        ("project-settings", cwd / ".claude" / "settings.json"),
        ("local-settings", cwd / ".claude" / "settings.local.json"),
        *root_local,
        ("managed-settings", managed / "managed-settings.json"),
        *(("managed-settings", path) for path in drop_ins),
    ]


def load(
    env: Mapping[str, str],
    home: Path,
    cwd: Path,
    platform: str,
    planned: Overlay = NONE,
    project: Project | None = None,
) -> list[Settings]:
    """Every settings file that exists, parsed; ``planned`` gives files as a write would
    leave them (None: deleted), to check a change before making it."""
    found: list[Settings] = []
    seen: set[Path] = set()
    for source, path in locations(env, home, cwd, platform, project):
        # Run from the home directory, <cwd>/.claude/settings.json is the user settings file:
        # list it once, under its lower layer (applying the same env twice changes nothing).
        real = Path(os.path.realpath(path))
        if real in seen:
            continue
        seen.add(real)
        document = read(source, path, planned)
        if document is not None:
            found.append(document)
    return found


def read(source: str, path: Path, planned: Overlay = NONE) -> Settings | None:
    """One settings file as it is, or as ``planned`` leaves it; None when there is none."""
    if planned.holds(path):
        data = planned.data(path)
        return parse(source, path, data) if data is not None else None
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return None
    except OSError as error:
        return Settings(source, path, error=f"cannot be read ({error.strerror}); ignored")
    return parse(source, path, data)
