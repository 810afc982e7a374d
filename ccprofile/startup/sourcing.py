"""How a startup file's lines run other files, read as text: which line sources what, under
which test, in which loop, and which lines a static reading cannot follow.

``steps`` turns a file's text into a flat list of ``Step`` records, one per command, in every
shell family (POSIX, fish, csh, PowerShell). Nothing here reads a file or expands a variable:
``startup.scan`` walks the steps with what it knows of the disk and the variables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ccprofile.startup.syntax import Unquoting, Word, read_word

# Step kinds. A block opener is matched by the next closer at its depth, whatever the
# keyword (fi, done, end, endif, }): the shell checked the pairing when it read the file.
IF, ELIF, ELSE, FOR, OPEN, CLOSE = "if", "elif", "else", "for", "open", "close"
SOURCE, OPAQUE, COMMAND = "source", "opaque", "command"
OPENERS = frozenset((IF, FOR, OPEN))


@dataclass(frozen=True)
class Test:
    """A test a static reading can decide: a file test (``-f``, ``-r``, ``-e``, ``-s``, ``-d``)
    or a string test (``-n``, ``-z``) of one word."""

    op: str
    word: Word
    negated: bool = False


@dataclass(frozen=True)
class Step:
    line: int
    kind: str
    text: str = ""  # COMMAND: the command, for the assignment parser
    test: Test | None = None  # IF, ELIF: None when the condition cannot be decided
    word: Word | None = None  # SOURCE: the file
    variable: str = ""  # FOR: the loop variable
    items: tuple[Word, ...] = ()  # FOR: the words it loops over
    reason: str = ""  # OPAQUE: why it cannot be followed; OPEN: what the block is
    runs: bool | None = None  # OPEN: False for a body that never runs when read (a function)


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


def split_commands(line: str) -> list[str]:
    """The commands of one line: split at ``;`` outside quotes, up to a comment."""
    out: list[str] = []
    start, i, quote = 0, 0, ""
    while i < len(line):
        ch = line[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "\\":
            i += 1
        elif ch == "#" and (i == 0 or line[i - 1] in " \t;"):
            break
        elif ch == ";" and line[i + 1 : i + 2] == ";":
            i += 1  # a case branch's end, inside one command
        elif ch == ";":
            out.append(line[start:i])
            start = i + 1
        i += 1
    out.append(line[start:i])
    return [c.strip(" \t") for c in out if c.strip()]


def _split_on(command: str, operator: str) -> tuple[str, str] | None:
    """``command`` split at the first ``operator`` (``&&``, ``||``) outside quotes."""
    quote = ""
    for i, ch in enumerate(command):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif command.startswith(operator, i):
            return command[:i].strip(), command[i + len(operator) :].strip()
    return None


def _words(text: str, rules: Unquoting) -> list[Word] | None:
    """Every word of ``text``; None if a quote is left open."""
    out: list[Word] = []
    rest = text.strip()
    while rest:
        word = read_word(rest, rules)
        if word is None:
            return None
        out.append(word)
        rest = rest[_word_length(rest) :].strip()
    return out


def _word_length(text: str) -> int:
    i, quote = 0, ""
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "\\":
            i += 1
        elif ch in " \t":
            break
        i += 1
    return i


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
    negated = bool(values) and values[0] == "!"
    if negated:
        values, words = values[1:], words[1:]
    if len(values) != 2 or values[0] not in _TEST_OPS:
        return None
    return Test(values[0], words[1], negated)


_SUBSTITUTION = re.compile(r"\$\(|`|<\(")


def _source(line: int, argument: str, rules: Unquoting, fish: bool = False) -> Step:
    argument = _OWN_DIR.sub(OWN_DIR.replace("\\", "\\\\"), argument)
    if _SUBSTITUTION.search(argument) or (fish and "(" in argument.split(" ")[0]):
        return Step(line, OPAQUE, reason="sources the output of a command")
    word = read_word(argument, rules)
    if word is None or not word.value:
        return Step(line, OPAQUE, reason="sources a file named in a way ccprofile cannot read")
    return Step(line, SOURCE, word=word)


_POSIX_SOURCE = re.compile(r"(?:source|\\?\.)\s+(?P<rest>.+)")
_POSIX_FOR = re.compile(rf"for\s+(?P<var>{_NAME})\s+in\s+(?P<items>.*?)(?:\s*;?\s*do)?$")
_POSIX_OPEN = re.compile(r"(while|until|case|select)\b")
_POSIX_FUNCTION = re.compile(rf"(?:function\s+{_NAME}(?:\s*\(\))?|{_NAME}\s*\(\))\s*\{{?(?P<body>.*)$")
_EVAL = re.compile(r"eval\b")


def _posix(line: int, command: str) -> list[Step]:
    if not command.strip():
        return []
    for keyword in ("then", "do", "{"):
        if command == keyword:
            return []
        if command.startswith(keyword + " "):
            return _posix(line, command[len(keyword) + 1 :].strip())
    head = command.split(None, 1)[0]
    rest = command[len(head) :].strip()
    if head in ("if", "elif"):
        cond = rest[: -len("then")].strip().rstrip(";") if rest.endswith(" then") else rest
        test = None if _split_on(cond, "&&") or _split_on(cond, "||") else parse_test(cond, _POSIX_RULES)
        return [Step(line, IF if head == "if" else ELIF, test=test)]
    for operator, negate in (("&&", False), ("||", True)):
        split = _split_on(command, operator)
        if split is not None:
            test = parse_test(split[0], _POSIX_RULES)
            if test is not None and negate:
                test = Test(test.op, test.word, not test.negated)
            return [Step(line, IF, test=test), *_posix(line, split[1]), Step(line, CLOSE)]
    if head == "else":
        return [Step(line, ELSE), *(_posix(line, rest) if rest else [])]
    if head in ("fi", "done", "esac", "}"):
        return [Step(line, CLOSE)]
    match = _POSIX_FOR.match(command)
    if match is not None:
        items = _words(match["items"], _POSIX_RULES)
        if items is None:
            return [Step(line, OPEN, reason="a loop", runs=None)]
        return [Step(line, FOR, variable=match["var"], items=tuple(items))]
    if head == "case" and command.endswith("esac"):
        return [Step(line, COMMAND, text=command)]
    if _POSIX_OPEN.match(command):
        return [Step(line, OPEN, reason=f"a {head} block", runs=None)]
    match = _POSIX_FUNCTION.match(command)
    if match is not None:
        closed = match["body"].rstrip().endswith("}")
        return [] if closed else [Step(line, OPEN, reason="a function", runs=False)]
    if _EVAL.match(command):
        return [Step(line, OPAQUE, reason="runs eval")]
    match = _POSIX_SOURCE.match(command)
    if match is not None:
        return [_source(line, match["rest"], _POSIX_RULES)]
    return [Step(line, COMMAND, text=command)]


_FISH_FOR = re.compile(rf"for\s+(?P<var>{_NAME})\s+in\s+(?P<items>.*)$")


def _fish(line: int, command: str, last_test: list[Test | None]) -> list[Step]:
    if not command.strip():
        return []
    split = _split_on(command, "&&")
    if split is not None:
        test = _fish_test(split[0])
        return [Step(line, IF, test=test), *_fish(line, split[1], last_test), Step(line, CLOSE)]
    head = command.split(None, 1)[0]
    rest = command[len(head) :].strip()
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


def steps(text: str, family: str) -> list[Step]:
    """Every command of ``text`` as a ``Step``, in order, in the syntax ``family`` names."""
    found: list[Step] = []
    last_test: list[Test | None] = [None]
    # Only \n ends a line for a shell: a \r before it stays in the line.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        for command in split_commands(line):
            if family == "posix":
                found += _posix(number, command)
            elif family == "fish":
                found += _fish(number, command, last_test)
            elif family == "csh":
                found += _csh(number, command)
            else:
                found += _pwsh(number, command)
    return found


def block_end(found: list[Step], start: int) -> int:
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
