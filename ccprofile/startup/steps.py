"""One command of a startup file as the walk needs it (``Step``), the kinds of step, and what
every shell family's reading shares: a ``source`` line's file, ``A && B``, the end of a block.
Pure text."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ccprofile.startup.shell_words import Test, parse_test, split_on
from ccprofile.startup.syntax import Unquoting, Word, read_word

# Step kinds. A block opener is matched by the next closer at its depth, whatever the
# keyword (fi, done, end, endif, }): the shell checked the pairing when it read the file.
IF, ELIF, ELSE, FOR, OPEN, CLOSE = "if", "elif", "else", "for", "open", "close"
SOURCE, OPAQUE, COMMAND, RETURN = "source", "opaque", "command", "return"
OPENERS = frozenset((IF, FOR, OPEN))
# A RETURN step's reason besides `return`, `exit` and `exec`: tcsh parses a whole line before
# it runs any of it, and a quote the line leaves open is an error that ends every startup file.
UNMATCHED = "a quote left open (tcsh: Unmatched)"
# A here-document no line ends, the last step of its file (its text the word that would, its
# raw the text it takes in): every shell reads the rest of the file as its text, run or not,
# since it reads it first; the walk judges it at the end of the file, not in turn.
UNENDED = "unended"
# zsh's own blocks (an OPEN's and a FOR's reason): `() { ... }` runs where it stands, `for f
# (WORDS) COMMAND` loops; other shells cannot parse them.
ANONYMOUS, SHORT_LOOP = "an anonymous function", "a short loop"
ZSH_ONLY = frozenset((ANONYMOUS, SHORT_LOOP))


class Step:
    """One command of a startup file, as the walk needs it."""

    __slots__ = ("items", "kind", "line", "raw", "reason", "runs", "test", "text", "variable", "word")

    def __init__(
        self,
        line: int,
        kind: str,
        text: str = "",  # COMMAND: the command, for the assignment parser; SOURCE: `.` or `source`
        test: Test | None = None,  # IF, ELIF: None when the condition cannot be decided
        word: Word | None = None,  # SOURCE: the file
        variable: str = "",  # FOR: the loop variable
        items: tuple[Word, ...] = (),  # FOR: the words it loops over
        reason: str = "",  # OPAQUE: why it cannot be followed; OPEN: what the block is
        runs: bool | None = None,  # OPEN: False for a body that never runs when read (a function)
        raw: str = "",  # SOURCE: the argument as written
    ) -> None:
        self.line, self.kind, self.text, self.test, self.word = line, kind, text, test, word
        self.variable, self.items, self.reason, self.runs, self.raw = variable, items, reason, runs, raw

    def but(self, **changes: object) -> Step:
        """A copy with ``changes``."""
        step = Step(self.line, self.kind)
        for name in self.__slots__:
            setattr(step, name, changes.get(name, getattr(self, name)))
        return step

    def __repr__(self) -> str:
        return f"Step({self.line}, {self.kind!r}, text={self.text!r}, reason={self.reason!r})"


_OWN_DIR = re.compile(
    r"\$\{0:[aA]:h\}|\$0:[aA]:h|\$\{\(%\):-%x\}:[aA]:h"
    r"|\$\{BASH_SOURCE(?:\[0\])?%/\*\}"
    r"|\$\(\s*dirname\s+\"?\$\{?BASH_SOURCE(?:\[0\])?\}?\"?\s*\)"
    r"|\(status\s+(?:dirname|--current-filename\s*\|\s*path\s+dirname)\)"
)
OWN_DIR = "${__ccprofile_own_dir}"  # what _OWN_DIR becomes; scan sets the variable per file
# zsh's :A resolves symbolic links (:a does not): the directory of the file a link points to.
_OWN_REAL = re.compile(r"\$\{0:A:h\}|\$0:A:h|\$\{\(%\):-%x\}:A:h")
OWN_REAL = "${__ccprofile_own_real}"


_SUBSTITUTION = re.compile(r"\$\(|`|<\(")


def source_step(line: int, argument: str, rules: Unquoting, fish: bool = False) -> Step:
    argument = _OWN_REAL.sub(OWN_REAL.replace("\\", "\\\\"), argument)
    argument = _OWN_DIR.sub(OWN_DIR.replace("\\", "\\\\"), argument)
    if _SUBSTITUTION.search(argument) or (fish and "(" in argument.split(" ")[0]):
        return Step(line, OPAQUE, reason="sources the output of a command")
    word = read_word(argument, rules)
    if word is None or not word.value:
        return Step(line, OPAQUE, reason="sources a file named in a way ccprofile cannot read")
    # A quoted "~/x" is not expanded by the shell: keep whether the ~ stood unquoted.
    return Step(line, SOURCE, word=word, raw=argument)


def conditional(
    line: int, command: str, parse: Callable[[int, str], list[Step]], rules: Unquoting
) -> list[Step] | None:
    """``A && B`` and ``A || B``: B under A's test when A is one, else A, then B under a
    condition a static reading cannot decide. ``A && {``: the group that follows is B."""
    for operator, negate in (("&&", False), ("||", True)):
        split = split_on(command, operator, rules)
        if split is None:
            continue
        left, right = split
        test = parse_test(left, rules)
        first = [] if test is not None else parse(line, left)
        if test is not None and negate:
            test = Test(test.op, test.word, not test.negated)
        if right == "{":
            return [*first, Step(line, IF, test=test)]  # the group's `}` closes it
        return [*first, Step(line, IF, test=test), *parse(line, right), Step(line, CLOSE)]
    return None


def braced(line: int, opened: Step, body: str, parse: Callable[[int, str], list[Step]]) -> list[Step]:
    """A block opened by a ``{`` (a function's, a loop's), its commands on this line, and its
    close when the line ends in ``}`` (else a later line's ``}`` closes it)."""
    closed = body.strip().endswith("}")
    inner = parse(line, body.strip().removesuffix("}").strip())
    return [opened, *inner, Step(line, CLOSE)] if closed else [opened, *inner]


def block_end(found: Sequence[Step], start: int) -> int:
    """The index of the step that closes the block opened at ``start`` (len: never closed)."""
    depth = 0
    for index in range(start, len(found)):
        kind = found[index].kind
        if kind in OPENERS:
            depth += 1
        elif kind == CLOSE:
            depth -= 1
            if depth == 0:
                return index
    return len(found)


def branches(steps: Sequence[Step], start: int, close: int) -> list[tuple[str, Test | None, int, int]]:
    """The branches of the if-block from ``start`` to ``close``: (kind, test, first, end)."""
    found: list[tuple[str, Test | None, int, int]] = []
    kind, test, first, depth = IF, steps[start].test, start + 1, 0
    for index in range(start + 1, close):
        step = steps[index]
        if step.kind in OPENERS:
            depth += 1
        elif step.kind == CLOSE:
            depth -= 1
        elif depth == 0 and step.kind in (ELIF, ELSE):
            found.append((kind, test, first, index))
            kind, test, first = step.kind, step.test, index + 1
    found.append((kind, test, first, close))
    return found
