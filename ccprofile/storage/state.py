"""ccprofile's own state directory and what lives there: the ledger, the settings record,
one backup folder per file changed."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ccprofile.system.platforms import WINDOWS

# typing costs status 5 ms to import, and this module is on status's path: the protocol is only
# an annotation, never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Protocol

    class HomeLike(Protocol):
        """What the state directory's rule reads of a home (``startup.home_snapshot.Home`` has it)."""

        @property
        def path(self) -> Path: ...

        @property
        def env(self) -> Mapping[str, str]: ...

        @property
        def platform(self) -> str: ...


def state_dir(home: HomeLike) -> Path:
    """ccprofile's own directory for backups: ``${XDG_STATE_HOME:-~/.local/state}/ccprofile``;
    on Windows, without XDG_STATE_HOME, ``%LOCALAPPDATA%\\ccprofile``."""
    value = home.env.get("XDG_STATE_HOME", "")
    if os.path.isabs(value):
        return Path(value) / "ccprofile"
    local = home.env.get("LOCALAPPDATA", "")
    if home.platform == WINDOWS and os.path.isabs(local):
        return Path(local) / "ccprofile"
    return home.path / ".local" / "state" / "ccprofile"


LEDGER_FILE = "ledger.json"  # see ledger.py
RECORD_FILE = "settings-pins.json"  # see records.py


def ledger_places(state: Path) -> list[tuple[str, str, str]]:
    """(path, kind, label) of each file the ledger records, read without the ledger module:
    status looks at it on every run, and needs nothing else of it. [] if there is none or it
    cannot be read (`ccprofile list` reports that)."""
    import json

    try:
        with open(state / LEDGER_FILE, "rb") as handle:
            places = json.loads(handle.read())["places"]
        return [(str(p["path"]), str(p["kind"]), str(p["label"])) for p in places.values()]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def backup_dir_for(path: Path, home: HomeLike) -> Path:
    """A folder of its own for a file's backups, with a name a person recognises: ``zshrc``
    for ~/.zshrc, ``config-fish-conf.d-ccprofile.fish``, ``claude-settings.json``, ``etc-zshrc``."""
    try:
        where = path.relative_to(home.path)
    except ValueError:
        where = Path(*path.parts[1:])
    label = "-".join(part.lstrip(".") or part for part in where.parts)
    return state_dir(home) / "backups" / label
