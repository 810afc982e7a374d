"""The check before a write: status's own rules run on the planned bytes, so that a pin that
would have no effect is said (or, with ``--strict``, refused) before anything is written."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import effect, reading
from ccprofile.claude import inputs as inputs_module
from ccprofile.claude import report as report_module
from ccprofile.claude import status as status_module
from ccprofile.cli import render, wording
from ccprofile.errors import NoEffect
from ccprofile.machine.targets import NoShell, Target
from ccprofile.startup import profile
from ccprofile.storage import codec
from ccprofile.storage.overlay import Overlay
from ccprofile.system import platforms


@dataclass
class Checked:
    """What the check before the write found, kept for the report after it."""

    inputs: inputs_module.Inputs | None = None
    report: report_module.Report | None = None
    shortfalls: tuple[effect.Shortfall, ...] = ()  # a new terminal's
    elsewhere: tuple[effect.Shortfall, ...] = ()  # the other start's (a login shell on Linux)

    def fix_shell(self) -> str | None:
        """The shell the fixes' commands name (``wording.carried``)."""
        return None if self.report is None else wording.carried(self.report.shell, self.report.shell_reason)


def check(
    target: Target | NoShell,
    planned: profile.PendingWrite,
    strict: bool,
    *,
    written: Path | None = None,
    project: Path | None = None,
) -> Checked:
    """The check before a write: status's own rules, run on the planned text. ``written`` is
    the settings file being written (None: the target's startup file); ``project`` the
    directory whose project settings Claude Code would read. ``strict``: a shortfall stops
    the write (``NoEffect``)."""
    path = written or target.path if isinstance(target, Target) else written
    assert path is not None, "a settings write names its file"
    shell = target.shell if isinstance(target, Target) else None
    shown = render.tilde(path, target.home.path)
    found = Checked()
    files = Overlay({path: planned.data})
    cwd = project or Path.cwd()
    platform = platforms.current(os.environ)
    inputs = reading.read_inputs(os.environ, target, cwd, platform, planned=files)
    report = status_module.build(inputs)
    wanted = effect.expectations(planned.before, planned.after)
    found.inputs, found.report = inputs, report
    text = codec.decode(planned.data or b"")
    startup = (target.path, target.home, text) if isinstance(target, Target) and written is None else None
    found.shortfalls = tuple(
        effect.shortfalls(
            report,
            inputs.scan,
            shell,
            shown,
            wanted,
            settings_file=written,
            ours=inputs.ours,
            written=startup,
            settings=inputs.settings,
            catalog=inputs.catalog,
            personal=inputs.project is None or reading.stated_scope(inputs.project) is None,
        )
    )
    if startup is not None and shell is not None and inputs.other is not None:
        other = effect.Other(inputs.other, startup[1], startup[0], platform, text)
        found.elsewhere = _elsewhere(
            found.shortfalls, effect.other_start_shortfalls(report, shell, shown, wanted, other)
        )
    if strict and (found.shortfalls or found.elsewhere):
        first = (found.shortfalls or found.elsewhere)[0]
        raise NoEffect(wording.said(first.message, first.fix, found.fix_shell()))
    return found


def _elsewhere(
    shortfalls: Sequence[effect.Shortfall], others: Sequence[effect.Shortfall]
) -> tuple[effect.Shortfall, ...]:
    """One cause, one fix: the other start's shortfall is said only when its fix differs."""
    fixes = {shortfall.fix for shortfall in shortfalls}
    return tuple(e for e in others if e.fix not in fixes)
