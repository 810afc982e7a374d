"""How each error becomes words and an exit code: the command line's policy, in one table.

Lower layers raise errors that state facts; only here is a fact joined to the flag that
works around it, and only here is the exit code chosen (2 for a bad value or option, as
click does for usage errors; 1 for everything else).
"""

from __future__ import annotations

import sys

from ccprofile.errors import (
    NOTHING_WRITTEN,
    BackupChanged,
    BackupGone,
    BadValue,
    CcprofileError,
    ChangedSince,
    MarkersToFix,
    MissingDotDir,
    ModelShapeError,
    NoBackupKept,
    NoEffect,
    NotAStartupFile,
    NotSmall,
    ProbeError,
    ShellNotDetected,
    UnknownModel,
    UnknownStartupFile,
    VerifyFailed,
)

USAGE_EXIT = 2
FAILURE_EXIT = 1


class UsageError(CcprofileError):
    """Options that contradict each other on the command line."""


class NotTouched(CcprofileError):
    """A removal that found nothing in the file named, where the shell may read another that
    ccprofile's record says has its block: the pin may still be there."""


# What to do next, in the words of this command line; most specific type first.
_ADVICE: tuple[tuple[type[CcprofileError], str], ...] = (
    (ShellNotDetected, ": pass --shell NAME"),
    (MissingDotDir, ": fix {variable} or pass --file"),
    (
        UnknownStartupFile,
        " (from {shell}, pass --file {file}, which it expands to the file it reads; "
        "`echo ${variable}` in a new terminal names the folder)",
    ),
    (ModelShapeError, "; check the provider, or pass --force"),
    (
        UnknownModel,
        f"; {NOTHING_WRITTEN} (`ccprofile models` lists the known IDs; --force pins it as typed)",
    ),
    (NotAStartupFile, f"; {NOTHING_WRITTEN} (--force writes it anyway)"),
    (NotSmall, f"; {NOTHING_WRITTEN} (--force pins it without asking)"),
    (NoEffect, f" (--strict: {NOTHING_WRITTEN})"),
    (VerifyFailed, " (--strict)"),
    (NoBackupKept, ". `ccprofile uninstall` still takes ccprofile's pins out of it"),
    (BackupChanged, ". `ccprofile uninstall` still takes ccprofile's pins out of it"),
    (BackupGone, ". `ccprofile undo --all` still goes back to before ccprofile's first change"),
    (MarkersToFix, " (`ccprofile status` shows it too)"),
    (
        ChangedSince,
        " (--force puts back only ccprofile's block or keys and keeps the rest; "
        "`ccprofile undo --force --dry-run` shows how)",
    ),
)


def describe(error: CcprofileError) -> tuple[str, int]:
    """The one line to print (without the ``ccprofile: error:`` prefix) and the exit code."""
    text = str(error)
    if isinstance(error, ProbeError):
        text = f"--probe: {text}"
    for kind, advice in _ADVICE:
        if isinstance(error, kind):
            # The error's own fields, strictly: advice that names one the error lacks fails loudly.
            text += advice.format_map(vars(error))
            break
    code = USAGE_EXIT if isinstance(error, (BadValue, UsageError)) else FAILURE_EXIT
    return text, code


# Errors are printed with print(), not rich: one line, never wrapped or styled, and
# `status --json` reports them without importing rich at all.


def report_error(error: CcprofileError) -> int:
    """Print the error as its one line on stderr; return its exit code."""
    from ccprofile.cli.program import runnable

    text, code = describe(error)
    print(f"ccprofile: error: {runnable(text)}", file=sys.stderr)
    return code


def report_usage_error(message: str, command: str | None, code: int, *, as_json: bool = False) -> int:
    """A command line click could not parse, in the same one-line form as every other error;
    ``as_json``: also as the JSON document ``status --json`` promises on every exit."""
    text = message.strip().rstrip(".")
    text = text[:1].lower() + text[1:]
    if command is not None:
        text += f" (see `{command} --help`)"
    from ccprofile.cli.program import runnable

    text = runnable(text)
    print(f"ccprofile: error: {text}", file=sys.stderr)
    if as_json:
        import json

        print(json.dumps({"error": text, "exit_code": code}, indent=2))
    return code


def report_interrupt() -> int:
    print(f"ccprofile: interrupted; {NOTHING_WRITTEN}", file=sys.stderr)
    return 130
