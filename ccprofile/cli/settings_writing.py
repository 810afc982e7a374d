"""Writing a pin into one of Claude Code's settings files (``--scope``), and the rule that keeps
a local settings file out of git."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import scopes, settings_pins
from ccprofile.claude.settings_keys import shown_key
from ccprofile.claude.variables import PRIMARY
from ccprofile.claude.warnings import StatusWarning
from ccprofile.cli import checking, git_ignore_writing, render
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.cli.writing import Edit, Options, ledger_entry
from ccprofile.errors import NOTHING_WRITTEN, BadValue, CcprofileError
from ccprofile.machine.targets import NoShell, Target
from ccprofile.startup import profile
from ccprofile.storage import fileio, ledger
from ccprofile.storage.edit import opened
from ccprofile.storage.records import Records
from ccprofile.storage.state import backup_dir_for, state_dir
from ccprofile.system import platforms


@dataclass(frozen=True)
class SettingsTarget:
    """A settings file named by ``--scope``, and the shell status reasons about beside it."""

    scope: str
    path: Path
    project: Path
    shell: Target | NoShell  # settings need no shell: a CI job or a script without $SHELL can pin
    start: Path | None = None  # the subdirectory the command ran in, when the file is at the root


def settings_target(scope: str, project: Path | None, shell: str | None) -> SettingsTarget:
    from ccprofile.claude.projects import find_project
    from ccprofile.claude.settings_pins import scope_path
    from ccprofile.machine.targets import target_for_reading

    if project is not None and scope not in scopes.PER_PROJECT:
        of = " or ".join(scopes.PER_PROJECT)
        raise UsageError(f"--project names the project of --scope {of}, not of --scope {scope}")
    start = None
    target = target_for_reading(shell, os.environ, platforms.current(os.environ))
    if project is not None:
        directory = project.expanduser().absolute()
        if not directory.is_dir():
            raise BadValue(f"--project {directory}: no such directory")
    else:
        # A project's settings belong at its repository's root, wherever in it the command runs.
        found = find_project(Path.cwd(), target.home.path)
        per_project = scopes.BY_NAME[scope].per_project
        directory = found.home if per_project else found.start
        start = found.start if found.in_subdirectory and per_project else None
    path = scope_path(scope, os.environ, target.home.path, directory, platforms.current(os.environ))
    return SettingsTarget(scope, path, directory, target, start)


def write_settings(
    where: SettingsTarget,
    edit: Edit | None,
    what: str,
    options: Options,
    adopt: Sequence[str] = (),
    *,
    quiet: bool = False,
    unpinned: Sequence[str] = (),
) -> profile.FileChange:
    """Apply ``edit`` to ccprofile's pins in a settings file (None: take them all out again);
    ``adopt``: the pins to remove even where this machine has no record of writing them;
    ``unpinned``: the pins an unset command takes out.
    ``quiet``: print nothing (``uninstall --all`` reports once for every file)."""
    home = where.shell.home
    if options.verify:
        raise UsageError(f"--verify starts a shell, and no shell reads {render.tilde(where.path, home.path)}")
    _refuse_without_rights(where)
    result, found = _write_file(where, edit, options, adopt)
    change = result.change
    if change.deleted and not options.dry_run:
        ledger.Ledger(state_dir(home)).tidy(change.real_path.parent)
    if not quiet:
        render.show_change(console, change, home.path, what=what)
    _show_left_alone(where, result, edit is None, options.dry_run, unpinned)
    if quiet:
        return change  # uninstall --all: the notes above, then one report for every file
    ignored = scopes.BY_NAME[where.scope].git_ignored
    if ignored and change.after:
        git_ignore_writing.keep_out_of_git(where.project, where.path, home, options.dry_run)
    elif ignored and change.changed:
        git_ignore_writing.ignore_rule_stays(home)  # no pin of ccprofile's left in the file
    _report(where, change, found, options.dry_run)
    return change


def _show_left_alone(
    where: SettingsTarget,
    result: settings_pins.SettingsChange,
    removing: bool,
    dry_run: bool,
    unpinned: Sequence[str] = (),
) -> None:
    """What a settings write left as it was, and why: keys taken without a record, a team's
    ``model`` key, keys someone changed since."""
    from ccprofile.claude import settings_files

    home = where.shell.home
    if result.adopted:
        render.show_note(
            console,
            f"ccprofile has no record of pinning {', '.join(result.adopted)} in "
            f"{render.tilde(where.path, home.path)} on this machine, so the file's bytes before the pin "
            f"are not known here: {'would remove' if dry_run else 'removed'} only those keys, "
            "and everything else stays as it is",
        )
    # A team's project file may keep a `model` key that this machine cannot call ccprofile's;
    # one holding what it held before ccprofile's first change here is the team's own.
    own = shown_key(PRIMARY) in result.as_before
    team = removing and scopes.BY_NAME[where.scope].shared and not dry_run and not own
    left = settings_files.read(where.scope, where.path) if team else None
    if left is not None and left.model:
        render.show_note(
            console,
            f"left model in {render.tilde(where.path, home.path)}: ccprofile cannot tell here whether it "
            "wrote it (Claude Code's /model writes it too); `ccprofile unset-model --scope "
            f"{where.scope}` takes it out",
        )
    if not (dry_run and result.change.changed):  # a dry run's file still holds ccprofile's keys
        _show_own_keys(where, unpinned)
    for key in result.left:
        render.show_note(
            console,
            f"left {key} in {render.tilde(where.path, home.path)} alone: its value was changed "
            "after ccprofile wrote it, so it is no longer ccprofile's",
        )


def _show_own_keys(where: SettingsTarget, unpinned: Sequence[str]) -> None:
    """An unset leaves the user's own keys (Claude Code's /model writes ``model``; a value from
    before ccprofile's pin is put back), which Claude Code still reads: "has no ... pin of
    ccprofile's" must not read as "none"."""
    from ccprofile.claude import settings_files

    if not unpinned or scopes.BY_NAME[where.scope].shared:
        return  # a team's file: the unset takes the key, recorded or not
    kept = settings_files.read(where.scope, where.path)
    if kept is None:
        return
    values = {name: kept.model if name == PRIMARY else kept.env.get(name) for name in unpinned}
    held = [f"{'model' if n == PRIMARY else f'env.{n}'} = {v!r}" for n, v in values.items() if v]
    if not held:
        return
    one = len(held) == 1
    by_model = " (Claude Code's /model writes it)" if values.get(PRIMARY) else ""
    render.show_note(
        console,
        f"{', '.join(held)} in {render.tilde(where.path, where.shell.home.path)} "
        f"{'stays' if one else 'stay'}: your own, not ccprofile's{by_model}, and Claude Code still reads "
        f"{'it' if one else 'them'}; remove {'it' if one else 'them'} from that file to drop "
        f"{'it' if one else 'them'}",
    )


