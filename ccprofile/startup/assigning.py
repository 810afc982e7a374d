"""What a POSIX command does to a variable (``export A=1``, ``unset A``, ``declare -x A``),
what a fish ``set`` erases, and the variables fish and csh keep to themselves. Pure text."""

from __future__ import annotations

import functools
import re

from ccprofile.startup.shell_words import NAME, POSIX_RULES, split_words
from ccprofile.startup.syntax import UNQUOTING, Word, read_word

_FISH_SET = re.compile(rf"set\s+(?:-[lgUfu]+\s+)*(?P<name>{NAME})\s+(?P<rest>\S.*)$")
_CSH_SET = re.compile(rf"set\s+(?P<name>{NAME})\s*=\s*(?P<rest>\S.*)$")


def shell_variable(command: str, family: str) -> tuple[str, Word] | None:
    """A variable the shell keeps to itself (fish's ``set D ~/x``, csh's ``set D = ~/x``),
    which a later ``source $D/f`` may use; None for anything else."""
    pattern = _FISH_SET if family == "fish" else _CSH_SET if family == "csh" else None
    match = pattern.match(command) if pattern is not None else None
    if match is None:
        return None
    word = read_word(match["rest"], UNQUOTING[family])
    return (match["name"], word) if word is not None else None


class Assigning:
    """What one POSIX command does to one variable: ``assign`` (``value`` set; ``exported``
    when the command exports it), ``export`` (exports the value it has), ``unexport``
    (``export -n``, ``declare +x``), ``unset`` or ``declare``."""

    __slots__ = ("action", "exported", "name", "value")

    def __init__(self, name: str, action: str, value: Word | None = None, exported: bool = False) -> None:
        self.name, self.action, self.value, self.exported = name, action, value, exported

    def __repr__(self) -> str:
        return f"Assigning({self.name!r}, {self.action!r}, {self.value!r}, exported={self.exported})"


_DECLARE = re.compile(r"(?P<command>export|typeset|declare|local|readonly)\b(?P<rest>.*)$")
_ASSIGNMENT = re.compile(rf"(?P<name>{NAME})=")


@functools.lru_cache(maxsize=1024)
def posix_assignments(command: str) -> tuple[Assigning, ...]:
    """Cached: status reads the same lines as a login and a non-login shell."""
    return tuple(_posix_assignments(command))


# The common line, `[export ]NAME=ONE_WORD`, read without the general word reader.
_SIMPLE = re.compile(
    rf"(?P<export>export\s+)?(?P<name>{NAME})=(?P<value>'[^']*'|\"[^\"\\\\`]*\"|[^\s'\"\\\\`;&|<>(){{}}]*)$"
)


def _posix_assignments(command: str) -> list[Assigning]:
    """Every variable ``command`` assigns, exports or removes: ``export A=1 B=2``, ``A=1 B=2``,
    ``unset A B``, ``declare -x A=1``. An assignment before a command (``A=1 make``) is that
    command's alone, and sets nothing."""
    simple = _SIMPLE.match(command)
    if simple is not None:
        word = read_word(simple["value"], POSIX_RULES)
        if word is not None:
            return [Assigning(simple["name"], "assign", word, simple["export"] is not None)]
    if "=" not in command and not command.startswith(("export", "unset", "declare", "typeset")):
        return []
    words = split_words(command, POSIX_RULES)
    if not words:
        return []
    head = words[0].value
    if head == "unset":
        options = "".join(w.value for w in words[1:] if w.value.startswith("-"))
        if "f" in options:
            return []  # `unset -f NAME` removes a function, and leaves the variable
        names = [w.value for w in words[1:] if not w.value.startswith("-")]
        return [Assigning(n, "unset") for n in names if re.fullmatch(NAME, n)]
    match = _DECLARE.match(head)
    if match is not None and match["rest"] == "":
        flags = [w.value for w in words[1:] if w.value[:1] in "-+"]
        exported = head == "export" or any(f.startswith("-") and "x" in f for f in flags)
        unexported = (head == "export" and "-n" in flags) or any(
            f.startswith("+") and "x" in f for f in flags
        )
        found = []
        for word in words[1 + len(flags) :]:
            assigned = _ASSIGNMENT.match(word.value)
            if assigned is not None:
                value = Word(word.value[assigned.end() :], word.dynamic)
                found.append(Assigning(assigned["name"], "assign", value, exported and not unexported))
            elif re.fullmatch(NAME, word.value):
                action = "unexport" if unexported else "export" if exported else "declare"
                found.append(Assigning(word.value, action))
        return found
    found = []
    for word in words:
        assigned = _ASSIGNMENT.match(word.value)
        if assigned is None:
            return []  # a command follows: the assignments before it are its own
        found.append(Assigning(assigned["name"], "assign", Word(word.value[assigned.end() :], word.dynamic)))
    return found


# fish's erase with its options and several names (`set -e A B`, `set -ge A`, `set --erase
# --global A`). -U and -l erase only a universal or a local variable, which leaves the exported
# global one a startup file set.
_FISH_ERASE = re.compile(
    rf"\s*set\s+(?P<options>(?:-[a-zA-Z]+\s+|--[a-z]+\s+)+)(?P<names>{NAME}(?:\s+{NAME})*)\s*(?:[;#].*)?$"
)


def fish_erased(line: str) -> list[str]:
    """The variables a fish ``set`` erasing several at once, or with more options, removes."""
    match = _FISH_ERASE.match(line)
    if match is None:
        return []
    options = match["options"].split()
    short = "".join(o[1:] for o in options if not o.startswith("--"))
    long = {o[2:] for o in options if o.startswith("--")}
    if "e" not in short and "erase" not in long:
        return []
    if set(short) & {"U", "l"} or long & {"universal", "local"}:
        return []
    return match["names"].split()
