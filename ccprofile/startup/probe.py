"""Start the user's real shell once, as a new terminal would, and read what it exports."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping

from ccprofile.errors import ProbeError
from ccprofile.startup.shells import PROBE_MARK, Shell

TIMEOUT_SECONDS = 10.0


def new_shell_environment(shell: Shell, env: Mapping[str, str]) -> dict[str, str]:
    program = shutil.which(shell.name, path=env.get("PATH"))
    if program is None:
        raise ProbeError(f"{shell.name} is not on PATH")
    try:
        result = subprocess.run(
            [program, *shell.probe_args],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            start_new_session=True,  # keep an interactive shell away from our terminal
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ProbeError(f"{shell.name} did not finish starting within {TIMEOUT_SECONDS:.0f} s") from None
    marker = (PROBE_MARK + "\0").encode()
    if marker not in result.stdout:
        raise ProbeError(f"{shell.name} exited with {result.returncode} before printing its environment")
    found: dict[str, str] = {}
    for entry in result.stdout.split(marker, 1)[1].split(b"\0"):
        name, sep, value = entry.decode(errors="replace").partition("=")
        if sep and name:
            found[name] = value
    return found
