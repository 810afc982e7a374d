"""The commands that only read: status and models."""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Annotated, Any

import typer

from ccprofile.cli import completing, fast_status
from ccprofile.cli.consoles import console
from ccprofile.cli.options import ProviderOption, bedrock_prefix_here, catalog_here, errors, provider_from
from ccprofile.errors import BadValue

# Tab's values for status's own options (its table lives in fast_status, which imports no typer).
_STATUS_VALUES: dict[str, dict[str, Any]] = {
    "--shell": {"autocompletion": completing.shells},
    "--expect-scope": {"autocompletion": completing.scopes},
}


def _status_parameter(option: fast_status.Option) -> inspect.Parameter:
    extra: dict[str, Any] = (
        {"file_okay": False, "autocompletion": completing.paths} if option.kind is Path else {}
    )
    extra.update(_STATUS_VALUES.get(option.flag, {}))
    annotation = option.kind if option.kind is bool else option.kind | None
    declared = typer.Option(
        option.flag,
        help=option.help,
        metavar=option.metavar,
        **extra,
    )
    return inspect.Parameter(
        option.dest,
        inspect.Parameter.KEYWORD_ONLY,
        default=option.default,
        annotation=Annotated[annotation, declared],
    )


def status(**options: Any) -> None:
    """Show which background and primary models Claude Code will really use, and why.

    Reads this shell's environment, your startup files and every Claude Code settings file
    (user, project, local, managed), and applies Claude Code's precedence rules.

    Example:

    \b
        ccprofile status --verbose
    """
    # One implementation for both paths: ccprofile.cli.main usually runs this without typer.
    raise typer.Exit(fast_status.run(fast_status.StatusArgs(**options)))


# typer reads a command's options from its signature: this one is made from the same table
# the fast parser uses, so the two cannot drift apart.
status.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [_status_parameter(option) for option in fast_status.OPTIONS]
)


@errors
def models(
    provider: ProviderOption = None,
    family: Annotated[
        list[str] | None,
        typer.Option(
            "--family",
            metavar="NAME",
            help="Only this family (haiku, sonnet, opus, fable, mythos); repeatable.",
            autocompletion=completing.families,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of the table.")] = False,
) -> None:
    """List the models Claude Code knows, with the exact ID for your provider.

    Example:

    \b
        ccprofile models --provider bedrock --family haiku
    """
    import json

    from ccprofile.cli import render_models

    chosen = provider_from(provider)
    models_ = catalog_here()
    prefix = bedrock_prefix_here(chosen)
    families = [f.lower() for f in family or []]
    unknown = [f for f in families if f not in models_.families]
    if unknown:
        raise BadValue(f"unknown family {unknown[0]!r}: choose from {', '.join(models_.families)}")
    if as_json:
        print(json.dumps(render_models.models_json(models_, chosen, families, prefix), indent=2))
        return
    render_models.show_models(console, models_, chosen, families, prefix)
