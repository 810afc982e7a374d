"""The commands that set a pin: set-fast-model, set-model, set-subagent-model."""

from __future__ import annotations

from pathlib import Path

from ccprofile.claude import variables
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.cli.options import bedrock_prefix_here, catalog_here, provider_from, refuse_contradictions
from ccprofile.cli.pin_places import Where, current_pin, show_note, write_pin


def set_fast_model(
    model: str | None = None,
    *,
    only_small_fast: bool = False,
    aws_region: str | None = None,
    provider: str | None = None,
    strict: bool = False,
    force: bool = False,
    shell: str | None = None,
    file: Path | None = None,
    scope: str | None = None,
    project: Path | None = None,
    dry_run: bool = False,
    verify: bool | None = None,
) -> int:
    """Pin the background model (ANTHROPIC_SMALL_FAST_MODEL, and ANTHROPIC_DEFAULT_HAIKU_MODEL
    unless ``only_small_fast``); without ``model``, the picker asks for one."""
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
    return 0


def set_model(
    model: str,
    *,
    provider: str | None = None,
    strict: bool = False,
    force: bool = False,
    shell: str | None = None,
    file: Path | None = None,
    scope: str | None = None,
    project: Path | None = None,
    dry_run: bool = False,
    verify: bool | None = None,
) -> int:
    """Pin the primary model (ANTHROPIC_MODEL); an alias is kept as typed."""
    where = Where(shell, file, scope, project)
    _pin(variables.PRIMARY, "primary", model, provider, where, dry_run, strict, force, verify)
    return 0


def set_subagent_model(
    model: str,
    *,
    provider: str | None = None,
    strict: bool = False,
    force: bool = False,
    shell: str | None = None,
    file: Path | None = None,
    scope: str | None = None,
    project: Path | None = None,
    dry_run: bool = False,
    verify: bool | None = None,
) -> int:
    """Pin the subagents' model (CLAUDE_CODE_SUBAGENT_MODEL); ``inherit`` is refused, since
    that is what no pin means."""
    if model == variables.INHERIT:
        raise UsageError(
            "subagents use the primary model when nothing pins theirs (that is what inherit means): "
            "run `ccprofile unset-subagent-model` instead"
        )
    where = Where(shell, file, scope, project)
    _pin(variables.SUBAGENT, "subagent", model, provider, where, dry_run, strict, force, verify)
    return 0


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
