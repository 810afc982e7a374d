"""How a startup file's lines run other files, read as text: which line sources what, under
which test, in which loop, and which lines a static reading cannot follow.

``steps`` turns a file's text into a flat list of ``Step`` records, one per command, in every
shell family (POSIX, fish, csh, PowerShell). Nothing here reads a file or expands a variable:
``startup.scan`` walks the steps with what it knows of the disk and the variables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

from ccprofile.startup.syntax import Unquoting, Word, read_word

# Step kinds. A block opener is matched by the next closer at its depth, whatever the
# keyword (fi, done, end, endif, }): the shell checked the pairing when it read the file.
IF, ELIF, ELSE, FOR, OPEN, CLOSE = "if", "elif", "else", "for", "open", "close"
SOURCE, OPAQUE, COMMAND, RETURN = "source", "opaque", "command", "return"
OPENERS = frozenset((IF, FOR, OPEN))


class Test:
    """A test a static reading can decide: a file test (``-f``, ``-r``, ``-e``, ``-s``, ``-d``)
    or a string test (``-n``, ``-z``) of one word. (Plain slotted classes here and below: a
    dataclass costs status a millisecond or two to create at import.)"""

    __slots__ = ("negated", "op", "word")

    def __init__(self, op: str, word: Word, negated: bool = False) -> None:
        self.op, self.word, self.negated = op, word, negated

    def __repr__(self) -> str:
        return f"Test({self.op!r}, {self.word!r}, negated={self.negated})"


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


_POSIX_RULES = Unquoting()
_FISH_RULES = Unquoting(single_escapes="\\'")
_CSH_RULES = Unquoting(single_escapes="!")
_PWSH_RULES = Unquoting(doubled_single=True, backslash=False)

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_TEST_OPS = frozenset(("-f", "-r", "-e", "-s", "-d", "-n", "-z", "-h", "-L"))
# The ways a file names its own directory, which a static reading knows: zsh's ${0:A:h},
# bash's ${BASH_SOURCE%/*} and $(dirname "$BASH_SOURCE"), fish's (status dirname).
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


def _top_level(text: str) -> tuple[list[int], int]:
    """The indices of ``text``'s characters outside quotes, ``$( )`` and backticks, where a
    shell looks for ``;``, ``&&``, ``||`` and the end of a word; and where a comment starts
    (``len(text)`` if none)."""
    found: list[int] = []
    i, quote, depth = 0, "", 0
    while i < len(text):
        ch = text[i]
        if quote == "'":
            quote = "" if ch == "'" else quote
        elif ch == "\\":
            i += 2
            continue
        elif quote and ch == "$" and text[i + 1 : i + 2] == "(":
            depth, i = depth + 1, i + 1
        elif quote and not depth:
            quote = "" if ch == quote else quote
        elif ch in "'\"`" and not depth:
            quote = ch
        elif ch == "$" and text[i + 1 : i + 2] == "(":
            depth, i = depth + 1, i + 1
        elif depth and ch == "(":
            depth += 1
        elif depth and ch == ")":
            depth -= 1
        elif not depth:
            if ch == "#" and (i == 0 or text[i - 1] in " \t;"):
                return found, i
            found.append(i)
        i += 1
    return found, len(text)


def split_commands(line: str) -> list[str]:
    """The commands of one line: split at ``;`` outside quotes, up to a comment (``;;`` ends
    a case branch and stays in its command)."""
    if ";" not in line and "#" not in line:
        return [line.strip(" \t")] if line.strip() else []  # most lines: one command, no comment
    out: list[str] = []
    top, end = _top_level(line)
    start = 0
    for i in top:
        if line[i] == ";" and line[i + 1 : i + 2] != ";" and (i == 0 or line[i - 1] != ";"):
            out.append(line[start:i])
            start = i + 1
    out.append(line[start:end])
    return [c.strip(" \t") for c in out if c.strip()]


def _split_on(command: str, operator: str) -> tuple[str, str] | None:
    """``command`` split at the first ``operator`` (``&&``, ``||``) outside quotes and ``$( )``."""
    if operator not in command:
        return None
    for i in _top_level(command)[0]:
        if command.startswith(operator, i):
            return command[:i].strip(), command[i + len(operator) :].strip()
    return None


def _words(text: str, rules: Unquoting) -> list[Word] | None:
    """Every word of ``text``; None if a quote is left open."""
    out: list[Word] = []
    rest = text.strip(" \t")  # a \r is part of the last word, as the shell reads it
    while rest:
        word = read_word(rest, rules)
        if word is None:
            return None
        out.append(word)
        rest = rest[_word_length(rest) :].strip(" \t")
    return out


def _word_length(text: str) -> int:
    """Where the first word of ``text`` ends: ``_top_level``'s rules, stopping at the end."""
    if not any(c in text for c in "'\"`\\$#"):
        ends = [i for i in (text.find(" "), text.find("\t")) if i >= 0]
        return min(ends) if ends else len(text)
    top, end = _top_level(text)
    return next((i for i in top if text[i] in " \t"), end)


