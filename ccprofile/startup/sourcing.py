"""How a startup file's lines run other files, read as text: which line sources what, under
which test, in which loop, and which lines a static reading cannot follow.

``steps`` turns a file's text into a flat list of ``Step`` records, one per command, in every
shell family (POSIX, fish, csh, PowerShell). Nothing here reads a file or expands a variable:
``startup.scan`` walks the steps with what it knows of the disk and the variables.
"""

from __future__ import annotations

import functools
import re

from ccprofile.startup.shell_words import (
    CLOSED,
    NAME,
    POSIX_RULES,
    Test,
    interactive_test,
    left_open,
    parse_test,
    split_commands,
    split_on,
    split_words,
    unquoted_matches,
)
from ccprofile.startup.steps import (
    ANONYMOUS,
    CLOSE,
    COMMAND,
    ELIF,
    ELSE,
    FOR,
    IF,
    OPAQUE,
    OPEN,
    RETURN,
    SHORT_LOOP,
    UNENDED,
    UNMATCHED,
    Step,
    block_end,
    braced,
    conditional,
    source_step,
)
from ccprofile.startup.syntax import UNQUOTING

_POSIX_SOURCE = re.compile(r"(?:source|\\?\.)\s+(?P<rest>.+)")
_POSIX_FOR = re.compile(rf"for\s+(?P<var>{NAME})\s+in\b(?P<items>.*)$")
_POSIX_FUNCTION = re.compile(rf"(?:function\s+{NAME}(?:\s*\(\))?|{NAME}\s*\(\))\s*\{{?(?P<body>.*)$")
# zsh's anonymous function (`() { ... }`, `function { ... }`) runs where it stands.
_ANONYMOUS = re.compile(r"(?:\(\)|function)\s*\{(?P<body>.*)$")
# zsh's short loop: `for f (~/.zsh/*.zsh) source $f`, or a `{ ... }` body.
_ZSH_FOR = re.compile(rf"for\s+(?P<var>{NAME})\s*\((?:(?P<items>(?:[^()]|\([^()]*\))*)\)\s*(?P<body>.*))?")
_EVAL = re.compile(r"eval\b")


def _posix(line: int, command: str) -> list[Step]:
    if not command.strip():
        return []
    if command in ("then", "do"):
        return []
    if command == "{" or command.startswith("{ "):
        # A group: its commands run, and its `}` closes it.
        return [
            Step(line, OPEN, reason="a group", runs=True),
            *_posix(line, command.removeprefix("{").strip()),
        ]
    head = command.split()[0]
    rest = command[len(head) :].strip()
    if head in ("if", "elif"):
        # The line was split at `;`: the `then` is a command of its own. A `&&` may stand
        # without spaces (`test -r F&&true`), in a word parse_test would take for a path.
        test = None if split_on(rest, "&&") or split_on(rest, "||") else parse_test(rest, POSIX_RULES)
        return [Step(line, IF if head == "if" else ELIF, test=test)]
    if head == "else":
        return [Step(line, ELSE), *_posix(line, rest)]
    if head in ("then", "do", "builtin", "command") and rest:
        return _posix(line, rest)
    found = conditional(line, command, _posix, POSIX_RULES)
    if found is not None:
        return found
    if head in ("fi", "done", "}"):  # esac: _posix_line's, with the case it closes
        return [Step(line, CLOSE)]
    match = _POSIX_FOR.match(command)
    if match is not None:
        items = split_words(match["items"], POSIX_RULES)  # the line was split at `;`: no `do`
        if items is None:
            return [Step(line, OPEN, reason="a loop")]
        return [Step(line, FOR, variable=match["var"], items=tuple(items))]
    match = _ZSH_FOR.match(command)
    if match is not None:
        return _short_for(line, match)
    if head == "case" and command.endswith("esac"):
        return _one_line_case(line, command)
    if head in ("return", "exit") or (
        head == "exec" and rest and not rest[0].isdigit() and rest[0] not in "<>"
    ):
        return [Step(line, RETURN, reason=head)]
    if head == "case":
        return [_case_open(line, rest.split()[:1])]
    if head in ("for", "while", "until", "select", "repeat", "foreach"):
        return [Step(line, OPEN, reason=f"a {head} loop")]
    return _posix_command(line, command, head, rest)


