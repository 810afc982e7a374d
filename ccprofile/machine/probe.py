"""Start the user's real shell once, as a new terminal would, and read what it exports."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import ProbeError
from ccprofile.startup.shells import PROBE_MARK, Shell
from ccprofile.storage.fileio import missing_dirs, remove_empty
from ccprofile.system.processes import kill_session

TIMEOUT_SECONDS = 10.0
_ERROR_LINES = 3  # how many of the shell's own error lines a report quotes


@dataclass(frozen=True)
class NewShell:
    env: dict[str, str]
    errors: tuple[str, ...]  # the last lines the shell printed on stderr while starting


def _last_lines(data: bytes) -> tuple[str, ...]:
    # Only \n ends a line: a \r (a CRLF startup file) is shown, not taken for a line break.
    text = data.decode(errors="replace").replace("\r", "\\r")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return tuple(lines[-_ERROR_LINES:])


def _made_by_shells(env: Mapping[str, str]) -> list[list[str]]:
    """The directories an interactive shell may make for its data that do not exist yet
    (fish makes its config and data folders): each innermost first."""
    home = Path(env.get("HOME") or "/nonexistent")
    config = Path(env.get("XDG_CONFIG_HOME") or home / ".config")
    data = Path(env.get("XDG_DATA_HOME") or home / ".local" / "share")
    return [missing_dirs(config / "fish"), missing_dirs(data / "fish")]


def start_new_shell(shell: Shell, env: Mapping[str, str], *, login: bool = False) -> NewShell:
    """Start ``shell`` interactively with ``env`` and read its environment once it is up;
    ``login``: as a login shell (tmux, ssh, macOS terminals), by the ``-`` that starts its name.

    It leaves no trace in the home: history goes to /dev/null (ksh writes ~/.sh_history on
    every interactive start), and a directory the shell made while starting is removed again.
    """
    program = next(filter(None, (shutil.which(name, path=env.get("PATH")) for name in shell.programs)), None)
    if program is None:
        raise ProbeError(f"{shell.name} is not on PATH")
    made = _made_by_shells(env) if shell.name == "fish" else []
    try:
        return _started(shell, program, {**env, "HISTFILE": "/dev/null"}, login)
    finally:
        # fish makes them empty; one that holds anything now is someone else's: it stays.
        for dirs in made:
            remove_empty(dirs)


def _started(shell: Shell, program: str, env: Mapping[str, str], login: bool) -> NewShell:
    # Every shell takes a name starting with "-" for a login shell (tcsh's -l must stand alone).
    name = f"-{Path(program).name}" if login else program
    process = subprocess.Popen(
        [name, *shell.probe_args],
        executable=program,
        env=dict(env),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,  # keep an interactive shell away from our terminal
    )
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        # The whole session: a startup file's own children (a `sleep`, an agent) go too.
        kill_session(process.pid)
        try:
            process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:  # something it started still holds the pipes
            for pipe in (process.stdout, process.stderr):
                if pipe is not None:
                    pipe.close()
        raise ProbeError(f"{shell.name} did not finish starting within {TIMEOUT_SECONDS:.0f} s") from None
    marker = (PROBE_MARK + "\0").encode()
    errors = _last_lines(stderr)
    if marker not in stdout:
        said = f": {' / '.join(errors)}" if errors else ""
        raise ProbeError(
            f"{shell.name} exited with {process.returncode} before printing its environment{said}"
        )
    found: dict[str, str] = {}
    for entry in stdout.split(marker, 1)[1].split(b"\0"):
        name, sep, value = entry.decode(errors="replace").partition("=")
        if sep and name:
            found[name] = value
    return NewShell(found, errors)


def new_shell_environment(shell: Shell, env: Mapping[str, str], *, login: bool = False) -> dict[str, str]:
    return start_new_shell(shell, env, login=login).env