def parse_test(text: str, rules: Unquoting) -> Test | None:
    """``[ -f F ]``, ``[[ -r F ]]``, ``test -e F``, ``( -f F )`` (csh), each with an optional
    ``!``; None for any other condition."""
    words = _words(text, rules)
    if not words:
        return None
    values = [w.value for w in words]
    if values[0] in ("[", "[[", "(") and values[-1] == {"[": "]", "[[": "]]", "(": ")"}[values[0]]:
        values, words = values[1:-1], words[1:-1]
    elif values[0] == "test":
        values, words = values[1:], words[1:]
    else:
        return None
    if len(values) == 3 and values[0] == "$-" and values[1] in ("=", "==", "!="):
        # `[[ $- != *i* ]] && return`: an interactive shell's flags hold i.
        holds = "i" in values[2] or values[2] == "*"
        return Test("-n", Word("x" if holds != (values[1] == "!=") else "", False))
    negated = bool(values) and values[0] == "!"
    if negated:
        values, words = values[1:], words[1:]
    if len(values) != 2 or values[0] not in _TEST_OPS:
        return None
    return Test(values[0], words[1], negated)


_SUBSTITUTION = re.compile(r"\$\(|`|<\(")


def _source(line: int, argument: str, rules: Unquoting, fish: bool = False) -> Step:
    argument = _OWN_REAL.sub(OWN_REAL.replace("\\", "\\\\"), argument)
    argument = _OWN_DIR.sub(OWN_DIR.replace("\\", "\\\\"), argument)
    if _SUBSTITUTION.search(argument) or (fish and "(" in argument.split(" ")[0]):
        return Step(line, OPAQUE, reason="sources the output of a command")
    word = read_word(argument, rules)
    if word is None or not word.value:
        return Step(line, OPAQUE, reason="sources a file named in a way ccprofile cannot read")
    # A quoted "~/x" is not expanded by the shell: keep whether the ~ stood unquoted.
    return Step(line, SOURCE, word=word, raw=argument)


_POSIX_SOURCE = re.compile(r"(?:source|\\?\.)\s+(?P<rest>.+)")
_POSIX_FOR = re.compile(rf"for\s+(?P<var>{_NAME})\s+in\b(?P<items>.*)$")
_POSIX_FUNCTION = re.compile(rf"(?:function\s+{_NAME}(?:\s*\(\))?|{_NAME}\s*\(\))\s*\{{?(?P<body>.*)$")
_EVAL = re.compile(r"eval\b")


def _conditional(
    line: int, command: str, parse: Callable[[int, str], list[Step]], rules: Unquoting
) -> list[Step] | None:
    """``A && B`` and ``A || B``: B under A's test when A is one, else A, then B under a
    condition a static reading cannot decide. ``A && {``: the group that follows is B."""
    for operator, negate in (("&&", False), ("||", True)):
        split = _split_on(command, operator)
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


