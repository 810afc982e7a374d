"""Which project a ``claude`` started in a directory belongs to: the directory itself, and the
root of the git repository around it.

Claude Code 2.1.332, started in ``repo/src`` (observed request by request; tests/e2e checks it
against every recorded release): it reads ``repo/.claude/settings.local.json``, the local
settings at the repository root (above ``repo/src/.claude/settings.local.json``, which it reads
too), but not ``repo/.claude/settings.json``: project settings come from the start directory
only. So a team's committed pin reaches a ``claude`` started at the
root, and status must say so when it is started anywhere else.
"""

from __future__ import annotations

from pathlib import Path


def repository_root(start: Path, home: Path | None = None) -> Path | None:
    """The nearest directory at or above ``start`` with a ``.git`` (a directory, or the file a
    worktree or submodule has); None outside a repository. Read from the disk, never by
    starting git: status must not start a process. A home directory kept in git (dotfiles)
    is no project: its ``.claude/settings.json`` is the user's settings file."""
    for directory in (start, *start.parents):
        if directory == home:
            return None
        if (directory / ".git").exists():
            return directory
    return None


class Project:
    """Where ``claude`` starts (``start``) and the repository root above it, if any.

    A plain class, not a dataclass: status builds its classes on every prompt, and a
    dataclass costs a millisecond or two to create there (docs/performance.md).
    """

    __slots__ = ("root", "start")

    def __init__(self, start: Path, root: Path | None) -> None:
        self.start = start
        self.root = root

    @property
    def in_subdirectory(self) -> bool:
        return self.root is not None and self.root != self.start

    @property
    def home(self) -> Path:
        """Where a project's settings belong: the repository root, else the start directory."""
        return self.root or self.start


def find_project(start: Path, home: Path | None = None) -> Project:
    # Resolved as a process's working directory is: `--project ~/link` is the directory it
    # points to, whose parents are the repository's (Claude Code's cwd is the real path too).
    start = start.resolve()
    return Project(start, repository_root(start, home))
