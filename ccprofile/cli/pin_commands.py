"""The commands that set a pin: set-fast-model, set-model, set-subagent-model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ccprofile.claude import variables
from ccprofile.claude.providers import BY_NAME
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.cli.options import bedrock_prefix_here, catalog_here, provider_from, refuse_contradictions
from ccprofile.cli.pin_places import Where, current_pin, show_note, write_pin

if TYPE_CHECKING:
    from ccprofile.claude.catalog import Catalog
    from ccprofile.claude.selection import Selection
    from ccprofile.cli.writing import Edit


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
    from ccprofile.claude.validate import check_region

    refuse_contradictions(strict=strict, force=force)
    chosen_provider = provider_from(provider)
    if aws_region is not None and not BY_NAME[chosen_provider].prefixes:
        raise UsageError(
            f"--aws-region applies only to Bedrock, and the provider is {chosen_provider}; "
            "pass --provider bedrock if Claude Code uses Bedrock"
        )
    models = catalog_here()
    where = Where(shell, file, scope, project)
    choice = _background_choice(model, chosen_provider, models, where, force)
    region = check_region(aws_region) if aws_region is not None else None
    edit = _background_edit(choice.value, only_small_fast, region)
    confirm = _cost_check(choice, models, chosen_provider, force, sets_haiku=not only_small_fast)
    write_pin(
        where,
        edit,
        f"pins the background model to {choice.value}",
        dry_run=dry_run,
        strict=strict,
        verify=verify,
        note=choice.note,
        force=force,
        confirm=confirm,
    )
    return 0


def _background_choice(
    model: str | None, provider: str, models: Catalog, where: Where, force: bool
) -> Selection:
    """The model the user named, made exact for the provider, or the one the picker asks for."""
    from ccprofile.claude import selection
    from ccprofile.cli import picker

    prefix = bedrock_prefix_here(provider)
    if model is None:
        return picker.pick_background(models, provider, console, current_pin(where, variables.FAST), prefix)
    return selection.choose(model, provider, models, background=True, force=force, prefix=prefix)


def _cost_check(
    choice: Selection, models: Catalog, provider: str, force: bool, *, sets_haiku: bool
) -> Callable[[], None]:
    """What runs before the write: every title and summary at a large model's price is asked
    about, or refused; with --force only said."""
    from ccprofile.cli import picker

    def confirm() -> None:
        if not force:
            picker.confirm_cost(choice, models, provider, console, sets_haiku=sets_haiku)
        elif (cost := picker.cost_note(choice, models, provider)) is not None:
            show_note(f"{cost} (--force: not asked)")

    return confirm


def _background_edit(value: str, only_small_fast: bool, region: str | None) -> Edit:
    """The change of the pins: both background variables (or only the first) and the region."""

    def edit(pins: dict[str, str]) -> dict[str, str]:
        pins[variables.FAST] = value
        if only_small_fast:
            pins.pop(variables.HAIKU, None)
        else:
            pins[variables.HAIKU] = value
        if region is not None:
            pins[variables.REGION] = region
        return pins

    return edit


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