def _posix(line: int, command: str) -> list[Step]:
    if not command.strip():
        return []
    if command in ("then", "do"):
        return []
    if command == "{" or command.startswith("{ "):
        # A group: its commands run, and its `}` closes it.
        return [Step(line, OPEN, reason="a group", runs=True), *_posix(line, command[1:].strip())]
    head = command.split(None, 1)[0]
    rest = command[len(head) :].strip()
    if head in ("if", "elif"):
        cond = rest[: -len("then")].strip().rstrip(";") if rest.endswith(" then") else rest
        test = None if _split_on(cond, "&&") or _split_on(cond, "||") else parse_test(cond, _POSIX_RULES)
        return [Step(line, IF if head == "if" else ELIF, test=test)]
    if head == "else":
        return [Step(line, ELSE), *_posix(line, rest)]
    if head in ("then", "do", "builtin", "command") and rest:
        return _posix(line, rest)
    found = _conditional(line, command, _posix, _POSIX_RULES)
    if found is not None:
        return found
    if head in ("fi", "done", "esac", "}"):
        return [Step(line, CLOSE)]
    match = _POSIX_FOR.match(command)
    if match is not None:
        items = _words(match["items"].removesuffix("do").strip().rstrip(";"), _POSIX_RULES)
        if items is None:
            return [Step(line, OPEN, reason="a loop", runs=None)]
        return [Step(line, FOR, variable=match["var"], items=tuple(items))]
    if head == "case" and command.endswith("esac"):
        return [Step(line, COMMAND, text=command)]
    if head in ("return", "exit") or (
        head == "exec" and rest and not rest[0].isdigit() and rest[0] not in "<>"
    ):
        return [Step(line, RETURN, reason=head)]
    if head == "case":
        subject = rest.split()[:1]
        return [
            Step(line, OPEN, reason="case $-" if subject in (["$-"], ['"$-"']) else "a case block", runs=None)
        ]
    if head in ("for", "while", "until", "select", "repeat", "foreach"):
        return [Step(line, OPEN, reason=f"a {head} loop", runs=None)]
    match = _POSIX_FUNCTION.match(command)
    if match is not None:
        closed = match["body"].rstrip().endswith("}")
        body = match["body"].strip().removesuffix("}").strip()
        if closed:
            return [Step(line, OPEN, reason="a function", runs=False), *_posix(line, body), Step(line, CLOSE)]
        return [Step(line, OPEN, reason="a function", runs=False), *_posix(line, body)]
    if _EVAL.match(command) or (head == "emulate" and " -c " in f" {rest} "):
        return [Step(line, OPAQUE, reason=f"runs {head}")]
    match = _POSIX_SOURCE.match(command)
    if match is not None:
        step = _source(line, match["rest"], _POSIX_RULES)
        return [step.but(text=head.lstrip("\\"))]
    return [Step(line, COMMAND, text=command)]


_FISH_FOR = re.compile(rf"for\s+(?P<var>{_NAME})\s+in\s+(?P<items>.*)$")


def _fish(line: int, command: str, last_test: list[Test | None]) -> list[Step]:
    if not command.strip():
        return []
    found = _conditional(line, command, lambda at, text: _fish(at, text, last_test), _FISH_RULES)
    if found is not None:
        return found
    head = command.split(None, 1)[0]
    rest = command[len(head) :].strip()
    if head in ("builtin", "command") and rest:
        return _fish(line, rest, last_test)
    if head in ("and", "or"):
        test = last_test[0]
        if test is not None and head == "or":
            test = Test(test.op, test.word, not test.negated)
        return [Step(line, IF, test=test), *_fish(line, rest, last_test), Step(line, CLOSE)]
    if head == "if":
        return [Step(line, IF, test=_fish_test(rest))]
    if head == "else":
        if rest.startswith("if "):
            return [Step(line, ELIF, test=_fish_test(rest[3:]))]
        return [Step(line, ELSE)]
    if head == "end":
        return [Step(line, CLOSE)]
    if head in ("return", "exit"):
        return [Step(line, RETURN, reason=head)]
    match = _FISH_FOR.match(command)
    if match is not None:
        items = _words(match["items"], _FISH_RULES)
        if items is None or "(" in match["items"]:
            return [Step(line, OPEN, reason="a loop", runs=None)]
        return [Step(line, FOR, variable=match["var"], items=tuple(items))]
    if head in ("while", "switch", "begin"):
        return [Step(line, OPEN, reason=f"a {head} block", runs=None if head != "begin" else True)]
    if head == "function":
        return [Step(line, OPEN, reason="a function", runs=False)]
    if head == "eval":
        return [Step(line, OPAQUE, reason="runs eval")]
    if head in ("source", "."):
        return [_source(line, rest, _FISH_RULES, fish=True)]
    last_test[0] = _fish_test(command)
    return [Step(line, COMMAND, text=command)]


def _fish_test(text: str) -> Test | None:
    return parse_test(text, _FISH_RULES)


