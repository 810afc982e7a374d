"""The console every command prints through.

Kept apart from the typer app so that ``status`` can run without importing typer at all
(see ``fast_status``).
"""

from __future__ import annotations

import os
from typing import Any

from rich._wrap import divide_line
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


class WholeWordsConsole(Console):
    """rich's console, except that a word longer than the line is never cut.

    rich wraps a message at spaces and folds a word longer than the line into pieces: a model
    ID or a path cut in two pastes as two lines. Here a message is wrapped at spaces only; a
    longer word gets a line of its own that runs past the edge, and the terminal shows it
    whole. Tables and lines already printed whole (``soft_wrap``) are rich's as before.
    """

    def print(self, *objects: Any, **options: Any) -> None:
        if len(objects) != 1 or not isinstance(objects[0], str) or options.get("soft_wrap"):
            super().print(*objects, **options)
            return
        text = self.render_str(objects[0], markup=options.pop("markup", None), highlight=False)
        options.pop("highlight", None)
        end = options.pop("end", "\n")
        lines = []
        for line in text.split("\n", allow_blank=True):
            pieces = list(line.divide(divide_line(line.plain, self.width, fold=False)))
            for piece in pieces[:-1]:
                piece.rstrip()  # the space the line was broken at; a prompt's own space stays
            lines += pieces
        for index, line in enumerate(lines):
            super().print(line, soft_wrap=True, end=end if index == len(lines) - 1 else "\n", **options)


# No emoji codes: a model ID or path holding ":x:" or ":bulb:" is printed as it is.
console = WholeWordsConsole(highlight=False, emoji=False, width=_width())
