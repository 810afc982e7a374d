"""How each family of shells writes, quotes and reads back an environment assignment.

Four syntaxes cover every supported shell: POSIX (sh, dash, bash, zsh, ksh), fish, csh (tcsh,
csh) and PowerShell. Writing always uses single quotes, the one quoting in every family where
nothing inside is expanded; reading understands the common hand-written forms too, so status
can see assignments that are not ccprofile's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_NAME = r"[A-Za-z_][A-Za-z0-9_]*"


@dataclass(frozen=True)
class Word:
    """A parsed shell word: its literal value, or ``dynamic`` if it expands something."""

    value: str
    dynamic: bool


def _quote_posix(value: str) -> str:
    return "'" + value.replace("'", "'\\''") + "'"


def _quote_fish(value: str) -> str:
    # fish is the odd one out: backslash escapes \\ and \' even inside single quotes.
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _quote_csh(value: str) -> str:
    # History expansion (!) happens inside single quotes in interactive tcsh; only \! stops it.
    return "'" + value.replace("'", "'\\''").replace("!", "\\!") + "'"


def _quote_pwsh(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@dataclass(frozen=True)
class Unquoting:
    """How one family reads quoted text back: the table that replaces per-family branches."""

    single_escapes: str = ""  # characters a backslash escapes even inside single quotes
    doubled: bool = False  # '' inside single quotes and "" inside double quotes are one quote
    escape: str = "\\"  # the character that escapes the next one outside single quotes
    double_escapes: str | None = None  # the ones it escapes inside double quotes; None: any
    computed: str = ""  # the escapes in double quotes that stand for a computed character
    bare_computed: str = ""  # the same outside quotes (fish's \x41, \n, \101)
    ansi_c: bool = False  # $'...', where a backslash escapes any character, a quote too
    word_comments: bool = False  # a # inside a word starts a comment too (csh: a#b is a)

    def escapes_in_double(self, after: str) -> bool:
        return after != "" and (self.double_escapes is None or after in self.double_escapes)


# Stands in a word for a character the shell computes from an escape and ccprofile does not
# (no startup file holds a NUL): ``expand`` refuses a value that has one.
COMPUTED = "\0"

# Each reader of a quoted run starts just after its opening quote, appends what the run stands
# for to ``out`` (what expands as written, for ``expand`` to refuse), and gives the closing
# quote's index and whether it expands something; None if the quote is left open.
Quoted = tuple[int, bool] | None


def _single_quoted(text: str, start: int, rules: Unquoting, out: list[str]) -> Quoted:
    j = start
    while j < len(text) and text[j] != "'":
        escaped = text[j] == "\\" and j + 1 < len(text) and text[j + 1] in rules.single_escapes
        out.append(text[j + escaped])
        j += 1 + escaped
    return (j, False) if j < len(text) else None


def _double_quoted(text: str, start: int, rules: Unquoting, out: list[str]) -> Quoted:
    j, dynamic = start, False
    while j < len(text) and text[j] != '"':
        after = text[j + 1 : j + 2]
        escaped = text[j] == rules.escape and rules.escapes_in_double(after)
        computed = escaped and after in rules.computed
        dynamic = dynamic or computed or (not escaped and text[j] in "$`")
        out.append(text[j : j + 2] if computed else text[j + escaped])
        j += 1 + escaped
    return (j, dynamic) if j < len(text) else None


def _ansi_quoted(text: str, start: int, rules: Unquoting, out: list[str]) -> Quoted:
    """``$'...'``, kept as written: what it stands for depends on the shell (dash has no
    ``$'...'``) and on escapes ccprofile does not compute (``\\x41``)."""
    j = start
    while j < len(text) and text[j] != "'":
        j += 2 if text[j] == "\\" else 1
    if j >= len(text):
        return None
    out.append(text[start - 2 : j + 1])
    return j, True


_READERS = {"'": _single_quoted, '"': _double_quoted, "$'": _ansi_quoted}


def read_word(text: str, rules: Unquoting) -> Word | None:
    """Read one shell word from the start of ``text``; None if it is not a closed word."""
    out: list[str] = []
    dynamic = False
    i = 0
    while i < len(text):
        ch = text[i]
        if ch in " \t;" or (ch == "#" and (i == 0 or rules.word_comments)):
            break
        ansi = ch == "$" and rules.ansi_c and text[i + 1 : i + 2] == "'"
        if ch in "'\"" or ansi:
            read = _READERS["$'" if ansi else ch](text, i + 1 + ansi, rules, out)
            if read is None:
                return None
            i, dynamic = read[0] + 1, dynamic or read[1]
            if rules.doubled and not ansi and text[i : i + 1] == ch:
                # 'it''s': the second quote of the pair is one quote, and opens the next run.
                out.append(ch)
        elif ch == rules.escape and i + 1 < len(text):
            computed = text[i + 1] in rules.bare_computed
            dynamic = dynamic or computed
            out.append(COMPUTED if computed else text[i + 1])
            i += 2
        else:
            dynamic = dynamic or ch in "$`("
            out.append(ch)
            i += 1
    return Word("".join(out), dynamic)


@dataclass(frozen=True)
class Statement:
    """An assignment (``value`` set) or removal (``value`` None) of one variable."""

    name: str
    value: Word | None
    exported: bool


# (pattern, whether it exports, whether it removes the variable), tried in order.
Patterns = tuple[tuple[re.Pattern[str], bool, bool], ...]


def parse_line(line: str, patterns: Patterns, rules: Unquoting) -> Statement | None:
    """The assignment or removal ``line`` makes in one syntax, or None."""
    for pattern, exported, erases in patterns:
        match = pattern.match(line)
        if match is None:
            continue
        if erases:
            return Statement(match["name"], None, exported)
        word = read_word(match["rest"], rules)
        return None if word is None else Statement(match["name"], word, exported)
    return None


_POSIX_PATTERNS = (
    (
        re.compile(rf"\s*(?:export|typeset\s+-x|declare\s+-g?x)\s+(?P<name>{_NAME})=(?P<rest>.*)"),
        True,
        False,
    ),
    (re.compile(rf"\s*(?P<name>{_NAME})=(?P<rest>.*)"), False, False),
    (re.compile(rf"\s*unset\s+(?:-v\s+)?(?P<name>{_NAME})\s*(?:[;#].*)?$"), True, True),
)
_FISH_PATTERNS = (
    (
        # `set` with options, at least one of which exports (-x, -gx, --export): `set -g` alone
        # makes a variable the shell keeps to itself, which claude never sees.
        re.compile(
            rf"\s*set\s+(?=(?:-[a-zA-Z]+\s+|--[a-z]+\s+)*(?:-[a-zA-Z]*x|--export\b))"
            rf"(?:-[a-zA-Z]+\s+|--[a-z]+\s+)+(?P<name>{_NAME})\s+(?P<rest>.*)"
        ),
        True,
        False,
    ),
    (re.compile(rf"\s*set\s+(?:-e|--erase)\s+(?P<name>{_NAME})\s*(?:[;#].*)?$"), True, True),
)
_CSH_PATTERNS = (
    (re.compile(rf"\s*setenv\s+(?P<name>{_NAME})\s+(?P<rest>.*)"), True, False),
    (re.compile(rf"\s*unsetenv\s+(?P<name>{_NAME})\s*(?:[;#].*)?$"), True, True),
)
_PWSH_PATTERNS = (
    (re.compile(rf"\s*\$env:(?P<name>{_NAME})\s*=\s*(?P<rest>.*)", re.IGNORECASE), True, False),
    (
        re.compile(rf"\s*Remove-Item\s+(?:-Path\s+)?env:(?:\\)?(?P<name>{_NAME})\s*$", re.IGNORECASE),
        True,
        True,
    ),
)


@dataclass(frozen=True)
class Unsetting:
    """``command`` with ``{names}`` replaced by each ``item`` joined with ``separator``."""

    command: str
    item: str
    separator: str


@dataclass(frozen=True)
class Syntax:
    name: str
    template: str
    quote: Callable[[str], str]
    patterns: Patterns
    unquoting: Unquoting
    unsetting: Unsetting  # how a running shell drops variables
    # What ends the block's lines: "\n" where a \r would become part of the value (POSIX
    # shells, fish and csh read CRLF files that way); None follows the file (PowerShell).
    newline: str | None = "\n"

    def parse(self, line: str) -> Statement | None:
        return parse_line(line, self.patterns, self.unquoting)

    def assign(self, name: str, value: str) -> str:
        """The line that exports ``name`` with ``value``, quoted for this syntax."""
        return self.template.format(name=name, value=self.quote(value))

    def unset(self, names: Sequence[str]) -> str:
        """The command that removes every one of ``names`` from a running shell."""
        how = self.unsetting
        return how.command.format(names=how.separator.join(how.item.format(name=n) for n in names))


POSIX = Syntax(
    "posix",
    "export {name}={value}",
    _quote_posix,
    _POSIX_PATTERNS,
    Unquoting(double_escapes='$`"\\\n', ansi_c=True),
    Unsetting("unset {names}", "{name}", " "),
)
FISH = Syntax(
    "fish",
    "set -gx {name} {value}",
    _quote_fish,
    _FISH_PATTERNS,
    Unquoting(single_escapes="\\'", double_escapes='"$\\\n', bare_computed="abefnrtvxXuUc01234567"),
    Unsetting("{names}", "set -e {name}", "; "),
)
CSH = Syntax(
    "csh",
    "setenv {name} {value}",
    _quote_csh,
    _CSH_PATTERNS,
    Unquoting(single_escapes="!", double_escapes="!", word_comments=True),  # "a\" is the word a\
    Unsetting("{names}", "unsetenv {name}", "; "),
)
PWSH = Syntax(
    "pwsh",
    "$env:{name} = {value}",
    _quote_pwsh,
    _PWSH_PATTERNS,
    Unquoting(doubled=True, escape="`", computed="0abefnrtuv"),
    Unsetting("Remove-Item {names}", "Env:{name}", ", "),
    newline=None,
)
SYNTAXES = (POSIX, FISH, CSH, PWSH)
UNQUOTING = {syntax.name: syntax.unquoting for syntax in SYNTAXES}  # a family's, by its name


def parse_any(line: str) -> Statement | None:
    """Parse a line in whichever syntax it is written (ccprofile's block may be moved)."""
    for syntax in SYNTAXES:
        statement = syntax.parse(line)
        if statement is not None:
            return statement
    return None
