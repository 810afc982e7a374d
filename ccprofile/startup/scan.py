"""What a new shell's startup files export, read statically (no shell is started).

Reads each file the shell would read, in order, as a login or a non-login shell, and follows
what they source (``source``/``.`` with a path it can work out, under a test of a file it can
decide, in a loop over a directory), collecting every assignment or removal of the variables
status cares about and noting which sit inside the ccprofile block. What it cannot follow (a
path through an unknown variable, ``eval``, a command's output, a condition it cannot decide
around a pin) is kept per file and line in ``unseen``: the prediction is then uncertain.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path

from ccprofile.startup import block, fileio, sourcing
from ccprofile.startup.shells import Entry, Home, Shell
from ccprofile.startup.sourcing import Step, Test
from ccprofile.startup.syntax import expand

MAX_BYTES = 4 << 20  # a startup file larger than this is skipped with a warning
MAX_DEPTH = 24  # files sourcing files: deeper than this is reported, not followed
_OWN_DIR = sourcing.OWN_DIR[2:-1]  # the variable a file's own directory is read through


@dataclass(frozen=True)
class Assignment:
    path: Path
    line: int
    name: str
    value: str | None  # None: the line removes the variable
    in_block: bool


@dataclass(frozen=True)
class Unseen:
    """A line whose effect a static reading cannot know."""

    path: Path
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.reason}"


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


class _Stop(Exception):
    """The shell stops reading startup files here; ``level`` says how far up (see Shell)."""

    def __init__(self, level: str) -> None:
        super().__init__(level)
        self.level = level


@dataclass
class _Walk:
    """One reading of a shell's startup files, in the order the shell runs them."""

    shell: Shell
    home: Home
    wanted: frozenset[str]
    planned: Mapping[Path, bytes | None]
    variables: dict[str, str]
    files: list[Path] = field(default_factory=list)
    assignments: list[Assignment] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    crlf: list[Path] = field(default_factory=list)
    unseen: list[Unseen] = field(default_factory=list)
    stops: list[Unseen] = field(default_factory=list)
    chain: list[Path] = field(default_factory=list)

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
        return path.is_file()

    def entry(self, entry: Entry) -> Path | None:
        if isinstance(entry, Path):
            return entry
        value = self.variables.get(entry.variable)
        if value is None:
            return entry.default
        expanded = expand(value, self.variables, strict=True)
        if expanded is None:
            where = self.chain[-1] if self.chain else self.home.path
            self.unseen.append(Unseen(where, 0, f"${entry.variable} names a file ccprofile cannot work out"))
            return None
        return self.path(expanded) if expanded else None

    def path(self, text: str) -> Path:
        # A new terminal starts in the home directory: a relative path is read from there.
        return Path(os.path.normpath(self.home.path / text))

    def file(self, path: Path, active: bool | None, at: tuple[Path, int] | None = None) -> None:
        if path in self.chain or len(self.chain) >= MAX_DEPTH:
            where, line = at or (path, 0)
            why = (
                "sources a file that is already being read (a cycle)"
                if path in self.chain
                else "nests too deep"
            )
            self.unseen.append(Unseen(where, line, f"{why}: {path}"))
            return
        data = self.read(path)
        if data is None:
            return
        if len(data) > MAX_BYTES or b"\0" in data:
            self.problems.append(f"{path}: too large or not text; not read")
            return
        self.files.append(path)
        text = fileio.decode(data)
        if "\r\n" in text and self.shell.syntax.newline is not None:
            self.crlf.append(path)
        try:
            inside = _block_lines(text)
        except block.MarkerError as error:
            self.problems.append(f"{path}: {error}")
            inside = set()
        own = self.variables.get(_OWN_DIR)
        self.variables[_OWN_DIR] = str(path.parent)
        self.chain.append(path)
        steps = sourcing.steps(text, self.shell.syntax.name)
        try:
            self.run(path, steps, 0, len(steps), active, inside)
        except _Stop as stop:
            # The shell stops reading this file here; how far up that goes is the shell's rule.
            if stop.level not in ("file", "sourced"):
                raise
        finally:
            self.chain.pop()
            if own is None:
                self.variables.pop(_OWN_DIR, None)
            else:
                self.variables[_OWN_DIR] = own

    def run(
        self, path: Path, steps: list[Step], start: int, end: int, active: bool | None, inside: set[int]
    ) -> None:
        i = start
        while i < end:
            step = steps[i]
            if step.kind in sourcing.OPENERS:
                close = min(sourcing.block_end(steps, i), end)
                self.block(path, steps, i, close, active, inside)
                i = close + 1
                continue
            if step.kind == sourcing.OPAQUE and active is not False:
                self.unseen.append(Unseen(path, step.line, step.reason))
            elif step.kind == sourcing.SOURCE:
                self.source(path, step, active)
            elif step.kind == sourcing.COMMAND:
                self.command(path, step, active, inside)
            i += 1

    def block(
        self, path: Path, steps: list[Step], start: int, close: int, active: bool | None, inside: set[int]
    ) -> None:
        step = steps[start]
        if step.kind == sourcing.OPEN:
            if step.runs is not False:
                self.run(path, steps, start + 1, close, active and step.runs, inside)
            return
        if step.kind == sourcing.FOR:
            self.loop(path, steps, start, close, active, inside)
            return
        taken, unknown = False, False
        for kind, test, first, last in _branches(steps, start, close):
            decided = None if kind == sourcing.ELSE else self.test(test)
            if taken:
                cond: bool | None = False
            elif unknown:
                cond = None
            elif kind == sourcing.ELSE:
                cond = True
            else:
                cond = decided
            taken = taken or cond is True
            unknown = unknown or cond is None
            if cond is not False:
                self.run(path, steps, first, last, None if active is None or cond is None else True, inside)

    def loop(
        self, path: Path, steps: list[Step], start: int, close: int, active: bool | None, inside: set[int]
    ) -> None:
        step = steps[start]
        if active is False:
            return
        items: list[str] | None = []
        for word in step.items:
            value = (
                expand(word.value, self.variables, strict=True)
                if word.dynamic or "~" in word.value
                else word.value
            )
            if value is None or items is None:
                items = None
                continue
            if not any(c in value for c in "*?["):
                items.append(value)
                continue
            matches = self.glob(value)
            if not matches and self.shell.no_match not in ("literal", "empty"):
                self.stops.append(
                    Unseen(path, step.line, f"{self.shell.name} stops reading there: {value} matches no file")
                )
                raise _Stop(self.shell.no_match)
            items += matches or ([value] if self.shell.no_match == "literal" else [])
        if items is None:
            self.run(path, steps, start + 1, close, None, inside)  # whatever it sources is unseen
            return
        held = self.variables.get(step.variable)
        for item in items:
            self.variables[step.variable] = item
            self.run(path, steps, start + 1, close, active, inside)
        if held is not None:
            self.variables[step.variable] = held

    def glob(self, pattern: str) -> list[str]:
        full = str(self.path(pattern))
        found = set(glob.glob(full)) | {
            str(p) for p, d in self.planned.items() if d is not None and fnmatch(str(p), full)
        }
        found -= {str(p) for p, d in self.planned.items() if d is None}
        return sorted(found)

    def test(self, test: Test | None) -> bool | None:
        if test is None:
            return None
        value = expand(test.word.value, self.variables, strict=test.op not in ("-n", "-z"))
        if value is None:
            return None
        if test.op in ("-n", "-z"):
            result = bool(value) == (test.op == "-n")
        elif test.op == "-d":
            result = self.path(value).is_dir()
        elif test.op in ("-h", "-L"):
            result = self.path(value).is_symlink()
        else:
            path = self.path(value)
            result = self.exists(path)
            if result and test.op == "-s":
                data = self.read(path)
                result = bool(data)
        return result != test.negated

    def source(self, path: Path, step: Step, active: bool | None) -> None:
        if active is False or step.word is None:
            return
        value = step.word.value
        expanded = (
            expand(value, self.variables, strict=True)
            if step.word.dynamic or "~" in value or "$" in value
            else value
        )
        if expanded is None:
            self.unseen.append(Unseen(path, step.line, f"sources {value}, a path ccprofile cannot work out"))
            return
        if any(c in value for c in "*?["):
            self.unseen.append(Unseen(path, step.line, f"sources {value}, a pattern"))
            return
        if "/" not in expanded and self.shell.name in ("sh", "dash", "ksh"):
            self.unseen.append(
                Unseen(path, step.line, f"sources {value}, which {self.shell.name} looks up on PATH")
            )
            return
        target = self.path(expanded)
        # ksh goes on past the line in a file it reads itself, and stops reading a sourced one.
        stops = self.shell.missing_source != "continue"
        if (
            stops
            and (self.shell.missing_source != "sourced" or len(self.chain) > 1)
            and not self.exists(target)
        ):
            if active is None:
                self.unseen.append(
                    Unseen(
                        path, step.line, f"may source {value}, which does not exist, and stop reading there"
                    )
                )
                return
            self.stops.append(
                Unseen(path, step.line, f"{self.shell.name} stops reading there: {value} does not exist")
            )
            raise _Stop(self.shell.missing_source)
        self.file(target, active, (path, step.line))

    def keep(self, text: str, active: bool | None) -> None:
        """A variable the shell keeps to itself, for the paths that use it later."""
        found = sourcing.shell_variable(text, self.shell.syntax.name)
        if found is None:
            return
        name, word = found
        value = expand(word.value, self.variables, strict=True) if active else None
        if value is None:
            self.variables.pop(name, None)
        else:
            self.variables[name] = value

    def command(self, path: Path, step: Step, active: bool | None, inside: set[int]) -> None:
        if active is False:
            return
        statement = self.shell.syntax.parse(step.text)
        if statement is None:
            self.keep(step.text, active)
            return
        name = statement.name
        watched = name in self.wanted
        value: str | None = None
        if statement.value is not None:
            value = statement.value.value
            if statement.value.dynamic:
                value = expand(value, self.variables, strict=True)
                if value is None:
                    self.variables.pop(name, None)
                    if watched:
                        self.unseen.append(
                            Unseen(path, step.line, f"sets {name} to a value ccprofile cannot work out")
                        )
                    return
        if active is None:
            self.variables.pop(name, None)
            if watched:
                self.unseen.append(
                    Unseen(path, step.line, f"sets {name} under a condition ccprofile cannot decide")
                )
            return
        if value is None:
            self.variables.pop(name, None)
        else:
            self.variables[name] = value
        if watched:
            self.assignments.append(Assignment(path, step.line, name, value, step.line in inside))


