"""What a reading of startup files asks of the disk: a file's bytes, whether a path exists or
passes a shell's file test, what a pattern matches. A planned write's files stand in for
theirs, so that a change is checked before it is made."""

from __future__ import annotations

import dataclasses
import os
import stat
from pathlib import Path

from ccprofile.startup.home_snapshot import Entry, Home
from ccprofile.startup.shells import Shell
from ccprofile.storage.overlay import Overlay

MAX_BYTES = 4 << 20  # a startup file larger than this is skipped with a warning


def _special(path: Path) -> bool:
    """A path that exists and is not a regular file (a FIFO, /dev/stdin): reading it could block."""
    try:
        return not stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False


class Disk:
    """The disk as one reading sees it; a file it cannot read is a line in ``problems``."""

    def __init__(self, planned: Overlay, problems: list[str]) -> None:
        self.planned, self.problems = planned, problems

    def read(self, path: Path) -> bytes | None:
        if self.planned.holds(path):
            return self.planned.data(path)
        try:
            with open(path, "rb") as handle:
                return handle.read(MAX_BYTES + 1)
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return None
        except OSError as error:
            self.problems.append(f"{path}: cannot be read ({error.strerror})")
            return None

    def exists(self, path: Path) -> bool:
        if self.planned.holds(path):
            return self.planned.writes(path)
        try:
            return path.is_file()
        except OSError:
            return False

    def special(self, path: Path) -> bool:
        return not self.planned.holds(path) and _special(path)

    def glob(self, full: str) -> list[str]:
        """The files the pattern ``full`` (a whole path) matches, in the shell's order."""
        import glob  # only a loop over a pattern needs these
        from fnmatch import fnmatch

        found = set(glob.glob(full))
        if self.planned:
            # A file the write creates is in no listing yet: look for it in each folder matched.
            head, tail = os.path.split(full)
            folders = glob.glob(head) if any(c in head for c in "*?[") else [head]
            made = (p for folder in folders for p in self.planned.written_in(Path(folder)))
            found |= {str(p) for p in made if fnmatch(p.name, tail)}
            found = {f for f in found if not self.planned.deletes(Path(f))}
        return sorted(found)

    def file_test(self, op: str, path: Path) -> bool | None:
        """``[ op path ]`` as the shell decides it; None where the disk cannot say (no right to look)."""
        if self.planned.holds(path):
            data = self.planned.data(path)
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


def entries(shell: Shell, home: Home, login: bool, planned: Overlay) -> list[Entry]:
    """What the shell reads, with a write's planned files in the folder it reads in name order
    (fish's conf.d): the snapshot of the folder was taken before the write."""
    entries = list(shell.reads(home, login))
    if shell.snippets is None:
        return entries
    folder = shell.snippets(home)
    listed = {e for e in entries if isinstance(e, Path) and e.parent == folder}
    suffix = shell.file_suffix or ""
    listed |= {p for p in planned.written_in(folder) if p.name.endswith(suffix)}
    listed = {p for p in listed if not planned.deletes(p)}
    return [*sorted(listed), *(e for e in entries if not (isinstance(e, Path) and e.parent == folder))]


def as_planned(home: Home, planned: Overlay) -> Home:
    """The home as a write would leave it: a file it creates exists for the rules that ask
    which file exists (bash on macOS reads the first login file there is), one it deletes not."""
    if not planned:
        return home
    gone = {path for path in home.existing if planned.deletes(path)}
    return dataclasses.replace(home, existing=(home.existing | planned.written()) - gone)
