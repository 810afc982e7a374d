"""Choosing a background model when the user gave none: a prompt on a terminal, else the default."""

from __future__ import annotations

import sys
from typing import TextIO

from rich.console import Console
from rich.markup import escape

from ccprofile.claude.catalog import Catalog
from ccprofile.claude.selection import Selection
from ccprofile.errors import BadValue, CcprofileError


class PickCancelled(CcprofileError):
    def __init__(self) -> None:
        super().__init__("no model chosen (end of input); nothing was written")


def _candidates(catalog: Catalog, provider: str) -> list[tuple[str, str]]:
    return [
        (model.name, model_id)
        for model in catalog.models
        if model.family == "haiku" and (model_id := model.id_for(provider))
    ]


def pick_background(
    catalog: Catalog, provider: str, console: Console, stdin: TextIO | None = None
) -> Selection:
    """Ask on a terminal (Enter takes the recommended model); without one, take it and say so."""
    stdin = stdin or sys.stdin
    recommended = catalog.recommended_background(provider)
    if recommended is None:
        raise BadValue(f"the catalog has no Haiku-class model for {provider}: give a model ID")
    default_id = recommended.id_for(provider) or ""
    if not stdin.isatty():
        return Selection(
            default_id,
            f"no model given and no terminal to ask on: pinned {default_id} "
            f"({recommended.name}), the recommended background model for {provider}",
        )
    options = _candidates(catalog, provider)
    default_index = next(i for i, (_, mid) in enumerate(options, 1) if mid == default_id)
    console.print(f"Background model for [bold]{provider}[/bold]:")
    for index, (name, model_id) in enumerate(options, 1):
        mark = "  (recommended)" if index == default_index else ""
        console.print(f"  {index}) {escape(name):<10} {escape(model_id)}{mark}", highlight=False)
    while True:
        console.print(f"Choose 1-{len(options)} [{default_index}]: ", end="")
        answer = stdin.readline()
        if answer == "":
            # End of input (Ctrl-D) is "no", as in any prompt: nothing is written.
            console.print()
            raise PickCancelled()
        answer = answer.strip()
        if not answer:
            return Selection(default_id, None)
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return Selection(options[int(answer) - 1][1], None)
        console.print(f"Please type a number from 1 to {len(options)}, or press Enter.")