_CSH_IF = re.compile(r"(?:else\s+)?if\s*(?P<cond>\(.*\))\s*(?P<rest>.*)$")
_CSH_FOR = re.compile(rf"foreach\s+(?P<var>{_NAME})\s*\((?P<items>.*)\)\s*$")


def _csh(line: int, command: str) -> list[Step]:
    if not command.strip():
        return []
    head = command.split(None, 1)[0]
    rest = command[len(head) :].strip()
    match = _CSH_IF.match(command)
    if match is not None:
        test = parse_test(match["cond"], _CSH_RULES)
        kind = ELIF if head == "else" else IF
        if match["rest"] == "then":
            return [Step(line, kind, test=test)]
        return [Step(line, IF, test=test), *_csh(line, match["rest"]), Step(line, CLOSE)]
    if head == "else":
        return [Step(line, ELSE)]
    if head in ("endif", "end", "endsw"):
        return [Step(line, CLOSE)]
    match = _CSH_FOR.match(command)
    if match is not None:
        items = _words(match["items"], _CSH_RULES)
        if items is None:
            return [Step(line, OPEN, reason="a loop", runs=None)]
        return [Step(line, FOR, variable=match["var"], items=tuple(items))]
    if head in ("while", "switch"):
        return [Step(line, OPEN, reason=f"a {head} block", runs=None)]
    if head == "eval":
        return [Step(line, OPAQUE, reason="runs eval")]
    if head == "source":
        return [_source(line, rest, _CSH_RULES)]
    return [Step(line, COMMAND, text=command)]


def _pwsh(line: int, command: str) -> list[Step]:
    if command.startswith(". "):
        return [_source(line, command[2:].strip(), _PWSH_RULES)]
    if command.lower().startswith(("invoke-expression", "iex ")):
        return [Step(line, OPAQUE, reason="runs Invoke-Expression")]
    return [Step(line, COMMAND, text=command)]


_HEREDOC = re.compile(r"(?<!<)<<(?!<)(-?)\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\2")


def _lines(text: str, family: str) -> list[tuple[int, str]]:
    """(number, line) of each line a shell runs as commands: a line that ends in a backslash
    goes on on the next one, and a here-document's body is text, not commands."""
    found: list[tuple[int, str]] = []
    # Only \n ends a line for a shell: a \r before it stays in the line.
    raw = text.split("\n")
    index = 0
    while index < len(raw):
        number, line = index + 1, raw[index]
        index += 1
        while family != "pwsh" and line.endswith("\\") and not line.endswith("\\\\") and index < len(raw):
            line, index = line[:-1] + raw[index], index + 1
        here = "<<" in line and family in ("posix", "csh")
        heredoc = _HEREDOC.search(" ".join(split_commands(line))) if here else None
        if heredoc is not None:
            end, strip = heredoc[3], heredoc[1] == "-"
            while index < len(raw) and (raw[index].lstrip("\t") if strip else raw[index]) != end:
                index += 1
            index += 1  # the delimiter line
        found.append((number, line))
    return found


_CASE_BRANCH = re.compile(r"\(?(?P<pattern>[^()\s][^()]*?)\)\s*(?P<rest>.*)$")


def _case_branch(line: int, command: str, case: list[bool]) -> list[Step] | None:
    """A branch of an open ``case`` block (``pattern) commands ;;``), as IF/ELIF steps: decided
    for ``case $- in`` (an interactive shell's flags hold ``i``), undecided for anything else.
    ``case``: [whether it is ``case $-``, whether a branch has started]."""
    match = _CASE_BRANCH.match(command)
    if match is None or command.split(None, 1)[0] == "esac":
        return None
    interactive, started = case
    pattern = match["pattern"].strip()
    test = None
    if interactive:
        matches = "i" in pattern or pattern == "*"
        test = Test("-n", Word("x" if matches else "", False))
    case[1] = True
    rest = match["rest"].strip().removesuffix(";;").strip()
    return [Step(line, ELIF if started else IF, test=test), *_posix(line, rest)]


def _posix_line(line: int, command: str, cases: list[list[bool]]) -> list[Step]:
    """One POSIX command, in the ``case`` blocks open around it."""
    if cases:
        branch = _case_branch(line, command, cases[-1])
        if branch is not None:
            return branch
        if command.split(None, 1)[0] == "esac":
            closed = cases.pop()
            return [Step(line, CLOSE)] * (2 if closed[1] else 1)
    found = _posix(line, command)
    for index, step in enumerate(found):
        if step.kind == OPEN and step.reason in ("case $-", "a case block"):
            cases.append([step.reason == "case $-", False])
            if step.reason == "case $-":  # its branches are decided: the block itself runs
                found[index] = step.but(runs=True)
    return found