def _short_for(line: int, match: re.Match[str]) -> list[Step]:
    """zsh's ``for NAME (WORDS) COMMAND``: one command, or a ``{`` or ``do`` body whose ``}``
    or ``done`` closes the loop (nothing after the words: the line was split at ``;``)."""
    items = None if match["items"] is None else split_words(match["items"], POSIX_RULES)
    if items is None:  # `for f ($(ls)) ...`: where its words end is a parser's to say
        return [Step(line, OPAQUE, reason="runs a loop whose words ccprofile cannot read")]
    body = match["body"]
    opened = Step(line, FOR, variable=match["var"], items=tuple(items), reason=SHORT_LOOP)
    if body.startswith("{"):
        return braced(line, opened, body[1:], _posix)
    done = not body or body == "do" or body.startswith("do ")  # a `done` closes it
    return [opened, *_posix(line, body), *([] if done else [Step(line, CLOSE)])]


def _posix_command(line: int, command: str, head: str, rest: str) -> list[Step]:
    """A function's definition, ``eval``, ``source``, or any other command."""
    match = _ANONYMOUS.match(command)
    if match is not None:
        return braced(line, Step(line, OPEN, reason=ANONYMOUS, runs=True), match["body"], _posix)
    match = _POSIX_FUNCTION.match(command)
    if match is not None:
        return braced(line, Step(line, OPEN, reason="a function", runs=False), match["body"], _posix)
    if _EVAL.match(command) or (head == "emulate" and " -c " in f" {rest} "):
        return [Step(line, OPAQUE, reason=f"runs {head}")]
    match = _POSIX_SOURCE.match(command)
    if match is not None:
        step = source_step(line, match["rest"], POSIX_RULES)
        return [step.but(text=head.removeprefix("\\"))]
    return [Step(line, COMMAND, text=command)]


# The word may be quoted in part or whole (`<<'EOF'`, `<<END-OF`): the shell's word, to a blank
# or an operator.
_HEREDOC = re.compile(r"""(?<!<)<<(?!<)(-?)[ \t]*((?:'[^'\n]*'|"[^"\n]*"|\\.|[^\s;&|<>()'"\\])+)""")
# `(( x << 2 ))` shifts: no here-document there.
_ARITHMETIC = re.compile(r"\$?\(\((?:[^()]|\([^()]*\))*\)\)")


def _continued(line: str) -> bool:
    """A backslash at the end (not an escaped one: an odd run of them) joins the next line."""
    return (len(line) - len(line.rstrip("\\"))) % 2 == 1


def _lines(text: str, family: str) -> tuple[list[tuple[int, str]], tuple[int, str, str] | None]:
    """(number, line) of each line a shell runs as commands: a line that ends in a backslash
    goes on on the next one (not inside single quotes, where a backslash is itself), so does
    one that leaves a quote open, and a here-document's body is text, not commands; and the
    line, end word and text of a here-document that no line ends, or None."""
    found: list[tuple[int, str]] = []
    unended = None
    # Only \n ends a line for a shell: a \r before it stays in the line.
    raw = text.split("\n")
    index, rules = 0, UNQUOTING[family]
    # csh reads no quote on into the next line (tcsh stops the file there: "Unmatched '").
    spans = family != "csh"
    while index < len(raw):
        number, line = index + 1, raw[index]
        index += 1
        state = left_open(line, rules) if spans else CLOSED
        while index < len(raw):
            if family != "pwsh" and state[0] not in ("'", "$'") and _continued(line):
                line, index = line[:-1] + raw[index], index + 1
                state = left_open(line, rules) if spans else CLOSED
            elif state != CLOSED:
                # A quote left open takes in the next line, as the shell reads it on.
                state = left_open(raw[index], rules, state)
                line, index = line + "\n" + raw[index], index + 1
            else:
                break
        here = "<<" in line and family in ("posix", "csh")
        masked = _ARITHMETIC.sub(lambda m: " " * len(m[0]), line) if here and "((" in line else line
        # Each here-document's body in turn (`cat <<A <<B`): text, not commands.
        for heredoc in unquoted_matches(_HEREDOC, masked, rules) if here else ():
            # csh ends it only at the word as written, quotes and all (`<<-END` at `-END`, no
            # tab stripped); POSIX at the word with its quotes removed.
            csh = family == "csh"
            end = heredoc[0][2:].lstrip() if csh else re.sub(r"""\\(.)|['"]""", r"\1", heredoc[2])
            strip = heredoc[1] == "-" and not csh
            body = index
            while index < len(raw) and (raw[index].lstrip("\t") if strip else raw[index]) != end:
                index += 1
            if index >= len(raw) and unended is None:
                unended = (number, end, "\n".join(raw[body:]))
            index += 1  # the delimiter line
        found.append((number, line))
    return found, unended


