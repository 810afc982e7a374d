"""What a write of a startup file's pins says after it: the change, what is wrong before and
after it, the check's result, who picks it up, and how to load it into this terminal."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

from ccprofile.claude import variables
from ccprofile.cli import checking, program, render, render_hints, verifying, wording
from ccprofile.cli.consoles import console
from ccprofile.errors import CheckFailed, ShellNotDetected
from ccprofile.machine import detect
from ccprofile.machine.targets import Target
from ccprofile.startup import profile
from ccprofile.startup.scanned import Scan
from ccprofile.startup.shells import Shell


def _show_warnings(target: Target, found: checking.Checked) -> None:
    """What a write says is wrong: a file the shell may misread, a pin a new terminal's provider
    rejects (chosen for this shell's, which a new terminal may not share), a Bedrock profile
    the region used cannot call."""
    if found.report is not None:
        shown = [w for w in found.report.warnings if w.code in _SAID_AFTER_A_WRITE]
        render.show_warnings(console, shown, target.home.path, found.fix_shell())


def _still_set(target: Target, found: checking.Checked, removed: Sequence[str]) -> bool:
    """After a removal, the other start of the shell (a login one on Linux) that still sets a
    removed variable from a startup file, said; whether there was one."""
    from ccprofile.claude import starts

    if found.report is None or found.inputs is None:
        return False
    views = {"background": found.report.background, "primary": found.report.primary}
    platform = target.home.platform
    who = starts.described(target.shell.name, _other_start(platform), platform)
    still = False
    for kind, view in views.items():
        other, variable = view.other, variables.PIN_OF_KIND[kind]
        if variable not in removed or other is None or other.source != "profile" or other.file is None:
            continue
        place = render.tilde_text(other.file, target.home.path)
        assigned = found.inputs.other.final(other.variable or variable) if found.inputs.other else None
        if assigned is not None and assigned.in_block:  # ccprofile's own block in another file
            file = render.tilde(assigned.path, target.home.path)
            fix = f"{program.name()} {wording.COMMANDS[variable][1]} --file {wording.path_word(file)}"
            why = f"from ccprofile's block there: `{fix}` takes it out"
        else:
            status = wording.on_shell(f"{program.name()} status", found.fix_shell())
            why = f"from a line ccprofile did not write: `{status}` says what to do about it"
        render.say(
            console,
            f"{who[0].upper()}{who[1:]} still gets {other.variable}={other.model} ({place}), {why}.",
            "yellow",
        )
        still = True
    return still


def report(
    target: Target,
    change: profile.FileChange,
    found: checking.Checked,
    checked: verifying.Verified | None,
    what: str,
    dry_run: bool,
    takes: Sequence[str],
) -> None:
    """What a startup file's write of pins says: the change, the problems before and after, who
    gets it."""
    render.show_change(console, change, target.home.path, what=what, why=target.why)
    render_hints.untouched_elsewhere(console, target, change, takes)
    removed = [name for name, _ in change.before if name not in dict(change.after)]
    _show_warnings(target, found)
    differs = _still_set(target, found, removed)
    shortfalls = (*found.shortfalls, *found.elsewhere)
    render.show_shortfalls(console, shortfalls, dry_run, target.home.path, found.fix_shell())
    if checked is not None:
        for start, values in checked.agreed:
            render.show_verified(console, start, values)
        if checked.problem:
            render.show_verify_problem(console, checked.problem)
    verified = checked is None or not checked.problem
    # Only what this shell really holds needs dropping here.
    held = [name for name in removed if name in os.environ]
    typed = _typed_in(target)
    render_hints.show_apply_hint(
        console,
        change,
        source_command=target.shell.apply_hint(render.tilde(target.path, target.home.path)),
        unset_command=(typed or target.shell).syntax.unset(held) if held else None,
        effective=not found.shortfalls and verified and not differs,
        who=_who_picks_it_up(target, found, typed is not None),
        another=target.shell.name if typed else None,
    )
    if checked is not None and checked.problem:
        done = "is deleted" if change.deleted else "is written" if change.changed else "is unchanged"
        said = (
            "but a new shell does not export what ccprofile read in its startup files"
            if checked.ran
            else "but the check could not start the shell"
        )
        raise CheckFailed(
            f"{render.tilde(target.path, target.home.path)} {done}, {said}: "
            f"`{program.name()} status --probe` shows what a new {target.shell.name} exports, and from where"
        )


_SAID_AFTER_A_WRITE = ("crlf-startup-file", "new-terminal-provider", "bedrock-region")


def _typed_in(target: Target) -> Shell | None:
    """The shell the user types in at a terminal, when the file is another's (``--shell fish``,
    or fish's file with ``--file``, typed in zsh): that file's commands would fail here
    (fish's `set -gx` turns on zsh's xtrace). None where it is the same shell, or not known."""
    if target.shell_reason not in (detect.NAMED, detect.FILE_NAME) or not sys.stdin.isatty():
        return None
    try:
        running = detect.detect_shell(os.environ)
    except ShellNotDetected:
        return None
    other = running.reason == detect.RUNNING and running.shell.name != target.shell.name
    return running.shell if other else None


def _who_picks_it_up(target: Target, found: checking.Checked, named: bool = False) -> str:
    """ "New terminals", qualified where some miss the change: the other start of the shell
    (said just above), and on Windows every way of starting claude but this shell's; ``named``:
    the shell's name goes with them (the user types in another)."""
    from ccprofile.claude import launchers

    platform = target.home.platform
    ways = [way for way in launchers.LAUNCHERS.get(platform, ()) if way.shell == target.shell.name]
    who = f"New {ways[0].name} terminals" if platform == "win32" and ways else "New terminals"
    who = f"New {target.shell.name} terminals" if named else who
    but = []
    if found.elsewhere:
        but.append(f"not {_other_start(platform)} shells: see above")
    report = found.report
    if report is not None and any(w.code == "new-terminal-provider" for w in report.warnings):
        but.append(f"which talk to {report.provider_new}: see above")
    scan = found.inputs.scan if found.inputs is not None else None
    if scan is not None and target.path in scan.crlf:
        but.append(f"if {target.shell.name} gets past its Windows line endings: see above")
    if scan is not None and _unseen_after_the_pins(scan):
        but.append(f"unless a line ccprofile cannot follow sets it: `{program.name()} status` names it")
    if platform == "win32":
        but.append("not claude started from cmd, another shell or an IDE: `ccprofile status` shows each")
    return f"{who} ({'; '.join(but)})" if but else who


def _other_start(platform: str) -> str:
    """The start of the shell a new terminal on ``platform`` is not (login, on Linux)."""
    from ccprofile.claude import starts

    return starts.other(starts.start_of(starts.terminal_is_login(platform)))


def _unseen_after_the_pins(scan: Scan) -> bool:
    """Whether a line ccprofile cannot follow runs after the block's pins, where it may set
    them again (one before them, `eval "$(starship init zsh)"` say, cannot)."""
    pins = [pin for pin in map(scan.pinned, variables.PINNABLE) if pin is not None]
    order = {path: index for index, path in reversed(list(enumerate(scan.files)))}
    first = min(((order.get(pin.path, 0), pin.line) for pin in pins), default=(-1, 0))
    return any((order.get(item.path, -1), item.line) > first for item in scan.unseen)
