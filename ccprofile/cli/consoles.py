"""The two consoles every command prints through, and the one way an error is reported.

Kept apart from the typer app so that ``status`` can run without importing typer at all
(see ``fast_status``).
"""

from __future__ import annotations

import os

from rich.console import Console

from ccprofile.cli.failures import describe
from ccprofile.errors import CcprofileError


def _width() -> int | None:
    """``COLUMNS`` as rich would take it, unless it is no width at all.

    rich prints nothing at all at a width of 0 (and fails below it): every message, and the
    news that a write happened, would be lost. Such a value is treated as unset.
    """
    value = os.environ.get("COLUMNS", "")
    if value and not (value.isdigit() and int(value) >= 1):
        return 80
    return None


console = Console(highlight=False, width=_width())
err_console = Console(stderr=True, highlight=False, width=_width())


def report_error(error: CcprofileError) -> int:
    """Print the error as its one line on stderr; return its exit code."""
    text, code = describe(error)
    err_console.print(f"ccprofile: error: {text}", markup=False, soft_wrap=True)
    return code


def report_interrupt() -> int:
    err_console.print("ccprofile: interrupted; nothing was written")
    return 130
