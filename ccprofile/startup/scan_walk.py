"""One reading of a shell's startup files, in the order the shell runs them (``Walk``): each
file, what it sources under which test and in which loop, where the shell stops. ``scan``
starts it; ``scan_disk`` is its disk and ``scan_record`` what it finds."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ccprofile.startup import block, scan_loop, sourcing
from ccprofile.startup import steps as kinds
from ccprofile.startup.home_snapshot import Entry, FromEnv, Home, Unknowable
from ccprofile.startup.scan_disk import MAX_BYTES, Disk
from ccprofile.startup.scan_record import Record, block_lines
from ccprofile.startup.scanned import Stop, Unended, Unseen
from ccprofile.startup.shell_words import Test, expand
from ccprofile.startup.shells import Shell
from ccprofile.startup.steps import Step
from ccprofile.startup.syntax import COMPUTED
from ccprofile.storage import codec

MAX_DEPTH = 24  # files sourcing files: deeper than this is reported, not followed
_OWN_DIR = kinds.OWN_DIR[2:-1]  # the variable a file's own directory is read through
_OWN_REAL = kinds.OWN_REAL[2:-1]  # the same, links resolved (zsh's ${0:A:h})


class Walk:
    """One reading of a shell's startup files, in the order the shell runs them."""

    def __init__(
        self,
        shell: Shell,
        home: Home,
        wanted: frozenset[str],
        disk: Disk,  # with a write's planned files in place of theirs
        variables: dict[str, str],
    ) -> None:
        self.shell, self.home, self.wanted, self.variables, self.disk = shell, home, wanted, variables, disk
        self.problems = self.disk.problems
        self.unseen: list[Unseen] = []
        self.record = Record(shell, wanted, variables, self.unseen)
        self.files: list[Path] = []
        self.texts: dict[Path, str] = {}
        self.crlf: list[Path] = []
        self.stops: list[Unseen] = []
        self.chain: list[Path] = []
        self.zsh_options: dict[str, bool | None] = {}  # zsh's glob options as set (None: unknown)

    def entry(self, entry: Entry) -> Path | None:
        if isinstance(entry, Path):
            return entry
        if isinstance(entry, FromEnv):
            value = self.variables.get(entry.variable)
            if value is None:
                return entry.default
            expanded = expand(value, self.variables, strict=True)
            if expanded is not None:
                return self.path(expanded) if expanded else None
            why = f"${entry.variable} names a file ccprofile cannot work out"
            entry = Unknowable(self.chain[-1] if self.chain else self.home.path, 0, entry.variable, why)
        self.unseen.append(Unseen(entry.path, entry.line, entry.why))
        return None

    def path(self, text: str) -> Path:
        # A new terminal starts in the home directory: a relative path is read from there.
        return Path(os.path.normpath(self.home.path / text))

    def readable(self, path: Path, at: tuple[Path, int] | None) -> bytes | None:
        """The file's bytes, or None where the shell reads nothing (and why, in ``unseen``)."""
        if path in self.chain or len(self.chain) >= MAX_DEPTH:
            cycle = path in self.chain
            why = "sources a file that is already being read (a cycle)" if cycle else "nests too deep"
            self.unseen.append(Unseen(*(at or (path, 0)), f"{why}: {path}"))
            return None
        if self.disk.special(path):
            if at is None:  # the shell's own startup file
                kind = "a directory" if path.is_dir() else "not a regular file"
                self.unseen.append(Unseen(path, 0, f"is {kind}, so the shell reads nothing from it"))
            else:
                self.unseen.append(Unseen(*at, f"sources {path}, which is not a regular file"))
            return None
        data = self.disk.read(path)
        if data is not None and (len(data) > MAX_BYTES or b"\0" in data):
            self.problems.append(f"{path}: too large or not text; not read")
            return None
        return data

    def file(self, path: Path, active: bool | None, at: tuple[Path, int] | None = None) -> None:
        data = self.readable(path, at)
        if data is None:
            return
        self.files.append(path)
        text = self.texts[path] = codec.decode(data)
        if "\r\n" in text and self.shell.syntax.newline is None:
            text = text.replace("\r\n", "\n")  # PowerShell: CRLF ends a line, as LF does
        elif "\r\n" in text:
            self.crlf.append(path)
            # Each \r stays in its line: what breaks where is the shell's parser's to say.
            self.unseen.append(
                Unseen(path, 0, "has Windows (CRLF) line endings, which the shell may not parse")
            )
        try:
            inside = block_lines(text)
        except block.MarkerError as error:
            self.problems.append(f"{path}: {error}")
            inside = set()
        own = {name: self.variables.get(name) for name in (_OWN_DIR, _OWN_REAL)}
        self.variables[_OWN_DIR] = str(path.parent)
        self.variables[_OWN_REAL] = os.path.dirname(os.path.realpath(path))
        self.chain.append(path)
        steps = sourcing.steps(text, self.shell.syntax.name)
        try:
            self.run(path, steps, 0, len(steps), active, inside)
            if steps and steps[-1].kind == kinds.UNENDED and active is not False:
                # Read before anything runs: in a function or a branch that does not run too.
                self.stop_here(path, steps[-1], active, cuts=False)
        except Stop as stop:
            # How far up the stop goes is the shell's rule (see source).
            if stop.level != "file":
                raise
        finally:
            self.chain.pop()
            for name, value in own.items():
                if value is None:
                    self.variables.pop(name, None)
                else:
                    self.variables[name] = value

    def run(
        self, path: Path, steps: Sequence[Step], start: int, end: int, active: bool | None, inside: set[int]
    ) -> None:
        i = start
        while i < end:
            step = steps[i]
            if step.kind in kinds.OPENERS:
                close = min(kinds.block_end(steps, i), end)
                self.block(path, steps, i, close, active, inside)
                i = close + 1
                continue
            if step.kind == kinds.OPAQUE and active is not False:
                self.unseen.append(Unseen(path, step.line, step.reason))
            elif step.kind == kinds.SOURCE:
                self.source(path, step, active)
            elif step.kind == kinds.COMMAND:
                self.record.command(path, step, active, inside)
                if self.shell.zsh_syntax and active is not False:
                    scan_loop.set_options(self, step.text, active)
            elif step.kind == kinds.RETURN and active is not False:
                self.stop_here(path, step, active, cuts=i + 1 < len(steps))
            i += 1

    def block(
        self, path: Path, steps: Sequence[Step], start: int, close: int, active: bool | None, inside: set[int]
    ) -> None:
        step = steps[start]
        if step.reason in kinds.ZSH_ONLY and not self.shell.zsh_syntax:
            if active is not False:  # a syntax error: bash stops reading the file there
                said = f"is zsh's syntax ({step.reason}), which {self.shell.name} cannot parse: may stop"
                self.unseen.append(Unseen(path, step.line, said))
            return
        if step.kind == kinds.OPEN:
            if step.runs is not False:
                self.run(path, steps, start + 1, close, active and step.runs, inside)
            elif active is not False:
                self.function(path, steps[start + 1 : close])
            return
        if step.kind == kinds.FOR:
            self.loop(path, steps, start, close, active, inside)
            return
        taken, unknown = False, False
        for kind, test, first, last in kinds.branches(steps, start, close):
            decided = None if kind == kinds.ELSE else self.test(test)
            cond = False if taken else None if unknown else True if kind == kinds.ELSE else decided
            taken = taken or cond is True
            unknown = unknown or cond is None
            if cond is not False:
                self.run(path, steps, first, last, None if active is None or cond is None else True, inside)

    def function(self, path: Path, body: Sequence[Step]) -> None:
        """A function's body runs only when it is called, which a static reading does not follow:
        one that sets a model variable makes the prediction uncertain, and so does a file it
        sources that sets one (read as a branch ccprofile cannot decide)."""
        for step in body:
            if step.kind == kinds.SOURCE:
                self.source(path, step, None)
            statement = self.shell.syntax.parse(step.text) if step.kind == kinds.COMMAND else None
            if statement is not None and statement.name in self.wanted:
                reason = f"defines a function that sets {statement.name}, which ccprofile does not follow"
                self.unseen.append(Unseen(path, step.line, reason))

    def loop(
        self, path: Path, steps: Sequence[Step], start: int, close: int, active: bool | None, inside: set[int]
    ) -> None:
        step = steps[start]
        if active is False:
            return
        items = scan_loop.words(self, path, step, active)
        if items is None:
            self.run(path, steps, start + 1, close, None, inside)  # whatever it sources is unseen
            return
        # The loop variable keeps its last value after the loop, as in the shells.
        for item in items:
            self.variables[step.variable] = item
            self.run(path, steps, start + 1, close, active, inside)

    def test(self, test: Test | None) -> bool | None:
        if test is None:
            return None
        if test.op == "-o":  # `[[ -o interactive ]]`, read as the interactive shell it is
            return self.shell.interactive_option != test.negated
        value = expand(test.word.value, self.variables, strict=test.op not in ("-n", "-z"))
        if value is None:
            return None
        if test.op in ("-n", "-z"):
            result = bool(value) == (test.op == "-n")
        else:
            decided = self.disk.file_test(test.op, self.path(value))
            if decided is None:
                return None
            result = decided
        return result != test.negated

    def source(self, path: Path, step: Step, active: bool | None) -> None:
        if active is False or step.word is None:
            return
        value = step.word.value
        # Only an unquoted ~ is the home: `source "~/x"` names a folder called ~.
        expanded = expand(value, self.variables, strict=True, tilde=step.raw.startswith("~"))
        if expanded is None:
            shown = step.raw if COMPUTED in value else value  # as written, not the marker
            self.unseen.append(Unseen(path, step.line, f"sources {shown}, a path ccprofile cannot work out"))
            return
        if any(c in value for c in "*?["):
            self.unseen.append(Unseen(path, step.line, f"sources {value}, a pattern"))
            return
        # `.` with a bare name looks on PATH only, in sh, dash, ksh and zsh (zsh's `source`
        # and bash look in the current folder too).
        on_path = self.shell.name in ("sh", "dash", "ksh") or (self.shell.name == "zsh" and step.text == ".")
        if "/" not in expanded and on_path:
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
            and not self.disk.exists(target)
        ):
            if active is None:
                said = f"may source {value}, which does not exist, and stop reading there"
                self.unseen.append(Unseen(path, step.line, said))
                return
            self.stops.append(
                Unseen(path, step.line, f"{self.shell.name} stops reading there: {value} does not exist")
            )
            raise Stop(self.shell.missing_source)
        try:
            self.file(target, active, (path, step.line))
        except Stop as stop:
            if stop.level != "sourced" or len(self.chain) > 1:
                raise  # else ksh: a file it reads itself goes on after the line that failed

    def stop_here(self, path: Path, step: Step, active: bool | None, *, cuts: bool) -> None:
        """``return``, ``exit``, ``exec PROGRAM``, tcsh's unmatched quote, a here-document no line
        ends (which cuts what counts if its text holds a block or a variable). ``cuts``: commands follow."""
        said = step.reason if step.reason == kinds.UNMATCHED else f"`{step.reason}`"
        if step.kind == kinds.UNENDED:
            said = f"a here-document no line `{step.text}` ends"
            cuts = block.BEGIN in step.raw or any(name in step.raw for name in self.wanted)
        if step.reason == "exec":
            self.unseen.append(Unseen(path, step.line, "replaces the shell with another program (exec)"))
        if active is None:
            self.unseen.append(Unseen(path, step.line, f"may stop reading the file here: {said}"))
            return
        if cuts or step.reason == kinds.UNMATCHED:  # a `return` at the very end stops nothing
            stop = Unseen(path, step.line, f"{self.shell.name} stops reading there: {said}")
            self.stops.append(Unended(stop, step.text) if step.kind == kinds.UNENDED else stop)
        raise Stop("file" if step.reason == "return" or step.kind == kinds.UNENDED else "exit")
