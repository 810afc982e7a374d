"""The one flow every writing command shares: pick the file, plan, check the effect, write,
tell the user, and (on a terminal) verify with the real shell."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import variables
from ccprofile.cli import checking, program, render, render_hints, verifying
from ccprofile.cli.consoles import console
from ccprofile.cli.write_report import report
from ccprofile.errors import (
    BadValue,
    UnsupportedCompletion,
)
from ccprofile.machine.targets import Target
from ccprofile.startup import profile
from ccprofile.startup.shells import SHELLS
from ccprofile.storage import ledger
from ccprofile.storage.edit import Editing, opened
from ccprofile.storage.state import state_dir

Edit = Callable[[dict[str, str]], dict[str, str]]


@dataclass(frozen=True)
class Options:
    dry_run: bool = False
    strict: bool = False
    verify: bool | None = None  # None: verify when stdout is a terminal


def ledger_entry(state: Path, kind: str, label: str) -> ledger.Entry:
    """What the ledger records of this command's writes: one run per command invocation (every
    file `uninstall --all` changes is one run, which one `undo` rewinds)."""
    from ccprofile.cli.invocation import current

    running = current()
    keep = ledger.backups_kept(os.environ)
    return ledger.Entry(ledger.Ledger(state, keep), kind, label, running.run, running.command)


def _plan(target: Target, file: Editing, edit: Edit | None, completion: bool | None) -> profile.Plan:
    """The file's new text: ``edit`` applied to its block's pins, or (None) no block."""
    if edit is None:
        return profile.plan_removal(target.path, file, names=variables.PINNABLE)
    return profile.plan_update(
        target.path,
        file,
        target.shell,
        edit,
        names=variables.PINNABLE,
        completion=completion,
        program=program.name(),
        new_file_newline=target.shell.new_file_newline(target.home),
    )


# What uninstall takes out of a block.
_EVERYTHING = (*variables.PINNABLE, render_hints.COMPLETION)


def _report_completion(
    target: Target,
    change: profile.FileChange,
    what: str,
    seen: tuple[bool | None, bool | None],
) -> None:
    """What a write of tab completion says; ``seen``: whether new terminals read the file, and
    run what the completion needs before it."""
    reach, ready = seen
    render.show_change(console, change, target.home.path, what=what, why=target.why, pins=False)
    takes = () if change.completion else (render_hints.COMPLETION,)  # a removal, when it has none after
    render_hints.untouched_elsewhere(console, target, change, takes)
    file = render.tilde(target.path, target.home.path)
    on_path = program.on_path()
    hint = target.shell.apply_hint(file)
    render_hints.show_completion_hint(
        console, change, target.shell.name, hint, on_path=on_path, reach=reach, file=file, ready=ready
    )


def _new_terminals_read(target: Target, data: bytes | None) -> tuple[bool | None, bool | None]:
    """Whether a new terminal reads the target's file as the write leaves it, and whether a
    file it reads before the block sets up what the completion needs (zsh's compinit); None:
    ccprofile cannot tell (a line it cannot follow, the shell's files out of its sight)."""
    from ccprofile.claude import scans
    from ccprofile.startup import block
    from ccprofile.storage.overlay import Overlay

    if target.unknowable is not None:
        return None, None
    scan, _ = scans.scan(target, Overlay({target.path: data}), target.home.platform, None, ())
    reach = True if target.path in scan.files else (False if scan.certain else None)
    needs = target.shell.completion_needs
    if needs is None or not reach:
        return reach, True
    # Any file read counts (one the target sources above its block is listed after it); of the
    # target itself, only what comes before the block.
    own = scan.texts.get(target.path, "")
    found = block.find_blocks(own)
    texts = [text for path, text in scan.texts.items() if path != target.path]
    texts.append(own[: found[0].start] if found else own)
    ready = True if any(needs[0] in text for text in texts) else (False if scan.certain else None)
    return reach, ready


def _refuse(target: Target, completion: bool | None) -> None:
    """What no write may do: a file in a system folder or in ccprofile's own, completion for a
    shell without it."""
    target.check_writable_location()
    state = state_dir(target.home)
    if target.path == state or state in target.path.parents:
        # ccprofile's own folder (backups, record, ledger) is locked while a file is written.
        raise BadValue(f"{target.path} is inside ccprofile's own folder {state}: choose another --file")
    if completion is not None and not target.shell.completion:
        raise UnsupportedCompletion(target.shell.name, [n for n, s in SHELLS.items() if s.completion])


def _verifies(options: Options, change: profile.FileChange, quiet: bool) -> bool:
    """Whether to start the shell and check: asked for, or on a terminal. An unchanged file is
    checked when asked for (--verify is how a user confirms a pin), but not each file
    `uninstall --all` looked at and left alone."""
    wanted = options.verify if options.verify is not None else (sys.stdout.isatty() and not quiet)
    due = change.changed or (options.verify is True and not quiet)
    return bool(wanted) and due and not options.dry_run


def write(
    target: Target,
    edit: Edit | None,
    what: str,
    options: Options,
    *,
    announce: bool = True,
    completion: bool | None = None,
    quiet: bool = False,
    removes: Sequence[str] = (),
) -> profile.FileChange:
    """Apply ``edit`` to the target's block (None: remove the block), the path of every command
    that writes a startup file: open it, plan, check the effect, commit; verify; report.
    ``completion`` adds (True) or removes (False) tab completion; ``removes``: the pins it takes out."""
    _refuse(target, completion)
    if announce and not quiet:
        render.show_shell(console, target)
    found = checking.Checked()
    reach: bool | None = True  # whether new terminals read the file completion is written to
    ready: bool | None = True  # and whether what the completion needs has run before it
    entry = ledger_entry(state_dir(target.home), "shell", target.shell.name)
    creates = edit is not None and not options.dry_run
    with opened(target.path, create=creates, clean=not options.dry_run) as file:
        plan = _plan(target, file, edit, completion)
        if completion or set(plan.after) - set(plan.before):
            target.check_known_file()
        if completion is None:
            found = checking.check(target, profile.pending(file, plan), options.strict)
        elif completion:
            reach, ready = _new_terminals_read(target, profile.pending(file, plan).data)
        if file.changes(plan.new) and not options.dry_run:
            file.commit(plan.new, backup_dir=target.backup_dir, entry=entry)
    change = profile.change(
        file, plan, lines=profile.exports(target.shell, plan.after), dry_run=options.dry_run
    )
    if change.deleted and not options.dry_run:
        ledger.Ledger(state_dir(target.home)).tidy(change.real_path.parent)
    # Before anything is reported: a strict check that fails puts the file back, and then
    # nothing may have said it was written.
    inputs = found.inputs if _verifies(options, change, quiet) and completion is None else None
    checked = verifying.verify(target, change, inputs, options.strict) if inputs is not None else None
    if quiet:
        if checked is not None and checked.problem:
            render.show_verify_problem(console, checked.problem)
        return change
    if completion is not None:
        _report_completion(target, change, what, (reach, ready))
        return change
    report(target, change, found, checked, what, options.dry_run, removes if edit else _EVERYTHING)
    return change
