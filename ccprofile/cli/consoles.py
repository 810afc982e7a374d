"""The console every command prints through.

Kept apart from the typer app so that ``status`` can run without importing typer at all
(see ``fast_status``).
"""

from __future__ import annotations

import os

from rich.console import Console

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
