"""The proof after a write, on a terminal or with ``--verify``: the real shell started as a new
terminal, and what it exports compared with what status predicted."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ccprofile.claude import inputs as inputs_module
from ccprofile.claude import layers, variables
from ccprofile.cli import render
from ccprofile.errors import NOTHING_WRITTEN, ProbeError, VerifyFailed
from ccprofile.machine.probe import start_new_shell
from ccprofile.machine.targets import Target
from ccprofile.startup import profile
from ccprofile.startup.scanned import Scan
from ccprofile.storage import edit, ledger
from ccprofile.storage.state import state_dir


@dataclass(frozen=True)
class Verified:
    agreed: tuple[tuple[str, dict[str, str | None]], ...]  # (the shell, in words; what it exports)
    problem: str  # "" when every start exported what status predicted
    ran: bool = True  # False: no shell could be started to check


def verify(
    target: Target, change: profile.FileChange, inputs: inputs_module.Inputs, strict: bool
) -> Verified:
    """Start the shell for real, as a new terminal and as the other start (a login shell on
    Linux) where that reads other files, and compare what each exports with the prediction."""
    from ccprofile.claude import starts

    scans = [inputs.scan, *([inputs.other] if inputs.other is not None else [])]
    agreed: list[tuple[str, dict[str, str | None]]] = []
    problems: list[str] = []
    ran = False
    start_env = inputs_module.new_terminal_start(os.environ, inputs.session)
    for scan in scans:
        expected, names = _expected(inputs, scan, change)
        if not names:
            continue  # a removal past a line ccprofile cannot follow: no pin the shell must show
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
            agreed.append((who, {n: started.env.get(n) for n in names}))
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
    if problem and strict and change.changed:
        _put_back(target, change, problem)
    elif problem and strict:
        raise VerifyFailed(f"{problem}; {render.tilde(target.path, target.home.path)} is unchanged")
    return Verified(tuple(agreed), problem, ran)


def _expected(
    inputs: inputs_module.Inputs, scan: Scan, change: profile.FileChange
) -> tuple[dict[str, str], list[str]]:
    """What the start reading ``scan`` should export, and the names to check."""
    expected, _ = layers.new_terminal_base(inputs, scan if scan is not inputs.scan else None)
    pins = dict(change.after)
    if not scan.certain:
        # Past a line ccprofile cannot follow its prediction may be wrong (a file it cannot see
        # may read the pin, or not): the write's own pins are what the shell must show.
        return {**expected, **pins}, [n for n in variables.PINNABLE if n in pins]
    before = dict(change.before)
    names = [n for n in variables.PINNABLE if n in expected or n in before or n in pins]
    return dict(expected), names


def _put_back(target: Target, change: profile.FileChange, problem: str) -> None:
    """--strict after a failed verification: the file as it was, and no step in the ledger."""
    edit.restore(change.real_path, change.previous, change.mode)
    ledger.Ledger(state_dir(target.home)).drop(change.real_path, 1)  # it never happened
    raise VerifyFailed(
        f"{problem}; {render.tilde(target.path, target.home.path)} was put back as it was, "
        f"and {NOTHING_WRITTEN}"
    )
