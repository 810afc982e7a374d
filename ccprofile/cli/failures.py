"""How each error becomes words and an exit code: the command line's policy, in one table.

Lower layers raise errors that state facts; only here is a fact joined to the flag that
works around it, and only here is the exit code chosen (2 for a bad value or option, as
click does for usage errors; 1 for everything else).
"""

from __future__ import annotations

from ccprofile.errors import (
    BadValue,
    CcprofileError,
    MissingZdotdir,
    ModelShapeError,
    NoEffect,
    ProbeError,
    ShellNotDetected,
    UnknownModel,
    UnsupportedShell,
    VerifyFailed,
)

USAGE_EXIT = 2
FAILURE_EXIT = 1


class UsageError(CcprofileError):
    """Options that contradict each other on the command line."""


# What to do next, in the words of this command line; most specific type first.
_ADVICE: tuple[tuple[type[CcprofileError], str], ...] = (
    (UnsupportedShell, "; pass --shell NAME"),
    (ShellNotDetected, ": pass --shell NAME"),
    (MissingZdotdir, ": fix ZDOTDIR or pass --file"),
    (ModelShapeError, "; check the provider, or pass --force"),
    (UnknownModel, "; --strict refuses unknown IDs (see `ccprofile models`)"),
    (NoEffect, " (--strict: nothing was written)"),
    (VerifyFailed, " (--strict)"),
)


def describe(error: CcprofileError) -> tuple[str, int]:
    """The one line to print (without the ``ccprofile: error:`` prefix) and the exit code."""
    text = str(error)
    if isinstance(error, ProbeError):
        text = f"--probe: {text}"
    for kind, advice in _ADVICE:
        if isinstance(error, kind):
            text += advice
            break
    code = USAGE_EXIT if isinstance(error, (BadValue, UsageError)) else FAILURE_EXIT
    return text, code
