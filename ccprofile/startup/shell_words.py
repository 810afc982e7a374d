"""A line of a startup file as the shell splits it: commands at ``;``, ``&&`` and ``||``,
words, the tests of one word a static reading can decide (``[ -f F ]``), what a word's
braces and variables expand to, and whether a text sources a file by name. Pure text."""

from __future__ import annotations

import re
from collections.abc import Mapping

from ccprofile.startup.syntax import COMPUTED, CSH, FISH, POSIX, PWSH, Unquoting, Word, read_word

# The syntax records' quoting, under the names the walk's callers use.
POSIX_RULES, FISH_RULES, CSH_RULES, PWSH_RULES = (s.unquoting for s in (POSIX, FISH, CSH, PWSH))

NAME = r"[A-Za-z_][A-Za-z0-9_]*"
_TEST_OPS = frozenset(("-f", "-r", "-e", "-s", "-d", "-n", "-z", "-h", "-L"))
# The ways a file names its own directory, which a static reading knows: zsh's ${0:A:h},
# bash's ${BASH_SOURCE%/*} and $(dirname "$BASH_SOURCE"), fish's (status dirname).


class Test:
    """A test a static reading can decide: a file test (``-f``, ``-r``, ``-e``, ``-s``, ``-d``),
    a string test (``-n``, ``-z``) of one word, or ``-o interactive`` (the shell decides).
    (Plain slotted classes here and below: a dataclass costs status a millisecond or two to
    create at import.)"""

    __slots__ = ("negated", "op", "word")

    def __init__(self, op: str, word: Word, negated: bool = False) -> None:
        self.op, self.word, self.negated = op, word, negated

    def __repr__(self) -> str:
        return f"Test({self.op!r}, {self.word!r}, negated={self.negated})"


def _top_level(text: str, rules: Unquoting = POSIX_RULES) -> tuple[list[int], int]:
    found, end, _ = _walk(text, rules)
    return found, end


# What a line leaves open for the next one: the quote it is inside ("" none) and how many
# `$(` are not closed.
Open = tuple[str, int]
CLOSED: Open = ("", 0)


def left_open(line: str, rules: Unquoting, state: Open = CLOSED) -> Open:
    """What ``line``, read from inside ``state``, leaves open: a quote, a backtick or a ``$(``
    makes the shell read on into the next line (``: '`` opens a comment block many files use)."""
    if state == CLOSED and not any(c in line for c in "'\"`("):
        return CLOSED  # most lines: nothing can be left open
    return _walk(line, rules, state)[2]


def _walk(text: str, rules: Unquoting, state: Open = CLOSED) -> tuple[list[int], int, Open]:
    """The indices of ``text``'s characters outside quotes, ``$( )`` and backticks, where a
    shell looks for ``;``, ``&&``, ``||`` and the end of a word; and where a comment starts
    (``len(text)`` if none). ``rules``: the family's quoting (fish's ``\\'`` inside single
    quotes, bash's ``$'...'``, what a backslash escapes inside double quotes, PowerShell's
    backtick escape); and what is left open at the end (``left_open``)."""
    found: list[int] = []
    (quote, depth), i = state, 0
    while i < len(text):
        ch = text[i]
        if quote == "'" and ch == "\\" and text[i + 1 : i + 2] and text[i + 1] in rules.single_escapes:
            i += 2
            continue
        if quote == "$'" and ch == "\\":
            i += 2
            continue
        if quote in ("'", "$'"):
            quote = "" if ch == "'" else quote
        elif ch == rules.escape and (quote != '"' or rules.escapes_in_double(text[i + 1 : i + 2])):
            i += 2
            continue
        elif quote and ch == "$" and text[i + 1 : i + 2] == "(":
            depth, i = depth + 1, i + 1
        elif quote and not depth:
            quote = "" if ch == quote else quote
        elif ch == "$" and rules.ansi_c and text[i + 1 : i + 2] == "'" and not depth:
            quote, i = "$'", i + 1
        elif ch in "'\"`" and not depth:
            quote = ch
        elif ch == "$" and text[i + 1 : i + 2] == "(":
            depth, i = depth + 1, i + 1
        elif depth and ch == "(":
            depth += 1
        elif depth and ch == ")":
            depth -= 1
        elif not depth:
            if ch == "#" and (i == 0 or text[i - 1] in " \t;" or rules.word_comments):
                return found, i, CLOSED
            found.append(i)
        i += 1
    return found, len(text), (quote, depth)


