"""The lines of fish, csh and PowerShell startup files as steps (POSIX's are ``sourcing``'s).
Imported only when such a file is read: most status runs read none."""

from __future__ import annotations

import re

from ccprofile.startup.shell_words import (
    CSH_RULES,
    FISH_RULES,
    NAME,
    PWSH_RULES,
    Test,
    parse_test,
    split_words,
)
from ccprofile.startup.steps import (
    CLOSE,
    COMMAND,
    ELIF,
    ELSE,
    FOR,
    IF,
    OPAQUE,
    OPEN,
    RETURN,
    Step,
    conditional,
    source_step,
)

_FISH_FOR = re.compile(rf"for\s+(?P<var>{NAME})\s+in\s+(?P<items>.*)$")


def fish_steps(line: int, command: str, last_test: list[Test | None]) -> list[Step]:
    if not command.strip():
        return []
    found = conditional(line, command, lambda at, text: fish_steps(at, text, last_test), FISH_RULES)
    if found is not None:
        return found
    head = command.split(None, 1)[0]
    rest = command[len(head) :].strip()
    if head in ("builtin", "command") and rest:
        return fish_steps(line, rest, last_test)
    if head in ("and", "or"):
        test = last_test[0]
        if test is not None and head == "or":
            test = Test(test.op, test.word, not test.negated)
        return [Step(line, IF, test=test), *fish_steps(line, rest, last_test), Step(line, CLOSE)]
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
        items = split_words(match["items"], FISH_RULES)
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
        return [source_step(line, rest, FISH_RULES, fish=True)]
    last_test[0] = _fish_test(command)
    return [Step(line, COMMAND, text=command)]


def _fish_test(text: str) -> Test | None:
    return parse_test(text, FISH_RULES)


_CSH_IF = re.compile(r"(?:else\s+)?if\s*(?P<cond>\(.*\))\s*(?P<rest>.*)$")
_CSH_FOR = re.compile(rf"foreach\s+(?P<var>{NAME})\s*\((?P<items>.*)\)\s*$")


def csh_steps(line: int, command: str) -> list[Step]:
    if not command.strip():
        return []
    head = command.split(None, 1)[0]
    rest = command[len(head) :].strip()
    match = _CSH_IF.match(command)
    if match is not None:
        test = parse_test(match["cond"], CSH_RULES)
        kind = ELIF if head == "else" else IF
        if match["rest"] == "then":
            return [Step(line, kind, test=test)]
        return [Step(line, IF, test=test), *csh_steps(line, match["rest"]), Step(line, CLOSE)]
    if head == "else":
        return [Step(line, ELSE)]
    if head in ("endif", "end", "endsw"):
        return [Step(line, CLOSE)]
    match = _CSH_FOR.match(command)
    if match is not None:
        # Never None: a line that leaves a quote open is where tcsh stops (sourcing._steps).
        items = split_words(match["items"], CSH_RULES) or ()
        return [Step(line, FOR, variable=match["var"], items=tuple(items))]
    if head in ("while", "switch"):
        return [Step(line, OPEN, reason=f"a {head} block", runs=None)]
    if head == "eval":
        return [Step(line, OPAQUE, reason="runs eval")]
    if head == "goto":  # which lines run after it is its label's: none is known to
        return [Step(line, OPAQUE, reason="runs goto"), Step(line, OPEN, reason="lines a goto may skip")]
    if head == "source":
        return [source_step(line, rest, CSH_RULES)]
    return [Step(line, COMMAND, text=command)]


def pwsh_steps(line: int, command: str) -> list[Step]:
    if command.startswith(". "):
        return [source_step(line, command[2:].strip(), PWSH_RULES)]
    if command.lower().startswith(("invoke-expression", "iex ")):
        return [Step(line, OPAQUE, reason="runs Invoke-Expression")]
    return [Step(line, COMMAND, text=command)]
