"""Where a pin can live: the one table of scopes, read by the writing commands, the check of a
team's expectations, the warnings and the command line's choices.

``shell`` is ccprofile's block in a startup file; every other scope is one of Claude Code's
settings files, named by the source that file has in a status report (docs/scopes.md).
"""

from __future__ import annotations


class Scope:
    """One row of the table. A plain slotted class, as the provider table's (import time)."""

    __slots__ = ("administered", "git_ignored", "name", "per_project", "shared", "sources")

    # The rows are built when the module is imported, before a mutation run switches a mutant
    # on, so no mutant of this is ever seen: tests check each row's values instead.
    # pragma: no mutate block
    def __init__(
        self,
        name: str,  # what --scope takes
        sources: tuple[str, ...],  # the sources a model set there has in a report (status's "source")
        *,
        per_project: bool = False,  # a file of a project's directory, which --project names
        shared: bool = False,  # committed for the team: a key ccprofile did not write is the team's
        git_ignored: bool = False,  # kept out of Git (ccprofile adds the rule to .gitignore)
        administered: bool = False,  # an administrator's, in a system directory
    ) -> None:
        self.name, self.sources, self.per_project = name, sources, per_project
        self.shared, self.git_ignored, self.administered = shared, git_ignored, administered


TABLE = (
    # "untraced": a value a probed new shell has from a startup-file line the scan could not follow.
    Scope("shell", ("profile", "environment", "session", "untraced")),
    Scope("user", ("user-settings",)),
    Scope("project", ("project-settings",), per_project=True, shared=True),
    Scope("local", ("local-settings",), per_project=True, git_ignored=True),
    Scope("managed", ("managed-settings",), administered=True),
)
BY_NAME = {scope.name: scope for scope in TABLE}
# scope -> the sources a model set there has in a report, lowest precedence first
SOURCES = {scope.name: scope.sources for scope in TABLE}
SCOPES = tuple(SOURCES)
# scope -> its settings file's source, for the scopes that are settings files
SETTINGS_SOURCES = {scope: sources[0] for scope, sources in SOURCES.items() if scope != "shell"}
PER_PROJECT = tuple(scope.name for scope in TABLE if scope.per_project)


def rank(source: str) -> int:
    """The precedence of a report's source: the table's order, lowest first."""
    return next(i for i, scope in enumerate(TABLE) if source in scope.sources)


def named(given: str) -> str | None:
    """The scope ``given`` names, in any letter case; None for no scope."""
    chosen = given.lower()
    return chosen if chosen in SOURCES else None


def unknown(given: str) -> str:
    """The words for a scope that is none."""
    return f"unknown scope {given!r}: choose one of {', '.join(SCOPES)}"
