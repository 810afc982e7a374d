"""The values Tab offers for each option, from the same tables the options check against.

typer calls these with what the user has typed so far. An empty answer is an answer too:
the shells then complete file names (bash's ``-o default``, zsh's ``_files``, fish's
default), which is what --file and --project want.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any, TypeVar

from ccprofile.claude.providers import BY_NAME, PROVIDERS
from ccprofile.claude.scopes import SCOPES
from ccprofile.cli.main import COMPLETION
from ccprofile.startup.shells import SHELLS

T = TypeVar("T")


def _offer(values: Iterable[T], incomplete: str, key: Callable[[T], str] = str) -> list[T]:
    """zsh and fish match what was typed themselves, and fall back to file names only when
    given nothing: they get every value, so `--scope x<Tab>` offers no files. bash takes the
    answer as the list of matches, so it gets only those."""
    if os.environ.get(COMPLETION) != "complete_bash":
        return list(values)
    return [value for value in values if key(value).startswith(incomplete.lower())]


def scopes(incomplete: str) -> list[str]:
    return _offer(SCOPES, incomplete)


def providers(incomplete: str) -> list[str]:
    return _offer(PROVIDERS, incomplete)


def shells(incomplete: str) -> list[str]:
    return _offer(SHELLS, incomplete)


def paths(incomplete: str) -> list[str]:
    """Nothing of ccprofile's own: the shell completes file names."""
    del incomplete
    return []


def _provider(ctx: Any) -> str:
    given = ctx.params.get("provider") if ctx is not None else None
    if given in PROVIDERS:
        return str(given)
    try:
        from ccprofile.cli.options import provider_from

        return provider_from(None)
    except Exception:  # a broken settings file must not make Tab print a traceback
        return "anthropic"


def _home_prefix(provider: str) -> str:
    try:
        from ccprofile.cli.options import bedrock_prefix_here

        return bedrock_prefix_here(provider) or "us"
    except Exception:  # a broken settings file must not make Tab print a traceback
        return "us"


def _models(ctx: Any, incomplete: str, *, background: bool) -> list[tuple[str, str]]:
    from ccprofile.claude.bedrock_regions import with_prefix
    from ccprofile.cli.options import catalog_here

    catalog = catalog_here()
    provider = _provider(ctx)
    # The catalog lists Bedrock's us. profiles: the user's region's are offered, and one typed
    # for another geography gets its own.
    prefixes = BY_NAME[provider].prefixes
    region = incomplete.split(".", 1)[0] if prefixes and "." in incomplete else _home_prefix(provider)
    found: list[tuple[str, str]] = []
    for model in catalog.models:
        model_id = model.id_for(provider)
        if model_id and region in prefixes:
            model_id = with_prefix(model_id, region)
        if model_id:
            price = f", {model.price} per Mtok in/out" if model.price else ""
            found.append((model_id, f"{model.name}{price}"))
    if background:
        found += [(family, f"the newest {family}") for family in catalog.families]
    else:
        found += [(alias, "alias, resolved by Claude Code") for alias in catalog.aliases]
    return _offer(found, incomplete, key=lambda item: item[0])


def background_models(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return _models(ctx, incomplete, background=True)


def primary_models(ctx: Any, incomplete: str) -> list[tuple[str, str]]:
    return _models(ctx, incomplete, background=False)


def families(incomplete: str) -> list[str]:
    from ccprofile.cli.options import catalog_here

    return _offer(catalog_here().families, incomplete)


def register() -> None:
    """typer's bash, zsh and fish answerers, except that zsh and fish complete file names only
    where a path is asked for: typer's own fall back to files whenever nothing matches, so
    `--scope x<Tab>` offered the directory listing."""
    from typer._completion_classes import completion_init

    completion_init()
    try:  # typer's inner modules: should a release move them, Tab keeps typer's own answers
        from typer._click.shell_completion import _resolve_context, _resolve_incomplete, add_completion_class
        from typer._completion_classes import FishComplete, ZshComplete
    except ImportError:
        return

    def wants_files(complete: Any, args: list[str], incomplete: str) -> bool:
        try:
            ctx = _resolve_context(complete.cli, complete.ctx_args, complete.prog_name, args)
            obj, _ = _resolve_incomplete(ctx, args, incomplete)
        except Exception:  # a line click cannot parse: let the shell do what it would
            return True
        annotation = getattr(getattr(obj, "type_descriptor", None), "annotation", None)
        return isinstance(annotation, type) and issubclass(annotation, PurePath)

    class Zsh(ZshComplete):
        def format_completion(self, item: Any) -> str:
            # typer renders the help through rich, which wraps it: a line break inside one
            # answer breaks zsh's menu (fish's answerer joins the lines, zsh's does not).
            return re.sub(r" *\n *", " ", str(super().format_completion(item)))

        def complete(self) -> str:
            answer = super().complete()
            if answer == "_files" and not wants_files(self, *self.get_completion_args()):
                return ""
            return answer

    class Fish(FishComplete):
        def complete(self) -> str:
            if os.environ.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
                args, incomplete = self.get_completion_args()
                if not self.get_completions(args, incomplete) and not wants_files(self, args, incomplete):
                    raise SystemExit(0)  # "these are the arguments": none, and no files either
            return super().complete()

    add_completion_class(Zsh, "zsh")
    add_completion_class(Fish, "fish")
