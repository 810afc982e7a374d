"""The one flow every writing command shares: pick the file, plan, check the effect, write,
tell the user, and (on a terminal) verify with the real shell."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import effect, variables
from ccprofile.claude import status as status_module
from ccprofile.claude.warnings import StatusWarning
from ccprofile.cli import program, render
from ccprofile.cli.consoles import console
from ccprofile.cli.failures import UsageError
from ccprofile.errors import (
    NOTHING_WRITTEN,
    BadValue,
    CcprofileError,
    CheckFailed,
    NoEffect,
    ProbeError,
    UnsupportedCompletion,
    VerifyFailed,
)
from ccprofile.machine.probe import start_new_shell
from ccprofile.machine.targets import NoShell, Target
from ccprofile.startup import profile
from ccprofile.startup.shells import SHELLS, Home
from ccprofile.storage import ledger
from ccprofile.storage.state import state_dir
from ccprofile.system import platforms

Edit = Callable[[dict[str, str]], dict[str, str]]


@dataclass(frozen=True)
class Options:
    dry_run: bool = False
    strict: bool = False
    verify: bool | None = None  # None: verify when stdout is a terminal


@dataclass
class _Checked:
    """What the check before the write found, kept for the report after it."""

    inputs: status_module.Inputs | None = None
    report: status_module.Report | None = None
    shortfalls: tuple[str, ...] = ()  # a new terminal's
    elsewhere: tuple[str, ...] = ()  # the other start's (a login shell on Linux)


def _checker(
    target: Target | NoShell,
    options: Options,
    found: _Checked,
    *,
    written: Path | None = None,
    project: Path | None = None,
) -> profile.Check:
    """The check before a write: status's own rules, run on the planned text. ``written`` is
    the settings file being written (None: the target's startup file); ``project`` the
    directory whose project settings Claude Code would read."""
    path = written or target.path if isinstance(target, Target) else written
    assert path is not None, "a settings write names its file"
    shell = target.shell if isinstance(target, Target) else None
    shown = render.tilde(path, target.home.path)

    def check(planned: profile.Planned) -> None:
        files = {planned.path: planned.data, path: planned.data}
        cwd = project or Path.cwd()
        platform = platforms.current(os.environ)
        inputs = status_module.read_inputs(os.environ, target, cwd, platform, planned=files)
        report = status_module.build(inputs)
        wanted = effect.expectations(planned.before, planned.after)
        found.inputs, found.report = inputs, report
        startup = (target.path, target.home) if isinstance(target, Target) and written is None else None
        found.shortfalls = tuple(
            effect.shortfalls(
                report,
                inputs.scan,
                shell,
                shown,
                wanted,
                in_settings=written is not None,
                ours=inputs.ours,
                written=startup,
                settings=inputs.settings,
                catalog=inputs.catalog,
            )
        )
        if startup is not None and shell is not None and inputs.other is not None:
            other = effect.Other(inputs.other, startup[1], startup[0], platforms.current(os.environ))
            # One cause, one fix: the other start's shortfall is said only when its fix differs.
            fixes = {shortfall.partition(" Fix: ")[2] for shortfall in found.shortfalls}
            found.elsewhere = tuple(
                e
                for e in effect.other_start_shortfalls(report, shell, shown, wanted, other)
                if e.partition(" Fix: ")[2] not in fixes
            )
        if options.strict and (found.shortfalls or found.elsewhere):
            raise NoEffect((found.shortfalls or found.elsewhere)[0])

    return check


def ledger_entry(state: Path, kind: str, label: str) -> ledger.Entry:
    """What the ledger records of this command's writes: one run per command invocation (every
    file `uninstall --all` changes is one run, which one `undo` rewinds)."""
    from ccprofile.cli.invocation import current

    running = current()
    keep = ledger.backups_kept(os.environ)
    return ledger.Entry(ledger.Ledger(state, keep), kind, label, running.run, running.command)


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

    if project is not None and scope not in ("project", "local"):
        raise UsageError(f"--project names the project of --scope project or local, not of --scope {scope}")
    start = None
    target = target_for_reading(shell, os.environ, platforms.current(os.environ))
    if project is not None:
        directory = project.expanduser().absolute()
        if not directory.is_dir():
            raise BadValue(f"--project {directory}: no such directory")
    else:
        # A project's settings belong at its repository's root, wherever in it the command runs.
        found = find_project(Path.cwd(), target.home.path)
        directory = found.home if scope in ("project", "local") else found.start
        start = found.start if found.in_subdirectory and scope in ("project", "local") else None
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
) -> profile.Change:
    """Apply ``edit`` to ccprofile's pins in a settings file (None: take them all out again);
    ``adopt``: the pins to remove even where this machine has no record of writing them.
    ``quiet``: print nothing (``uninstall --all`` reports once for every file)."""
    from ccprofile.claude import settings, settings_pins
    from ccprofile.storage.state import backup_dir_for

    home = where.shell.home
    if options.verify:
        raise UsageError(f"--verify starts a shell, and no shell reads {render.tilde(where.path, home.path)}")
    _refuse_without_rights(where)
    found = _Checked()
    check = _checker(where.shell, options, found, written=where.path, project=where.project)
    result = settings_pins.update(
        where.path,
        where.scope,
        edit,
        state_dir=state_dir(home),
        backup_dir=backup_dir_for(where.path, home),
        dry_run=options.dry_run,
        check=check,
        adopt=adopt,
        entry=ledger_entry(state_dir(home), "settings", where.scope),
    )
    change = result.change
    if change.deleted and not options.dry_run:
        ledger.Ledger(state_dir(home)).tidy(change.real_path.parent)
    if not quiet:
        render.show_change(console, change, home.path, what=what)
    if result.adopted:
        render.show_note(
            console,
            f"ccprofile has no record of pinning {', '.join(result.adopted)} in "
            f"{render.tilde(where.path, home.path)} on this machine, so the file's bytes before the pin "
            f"are not known here: {'would remove' if options.dry_run else 'removed'} only those keys, "
            "and everything else stays as it is",
        )
    # A team's project file may keep a `model` key that this machine cannot call ccprofile's.
    team = edit is None and where.scope == "project" and not options.dry_run
    left = settings.read(where.scope, where.path) if team else None
    if left is not None and left.model:
        render.show_note(
            console,
            f"left model in {render.tilde(where.path, home.path)}: ccprofile cannot tell here whether it "
            "wrote it (Claude Code's /model writes it too); `ccprofile unset-model --scope "
            f"{where.scope}` takes it out",
        )
    for key in result.left:
        render.show_note(
            console,
            f"left {key} in {render.tilde(where.path, home.path)} alone: its value was changed "
            "after ccprofile wrote it, so it is no longer ccprofile's",
        )
    if quiet:
        return change  # uninstall --all: the notes above, then one report for every file
    if where.scope == "local" and change.after:
        _keep_out_of_git(where, options)
    elif where.scope == "local" and change.changed:
        _ignore_rule_stays(home)  # no pin of ccprofile's left in the file
    written = settings.read(where.scope, where.path) if change.after and not options.dry_run else None
    if written is not None and written.error and settings.SKIPS_THE_FILE in written.error:
        render.show_warnings(
            console,
            [
                StatusWarning(
                    "invalid-settings",
                    f"{where.path}: {written.error}, so the pin in it has no effect either. Fix: correct "
                    "that key (or pin with another --scope).",
                )
            ],
            home.path,
        )
    if where.start is not None:
        render.show_note(console, _at_the_root(where, home.path))
    render.show_shortfalls(console, found.shortfalls, options.dry_run, home.path)
    if change.changed and not options.dry_run and change.after and not found.shortfalls:
        project = render.tilde(where.project, home.path)
        started = {
            "project": f"new `claude` sessions started in {project} use it",
            "local": f"new `claude` sessions started in {project} or below it use it",
        }.get(where.scope, "new `claude` sessions use it, from any terminal or IDE")
        console.print(
            f"Claude Code reads this file when a session starts: {started}. "
            "A running session keeps what it has."
        )
    return change


def _keep_out_of_git(where: SettingsTarget, options: Options) -> None:
    """A local settings file is the user's alone: add the rule Claude Code adds to git's global
    ignore file, unless git ignores the file already (``claude/git_ignore.py``)."""
    from ccprofile.claude import git_ignore

    home = where.shell.home
    if git_ignore.ignored(where.project, os.environ, home.path):
        return
    path = git_ignore.ignore_file(where.project, os.environ, home.path)
    if path is None:
        return  # as Claude Code, which cannot write a directory either

    def plan(old: str, missing: bool) -> profile.Plan:
        new = git_ignore.with_rule(old, missing)
        return profile.Plan(old if new is None else new, (), (), 0)

    change = _edit_git_ignore(path, home, plan, options.dry_run)
    local = render.tilde(where.path, home.path)
    if git_ignore.tracked(where.project, os.environ, home.path):
        root = render.tilde(where.project, home.path)
        render.show_warnings(
            console,
            [
                StatusWarning(
                    "local-file-tracked",
                    f"{local} is tracked by git, so no ignore rule keeps it out of commits: your pin goes "
                    f"into the next commit of it. Fix: run `git rm --cached {git_ignore.LOCAL_FILE}` in "
                    f"{root} (the file stays on disk), and commit that.",
                )
            ],
            home.path,
        )
    elif change.changed:
        added = "Would add" if options.dry_run else "Added"
        render.show_note(
            console,
            f"{added} {git_ignore.RULE} to {render.tilde(path, home.path)}, git's global ignore file, so "
            f"{local} stays out of commits, as Claude Code does when it writes that file",
        )


def _ignore_rule_stays(home: Home) -> None:
    """Taking a local pin out leaves the rule ccprofile added to git's ignore file: it keeps
    every repository's local settings (Claude Code's own too) out of commits."""
    from ccprofile.claude import git_ignore
    from ccprofile.storage import fileio

    for place in ledger.Ledger(state_dir(home)).read().values():
        data = fileio.read(Path(place.path)).data if place.kind == git_ignore.KIND else None
        if data is not None and git_ignore.RULE in fileio.decode(data):
            render.show_note(
                console,
                f"left {git_ignore.RULE} in {render.tilde(Path(place.path), home.path)}: it keeps every "
                "repository's local settings out of git, Claude Code's own included; "
                f"`{program.name()} uninstall --all` takes it out",
            )


def _edit_git_ignore(
    path: Path, home: Home, plan: Callable[[str, bool], profile.Plan], dry_run: bool
) -> profile.Change:
    from ccprofile.claude import git_ignore
    from ccprofile.storage.state import backup_dir_for

    return profile.run(
        path,
        plan,
        lambda pins: (),
        label="global",
        backup_dir=backup_dir_for(path, home),
        dry_run=dry_run,
        may_create=not dry_run,
        check=None,
        entry=ledger_entry(state_dir(home), git_ignore.KIND, "global"),
    )


def remove_git_ignore_rules(home: Home, dry_run: bool) -> list[profile.Change]:
    """``uninstall --all``: the rule ccprofile added to each git ignore file the ledger lists
    goes again (the file too, when ccprofile created it and nothing else is in it)."""
    from ccprofile.claude import git_ignore

    places = ledger.Ledger(state_dir(home)).read().values()
    return [_remove_git_ignore_rule(Path(p.path), home, dry_run) for p in places if p.kind == git_ignore.KIND]


def _remove_git_ignore_rule(path: Path, home: Home, dry_run: bool) -> profile.Change:
    from ccprofile.claude import git_ignore

    def plan(old: str, missing: bool) -> profile.Plan:
        kept = git_ignore.without_rule(old)
        created = _created_by_ccprofile(path, home)
        return profile.Plan(None if created and not kept.strip() else kept, (), (), 0)

    change = _edit_git_ignore(path, home, plan, dry_run)
    if change.deleted and not dry_run:
        ledger.Ledger(state_dir(home)).tidy(change.real_path.parent)  # and the folders it made
    return change


def _created_by_ccprofile(path: Path, home: Home) -> bool:
    """Whether the ledger's first step for ``path`` created the file."""
    from ccprofile.storage import fileio

    place = ledger.Ledger(state_dir(home)).read().get(str(fileio.resolve(path)))
    return place is not None and bool(place.steps) and not place.steps[0].existed


