"""The shell's variables as a reading of its startup files goes on, and what the reading
finds of the watched ones: each assignment, export or removal that changes what the shell
exports, and each one it cannot work out. Pure: the walk (``scan``) hands it every command."""

from __future__ import annotations

import re
from pathlib import Path

from ccprofile.startup import assigning, block
from ccprofile.startup.assigning import Assigning
from ccprofile.startup.scanned import Assignment, Unseen
from ccprofile.startup.shell_words import expand
from ccprofile.startup.shells import Shell
from ccprofile.startup.steps import Step

_SETUVAR = re.compile(r"SETUVAR --export (?P<name>[A-Za-z_][A-Za-z0-9_]*):(?P<value>.*)$")


def _unescape_fish(text: str) -> str:
    # fish_variables writes \xHH for bytes outside [A-Za-z0-9_/.] and \\ for a backslash.
    return re.sub(r"\\x([0-9a-fA-F]{2})|\\\\", lambda m: chr(int(m[1], 16)) if m[1] else "\\", text)


class Record:
    """``variables`` and ``unseen`` are the walk's own: both change as it reads."""

    def __init__(
        self, shell: Shell, wanted: frozenset[str], variables: dict[str, str], unseen: list[Unseen]
    ) -> None:
        self.shell, self.wanted, self.variables, self.unseen = shell, wanted, variables, unseen
        self.exported: set[str] = set()  # the variables the shell exports so far
        self.assignments: list[Assignment] = []

    def universal(self, path: Path, text: str) -> None:
        """fish's universal variables (``set -Ux``, ``text`` of ``path``): exported to every fish
        before its files run."""
        for number, line in enumerate(text.split("\n"), start=1):
            match = _SETUVAR.match(line)
            if match is None or match["name"] not in self.wanted:
                continue
            value = _unescape_fish(match["value"])
            self.variables[match["name"]] = value
            self.assignments.append(Assignment(path, number, match["name"], value, False))

    def keep(self, text: str, active: bool | None) -> None:
        """A variable the shell keeps to itself, for the paths that use it later."""
        found = assigning.shell_variable(text, self.shell.syntax.name)
        if found is None:
            return
        name, word = found
        value = _expanded(word.value, word.dynamic, self.variables) if active else None
        if value is None:
            self.variables.pop(name, None)
        else:
            self.variables[name] = value

    def command(self, path: Path, step: Step, active: bool | None, inside: set[int]) -> None:
        if active is False:
            return
        if self.shell.syntax.name == "posix":
            for item in assigning.posix_assignments(step.text):
                self.assigning(path, step, active, inside, item)
            return
        statement = self.shell.syntax.parse(step.text)
        if statement is None:
            # fish's erase of several names, or with its scope options, is no one-variable statement.
            erased = assigning.fish_erased(step.text) if self.shell.syntax.name == "fish" else []
            for name in erased:
                self.assigning(path, step, active, inside, Assigning(name, "unset", None, True))
            if not erased:
                self.keep(step.text, active)
            return
        action = "unset" if statement.value is None else "assign"
        self.assigning(path, step, active, inside, Assigning(statement.name, action, statement.value, True))

    def assigning(
        self, path: Path, step: Step, active: bool | None, inside: set[int], item: Assigning
    ) -> None:
        """One variable's assignment, export or removal; a model variable's, when it changes
        what the shell exports, is an ``Assignment`` (a value set without export is not)."""
        name, watched = item.name, item.name in self.wanted
        value: str | None = None
        if item.action == "assign" and item.value is not None:
            value = item.value.value
            if value.startswith("~") and re.search(rf"{name}=~", step.text):
                value = expand(value, self.variables, strict=True) or value  # `D=~/dots`: unquoted
            if item.value.dynamic:
                value = _expanded(value, True, self.variables)
            if value is None:
                self.variables.pop(name, None)
                if watched:
                    self.unseen.append(
                        Unseen(path, step.line, f"sets {name} to a value ccprofile cannot work out")
                    )
                return
        if active is None:
            if item.action != "declare":
                self.variables.pop(name, None)
                if watched:
                    self.unseen.append(
                        Unseen(path, step.line, f"sets {name} under a condition ccprofile cannot decide")
                    )
            return
        if item.action == "assign":
            self.variables[name] = value or ""
            if item.exported:
                self.exported.add(name)
        elif item.action == "export":
            self.exported.add(name)
            value = self.variables.get(name)
            if value is None:
                return  # exporting a variable that has no value sets nothing
        elif item.action in ("unset", "unexport"):
            if item.action == "unset":
                self.variables.pop(name, None)
            self.exported.discard(name)
        else:
            return
        if watched and (name in self.exported or item.action in ("unset", "unexport")):
            self.assignments.append(Assignment(path, step.line, name, value, step.line in inside))


def block_lines(text: str) -> set[int]:
    """The lines of ``text`` inside a ccprofile block (an assignment there is ccprofile's)."""
    inside: set[int] = set()
    for found in block.find_blocks(text):
        inside.update(range(found.first_line, found.last_line + 1))
    return inside


def _expanded(value: str, dynamic: bool, variables: dict[str, str]) -> str | None:
    """A word's value with the variables known so far; None where ccprofile cannot work it
    out. A ``(`` in a word that expands is a command's output (fish's ``(cmd)``, which leaves
    no ``$`` for ``expand`` to refuse)."""
    return None if dynamic and "(" in value else expand(value, variables, strict=True)
