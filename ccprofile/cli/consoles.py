"""The two consoles every command prints through, and the one way an error is reported.

Kept apart from the typer app so that ``status`` can run without importing typer at all
(see ``fast_status``).
"""

from __future__ import annotations

import os

from rich.console import Console

from ccprofile.cli.failures import describe
from ccprofile.errors import CcprofileError

MIN_WIDTH = 20
FALLBACK_WIDTH = 80


def _width() -> int | None:
    """``COLUMNS`` as rich would take it, unless it leaves no room for words.

    rich prints nothing at all at a width of 0, and one character a line at 1: every message,
    and the news that a write happened, would be lost or unreadable. Below ``MIN_WIDTH`` the
    lines are laid out for 80 columns and the terminal wraps them, whole.
    """
    value = os.environ.get("COLUMNS", "")
    if value and not (value.isdigit() and int(value) >= MIN_WIDTH):
        return FALLBACK_WIDTH
    return None


console = Console(highlight=False, width=_width())
err_console = Console(stderr=True, highlight=False, width=_width())


def report_error(error: CcprofileError) -> int:
    """Print the error as its one line on stderr; return its exit code."""
    text, code = describe(error)
    err_console.print(f"ccprofile: error: {text}", markup=False, soft_wrap=True)
    return code


def report_usage_error(message: str, command: str | None, code: int) -> int:
    """A command line click could not parse, in the same one-line form as every other error."""
    text = message.strip().rstrip(".")
    text = text[:1].lower() + text[1:]
    if command is not None:
        text += f" (see `{command} --help`)"
    err_console.print(f"ccprofile: error: {text}", markup=False, soft_wrap=True)
    return code


def report_interrupt() -> int:
    err_console.print("ccprofile: interrupted; nothing was written")
    return 130
