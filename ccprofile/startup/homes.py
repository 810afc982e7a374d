"""The edge where a user's home is read: ``HOME`` from the environment, and the few facts on
disk the shells' path rules need (which files exist, what ``~/.zshenv`` says, what fish's
``conf.d`` holds), taken once into a ``Home`` snapshot.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from ccprofile.errors import CcprofileError
from ccprofile.startup.home_snapshot import Home
from ccprofile.startup.shells import SHELLS
from ccprofile.system.platforms import WINDOWS, current

MAX_TEXT_BYTES = 1 << 20  # a ~/.zshenv larger than this is not read for ZDOTDIR


def home_path(env: Mapping[str, str]) -> Path:
    """The user's home from ``HOME`` (on Windows ``USERPROFILE``, where Claude Code looks for
    ``.claude``); refuse an unset or relative one rather than guess."""
    name = "USERPROFILE" if current(env) == WINDOWS and env.get("USERPROFILE") else "HOME"
    value = env.get(name, "")
    if not value:
        raise CcprofileError("HOME is not set: cannot tell where your startup files and backups are")
    if not os.path.isabs(value):
        raise CcprofileError(f"{name} is a relative path ({value!r}): set it to an absolute path")
    return Path(value)


def _read_text(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_TEXT_BYTES).decode("utf-8", errors="replace")
    except OSError:
        return None


def _list(directory: Path) -> tuple[str, ...]:
    try:
        return tuple(entry.name for entry in os.scandir(directory))
    except OSError:
        return ()


def read_home(env: Mapping[str, str], platform: str) -> Home:
    """A ``Home`` with everything every shell record asked to know about the disk."""
    documents = None
    if platform == WINDOWS:
        from ccprofile.system.registry import documents_folder

        documents = documents_folder(env)
    bare = Home(home_path(env), env, platform, documents=documents)
    exists: set[Path] = set()
    texts: dict[Path, str] = {}
    listings: dict[Path, tuple[str, ...]] = {}
    for shell in SHELLS.values():
        looks = shell.looks(bare)
        exists.update(p for p in looks.exists if p.exists() or p.is_symlink())
        for path in looks.texts:
            text = _read_text(path)
            if text is not None:
                texts[path] = text
        for directory in looks.listings:
            listings[directory] = _list(directory)
    return Home(bare.path, env, platform, frozenset(exists), texts, listings, documents)