def split_commands(line: str, rules: Unquoting = POSIX_RULES) -> list[str]:
    """The commands of one line: split at ``;`` outside quotes, up to a comment (``;;`` ends
    a case branch and stays in its command)."""
    if ";" not in line and "#" not in line:
        return [line.strip(" \t")] if line.strip() else []  # most lines: one command, no comment
    out: list[str] = []
    top, end = _top_level(line, rules)
    start = 0
    for i in top:
        if line[i] == ";" and line[i + 1 : i + 2] != ";" and (i == 0 or line[i - 1] != ";"):
            out.append(line[start:i])
            start = i + 1
    out.append(line[start:end])
    return [c.strip(" \t") for c in out if c.strip()]


def unquoted_matches(pattern: re.Pattern[str], text: str, rules: Unquoting) -> list[re.Match[str]]:
    """The matches of ``pattern`` in ``text`` that start outside quotes, ``$( )`` and a
    comment (``echo "a <<EOF"`` opens no here-document)."""
    top, end = _top_level(text, rules)
    starts = set(top)
    return [m for m in pattern.finditer(text) if m.start() in starts and m.start() < end]


def split_on(command: str, operator: str, rules: Unquoting = POSIX_RULES) -> tuple[str, str] | None:
    """``command`` split at the first ``operator`` (``&&``, ``||``) outside quotes and ``$( )``."""
    if operator not in command:
        return None
    for i in _top_level(command, rules)[0]:
        if command.startswith(operator, i):
            return command[:i].strip(), command[i + len(operator) :].strip()
    return None


def split_words(text: str, rules: Unquoting) -> list[Word] | None:
    """Every word of ``text``; None if a quote is left open."""
    out: list[Word] = []
    rest = text.strip(" \t")  # a \r is part of the last word, as the shell reads it
    while rest:
        word = read_word(rest, rules)
        if word is None:
            return None
        length = _word_length(rest, rules)
        if length == 0:
            break  # a comment: the rest of the line is no word
        out.append(word)
        rest = rest[length:].strip(" \t")
    return out


def _word_length(text: str, rules: Unquoting) -> int:
    """Where the first word of ``text`` ends: ``_top_level``'s rules, stopping at the end."""
    if not any(c in text for c in "'\"`\\$#"):
        ends = [i for i in (text.find(" "), text.find("\t")) if i >= 0]
        return min(ends) if ends else len(text)
    top, end = _top_level(text, rules)
    return next((i for i in top if text[i] in " \t"), end)


# The words an interactive shell's test of its flags ($- holds i) comes down to.
_HOLDS, _FAILS = Word("x", False), Word("", False)


def interactive_test(holds: bool) -> Test:
    """A test of an interactive shell's flags, decided: it ``holds`` or not."""
    return Test("-n", _HOLDS if holds else _FAILS)


def parse_test(text: str, rules: Unquoting) -> Test | None:
    """``[ -f F ]``, ``[[ -r F ]]``, ``test -e F``, ``( -f F )`` (csh), each with an optional
    ``!``; None for any other condition."""
    words = split_words(text, rules)
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
        return interactive_test(holds != (values[1] == "!="))
    negated = bool(values) and values[0] == "!"
    if negated:
        values, words = values[1:], words[1:]
    if values == ["-o", "interactive"]:
        return Test("-o", words[1], negated)  # zsh's idiom; whether it holds is the shell's
    if len(values) != 2 or values[0] not in _TEST_OPS:
        return None
    return Test(values[0], words[1], negated)


_BRACE = re.compile(r"\{([^{}]*,[^{}]*)\}")


def expand_braces(word: str) -> list[str]:
    """bash, zsh and ksh's brace expansion of one word: ``~/.{path,exports}``."""
    match = _BRACE.search(word)
    if match is None:
        return [word]
    head, tail = word[: match.start()], word[match.end() :]
    return [expanded for option in match[1].split(",") for expanded in expand_braces(head + option + tail)]


