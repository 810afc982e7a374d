"""The rule that keeps a local settings file out of git (``--scope local``), added to git's
global ignore file as Claude Code adds it, and taken out again by ``uninstall --all``."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ccprofile.claude import git_ignore
from ccprofile.claude.warnings import StatusWarning
from ccprofile.cli import program, render
from ccprofile.cli.consoles import console
from ccprofile.cli.writing import ledger_entry
from ccprofile.startup import profile
from ccprofile.startup.home_snapshot import Home
from ccprofile.storage import codec, fileio, ledger
from ccprofile.storage.edit import Editing, opened
from ccprofile.storage.state import backup_dir_for, state_dir


def keep_out_of_git(project: Path, local_file: Path, home: Home, dry_run: bool) -> None:
    """A local settings file is the user's alone: add the rule Claude Code adds to git's global
    ignore file, unless git ignores the file already (``claude/git_ignore.py``)."""
    if git_ignore.ignored(project, os.environ, home.path):
        return
    path = git_ignore.ignore_file(project, os.environ, home.path)
    if path is None:
        return  # as Claude Code, which cannot write a directory either

    def plan(file: Editing) -> str:
        new = git_ignore.with_rule(file.text, file.missing)
        return file.text if new is None else new

    change = _edit_git_ignore(path, home, plan, dry_run)
    local = render.tilde(local_file, home.path)
    if git_ignore.tracked(project, os.environ, home.path):
        root = render.tilde(project, home.path)
        render.show_warnings(
            console,
            [
                StatusWarning(
                    "local-file-tracked",
                    f"{local} is tracked by git, so no ignore rule keeps it out of commits: your pin goes "
                    "into the next commit of it.",
                    (
                        f"run `git rm --cached {git_ignore.LOCAL_FILE}` in {root} (the file stays on disk), "
                        "and commit that",
                    ),
                )
            ],
            home.path,
        )
    elif change.changed:
        added = "Would add" if dry_run else "Added"
        render.show_note(
            console,
            f"{added} {git_ignore.RULE} to {render.tilde(path, home.path)}, git's global ignore file, so "
            f"{local} stays out of commits, as Claude Code does when it writes that file",
        )


def ignore_rule_stays(home: Home) -> None:
    """Taking a local pin out leaves the rule ccprofile added to git's ignore file: it keeps
    every repository's local settings (Claude Code's own too) out of commits."""
    for place in ledger.Ledger(state_dir(home)).read().values():
        data = fileio.read(Path(place.path)).data if place.kind == git_ignore.KIND else None
        if data is not None and git_ignore.RULE in codec.decode(data):
            render.show_note(
                console,
                f"left {git_ignore.RULE} in {render.tilde(Path(place.path), home.path)}: it keeps every "
                "repository's local settings out of git, Claude Code's own included; "
                f"`{program.name()} uninstall --all` takes it out",
            )


def _edit_git_ignore(
    path: Path, home: Home, plan: Callable[[Editing], str | None], dry_run: bool
) -> profile.FileChange:
    """Add or take out the rule in a git ignore file: ``plan`` gives the file's new text (None:
    delete it). No pin is in it, so there is no effect to check."""
    entry = ledger_entry(state_dir(home), git_ignore.KIND, "global")
    with opened(path, create=not dry_run, clean=not dry_run) as file:
        new = plan(file)
        if file.changes(new) and not dry_run:
            file.commit(new, backup_dir=backup_dir_for(path, home), entry=entry)
    return profile.change(file, profile.Plan(new, (), (), 0), lines=(), dry_run=dry_run)


def remove_git_ignore_rules(home: Home, dry_run: bool) -> list[profile.FileChange]:
    """``uninstall --all``: the rule ccprofile added to each git ignore file the ledger lists
    goes again (the file too, when ccprofile created it and nothing else is in it)."""
    places = ledger.Ledger(state_dir(home)).read().values()
    return [_remove_git_ignore_rule(Path(p.path), home, dry_run) for p in places if p.kind == git_ignore.KIND]


def _remove_git_ignore_rule(path: Path, home: Home, dry_run: bool) -> profile.FileChange:
    def plan(file: Editing) -> str | None:
        kept = git_ignore.without_rule(file.text)
        return None if _created_by_ccprofile(path, home) and not kept.strip() else kept

    change = _edit_git_ignore(path, home, plan, dry_run)
    if change.deleted and not dry_run:
        ledger.Ledger(state_dir(home)).tidy(change.real_path.parent)  # and the folders it made
    return change


def _created_by_ccprofile(path: Path, home: Home) -> bool:
    """Whether the ledger's first step for ``path`` created the file."""
    place = ledger.Ledger(state_dir(home)).read().get(str(fileio.resolve(path)))
    return place is not None and bool(place.steps) and not place.steps[0].existed
