"""Which settings keys hold ccprofile's pins now, for status: its record read as plain JSON.

The record's format is ``storage/records.py``'s; status runs on every prompt and only needs to
know which keys are ccprofile's, so it reads just those fields here, as plain JSON: the
record's classes cost status 3 ms to create (measured), and the write path more.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import PRIMARY
from ccprofile.storage.state import RECORD_FILE


def ours(state_dir: Path, documents: Sequence[Settings]) -> dict[str, dict[str, str]]:
    """file -> pin variable -> the --scope it was set with, for each key that still holds a
    value ccprofile wrote (a key someone changed since is theirs). A record that cannot be
    read counts as empty: a report must never fail on it."""
    try:
        files = json.loads((state_dir / RECORD_FILE).read_bytes())["files"]
        entries = {os.path.realpath(path): entry for path, entry in files.items() if isinstance(entry, dict)}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    mine: dict[str, dict[str, str]] = {}
    for document in documents:
        entry = entries.get(os.path.realpath(document.path))
        keys = entry.get("keys") if entry is not None else None
        for name, key in keys.items() if isinstance(keys, dict) else ():
            value = document.model if name == PRIMARY else document.env.get(name)
            if isinstance(key, dict) and value is not None and value in (key.get("written"), key.get("also")):
                mine.setdefault(str(document.path), {})[name] = str(entry.get("scope"))  # type: ignore[union-attr]
    return mine