def _at_the_root(where: SettingsTarget, home: Path) -> str:
    """What writing at the repository root from one of its subdirectories means."""
    here, root = render.tilde(where.start or where.project, home), render.tilde(where.project, home)
    if where.scope == "local":
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
    if where.scope != "managed":
        return
    existing = next(p for p in (where.path, *where.path.parents) if p.exists())
    if not os.access(existing, os.W_OK):
        raise CcprofileError(
            f"cannot write {where.path}: managed settings need administrator rights "
            f"(run the command with sudo); {NOTHING_WRITTEN}"
        )


def _who_picks_it_up(target: Target, found: _Checked) -> str:
    """ "New terminals", qualified where some miss the change: the other start of the shell
    (said just above), and on Windows every way of starting claude but this shell's."""
    from ccprofile.claude import launchers, starts

    platform = target.home.platform
    ways = [way for way in launchers.LAUNCHERS.get(platform, ()) if way.shell == target.shell.name]
    who = f"New {ways[0].name} terminals" if platform == "win32" and ways else "New terminals"
    if found.elsewhere:
        other = starts.other(starts.start_of(starts.terminal_is_login(platform)))
        who += f" (not {other} shells: see above)"
    if platform == "win32":
        who += " (not claude started from cmd, another shell or an IDE: `ccprofile status` shows each)"
    return who


