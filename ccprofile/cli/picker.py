"""Choosing a background model when the user gave none: a prompt on a terminal, else the default."""

from __future__ import annotations

import sys

from rich.console import Console
from rich.markup import escape

from ccprofile.claude.catalog import Catalog, cost_words
from ccprofile.claude.providers import BY_NAME
from ccprofile.claude.selection import Selection, choose
from ccprofile.errors import NOTHING_WRITTEN, BadValue, CcprofileError, NotSmall


class PickCancelled(CcprofileError):
    def __init__(self, message: str = f"no model chosen (end of input); {NOTHING_WRITTEN}") -> None:
        super().__init__(message)


def here(model_id: str | None, provider: str, prefix: str | None) -> str | None:
    """A catalog ID for the user's region (Bedrock's cross-region prefix)."""
    if model_id is None or prefix is None or not BY_NAME[provider].prefixes:
        return model_id
    from ccprofile.claude.bedrock_regions import with_prefix

    return with_prefix(model_id, prefix)


def _candidates(
    catalog: Catalog, provider: str, current: str | None, prefix: str | None = None
) -> list[tuple[str, str]]:
    """(label, ID) to offer: the current pin first, then every small model of the provider."""
    small = [
        (model.name, model_id)
        for model in catalog.models
        if model.family == catalog.small_family
        and (model_id := here(model.id_for(provider), provider, prefix))
    ]
    if current is None:
        return small
    model = catalog.model_of(current, provider)
    return [(model.name if model else "current", current)] + [c for c in small if c[1] != current]


def asking() -> bool:
    """Whether someone can be asked: a terminal to read the answer from and to show the question on."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def pick_background(
    catalog: Catalog,
    provider: str,
    console: Console,
    current: str | None = None,
    prefix: str | None = None,
) -> Selection:
    """Ask on a terminal (Enter keeps the current pin, else takes the recommended model; a
    number, an ID or a name chooses); without a terminal, keep the current pin or take the
    recommended model, and say which."""
    recommended = catalog.recommended_background(provider)
    if recommended is None:
        raise BadValue(f"the catalog has no small model for {provider}: give a model ID")
    why_not = ""
    if current is not None:
        try:
            kept = choose(current, provider, catalog, background=True, prefix=prefix)
        except BadValue as error:  # another provider's ID, retired, a typo: not one to keep
            why_not, current = f" (the current pin is not one to keep: {error})", None
        else:
            if kept.value != current:  # a name, or another provider's ID of the same model
                why_not, current = f" ({kept.note})" if kept.note else "", None
    recommended_id = here(recommended.id_for(provider), provider, prefix) or ""
    default_id = current or recommended_id
    if not asking():
        if current is not None:
            return Selection(
                current, f"no model given and no terminal to ask on: kept the current pin {current}"
            )
        return Selection(
            default_id,
            f"no model given and no terminal to ask on: took {default_id} "
            f"({recommended.name}), the recommended background model for {provider}{why_not}",
            model=recommended,
        )
    options = _candidates(catalog, provider, current, prefix)
    default = next(i for i, (_, model_id) in enumerate(options, 1) if model_id == default_id)
    console.print(f"Background model for [bold]{provider}[/bold]:")
    for index, (name, model_id) in enumerate(options, 1):
        mark = "  (current)" if model_id == current else ""
        mark += "  (recommended)" if model_id == recommended_id else ""
        console.print(f"  {index}) {escape(name):<10} {escape(model_id)}{mark}", highlight=False)
    return _ask(catalog, provider, console, options, default, prefix)


def _ask(
    catalog: Catalog,
    provider: str,
    console: Console,
    options: list[tuple[str, str]],
    default: int,
    prefix: str | None,
) -> Selection:
    """Ask until the answer is a number of ``options``, an ID or a name, or Enter (``default``)."""
    while True:
        console.print(f"Choose 1-{len(options)}, or type a model ID or name \\[{default}]: ", end="")
        answer = sys.stdin.readline()
        if answer == "":
            # End of input (Ctrl-D) is "no", as in any prompt: nothing is written.
            console.print()
            raise PickCancelled()
        answer = answer.strip()
        if not answer or (answer.isdigit() and 1 <= int(answer) <= len(options)):
            chosen = options[int(answer or default) - 1][1]
            return Selection(chosen, model=catalog.model_of(chosen, provider))
        try:
            return choose(answer, provider, catalog, background=True, prefix=prefix)
        except BadValue as error:
            console.print(f"{escape(str(error))}. Type a number from 1 to {len(options)}, an ID or a name.")


def cost_note(choice: Selection, catalog: Catalog, provider: str) -> str | None:
    """What a background model that is not a small one costs, or None for a small one."""
    small = catalog.recommended_background(provider)
    chosen = choice.model
    if chosen is None or small is None or chosen.family == small.family:
        return None
    if chosen.price is None or small.price is None:
        return None
    return (
        f"{chosen.name} is not a small model: every title and summary would cost {cost_words(chosen, small)}"
    )


def confirm_cost(
    choice: Selection,
    catalog: Catalog,
    provider: str,
    console: Console,
    *,
    sets_haiku: bool,
) -> None:
    """A background model that is not a small one costs every title and summary at its price:
    ask on a terminal (default no); without one, refuse (--force pins it without asking)."""
    cost = cost_note(choice, catalog, provider)
    small, chosen = catalog.recommended_background(provider), choice.model
    if cost is None or small is None or chosen is None:
        return
    if not asking():
        raise NotSmall(f"{cost}; pin {small.id_for(provider)} ({small.name}) instead")
    console.print(f"{escape(cost)}.", highlight=False)
    if sets_haiku:
        console.print(
            f"It also sets ANTHROPIC_DEFAULT_HAIKU_MODEL, so `haiku` would mean {chosen.name} too "
            "(subagents that ask for haiku, /model haiku); --only-small-fast leaves that alone.",
            highlight=False,
        )
    console.print("Pin it anyway? \\[y/N] ", end="")
    answer = sys.stdin.readline()
    if answer.strip().lower() not in ("y", "yes"):
        if answer == "":
            console.print()
        raise PickCancelled(f"{chosen.name} not pinned; {NOTHING_WRITTEN}")
