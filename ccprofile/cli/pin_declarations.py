"""The command lines of the commands that set and take out a pin, declared for typer (see
``declarations``, which holds the options they share)."""

from __future__ import annotations

from typing import Annotated

import typer

from ccprofile.cli import completing, pin_commands, unpin_commands
from ccprofile.cli.declarations import (
    DryRunOption,
    FileOption,
    ForceOption,
    ProjectOption,
    ProviderOption,
    ScopeOption,
    ShellOption,
    StrictOption,
    VerifyOption,
    runs,
)


@runs(pin_commands.set_fast_model)
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


@runs(pin_commands.set_model)
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


@runs(pin_commands.set_subagent_model)
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


@runs(unpin_commands.unset_fast_model)
def unset_fast_model(
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
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


@runs(unpin_commands.unset_model)
def unset_model(
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
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


@runs(unpin_commands.unset_subagent_model)
def unset_subagent_model(
    shell: ShellOption = None,
    file: FileOption = None,
    scope: ScopeOption = None,
    project: ProjectOption = None,
    dry_run: DryRunOption = False,
    strict: StrictOption = False,
    verify: VerifyOption = None,
) -> None:
    """Drop the subagent-model pin (CLAUDE_CODE_SUBAGENT_MODEL); subagents then use the primary model.

    With no pins left the block goes away, as with `ccprofile uninstall`.

    Example:

    \b
        ccprofile unset-subagent-model
    """