_CASE_BRANCH = re.compile(r"\(?(?P<pattern>[^()\s][^()]*?)\)\s*(?P<rest>.*)$")


def _case_branch(line: int, command: str, case: list[bool]) -> list[Step] | None:
    """A branch of an open ``case`` block (``pattern) commands ;;``), as IF/ELIF steps: decided
    for ``case $- in`` (an interactive shell's flags hold ``i``), undecided for anything else.
    ``case``: [whether it is ``case $-``, whether a branch has started]."""
    match = _CASE_BRANCH.match(command)
    if match is None:
        return None  # `esac` has no `)`
    interactive, started = case
    pattern = match["pattern"].strip()
    test = None
    if interactive:
        matches = "i" in pattern or pattern == "*"
        test = interactive_test(matches)
    case[1] = True
    rest = match["rest"].strip().removesuffix(";;").strip()
    return [Step(line, ELIF if started else IF, test=test), *_posix(line, rest)]


_LAST_BRANCH = re.compile(r"(?<=;;)\s*esac$")  # `a) cmd ;; esac`: the block ends with the branch


def _case_open(line: int, subject: list[str]) -> Step:
    """The step that opens a case block; ``case $-``'s branches are decided, so it runs."""
    if subject in (["$-"], ['"$-"']):
        return Step(line, OPEN, reason="case $-", runs=True)
    return Step(line, OPEN, reason="a case block")


def _one_line_case(line: int, command: str) -> list[Step]:
    """``case $- in *i*) ;; *) return;; esac`` on one line: the block and each branch."""
    words = command.removesuffix("esac").split(None, 3)
    found = [_case_open(line, words[1:2])]
    case = [found[0].reason == "case $-", False]
    body = words[3] if len(words) == 4 else ""
    while body.strip():
        piece, body = split_on(body, ";;", POSIX_RULES) or (body, "")
        found += _case_branch(line, piece.strip(), case) or []
    return [*found, *[Step(line, CLOSE)] * (2 if case[1] else 1)]


def _posix_line(line: int, command: str, cases: list[list[bool]]) -> list[Step]:
    """One POSIX command, in the ``case`` blocks open around it."""
    if cases:
        last = _LAST_BRANCH.search(command)
        branch = _case_branch(line, command[: last.start()] if last else command, cases[-1])
        if branch is not None and last is None:
            return branch
        if branch is not None or command.split()[0] == "esac":
            closed = cases.pop()
            return [*(branch or []), *[Step(line, CLOSE)] * (2 if closed[1] else 1)]
    found = _posix(line, command)
    opened = False
    for index, step in enumerate(found):
        # A case block the line leaves open: its branches are the lines that follow.
        if (
            step.kind == OPEN
            and step.reason in ("case $-", "a case block")
            and block_end(found, index) == len(found)
        ):
            cases.append([step.reason == "case $-", False])
            opened = True
    words = command.split(None, 3)
    if opened and words[0] == "case" and len(words) == 4:
        found += _posix_line(line, words[3], cases)  # `case $x in a) cmd ;;`: a first branch
    return found


@functools.lru_cache(maxsize=64)
def steps(text: str, family: str) -> tuple[Step, ...]:
    """Every command of ``text`` as a ``Step``, in order, in the syntax ``family`` names.
    Cached: status reads the same files as a login and a non-login shell."""
    return tuple(_steps(text, family))


def _steps(text: str, family: str) -> list[Step]:
    if family != "posix":
        from ccprofile.startup import sourcing_others  # only for fish, csh and PowerShell files
    found: list[Step] = []
    last_test: list[Test | None] = [None]
    cases: list[list[bool]] = []
    lines, unended = _lines(text, family)
    for number, line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if family == "csh" and left_open(line, UNQUOTING[family])[0]:
            found.append(Step(number, RETURN, reason=UNMATCHED))  # none of the line runs
            continue
        for command in split_commands(line, UNQUOTING[family]):
            try:
                if family == "posix":
                    found += _posix_line(number, command, cases)
                elif family == "fish":
                    found += sourcing_others.fish_steps(number, command, last_test)
                elif family == "csh":
                    found += sourcing_others.csh_steps(number, command)
                else:
                    found += sourcing_others.pwsh_steps(number, command)
            except RecursionError:
                found.append(Step(number, OPAQUE, reason="is too deeply nested to read"))
    if unended is not None:
        found.append(Step(unended[0], UNENDED, text=unended[1], raw=unended[2]))
    return found
