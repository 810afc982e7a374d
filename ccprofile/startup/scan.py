"""What a new terminal's startup files export, read statically (no shell is started).

Reads each file the shell would read, in order, and collects every assignment or removal of
the variables status cares about, noting which ones sit inside the ccprofile block.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.startup import block, fileio
from ccprofile.startup.shells import Home, Shell
from ccprofile.startup.syntax import expand

MAX_BYTES = 4 << 20  # a startup file larger than this is skipped with a warning


@dataclass(frozen=True)
class Assignment:
    path: Path
    line: int
    name: str
    value: str | None  # None: the line removes the variable
    in_block: bool
    dynamic: bool  # the value expands something ccprofile could not evaluate


@dataclass(frozen=True)
class Scan:
    shell: str
    files: tuple[Path, ...]
    assignments: tuple[Assignment, ...]
    problems: tuple[str, ...]
    crlf: tuple[Path, ...] = ()  # files with CR line endings, which this shell misreads

    def final(self, name: str) -> Assignment | None:
        """The assignment of ``name`` that a new terminal ends up with."""
        found = [a for a in self.assignments if a.name == name]
        return found[-1] if found else None

    def pinned(self, name: str) -> Assignment | None:
        """The ccprofile block's assignment of ``name``."""
        return next((a for a in self.assignments if a.name == name and a.in_block), None)

    def after_block(self, name: str) -> list[Assignment]:
        pin = self.pinned(name)
        if pin is None:
            return []
        index = self.assignments.index(pin)
        return [a for a in self.assignments[index + 1 :] if a.name == name and not a.in_block]


def _block_lines(text: str) -> set[int]:
    inside: set[int] = set()
    for found in block.find_blocks(text):
        inside.update(range(found.first_line, found.last_line + 1))
    return inside


def _read(path: Path, planned: Mapping[Path, bytes | None]) -> bytes | None:
    if path in planned:
        return planned[path]
    with open(path, "rb") as handle:
        return handle.read(MAX_BYTES + 1)


def scan(
    shell: Shell,
    home: Home,
    names: Iterable[str],
    extra: Sequence[Path] = (),
    planned: Mapping[Path, bytes | None] | None = None,
) -> Scan:
    """``planned`` gives files as a write would leave them (None: deleted), to check a change
    before it is made."""
    wanted = set(names)
    # Only a line that names a wanted variable can assign it: finding those first keeps a
    # large startup file (and every write's effect check) from parsing every line.
    mentions = re.compile("|".join(re.escape(name) for name in sorted(wanted)))
    files = list(dict.fromkeys([*shell.reads(home), *extra]))
    variables = dict(home.env)
    assignments: list[Assignment] = []
    problems: list[str] = []
    crlf: list[Path] = []
    for path in files:
        try:
            data = _read(path, planned or {})
        except (FileNotFoundError, NotADirectoryError):
            continue
        except OSError as error:
            problems.append(f"{path}: cannot be read ({error.strerror})")
            continue
        if data is None:
            continue
        if len(data) > MAX_BYTES or b"\0" in data:
            problems.append(f"{path}: too large or not text; not read")
            continue
        text = fileio.decode(data)
        if "\r\n" in text and shell.syntax.newline is not None:
            crlf.append(path)
        try:
            inside = _block_lines(text)
        except block.MarkerError as error:
            problems.append(f"{path}: {error}")
            inside = set()
        # Only \n ends a line for a shell: a \r before it stays in the line, and in the value.
        for number, line in enumerate(text.split("\n"), start=1):
            if mentions.search(line) is None:
                continue
            statement = shell.syntax.parse(line)
            if statement is None or statement.name not in wanted:
                continue
            value: str | None = None
            dynamic = False
            if statement.value is not None:
                value = statement.value.value
                if statement.value.dynamic:
                    expanded = expand(value, variables)
                    dynamic = expanded is None
                    value = value if expanded is None else expanded
                variables[statement.name] = value
            assignments.append(Assignment(path, number, statement.name, value, number in inside, dynamic))
    return Scan(shell.name, tuple(files), tuple(assignments), tuple(problems), tuple(crlf))
