"""The write path of the commands without the effect check before the commit, for tests that
exercise the file handling itself (and for the SIGKILL scripts, which import it): the same
public calls, in the same order, as ``cli/writing.write`` and ``cli/settings_writing``."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ccprofile.claude import settings_pins
from ccprofile.startup import profile
from ccprofile.startup.shells import Shell
from ccprofile.storage import fileio
from ccprofile.storage.edit import opened
from ccprofile.storage.ledger import Entry
from ccprofile.storage.records import Records

Edit = Callable[[dict[str, str]], dict[str, str]]


def update_block(
    path: Path,
    shell: Shell,
    edit: Edit,
    *,
    names: Sequence[str],
    backup_dir: Path,
    dry_run: bool = False,
    completion: bool | None = None,
    entry: Entry | None = None,
) -> profile.FileChange:
    """Apply ``edit`` to the pins of a startup file's block."""
    with opened(path, create=not dry_run, clean=not dry_run) as file:
        plan = profile.plan_update(path, file, shell, edit, names=names, completion=completion)
        if file.changes(plan.new) and not dry_run:
            file.commit(plan.new, backup_dir=backup_dir, entry=entry)
    return profile.change(file, plan, lines=profile.exports(shell, plan.after), dry_run=dry_run)


def remove_block(
    path: Path, shell: Shell, *, names: Sequence[str], backup_dir: Path, dry_run: bool = False
) -> profile.FileChange:
    """Take a startup file's block out."""
    with opened(path, create=False, clean=not dry_run) as file:
        plan = profile.plan_removal(path, file, names=names)
        if file.changes(plan.new) and not dry_run:
            file.commit(plan.new, backup_dir=backup_dir, entry=None)
    return profile.change(file, plan, lines=profile.exports(shell, plan.after), dry_run=dry_run)


def update_settings(
    path: Path,
    scope: str,
    edit: Edit | None,
    *,
    state_dir: Path,
    backup_dir: Path,
    dry_run: bool = False,
    adopt: Sequence[str] = (),
) -> settings_pins.SettingsChange:
    """Apply ``edit`` to ccprofile's pins in a settings file (None: take them all out)."""
    records = Records(state_dir)
    creates = edit is not None and not dry_run
    made_dir = settings_pins.make_dir(path, creating=creates)
    try:
        with opened(path, create=creates, clean=not dry_run) as file:
            known = records.read().get(os.path.abspath(file.real))
            plan = settings_pins.plan(file, scope, known, edit, made_dir=made_dir, adopt=adopt)
            settings_pins.commit(
                file, plan, records, backup_dir=backup_dir, entry=None, made_dir=made_dir, dry_run=dry_run
            )
    except BaseException:
        if made_dir:
            fileio.remove_empty([str(path.parent)])
        raise
    return settings_pins.change(file, plan, made_dir=made_dir, dry_run=dry_run)
