"""`ccprofile uninstall` (one place, or `--all`: every file ccprofile wrote) and `completion`."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ccprofile.claude import scopes, variables
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.cli.pin_places import Where, write_pin
from ccprofile.errors import NotAStartupFile
from ccprofile.system import platforms

if TYPE_CHECKING:
    from ccprofile.cli import writing
    from ccprofile.startup.home_snapshot import Home
    from ccprofile.startup.profile import FileChange
    from ccprofile.startup.shells import Shell


def completion(
    *,
    remove: bool = False,
    shell: str | None = None,
    file: Path | None = None,
    dry_run: bool = False,
    force: bool = False,
) -> int:
    """Add tab completion to the block (``remove``: take it out again)."""
    from ccprofile.cli import writing
    from ccprofile.machine.targets import resolve_target

    target = resolve_target(shell, file, os.environ, platforms.current(os.environ))
    # A shell without completion is refused further down, in its own words.
    problem = (
        None if remove or force or not target.shell.completion else target.not_a_startup_file(completion=True)
    )
    if problem is not None:
        raise NotAStartupFile(problem)
    what = "has no tab completion for ccprofile" if remove else "has tab completion for ccprofile"
    options = writing.Options(dry_run=dry_run)
    writing.write(target, lambda pins: pins, what, options, completion=not remove)
    return 0


def uninstall(
    *,
    all_files: bool = False,
    purge: bool = False,
    shell: str | None = None,
    file: Path | None = None,
    scope: str | None = None,
    project: Path | None = None,
    dry_run: bool = False,
    strict: bool = False,
    verify: bool | None = None,
) -> int:
    """Take ccprofile's pins out of one place, or (``all_files``) of every file it wrote;
    ``purge`` deletes its state directory too."""
    from ccprofile.cli import writing

    if purge and not all_files:
        raise UsageError("--purge deletes ccprofile's state directory, so it needs --all")
    if not all_files:
        # A committed project file is the team's: any clone may take its pins out. The `model`
        # key stays, since Claude Code's own /model writes it too; unset-model takes it.
        shared = scopes.BY_NAME[Where(shell, file, scope).chosen_scope()].shared
        team = variables.BACKGROUND_PINS if shared else ()
        write_pin(
            Where(shell, file, scope, project),
            None,
            "has no ccprofile pin",
            dry_run=dry_run,
            strict=strict,
            verify=verify,
            adopt=team,
        )
        return 0
    if file is not None or scope is not None or project is not None:
        raise UsageError("--all removes every pin ccprofile wrote; it takes no --file, --scope or --project")
    _uninstall_everything(writing.Options(dry_run, strict, verify), shell, purge)
    return 0


def _every_startup_file(home: Home) -> dict[Path, Shell | None]:
    """Every file a block of ccprofile's may be in, with the shell that reads it where known:
    each shell's own files, what they source (login and not), and every file the ledger says
    ccprofile wrote a block to (a ``--file`` that nothing sources any more included)."""
    from ccprofile.claude.inputs import WATCHED
    from ccprofile.startup.scan import scan
    from ccprofile.startup.shells import SHELLS, get_shell, known_files
    from ccprofile.storage import ledger
    from ccprofile.storage.state import state_dir

    found: dict[Path, Shell | None] = dict.fromkeys(known_files(home))
    for shell in SHELLS.values():
        for login in (False, True):
            for path in scan(shell, home, WATCHED, login=login).files:
                found.setdefault(path, shell)
    for place in ledger.Ledger(state_dir(home)).read().values():
        if place.kind == "shell":
            found.setdefault(Path(place.path), get_shell(place.label) if place.label in SHELLS else None)
    return found


def _uninstall_everything(options: writing.Options, shell: str | None, purge: bool) -> None:
    """Every file, quietly; then one report: what went (or would go), where the backups are,
    and the models a new terminal's claude uses now."""
    import dataclasses

    from ccprofile.claude.settings_pins import recorded
    from ccprofile.cli import git_ignore_writing, settings_writing, writing
    from ccprofile.machine.detect import FILE_NAME
    from ccprofile.machine.targets import Target, target_for_reading
    from ccprofile.startup.homes import read_home
    from ccprofile.startup.shells import SHELLS, get_shell, shell_for_file
    from ccprofile.storage.state import state_dir

    home = read_home(os.environ, platforms.current(os.environ))
    changes = []
    for path, owner in _every_startup_file(home).items():
        if path.is_file():
            named = get_shell(shell) if shell else owner or shell_for_file(path) or SHELLS["sh"]
            target = Target(named, path, home, None, FILE_NAME)
            changes.append(writing.write(target, None, "has no ccprofile block", options, quiet=True))
    # What a startup file exported this shell may still hold; a settings file exports nothing.
    exported = {name for change in changes if change.changed for name, _ in change.before}
    records = recorded(state_dir(home))
    if records:
        status_shell = target_for_reading(shell, os.environ, platforms.current(os.environ))
        # --verify is for the startup files above: no shell reads a settings file.
        unverified = dataclasses.replace(options, verify=None)
        for path, record in records.items():
            where = settings_writing.SettingsTarget(record.scope, path, path.parent.parent, status_shell)
            changes.append(
                settings_writing.write_settings(where, None, "has no ccprofile pin", unverified, quiet=True)
            )
    changes += git_ignore_writing.remove_git_ignore_rules(home, options.dry_run)
    removed = [change for change in changes if change.changed]
    _report_removed(removed, home.path, shell, options.dry_run, exported)
    _state_after_uninstall(state_dir(home), home.path, options.dry_run, purge, bool(removed))


