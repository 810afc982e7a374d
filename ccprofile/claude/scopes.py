"""Where a pin can live: the one table of scopes, read by the writing commands, the check of a
team's expectations, and the command line's choices.

``shell`` is ccprofile's block in a startup file; every other scope is one of Claude Code's
settings files, named by the source that file has in a status report (docs/scopes.md).
"""

from __future__ import annotations

# scope -> the sources a model set there has in a report (status's "source" field)
SOURCES = {
    "shell": ("profile", "environment", "session"),
    "user": ("user-settings",),
    "project": ("project-settings",),
    "local": ("local-settings",),
    "managed": ("managed-settings",),
}
SCOPES = tuple(SOURCES)
# scope -> its settings file's source, for the scopes that are settings files
SETTINGS_SOURCES = {scope: sources[0] for scope, sources in SOURCES.items() if scope != "shell"}


def named(given: str) -> str | None:
    """The scope ``given`` names, in any letter case; None for no scope."""
    chosen = given.lower()
    return chosen if chosen in SOURCES else None


def unknown(given: str) -> str:
    """The words for a scope that is none."""
    return f"unknown scope {given!r}: choose one of {', '.join(SCOPES)}"