def _branches(steps: list[Step], start: int, close: int) -> list[tuple[str, Test | None, int, int]]:
    """The branches of the if-block from ``start`` to ``close``: (kind, test, first, end)."""
    found: list[tuple[str, Test | None, int, int]] = []
    kind, test, first, depth = sourcing.IF, steps[start].test, start + 1, 0
    for index in range(start + 1, close):
        step = steps[index]
        if step.kind in sourcing.OPENERS:
            depth += 1
        elif step.kind == sourcing.CLOSE:
            depth -= 1
        elif depth == 0 and step.kind in (sourcing.ELIF, sourcing.ELSE):
            found.append((kind, test, first, index))
            kind, test, first = step.kind, step.test, index + 1
    found.append((kind, test, first, close))
    return found


def _entries(shell: Shell, home: Home, login: bool, planned: Mapping[Path, bytes | None]) -> list[Entry]:
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


def scan(
    shell: Shell,
    home: Home,
    names: Iterable[str],
    planned: Mapping[Path, bytes | None] | None = None,
    *,
    login: bool = False,
) -> Scan:
    """``planned`` gives files as a write would leave them (None: deleted), to check a change
    before it is made; ``login``: read as a login shell (tmux, ssh, macOS terminals) does."""
    variables = {k: v for k, v in home.env.items() if k not in ("BASH_VERSION", "ZSH_VERSION", "KSH_VERSION")}
    variables.update(shell.sets)
    variables.setdefault("HOME", str(home.path))
    walk = _Walk(shell, home, frozenset(names), planned or {}, variables)
    try:
        for entry in _entries(shell, home, login, planned or {}):
            path = walk.entry(entry)
            if path is None:
                continue
            try:
                walk.file(path, True)
            except _Stop as stop:
                if stop.level != "entry":
                    raise
    except _Stop:
        pass  # "all": no more startup files
    return Scan(
        shell.name,
        tuple(walk.files),
        tuple(walk.assignments),
        tuple(walk.problems),
        tuple(walk.crlf),
        tuple(walk.unseen),
        login,
        tuple(walk.stops),
    )
