"""Which shell the user runs: the nearest interactive shell above this process, else ``$SHELL``.

A shell that runs a script file or a ``-c`` command is skipped: a dotfiles ``setup.sh``, a
Makefile or a CI step run by bash says nothing about the shell the user's terminals start.
``choose_shell`` is pure (tests replay recorded process trees); ``detect_shell`` is the edge.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence

from ccprofile.errors import ShellNotDetected
from ccprofile.startup.shells import SHELLS, Shell, get_shell, normalize_shell_name
from ccprofile.system.processes import Process, ancestors

# Options that take the next word as their value, so it is not a script file.
_TAKES_VALUE = frozenset({"-o", "+o", "-O", "+O", "--rcfile", "--init-file", "-C", "--init-command"})
_INTERACTIVE = frozenset({"--login", "--interactive", "-login", "-interactive"})
_COMMAND = frozenset({"--command", "-command", "-file", "-encodedcommand"})  # fish, pwsh


# Why a shell was chosen, as a value (cli/wording.py says each in words): named with the
# command's option, the name of the file named, the nearest interactive shell above
# ccprofile, or the login shell ($SHELL).
NAMED, FILE_NAME, RUNNING, LOGIN_SHELL = "named", "file-name", "running", "login-shell"


class Detection:
    """The shell found, why, and the login shell when it is another. A plain class: status imports it, and a
    dataclass costs status a millisecond to create (docs/performance.md)."""

    __slots__ = ("other", "reason", "shell")

    def __init__(self, shell: Shell, reason: str, other: Shell | None = None) -> None:
        self.shell = shell
        self.reason = reason  # RUNNING or LOGIN_SHELL
        self.other = other  # the login shell, when it is not the one used


def shell_of(process: Process) -> Shell | None:
    if not process.argv:
        return None
    name = normalize_shell_name(os.path.basename(process.argv[0]))
    return SHELLS.get(name)


def is_interactive(argv: Sequence[str]) -> bool:
    """Whether a shell started with ``argv`` is a terminal's shell, not a script's or ``-c``'s."""
    if argv[0].startswith("-"):
        return True  # a login shell: argv[0] is "-zsh"
    forced = command = script = False
    words = iter(argv[1:])
    for word in words:
        lowered = word.lower()
        if word == "--":
            script = next(words, None) is not None
            break
        if lowered in _INTERACTIVE:
            forced = True
        elif lowered in _COMMAND or lowered.startswith("--command="):
            command = True
        elif word in _TAKES_VALUE:
            next(words, None)
        elif word[:1] in "-+" and word[1:].isalpha() and len(word) <= 4:
            # Bundled one-letter options (-il, -xc); longer words are PowerShell's names.
            letters = word[1:]
            forced = forced or "i" in letters or "l" in letters
            command = command or "c" in letters
        elif not word.startswith("-"):
            script = True
            break
    return forced or not (command or script)


def choose_shell(processes: Sequence[Process], env: Mapping[str, str]) -> Detection:
    """The nearest interactive shell among ``processes`` (nearest first), else ``$SHELL``."""
    login_name = os.path.basename(env.get("SHELL", ""))
    login = SHELLS.get(normalize_shell_name(login_name)) if login_name else None
    for process in processes:
        shell = shell_of(process)
        if shell is not None and is_interactive(process.argv):
            other = login if login is not None and login.name != shell.name else None
            return Detection(shell, RUNNING, other)
    if login_name:
        return Detection(get_shell(login_name), LOGIN_SHELL)
    raise ShellNotDetected()


def detect_shell(env: Mapping[str, str]) -> Detection:
    return choose_shell(ancestors(), env)
