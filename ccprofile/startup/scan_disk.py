"""What a reading of startup files asks of the disk: a file's bytes, whether a path exists or
passes a shell's file test, what a pattern matches. A planned write's files stand in for
theirs, so that a change is checked before it is made."""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from ccprofile.startup.home_snapshot import Entry, Home
from ccprofile.startup.shells import Shell

MAX_BYTES = 4 << 20  # a startup file larger than this is skipped with a warning


def _special(path: Path) -> bool:
    """A path that exists and is not a regular file (a FIFO, /dev/stdin): reading it could block."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


class Disk:
    """The disk as one reading sees it; a file it cannot read is a line in ``problems``."""

    def __init__(self, planned: Mapping[Path, bytes | None], problems: list[str]) -> None:
        self.planned, self.problems = planned, problems

    def read(self, path: Path) -> bytes | None:
        if path in self.planned:
            return self.planned[path]
        try:
            with open(path, "rb") as handle:
                return handle.read(MAX_BYTES + 1)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        except OSError as error:
            self.problems.append(f"{path}: cannot be read ({error.strerror})")
            return None

    def exists(self, path: Path) -> bool:
        if path in self.planned:
            return self.planned[path] is not None
        try:
            return path.is_file()
        except OSError:
            return False

    def special(self, path: Path) -> bool:
        return path not in self.planned and _special(path)

    def glob(self, full: str) -> list[str]:
        """The files the pattern ``full`` (a whole path) matches, in the shell's order."""
        import glob  # only a loop over a pattern needs these
        from fnmatch import fnmatch

        found = set(glob.glob(full)) | {
            str(p) for p, d in self.planned.items() if d is not None and fnmatch(str(p), full)
        }
        found -= {str(p) for p, d in self.planned.items() if d is None}
        return sorted(found)

    def file_test(self, op: str, path: Path) -> bool | None:
        """``[ op path ]`` as the shell decides it; None where the disk cannot say (no right to look)."""
        if path in self.planned:
            data = self.planned[path]
            return data is not None and (op != "-s" or bool(data)) and op not in ("-d", "-h", "-L")
        try:
            if op == "-d":
                return path.is_dir()
            if op in ("-h", "-L"):
                return path.is_symlink()
            if op == "-e":
                return path.exists()
            if op == "-r":
                return os.access(path, os.R_OK)
            if op == "-s":
                return path.is_file() and path.stat().st_size > 0
            return path.is_file()
        except OSError:
            return None


def entries(shell: Shell, home: Home, login: bool, planned: Mapping[Path, bytes | None]) -> list[Entry]:
    """What the shell reads, with a write's planned files in the folder it reads in name order
    (fish's conf.d): the snapshot of the folder was taken before the write."""
    entries = list(shell.reads(home, login))
    if shell.snippets is None:
        return entries
    folder = shell.snippets(home)
    listed = {e for e in entries if isinstance(e, Path) and e.parent == folder}
    suffix = shell.file_suffix or ""
    listed |= {
        p
        for p, data in planned.items()
        if data is not None and p.parent == folder and p.name.endswith(suffix)
    }
    listed -= {p for p, data in planned.items() if data is None}
    return [*sorted(listed), *(e for e in entries if not (isinstance(e, Path) and e.parent == folder))]


def as_planned(home: Home, planned: Mapping[Path, bytes | None]) -> Home:
    """The home as a write would leave it: a file it creates exists for the rules that ask
    which file exists (bash on macOS reads the first login file there is), one it deletes not."""
    if not planned:
        return home
    made = {path for path, data in planned.items() if data is not None}
    gone = {path for path, data in planned.items() if data is None}
    return dataclasses.replace(home, existing=(home.existing | made) - gone)