def _report_removed(
    removed: Sequence[FileChange], home: Path, shell: str | None, dry_run: bool, exported: set[str]
) -> None:
    """What went (or would go), with a dry run's diffs, then the models a new terminal gets."""
    from ccprofile.cli import render

    if not removed:
        console.print(
            "No startup file has a ccprofile block, no settings file a ccprofile pin, and git's ignore "
            "file no rule of ccprofile's; nothing changed."
        )
    else:
        console.print(f"{'Would remove' if dry_run else 'Removed'} ccprofile's pins from:")
        for change in removed:
            deleted = "would be deleted" if dry_run else "deleted"
            gone = (
                f" ({deleted}: ccprofile had created it, and nothing else was in it)"
                if change.deleted
                else ""
            )
            shown = f"  {render.tilde(change.path, home)}"
            if len(shown + gone) <= console.width:
                console.print(shown + gone, soft_wrap=True)
            else:  # the path whole on its line, what happened to it below
                console.print(shown, soft_wrap=True)
                render.say(console, gone.strip(), indent="    ")
        if dry_run:
            for change in removed:
                ended = change.diff.endswith("\n")
                diff = change.diff if ended else change.diff + "\n\\ No newline at end of file\n"
                console.print(diff, markup=False, highlight=False, soft_wrap=True, end="")
            console.print("Dry run: nothing was changed.")
        else:
            _show_models_now(shell, home, exported)


def _show_models_now(shell: str | None, home: Path, exported: set[str]) -> None:
    """The models a new terminal's claude uses now, and the unset this shell still needs."""
    from ccprofile.claude import reading
    from ccprofile.claude import status as status_module
    from ccprofile.cli import render, render_hints
    from ccprofile.cli.render_status import source_words
    from ccprofile.machine.targets import NoShell, target_for_reading

    platform = platforms.current(os.environ)
    target = target_for_reading(shell, os.environ, platform)
    report = status_module.build(reading.read_inputs(os.environ, target, Path.cwd(), platform))
    where = "a new terminal" if report.shell is not None else "here"
    for label, view in (("background", report.background), ("primary", report.primary)):
        model = view.new_shell or view.now
        render.say(
            console,
            f"A claude started from {where} now uses the {label} model {model.model} "
            f"({source_words(model, home, report.ours)}).",
        )
    agents = report.subagents.new_shell or report.subagents.now if report.subagents else None
    if agents is not None and agents.selected:  # else they use the primary, said just above
        render.say(console, f"Its subagents use {agents.model} ({source_words(agents, home, report.ours)}).")
    held = sorted(name for name in exported if name in os.environ)
    if held and not isinstance(target, NoShell):
        unset = target.shell.syntax.unset(held)
        render_hints.say_then_run(
            console, "This terminal still has the old values.", "To drop them here run:", unset
        )


def _state_after_uninstall(state: Path, home: Path, dry_run: bool, purge: bool, removed: bool) -> None:
    import shutil

    from ccprofile.cli import render
    from ccprofile.storage.fileio import remove_empty
    from ccprofile.storage.ledger import BACKUPS_SETTING, Ledger, backups_kept

    shown = render.tilde(state, home)
    if not state.exists():
        return
    if purge and not dry_run:
        made = Ledger(state).made_dirs()
        shutil.rmtree(state)
        remove_empty([str(d) for d in made if d != state])  # ~/.local/state, if ccprofile made it
        render.say(console, f"Deleted {shown}: ccprofile's backups, record and ledger are gone.")
    elif purge:
        render.say(console, f"Dry run: {shown} would be deleted (backups, record and ledger).")
    elif removed and not dry_run and backups_kept(os.environ) == 0:
        render.say(
            console,
            f"No backups were kept (${BACKUPS_SETTING} is 0): `ccprofile undo` cannot put back "
            "what was in these files before.",
        )
    elif removed and not dry_run:
        render.say(
            console,
            f"Backups of every file ccprofile changed are in {shown}/backups; they may hold API keys. "
            "`ccprofile undo` puts the pins back; `ccprofile uninstall --all --purge` deletes the "
            "backups too.",
        )
