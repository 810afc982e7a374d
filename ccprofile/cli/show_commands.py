"""The commands that only read: status and models."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ccprofile.cli.consoles import console
from ccprofile.cli.options import ProviderOption, ShellOption, errors, provider_from
from ccprofile.errors import UsageError


def status(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print one JSON object instead of the table.")
    ] = False,
    check: Annotated[
        bool,
        typer.Option("--check", help="Exit 1 if there is any warning (for dotfile repos and CI)."),
    ] = False,
    project: Annotated[
        Path | None,
        typer.Option(
            "--project",
            help="Read project and local settings from this directory instead of the current one.",
            file_okay=False,
        ),
    ] = None,
    probe: Annotated[
        bool,
        typer.Option("--probe", help="Start your shell once to read what a new terminal really exports."),
    ] = False,
    shell: ShellOption = None,
) -> None:
    """Show which background and primary models Claude Code will really use, and why.

    Reads this shell's environment, your startup files and every Claude Code settings file
    (user, project, local, managed), and applies Claude Code's precedence rules.

    Examples:  ccprofile status      ccprofile status --json      ccprofile status --check
    """
    from ccprofile.cli import fast_status

    # One implementation for both paths: ccprofile.main usually runs this without typer.
    arguments = fast_status.StatusArgs(
        as_json=as_json, check=check, probe=probe, project=project, shell=shell
    )
    raise typer.Exit(fast_status.run(arguments))


@errors
def models(
    provider: ProviderOption = None,
    family: Annotated[
        list[str] | None,
        typer.Option("--family", help="Only this family (haiku, sonnet, opus, fable, mythos); repeatable."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of the table.")] = False,
) -> None:
    """List the models Claude Code knows, with the exact ID for your provider.

    Example:  ccprofile models --provider bedrock --family haiku
    """
    import json

    from ccprofile.claude import catalog as catalog_module
    from ccprofile.cli import render_status

    chosen = provider_from(provider)
    models_ = catalog_module.load()
    families = family or []
    unknown = [f for f in families if f not in catalog_module.FAMILIES]
    if unknown:
        raise UsageError(f"unknown family {unknown[0]!r}: choose from {', '.join(catalog_module.FAMILIES)}")
    if as_json:
        print(json.dumps(render_status.models_json(models_, chosen, families), indent=2))
        return
    render_status.show_models(console, models_, chosen, families)
