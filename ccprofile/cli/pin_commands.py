"""The commands that write the ccprofile block: set and unset pins, uninstall."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ccprofile.claude import variables
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.cli.options import (
    DryRunOption,
    FileOption,
    ForceOption,
    ProviderOption,
    ShellOption,
    StrictOption,
    VerifyOption,
    catalog_here,
    errors,
    provider_from,
    refuse_contradictions,
)

if TYPE_CHECKING:
    from ccprofile.cli import writing


def _write(
    shell: str | None,
    file: Path | None,
    edit: writing.Edit,
    what: str,
    *,
    dry_run: bool,
    strict: bool,
    verify: bool | None,
) -> None:
    # Imported here: the write path (effect check, status rules) is not --version's or --help's.
    from ccprofile.cli import writing
    from ccprofile.startup.targets import resolve_target

    options = writing.Options(dry_run=dry_run, strict=strict, verify=verify)
    writing.write(resolve_target(shell, file, os.environ, sys.platform), edit, what, options)


@errors
def set_fast_model(
    model: Annotated[
        str | None,
        typer.Argument(
            metavar="MODEL",
            help="Model ID, friendly name (haiku-4.5) or alias (haiku). Omit it to pick one.",
            show_default=False,
        ),
    ] = None,
    only_small_fast: Annotated[
        bool,
        typer.Option(
            "--only-small-fast",
            help="Write only ANTHROPIC_SMALL_FAST_MODEL, not ANTHROPIC_DEFAULT_HAIKU_MODEL.",
        ),
    ] = False,
    aws_region: Annotated[
        str | None,
        typer.Option(
            "--aws-region",
            metavar="REGION",
            help="Bedrock: send background requests to this AWS region "
            "(ANTHROPIC_SMALL_FAST_MODEL_AWS_REGION).",
        ),
    ] = None,
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
    verify: VerifyOption = None,
) -> None:
    """Pin the background ("small fast") model Claude Code uses for titles and summaries.

    Writes ANTHROPIC_SMALL_FAST_MODEL and ANTHROPIC_DEFAULT_HAIKU_MODEL into the ccprofile
    block of your shell's startup file, or updates the block in place. Without MODEL it lists
    your provider's models to choose from. Add --dry-run to see the change first.

    Example:

    \b
        ccprofile set-fast-model haiku-4.5
    """
    from ccprofile.claude import selection
    from ccprofile.claude.validate import check_region
    from ccprofile.cli import picker, render

    refuse_contradictions(strict=strict, force=force)
    chosen_provider = provider_from(provider)
    if aws_region is not None and chosen_provider != "bedrock":
        raise UsageError(
            f"--aws-region applies only to Bedrock, and the provider is {chosen_provider}; "
            "pass --provider bedrock if Claude Code uses Bedrock"
        )
    models = catalog_here()
    if model is None:
        choice = picker.pick_background(models, chosen_provider, console)
    else:
        choice = selection.choose(model, chosen_provider, models, background=True, strict=strict, force=force)
    if choice.note:
        render.show_note(console, choice.note)
    region = check_region(aws_region) if aws_region is not None else None

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[variables.FAST] = choice.value
        if only_small_fast:
            pins.pop(variables.HAIKU, None)
        else:
            pins[variables.HAIKU] = choice.value
        if region is not None:
            pins[variables.REGION] = region
        return pins

    what = f"pins the background model to {choice.value}"
    _write(shell, file, edit, what, dry_run=dry_run, strict=strict, verify=verify)


@errors
def set_model(
    model: Annotated[
        str,
        typer.Argument(
            metavar="MODEL",
            help="Model ID or alias (sonnet, opus, ...) for the main conversation.",
            show_default=False,
        ),
    ],
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
    verify: VerifyOption = None,
) -> None:
    """Pin the primary model (ANTHROPIC_MODEL) in the same ccprofile block.

    The model for the main conversation, unless `claude --model` or `/model` picks another.

    Example:

    \b
        ccprofile set-model claude-sonnet-4-5-20250929
    """
    from ccprofile.claude import selection
    from ccprofile.cli import render

    refuse_contradictions(strict=strict, force=force)
    choice = selection.choose(
        model, provider_from(provider), catalog_here(), background=False, strict=strict, force=force
    )
    if choice.note:
        render.show_note(console, choice.note)

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[variables.PRIMARY] = choice.value
        return pins

    what = f"pins the primary model to {choice.value}"
    _write(shell, file, edit, what, dry_run=dry_run, strict=strict, verify=verify)


@errors
def unset_fast_model(
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    verify: VerifyOption = None,
) -> None:
    """Drop the background-model pin and keep the primary one (if any).

    With no pins left the block goes away, as with `ccprofile uninstall`.

    Example:

    \b
        ccprofile unset-fast-model --dry-run
    """

    def edit(pins: dict[str, str]) -> dict[str, str]:
        for name in (variables.FAST, variables.HAIKU, variables.REGION):
            pins.pop(name, None)
        return pins

    _write(shell, file, edit, "has no background-model pin", dry_run=dry_run, strict=strict, verify=verify)


@errors
def unset_model(
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    verify: VerifyOption = None,
) -> None:
    """Drop the primary-model pin (ANTHROPIC_MODEL) and keep the background one (if any).

    With no pins left the block goes away, as with `ccprofile uninstall`.

    Example:

    \b
        ccprofile unset-model
    """

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins.pop(variables.PRIMARY, None)
        return pins

    _write(shell, file, edit, "has no primary-model pin", dry_run=dry_run, strict=strict, verify=verify)


@errors
def completion(
    remove: Annotated[
        bool, typer.Option("--remove", help="Take the completion lines out of the block again.")
    ] = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
) -> None:
    """Add tab completion for ccprofile to the ccprofile block (bash, zsh, fish).

    The lines go inside the block, so `ccprofile uninstall` takes them out with everything
    else and leaves the file as it was. They define one function and start nothing, so a new
    shell starts no slower. `ccprofile --install-completion` does the same.

    Example:

    \b
        ccprofile completion --dry-run
    """
    from ccprofile.cli import writing
    from ccprofile.startup.targets import resolve_target

    target = resolve_target(shell, file, os.environ, sys.platform)
    what = "has no tab completion for ccprofile" if remove else "has tab completion for ccprofile"
    options = writing.Options(dry_run=dry_run)
    writing.write(target, lambda pins: pins, what, options, completion=not remove)


@errors
def uninstall(
    all_files: Annotated[
        bool,
        typer.Option("--all", help="Remove the block from every startup file ccprofile knows of."),
    ] = False,
    shell: ShellOption = None,
    file: FileOption = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    verify: VerifyOption = None,
) -> None:
    """Remove the ccprofile block, leaving the file exactly as it was before.

    A file that ccprofile created is deleted again if nothing else was added to it.

    Example:

    \b
        ccprofile uninstall --all --dry-run
    """
    from ccprofile.cli import writing
    from ccprofile.startup.homes import read_home
    from ccprofile.startup.shells import SHELLS, get_shell, known_files, shell_for_file
    from ccprofile.startup.targets import Target, resolve_target

    options = writing.Options(dry_run, strict, verify)
    if not all_files:
        target = resolve_target(shell, file, os.environ, sys.platform)
        writing.write(target, None, "has no ccprofile block", options)
        return
    if file is not None:
        raise UsageError("--all and --file exclude each other")
    home = read_home(os.environ, sys.platform)
    touched = 0
    for path in known_files(home):
        if path.is_file():
            named = get_shell(shell) if shell else shell_for_file(path) or SHELLS["sh"]
            target = Target(named, path, home, None, "the name of the file")
            touched += writing.write(target, None, "has no ccprofile block", options, announce=False)
    if not touched:
        console.print("No startup file has a ccprofile block; nothing changed.")
