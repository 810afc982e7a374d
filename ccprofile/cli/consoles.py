"""The two consoles every command prints through, and the one way an error is reported.

Kept apart from the typer app so that ``status`` can run without importing typer at all
(see ``fast_status``).
"""

from __future__ import annotations

from rich.console import Console

from ccprofile.cli.failures import describe
from ccprofile.errors import CcprofileError

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def report_error(error: CcprofileError) -> int:
    """Print the error as its one line on stderr; return its exit code."""
    text, code = describe(error)
    err_console.print(f"ccprofile: error: {text}", markup=False, soft_wrap=True)
    return code


def report_interrupt() -> int:
    err_console.print("ccprofile: interrupted; nothing was written")
    return 130
