"""The files a write is about to change, as it would leave them, for the check before the
write: every reading that asks the disk (the startup-file scan, the settings files) asks this
first. One rule says which file a path names: its real path, so that a file reached through a
link, or spelled another way, is the file the write changes."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path


def _real(path: Path) -> Path:
    return Path(os.path.realpath(path))


class Overlay:
    """Planned bytes by file; None: the write deletes the file. Empty for a plain status, so
    that a reading without a write resolves no path."""

    __slots__ = ("_files",)

    def __init__(self, files: Mapping[Path, bytes | None] | None = None) -> None:
        # The real path -> (the path as the write names it, the bytes it leaves).
        self._files = {_real(path): (path, data) for path, data in (files or {}).items()}

    def __bool__(self) -> bool:
        return bool(self._files)

    def _entry(self, path: Path) -> tuple[Path, bytes | None] | None:
        return self._files.get(_real(path)) if self._files else None

    def holds(self, path: Path) -> bool:
        return self._entry(path) is not None

    def data(self, path: Path) -> bytes | None:
        """The bytes the write leaves at ``path`` (which ``holds`` must hold); None: none."""
        return self._files[_real(path)][1]

    def writes(self, path: Path) -> bool:
        entry = self._entry(path)
        return entry is not None and entry[1] is not None

    def deletes(self, path: Path) -> bool:
        entry = self._entry(path)
        return entry is not None and entry[1] is None

    def written(self) -> frozenset[Path]:
        """The files the write leaves, as it names them."""
        return frozenset(named for named, data in self._files.values() if data is not None)

    def written_in(self, folder: Path) -> list[Path]:
        """The files the write leaves in ``folder``, named under it (a new file is in no listing)."""
        if not self._files:
            return []
        real = _real(folder)
        made = (path for path, (_, data) in self._files.items() if data is not None)
        return [folder / path.name for path in made if path.parent == real]


NONE = Overlay()  # a reading without a write