@functools.lru_cache(maxsize=64)
def steps(text: str, family: str) -> tuple[Step, ...]:
    """Every command of ``text`` as a ``Step``, in order, in the syntax ``family`` names.
    Cached: status reads the same files as a login and a non-login shell."""
    return tuple(_steps(text, family))


def _steps(text: str, family: str) -> list[Step]:
    found: list[Step] = []
    last_test: list[Test | None] = [None]
    cases: list[list[bool]] = []
    for number, line in _lines(text, family):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for command in split_commands(line):
            try:
                if family == "posix":
                    found += _posix_line(number, command, cases)
                elif family == "fish":
                    found += _fish(number, command, last_test)
                elif family == "csh":
                    found += _csh(number, command)
                else:
                    found += _pwsh(number, command)
            except RecursionError:
                found.append(Step(number, OPAQUE, reason="is too deeply nested to read"))
    return found


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


_FISH_SET = re.compile(rf"set\s+(?:-[lgUfu]+\s+)*(?P<name>{_NAME})\s+(?P<rest>\S.*)$")
_CSH_SET = re.compile(rf"set\s+(?P<name>{_NAME})\s*=\s*(?P<rest>\S.*)$")


def shell_variable(command: str, family: str) -> tuple[str, Word] | None:
    """A variable the shell keeps to itself (fish's ``set D ~/x``, csh's ``set D = ~/x``),
    which a later ``source $D/f`` may use; None for anything else."""
    pattern = _FISH_SET if family == "fish" else _CSH_SET if family == "csh" else None
    match = pattern.match(command) if pattern is not None else None
    if match is None:
        return None
    word = read_word(match["rest"], _FISH_RULES if family == "fish" else _CSH_RULES)
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
_ASSIGNMENT = re.compile(rf"(?P<name>{_NAME})=")


@functools.lru_cache(maxsize=1024)
def posix_assignments(command: str) -> tuple[Assigning, ...]:
    """Cached: status reads the same lines as a login and a non-login shell."""
    return tuple(_posix_assignments(command))


# The common line, `[export ]NAME=ONE_WORD`, read without the general word reader.
_SIMPLE = re.compile(
    rf"(?P<export>export\s+)?(?P<name>{_NAME})=(?P<value>'[^']*'|\"[^\"\\\\`]*\"|[^\s'\"\\\\`;&|<>(){{}}]*)$"
)


def _posix_assignments(command: str) -> list[Assigning]:
    simple = _SIMPLE.match(command)
    if simple is not None:
        word = read_word(simple["value"], _POSIX_RULES)
        if word is not None:
            return [Assigning(simple["name"], "assign", word, simple["export"] is not None)]
    """Every variable ``command`` assigns, exports or removes: ``export A=1 B=2``, ``A=1 B=2``,
    ``unset A B``, ``declare -x A=1``. An assignment before a command (``A=1 make``) is that
    command's alone, and sets nothing."""
    if "=" not in command and not command.startswith(("export", "unset", "declare", "typeset")):
        return []
    words = _words(command, _POSIX_RULES)
    if not words:
        return []
    head = words[0].value
    if head == "unset":
        names = [w.value for w in words[1:] if not w.value.startswith("-")]
        return [Assigning(n, "unset") for n in names if re.fullmatch(_NAME, n)]
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
            elif re.fullmatch(_NAME, word.value):
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


def sources_named(text: str, name: str) -> bool:
    """Whether ``text`` has a line that sources a file called ``name`` (``. ~/.bashrc``,
    ``source "$HOME/.bashrc"``, after a test or not): a quick look, for choosing a file and
    for not advising a line that would make two files source each other."""
    import re

    pattern = re.compile(
        rf"(?:^|[\s;&|(]|then)(?:\.|source)\s+[\"']?(?:\S*/)?{re.escape(name)}[\"']?(?=$|[\s;&|)])"
    )
    for line in text.splitlines():
        code = line.split("#", 1)[0] if not line.lstrip().startswith("#") else ""
        if pattern.search(code):
            return True
    return False