def _report(
    where: SettingsTarget, change: profile.FileChange, found: checking.Checked, dry_run: bool
) -> None:
    """What a settings write says after it: a file Claude Code skips, the repository root, the
    problems found before the write, and who picks the pin up."""
    from ccprofile.claude import settings, settings_files

    home = where.shell.home
    written = settings_files.read(where.scope, where.path) if change.after and not dry_run else None
    if written is not None and written.error and settings.SKIPS_THE_FILE in written.error:
        render.show_warnings(
            console,
            [
                StatusWarning(
                    "invalid-settings",
                    f"{where.path}: {written.error}, so the pin in it has no effect either.",
                    ("correct that key (or pin with another --scope)",),
                )
            ],
            home.path,
        )
    if where.start is not None:
        render.show_note(console, _at_the_root(where, home.path))
    if found.report is not None:  # a pin a new terminal's provider rejects
        wrong = [w for w in found.report.warnings if w.code == "new-terminal-provider"]
        render.show_warnings(console, wrong, home.path, found.fix_shell())
    render.show_shortfalls(console, found.shortfalls, dry_run, home.path, found.fix_shell())
    if change.changed and not dry_run and change.after and not found.shortfalls:
        project = render.tilde(where.project, home.path)
        started = {
            "project": f"new `claude` sessions started in {project} use it",
            "local": f"new `claude` sessions started in {project} or below it use it",
        }.get(where.scope, "new `claude` sessions use it, from any terminal or IDE")
        console.print(
            f"Claude Code reads this file when a session starts: {started}. "
            "A running session keeps what it has."
        )


def _write_file(
    where: SettingsTarget, edit: Edit | None, options: Options, adopt: Sequence[str]
) -> tuple[settings_pins.SettingsChange, checking.Checked]:
    """The path of every write to a settings file: open it, plan with ccprofile's record of it,
    check the effect, commit (the record with it)."""
    home = where.shell.home
    records = Records(state_dir(home))
    entry = ledger_entry(state_dir(home), "settings", where.scope)
    creates = edit is not None and not options.dry_run
    made_dir = settings_pins.make_dir(where.path, creating=creates)
    try:
        with opened(where.path, create=creates, clean=not options.dry_run) as file:
            known = records.read().get(os.path.abspath(file.real))  # under the file's lock, like the file
            plan = settings_pins.plan(file, where.scope, known, edit, made_dir=made_dir, adopt=adopt)
            found = checking.check(
                where.shell,
                profile.pending(file, plan.plan),
                options.strict,
                written=where.path,
                project=where.project,
            )
            backups = backup_dir_for(where.path, home)
            settings_pins.commit(
                file,
                plan,
                records,
                backup_dir=backups,
                entry=entry,
                made_dir=made_dir,
                dry_run=options.dry_run,
            )
    except BaseException:
        if made_dir:
            # Refused or failed: leave no directory behind either.
            fileio.remove_empty([str(where.path.parent)])
        raise
    return settings_pins.change(file, plan, made_dir=made_dir, dry_run=options.dry_run), found


def _at_the_root(where: SettingsTarget, home: Path) -> str:
    """What writing at the repository root from one of its subdirectories means."""
    here, root = render.tilde(where.start or where.project, home), render.tilde(where.project, home)
    if scopes.BY_NAME[where.scope].git_ignored:
        return (
            f"you are in {here}: the file is at the repository root, {root}. Claude Code reads the "
            "root's local settings from anywhere in the repository (its project settings only "
            "when started at the root)"
        )
    return (
        f"you are in {here}: the file is at the repository root, {root}. A claude started in {here} "
        f"does not read it (Claude Code reads a project's settings only from the directory it "
        f"starts in): start claude in {root}, or pass --project {here} for a file there"
    )


def _refuse_without_rights(where: SettingsTarget) -> None:
    """Managed settings live in a system directory: say so, rather than fail half-way."""
    if not scopes.BY_NAME[where.scope].administered:
        return
    existing = next(p for p in (where.path, *where.path.parents) if p.exists())
    if not os.access(existing, os.W_OK):
        raise CcprofileError(
            f"cannot write {where.path}: managed settings need administrator rights "
            f"(run the command with sudo); {NOTHING_WRITTEN}"
        )
