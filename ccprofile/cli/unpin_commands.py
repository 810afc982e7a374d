"""The commands that take a pin out: unset-fast-model, unset-model, unset-subagent-model."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ccprofile.claude import variables
from ccprofile.cli.pin_places import Where, write_pin


def unset_fast_model(
    *,
    shell: str | None = None,
    file: Path | None = None,
    scope: str | None = None,
    project: Path | None = None,
    dry_run: bool = False,
    strict: bool = False,
    verify: bool | None = None,
) -> int:
    """Take out the background-model pins (and the background's AWS region); the others stay."""
    where = Where(shell, file, scope, project)
    _unpin(variables.BACKGROUND_PINS, "background", where, dry_run, strict, verify)
    return 0


def unset_model(
    *,
    shell: str | None = None,
    file: Path | None = None,
    scope: str | None = None,
    project: Path | None = None,
    dry_run: bool = False,
    strict: bool = False,
    verify: bool | None = None,
) -> int:
    """Take out the primary-model pin; the others stay."""
    where = Where(shell, file, scope, project)
    _unpin((variables.PRIMARY,), "primary", where, dry_run, strict, verify)
    return 0


def unset_subagent_model(
    *,
    shell: str | None = None,
    file: Path | None = None,
    scope: str | None = None,
    project: Path | None = None,
    dry_run: bool = False,
    strict: bool = False,
    verify: bool | None = None,
) -> int:
    """Take out the subagent-model pin; the others stay."""
    where = Where(shell, file, scope, project)
    _unpin((variables.SUBAGENT,), "subagent", where, dry_run, strict, verify)
    return 0


def _unpin(
    names: Sequence[str], kind: str, where: Where, dry_run: bool, strict: bool, verify: bool | None
) -> None:
    """The unset commands: ``names`` leave the block (or ccprofile's keys of the settings file),
    the other pins stay; in a settings file they go even without ccprofile's record of them."""

    def edit(pins: dict[str, str]) -> dict[str, str]:
        for name in names:
            pins.pop(name, None)
        return pins

    # A settings file may keep a key that is the user's own (see settings_writing): only
    # ccprofile's pin is gone.
    ours = " of ccprofile's" if where.scope not in (None, "shell") else ""
    what = f"has no {kind}-model pin{ours}"
    write_pin(where, edit, what, dry_run=dry_run, strict=strict, verify=verify, adopt=names)
