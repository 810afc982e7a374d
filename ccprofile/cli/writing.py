"""The one flow every writing command shares: pick the file, plan, check the effect, write,
tell the user, and (on a terminal) verify with the real shell."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import effect, variables
from ccprofile.claude import status as status_module
from ccprofile.cli import render
from ccprofile.cli.consoles import console
from ccprofile.errors import NoEffect, ProbeError, UnsupportedCompletion, VerifyFailed
from ccprofile.startup import profile
from ccprofile.startup.probe import start_new_shell
from ccprofile.startup.shells import SHELLS
from ccprofile.startup.targets import Target

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
    shortfalls: tuple[str, ...] = ()


def _checker(target: Target, options: Options, found: _Checked) -> profile.Check:
    shown = render.tilde(target.path, target.home.path)

    def check(planned: profile.Planned) -> None:
        files = {planned.path: planned.data, target.path: planned.data}
        inputs = status_module.read_inputs(os.environ, target, Path.cwd(), sys.platform, planned=files)
        report = status_module.build(inputs)
        wanted = effect.expectations(planned.before, planned.after)
        found.inputs, found.report = inputs, report
        found.shortfalls = tuple(effect.shortfalls(report, inputs.scan, target.shell, shown, wanted))
        if options.strict and found.shortfalls:
            raise NoEffect(found.shortfalls[0])

    return check


def write(
    target: Target,
    edit: Edit | None,
    what: str,
    options: Options,
    *,
    announce: bool = True,
    completion: bool | None = None,
) -> bool:
    """Apply ``edit`` to the target's block (None: remove the block); True if the file changed.

    ``completion`` adds (True) or removes (False) the tab-completion lines; the pins stay, so
    there is no effect on models to check.
    """
    target.check_writable_location()
    if completion is not None and not target.shell.completion:
        raise UnsupportedCompletion(target.shell.name, [n for n, s in SHELLS.items() if s.completion])
    if announce:
        render.show_shell(console, target)
    found = _Checked()
    check = _checker(target, options, found) if completion is None else None
    if edit is None:
        change = profile.uninstall(
            target.path,
            target.shell,
            names=variables.PINNABLE,
            backup_dir=target.backup_dir,
            dry_run=options.dry_run,
            check=check,
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
        )
    if edit is None and not change.changed and not announce:
        return False  # uninstall --all: files without a block are not worth a line
    render.show_change(console, change, target.home.path, what=what, why=target.why, pins=completion is None)
    if found.report is not None:
        crlf = [w for w in found.report.warnings if w.code == "crlf-startup-file"]
        render.show_warnings(console, crlf, target.home.path)
    render.show_shortfalls(console, found.shortfalls, options.dry_run)
    if completion is not None:
        source = target.shell.apply_hint(render.tilde(target.path, target.home.path))
        render.show_completion_hint(console, change, target.shell.name, source)
        return change.changed
    verified = True
    if not options.dry_run and change.changed and found.inputs is not None:
        wanted = options.verify if options.verify is not None else sys.stdout.isatty()
        if wanted:
            verified = _verify(target, change, found.inputs, options)
    # Only what this shell really holds needs dropping here.
    held = [name for name, _ in change.before if name not in dict(change.after) and name in os.environ]
    render.show_apply_hint(
        console,
        change,
        source_command=target.shell.apply_hint(render.tilde(target.path, target.home.path)),
        unset_command=target.shell.syntax.unset(held) if held else None,
        effective=not found.shortfalls and verified,
    )
    return change.changed


def _verify(target: Target, change: profile.Change, inputs: status_module.Inputs, options: Options) -> bool:
    """Start the shell for real and compare what it exports with what the file now says."""
    expected, _ = status_module.new_terminal_base(inputs)
    names = [n for n in variables.PINNABLE if n in expected or n in dict(change.before)]
    start = status_module.new_terminal_start(os.environ, inputs.session)
    try:
        started = start_new_shell(target.shell, start)
    except ProbeError as error:
        problem = f"could not check with a new {target.shell.name}: {error}"
    else:
        wrong = [n for n in names if started.env.get(n) != expected.get(n)]
        if not wrong:
            render.show_verified(console, target.shell.name, {n: expected.get(n) for n in names})
            return True
        differences = ", ".join(
            f"{n} {repr(started.env[n]) if n in started.env else 'unset'} instead of "
            f"{repr(expected[n]) if n in expected else 'unset'}"
            for n in wrong
        )
        said = f"; it printed: {' / '.join(started.errors)}" if started.errors else ""
        problem = f"a new {target.shell.name} has {differences}{said}"
    if options.strict:
        profile.restore(change)
        raise VerifyFailed(f"{problem}; {render.tilde(target.path, target.home.path)} was put back as it was")
    render.show_verify_problem(console, problem)
    return False
