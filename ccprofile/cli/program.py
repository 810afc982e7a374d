"""How to run this ccprofile again: what every command printed for the user must start with.

A hint that says `ccprofile undo` helps only where typing ``ccprofile`` runs this program.
Installed with pipx (or the README's command) it does; run from a virtualenv's ``bin`` or as
``python -m ccprofile`` it may not, and then the hints name the way it was run.
"""

from __future__ import annotations

import functools
import os
import re
import sys

_COMMANDS = (
    "set-fast-model|set-model|unset-fast-model|unset-model|set-subagent-model|unset-subagent-model|"
    "status|models|uninstall|completion|list|undo"
)
# `ccprofile undo`, "More: ccprofile status --verbose": the word as a command, not in a path.
_SPOKEN = re.compile(rf"(?<![\w/.~-])ccprofile(?= (?:{_COMMANDS}|--[a-z][a-z-]*)\b)")


@functools.lru_cache(maxsize=1)
def name() -> str:
    """``ccprofile`` when the shell finds this program by that name, else the way it was run:
    its path (``~/...`` when under the home directory) or ``python -m ccprofile``."""
    import shlex
    import shutil

    argv0 = sys.argv[0] if sys.argv else ""
    if os.path.basename(argv0) == "__main__.py" and os.path.basename(os.path.dirname(argv0)) == "ccprofile":
        return f"{shlex.quote(sys.executable)} -m ccprofile"
    here = shutil.which(argv0) if os.sep not in argv0 else argv0
    if os.path.basename(argv0) != "ccprofile" or not here:
        return "ccprofile"  # run from inside another program (a test's CliRunner): no better name
    found = shutil.which("ccprofile")
    if found and os.path.realpath(found) == os.path.realpath(here):
        return "ccprofile"
    path = os.path.abspath(here)
    home = os.path.expanduser("~")
    if home not in ("", "/") and path.startswith(home + os.sep):
        return "~/" + shlex.quote(path[len(home) + 1 :])
    return shlex.quote(path)


def runnable(text: str) -> str:
    """``text`` with every ccprofile command in it as it can be typed here."""
    if "ccprofile" not in text:
        return text
    program = name()
    return text if program == "ccprofile" else _SPOKEN.sub(lambda _: program, text)


def on_path() -> bool:
    return name() == "ccprofile"