def write(
    target: Target,
    edit: Edit | None,
    what: str,
    options: Options,
    *,
    announce: bool = True,
    completion: bool | None = None,
    quiet: bool = False,
) -> profile.Change:
    """Apply ``edit`` to the target's block (None: remove the block); True if the file changed.

    ``completion`` adds (True) or removes (False) the tab-completion lines; the pins stay, so
    there is no effect on models to check.
    """
    target.check_writable_location()
    state = state_dir(target.home)
    if target.path == state or state in target.path.parents:
        # ccprofile's own folder (backups, record, ledger) is locked while a file is written.
        raise BadValue(f"{target.path} is inside ccprofile's own folder {state}: choose another --file")
    if completion is not None and not target.shell.completion:
        raise UnsupportedCompletion(target.shell.name, [n for n, s in SHELLS.items() if s.completion])
    if announce and not quiet:
        render.show_shell(console, target)
    found = _Checked()
    check = _checker(target, options, found) if completion is None else None
    entry = ledger_entry(state_dir(target.home), "shell", target.shell.name)
    if edit is None:
        change = profile.uninstall(
            target.path,
            target.shell,
            names=variables.PINNABLE,
            backup_dir=target.backup_dir,
            dry_run=options.dry_run,
            check=check,
            entry=entry,
        )
    else:
        change = profile.update(
            target.path,
            target.shell,
            edit,
            names=variables.PINNABLE,
            backup_dir=target.backup_dir,
            dry_run=options.dry_run,
            check=check,
            completion=completion,
            entry=entry,
            program=program.name(),
            new_file_newline=target.shell.new_file_newline(target.home),
        )
    if change.deleted and not options.dry_run:
        ledger.Ledger(state_dir(target.home)).tidy(change.real_path.parent)
    checked: _Verified | None = None
    if not options.dry_run and change.changed and found.inputs is not None and completion is None:
        wanted = options.verify if options.verify is not None else (sys.stdout.isatty() and not quiet)
        if wanted:
            # Before anything is reported: a strict check that fails puts the file back, and
            # then nothing may have said it was written.
            checked = _verify(target, change, found.inputs, options)
    if quiet:
        if checked is not None and checked.problem:
            render.show_verify_problem(console, checked.problem)
        return change
    render.show_change(console, change, target.home.path, what=what, why=target.why, pins=completion is None)
    if found.report is not None:
        crlf = [w for w in found.report.warnings if w.code == "crlf-startup-file"]
        render.show_warnings(console, crlf, target.home.path)
    render.show_shortfalls(console, (*found.shortfalls, *found.elsewhere), options.dry_run, target.home.path)
    if completion is not None:
        source = target.shell.apply_hint(render.tilde(target.path, target.home.path))
        render.show_completion_hint(console, change, target.shell.name, source, on_path=program.on_path())
        return change
    if checked is not None:
        for start, values in checked.agreed:
            render.show_verified(console, start, values)
        if checked.problem:
            render.show_verify_problem(console, checked.problem)
    verified = checked is None or not checked.problem
    # Only what this shell really holds needs dropping here.
    held = [name for name, _ in change.before if name not in dict(change.after) and name in os.environ]
    render.show_apply_hint(
        console,
        change,
        source_command=target.shell.apply_hint(render.tilde(target.path, target.home.path)),
        unset_command=target.shell.syntax.unset(held) if held else None,
        effective=not found.shortfalls and verified,
        who=_who_picks_it_up(target, found),
    )
    if checked is not None and checked.problem:
        done = "is deleted" if change.deleted else "is written"
        said = (
            "but a new shell does not export what ccprofile read in its startup files"
            if checked.ran
            else "but the check could not start the shell"
        )
        raise CheckFailed(
            f"{render.tilde(target.path, target.home.path)} {done}, {said}: "
            f"`{program.name()} status --probe` shows what a new {target.shell.name} exports, and from where"
        )
    return change


