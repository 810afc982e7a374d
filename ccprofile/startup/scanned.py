"""What a static reading of a new shell's startup files found: each assignment of a variable
status watches, what it could not follow, where the shell stops. Values only; ``scan`` reads
the files.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.startup import block


@dataclass(frozen=True)
class Assignment:
    path: Path
    line: int
    name: str
    value: str | None  # None: the line removes the variable
    in_block: bool


class Stop(Exception):
    """The shell stops reading startup files here; ``level`` says how far up (see Shell)."""

    def __init__(self, level: str) -> None:
        super().__init__(level)
        self.level = level


class Unseen:
    """A line whose effect a static reading cannot know (or, in ``Scan.stops``, where the
    shell stops reading). A plain class: a dataclass costs status a millisecond to create."""

    __slots__ = ("line", "path", "reason")

    def __init__(self, path: Path, line: int, reason: str) -> None:
        self.path, self.line, self.reason = path, line, reason

    def _key(self) -> tuple[Path, int, str]:
        return (self.path, self.line, self.reason)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unseen) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return f"Unseen({self.path!r}, {self.line}, {self.reason!r})"

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.reason}"


class Unended(Unseen):
    """In ``Scan.stops``: a here-document no line ends, so the shell reads the rest of the file
    as its text; ``word`` is the line that would end it."""

    __slots__ = ("word",)

    def __init__(self, stop: Unseen, word: str) -> None:
        super().__init__(stop.path, stop.line, stop.reason)
        self.word = word


@dataclass(frozen=True)
class Scan:
    shell: str
    files: tuple[Path, ...]  # every file read, in order, sourced ones included
    assignments: tuple[Assignment, ...]
    problems: tuple[str, ...]
    crlf: tuple[Path, ...] = ()  # files with CR line endings, which this shell misreads
    unseen: tuple[Unseen, ...] = ()
    login: bool = False
    stops: tuple[Unseen, ...] = ()  # where the shell stops reading (a known error), in order
    # Each file read, as text: what a fix for another start looks at (a line would loop).
    texts: Mapping[Path, str] = field(default_factory=dict)

    @property
    def certain(self) -> bool:
        return not self.unseen

    def final(self, name: str) -> Assignment | None:
        """The assignment of ``name`` that a new terminal ends up with."""
        found = [a for a in self.assignments if a.name == name]
        return found[-1] if found else None

    def pinned(self, name: str) -> Assignment | None:
        """The ccprofile block's assignment of ``name``."""
        return next((a for a in self.assignments if a.name == name and a.in_block), None)

    def block_past(self, stop: Unseen) -> int | None:
        """The first line of a ccprofile block the shell never reads, being below ``stop`` in
        the same file, or None."""
        try:
            found = block.find_blocks(self.texts.get(stop.path, ""))
        except block.MarkerError:
            return None  # the markers' own problem is reported where the block is read
        return next((b.first_line for b in found if b.first_line > stop.line), None)

    def after_block(self, name: str) -> list[Assignment]:
        pin = self.pinned(name)
        if pin is None:
            return []
        index = self.assignments.index(pin)
        return [a for a in self.assignments[index + 1 :] if a.name == name and not a.in_block]
