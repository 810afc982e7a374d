"""The commands that set a pin: set-fast-model, set-model, set-subagent-model."""

from __future__ import annotations

from typing import Annotated

import typer

from ccprofile.claude import variables
from ccprofile.cli import completing
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.cli.options import (
    DryRunOption,
    FileOption,
    ForceOption,
    ProjectOption,
    ProviderOption,
    ScopeOption,
    ShellOption,
    StrictOption,
    VerifyOption,
    bedrock_prefix_here,
    catalog_here,
    errors,
    provider_from,
    refuse_contradictions,
)
from ccprofile.cli.pin_places import Where, current_pin, show_note, write_pin


@errors
def set_fast_model(
    model: Annotated[
        str | None,
        typer.Argument(
            metavar="MODEL",
            help="Model ID, friendly name (haiku-4.5) or family (haiku). Omit it to pick one.",
            show_default=False,
            autocompletion=completing.background_models,
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
    scope: ScopeOption = None,
    project: ProjectOption = None,
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
    from ccprofile.cli import picker

    refuse_contradictions(strict=strict, force=force)
    chosen_provider = provider_from(provider)
    if aws_region is not None and chosen_provider != "bedrock":
        raise UsageError(
            f"--aws-region applies only to Bedrock, and the provider is {chosen_provider}; "
            "pass --provider bedrock if Claude Code uses Bedrock"
        )
    models = catalog_here()
    where = Where(shell, file, scope, project)
    if model is None:
        current = current_pin(where, variables.FAST)
        choice = picker.pick_background(
            models, chosen_provider, console, current, bedrock_prefix_here(chosen_provider)
        )
    else:
        prefix = bedrock_prefix_here(chosen_provider)
        choice = selection.choose(model, chosen_provider, models, background=True, force=force, prefix=prefix)
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

    def confirm() -> None:
        if not force:  # every title and summary at a large model's price: asked, or refused
            picker.confirm_cost(choice, models, chosen_provider, console, sets_haiku=not only_small_fast)
        elif (cost := picker.cost_note(choice, models, chosen_provider)) is not None:
            show_note(f"{cost} (--force: not asked)")

    write_pin(
        where,
        edit,
        what,
        dry_run=dry_run,
        strict=strict,
        verify=verify,
        note=choice.note,
        force=force,
        confirm=confirm,
    )


@errors
def set_model(
    model: Annotated[
        str,
        typer.Argument(
            metavar="MODEL",
            help="Model ID or alias (sonnet, opus, ...) for the main conversation.",
            show_default=False,
            autocompletion=completing.primary_models,
        ),
    ],
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    verify: VerifyOption = None,
) -> None:
    """Pin the primary model (ANTHROPIC_MODEL) in the same ccprofile block.

    The model for the main conversation, unless `claude --model` or `/model` picks another.

    Example:

    \b
        ccprofile set-model claude-sonnet-4-5-20250929
    """
    where = Where(shell, file, scope, project)
    _pin(variables.PRIMARY, "primary", model, provider, where, dry_run, strict, force, verify)


@errors
def set_subagent_model(
    model: Annotated[
        str,
        typer.Argument(
            metavar="MODEL",
            help="Model ID or alias (haiku, sonnet, opus, ...) for subagents.",
            show_default=False,
            autocompletion=completing.primary_models,
        ),
    ],
    provider: ProviderOption = None,
    strict: StrictOption = False,
    force: ForceOption = False,
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    verify: VerifyOption = None,
) -> None:
    """Pin the model of subagents (CLAUDE_CODE_SUBAGENT_MODEL) in the same ccprofile block.

    Used by the general-purpose subagent and by your own agents without a `model:` line;
    without it they use the primary model. The built-in Explore agent always uses the
    primary model, and an agent whose definition names a model uses that one.

    Example:

    \b
        ccprofile set-subagent-model haiku
    """
    if model == variables.INHERIT:
        raise UsageError(
            "subagents use the primary model when nothing pins theirs (that is what inherit means): "
            "run `ccprofile unset-subagent-model` instead"
        )
    where = Where(shell, file, scope, project)
    _pin(variables.SUBAGENT, "subagent", model, provider, where, dry_run, strict, force, verify)


def _pin(
    variable: str,
    kind: str,
    model: str,
    provider: str | None,
    where: Where,
    dry_run: bool,
    strict: bool,
    force: bool,
    verify: bool | None,
) -> None:
    """set-model and set-subagent-model: one variable, an alias kept as typed (Claude Code
    resolves it), any other value checked against the catalog for the provider."""
    from ccprofile.claude import selection

    refuse_contradictions(strict=strict, force=force)
    chosen_provider = provider_from(provider)
    prefix = bedrock_prefix_here(chosen_provider)
    choice = selection.choose(
        model, chosen_provider, catalog_here(), background=False, force=force, prefix=prefix
    )

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[variable] = choice.value
        return pins

    what = f"pins the {kind} model to {choice.value}"
    write_pin(where, edit, what, dry_run=dry_run, strict=strict, verify=verify, note=choice.note, force=force)