@dataclass(frozen=True)
class _Verified:
    agreed: tuple[tuple[str, dict[str, str | None]], ...]  # (the shell, in words; what it exports)
    problem: str  # "" when every start exported what status predicted
    ran: bool = True  # False: no shell could be started to check


def _verify(
    target: Target, change: profile.Change, inputs: status_module.Inputs, options: Options
) -> _Verified:
    """Start the shell for real, as a new terminal and as the other start (a login shell on
    Linux) where that reads other files, and compare what each exports with the prediction."""
    from ccprofile.claude import starts

    scans = [inputs.scan, *([inputs.other] if inputs.other is not None else [])]
    agreed: list[tuple[str, dict[str, str | None]]] = []
    problems: list[str] = []
    ran = False
    start_env = status_module.new_terminal_start(os.environ, inputs.session)
    for scan in scans:
        expected, _ = status_module.new_terminal_base(inputs, scan if scan is not inputs.scan else None)
        names = [
            n
            for n in variables.PINNABLE
            if n in expected or n in dict(change.before) or n in dict(change.after)
        ]
        who = f"a new {target.shell.name}"
        if inputs.other is not None:
            who = f"a {starts.start_of(scan.login)} {target.shell.name}"
        try:
            started = start_new_shell(target.shell, start_env, login=scan.login)
        except ProbeError as error:
            problems.append(f"could not check with {who}: {error}")
            continue
        ran = True
        wrong = [n for n in names if started.env.get(n) != expected.get(n)]
        if not wrong:
            agreed.append((who, {n: expected.get(n) for n in names}))
            continue
        differences = ", ".join(
            f"{n} {repr(started.env[n]) if n in started.env else 'unset'} instead of "
            f"{repr(expected[n]) if n in expected else 'unset'}"
            for n in wrong
        )
        said = f"; it printed: {' / '.join(started.errors)}" if started.errors else ""
        problems.append(f"{who} has {differences}{said}")
    if len(agreed) == 2 and agreed[0][1] == agreed[1][1]:
        # Both starts export the same: one line says it.
        agreed = [(f"a new {target.shell.name}, login or not,", agreed[0][1])]
    problem = "; ".join(problems)
    if problem and options.strict:
        profile.restore(change)
        ledger.Ledger(state_dir(target.home)).drop(change.real_path, 1)  # it never happened
        raise VerifyFailed(
            f"{problem}; {render.tilde(target.path, target.home.path)} was put back as it was, "
            f"and {NOTHING_WRITTEN}"
        )
    return _Verified(tuple(agreed), problem, ran)
