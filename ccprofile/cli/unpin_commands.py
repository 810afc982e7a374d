"""The commands that take a pin out: unset-fast-model, unset-model, unset-subagent-model."""

from __future__ import annotations

from collections.abc import Sequence

from ccprofile.claude import variables
from ccprofile.cli.options import (
    DryRunOption,
    FileOption,
    ProjectOption,
    ScopeOption,
    ShellOption,
    StrictOption,
    VerifyOption,
    errors,
)
from ccprofile.cli.pin_places import Where, write_pin


@errors
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

    where = Where(shell, file, scope, project)
    _unpin(variables.BACKGROUND_PINS, "background", where, dry_run, strict, verify)


def _unpin(
    names: Sequence[str], kind: str, where: Where, dry_run: bool, strict: bool, verify: bool | None
) -> None:
    """The unset commands: ``names`` leave the block (or ccprofile's keys of the settings file),
    the other pins stay; in a settings file they go even without ccprofile's record of them."""

    def edit(pins: dict[str, str]) -> dict[str, str]:
        for name in names:
            pins.pop(name, None)
        return pins

    write_pin(
        where, edit, f"has no {kind}-model pin", dry_run=dry_run, strict=strict, verify=verify, adopt=names
    )


@errors
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

    where = Where(shell, file, scope, project)
    _unpin((variables.PRIMARY,), "primary", where, dry_run, strict, verify)


@errors
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

    where = Where(shell, file, scope, project)
    _unpin((variables.SUBAGENT,), "subagent", where, dry_run, strict, verify)
