"""Start the user's real shell once, as a new terminal would, and read what it exports."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass

from ccprofile.errors import ProbeError
from ccprofile.startup.processes import kill_session
from ccprofile.startup.shells import PROBE_MARK, Shell

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


def start_new_shell(shell: Shell, env: Mapping[str, str]) -> NewShell:
    """Start ``shell`` interactively with ``env`` and read its environment once it is up."""
    program = shutil.which(shell.name, path=env.get("PATH"))
    if program is None:
        raise ProbeError(f"{shell.name} is not on PATH")
    process = subprocess.Popen(
        [program, *shell.probe_args],
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
        process.communicate()
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


def new_shell_environment(shell: Shell, env: Mapping[str, str]) -> dict[str, str]:
    return start_new_shell(shell, env).env
