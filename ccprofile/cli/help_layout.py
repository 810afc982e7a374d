"""How ``--help`` is laid out: click's plain layout, with words kept whole.

click wraps help with hyphens and long words as break points, so at 60 columns
``ANTHROPIC_DEFAULT_HAIKU_MODEL`` came out as ``ANTHR`` / ``OPIC_DEFAULT_HAIKU_MODEL`` and
``ccprofile --install-completion`` as ``--install-`` / ``completion``: text a user copies.
Here a word is never cut; on a narrow terminal the option names give way instead (a name
that does not fit goes on a line of its own, leaving the help its room).
"""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperCommand

_HELP_MIN = 40  # room kept for an option's help: the longest variable name, with a bracket
_NO_REWRAP = "\b"  # click's mark for a paragraph to keep as written (examples)


def _fill(text: str, width: int, indent: str) -> str:
    """``text``'s paragraphs reflowed to ``width``, each keeping its own extra indentation."""
    out = []
    for paragraph in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines = paragraph.split("\n")
        if lines[0].strip() == _NO_REWRAP:
            out.append("\n".join(indent + line for line in lines[1:]))
            continue
        extra = indent + " " * (len(lines[0]) - len(lines[0].lstrip()))
        words = " ".join(paragraph.split())
        out.append(
            textwrap.fill(
                words,
                max(width, len(extra) + 1),
                initial_indent=extra,
                subsequent_indent=extra,
                break_long_words=False,
                break_on_hyphens=False,
            )
        )
    return "\n\n".join(out)


class Formatter(typer.Context.formatter_class):  # type: ignore[misc,valid-type]
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # click never goes below 50 columns, so a 40-column terminal wrapped every line again.
        self.width: int = min(self.width, max(shutil.get_terminal_size().columns - 2, 20))

    def write_text(self, text: str) -> None:
        self.write(_fill(text, self.width, " " * self.current_indent))
        self.write("\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        indent = " " * self.current_indent
        widest = max((len(name) for name, _ in rows), default=0)
        room = self.width - self.current_indent - col_spacing - _HELP_MIN
        names = min(widest, col_max, room)
        if room < 8:
            # Too narrow for two columns: each name on its line, its help indented below.
            names, column = 0, 4
        else:
            column = names + col_spacing
        help_width = self.width - self.current_indent - column
        for name, text in rows:
            lines = _fill(text, help_width, "").split("\n") if text else []
            if not lines:
                self.write(f"{indent}{name}\n")
                continue
            if len(name) <= names:
                self.write(f"{indent}{name:<{column}}{lines[0]}\n")
                lines = lines[1:]
            else:
                self.write(f"{indent}{name}\n")
            for line in lines:
                self.write(f"{indent}{' ' * column}{line}\n" if line else "\n")


class Context(typer.Context):
    formatter_class = Formatter


class Command(TyperCommand):
    """typer's command with this layout, and arguments that read as in any man page:
    ``MODEL`` when required, ``[MODEL]`` when not, with no type after the name (typer writes
    ``{MODEL}`` and ``MODEL <str>``)."""

    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for param in self.params:
            if param.param_type_name == "argument":
                name = param.metavar or (param.name or "").upper()
                usage = name if param.required else f"[{name}]"
                setattr(param, "display_type_rich", lambda ctx: None)  # noqa: B010
                setattr(param, "get_usage_pieces", lambda ctx, usage=usage: [usage])  # noqa: B010