_VAR = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?::-(?P<default>[^}]*))?\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


def expand(
    value: str, variables: Mapping[str, str], *, strict: bool = False, tilde: bool = True
) -> str | None:
    """Expand ``~`` (unless ``tilde`` is False: it was quoted), ``$V``, ``${V}`` and
    ``${V:-default}``; None for anything fancier, and with ``strict`` for a variable
    ``variables`` does not hold (its value is not known)."""
    if tilde and (value.startswith("~/") or value == "~"):
        value = "$HOME" + value[1:]
    unknown = False

    def substitute(match: re.Match[str]) -> str:
        nonlocal unknown
        name = match["braced"] or match["bare"]
        found = variables.get(name)
        if not found and match["default"] is not None:
            return expand(match["default"], variables, strict=strict) or ""
        if found is None:
            unknown = True
            return ""
        return found

    expanded = _VAR.sub(substitute, value)
    if (strict and unknown) or any(c in expanded for c in "$`" + COMPUTED):
        return None
    return expanded


def sources_named(text: str, name: str) -> bool:
    """Whether ``text`` has a line that sources a file called ``name`` (``. ~/.bashrc``,
    ``source "$HOME/.bashrc"``, after a test or not): a quick look, for choosing a file and
    for not advising a line that would make two files source each other."""
    pattern = re.compile(
        rf"(?:^|[\s;&|(]|then)(?:\.|source)\s+[\"']?(?:\S*/)?{re.escape(name)}[\"']?(?=$|[\s;&|)])"
    )
    # The text before a line's first # is its code: a comment's text is no source.
    return any(pattern.search(line.partition("#")[0]) for line in text.splitlines())


# zsh's glob qualifiers at a word's end: `*.zsh(N)` (no match: no word), `(.)` (plain files).
_QUALIFIER = re.compile(r"\(([^()]*)\)$")
GLOB_OPTIONS = ("nomatch", "nullglob")  # zsh's options that say what a pattern matching nothing does
# Options set back when the function they are set in returns (`setopt localoptions`, `emulate
# -L`), or reset by `emulate`: what follows is not known.
LOCAL = "localoptions"


def glob_qualifier(word: str) -> tuple[str, str]:
    """A zsh word without the glob qualifier it ends in, and the qualifier's letters:
    ``*.zsh(N.)`` is ``*.zsh`` and ``N.``; a qualifier makes any word a pattern, so
    ``~/.zshrc.local(N)`` is ``~/.zshrc.local`` and ``N``; a word without one is itself and ""."""
    found = _QUALIFIER.search(word)
    if found is None or found.start() == 0 or not found[1]:
        return word, ""
    return word[: found.start()], found[1]


def zsh_options(command: str) -> dict[str, bool]:
    """What ``command`` sets of zsh's NOMATCH and NULL_GLOB (``setopt null_glob``, ``unsetopt
    nomatch``, ``setopt no_nomatch``, ``set -o nullglob -o extendedglob``, ``set -G``, in any
    case and with any ``_``), and ``LOCAL`` where it makes them local or resets them."""
    words = command.split()
    head = words[0] if words else ""
    if head == "emulate":
        return {LOCAL: True}
    if head not in ("set", "setopt", "unsetopt"):
        return {}
    found: dict[str, bool] = {}
    flip = head == "unsetopt"
    rest = iter(words[1:])
    for word in rest:
        if word == "--":
            break  # what follows is no option
        if word in ("-o", "+o"):
            _option(found, next(rest, ""), (word == "-o") != flip)
        elif word[:1] in "-+" and len(word) > 1:
            if "G" in word[1:]:  # NULL_GLOB's letter
                found["nullglob"] = (word[0] == "-") != flip
        elif head == "set":
            break  # the positional parameters
        else:
            _option(found, word, not flip)
    return found


def _option(found: dict[str, bool], name: str, on: bool) -> None:
    key = name.lower().replace("_", "")
    negated = key not in (*GLOB_OPTIONS, LOCAL) and key.startswith("no")
    key = key[2:] if negated else key
    if key in (*GLOB_OPTIONS, LOCAL):
        found[key] = on != negated
