"""``status --probe``: start the user's real shell once and read what it exports."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping

from ccprofile.errors import CcprofileError
from ccprofile.startup.shells import Shell

TIMEOUT_SECONDS = 10.0
_MARK = "__ccprofile_env__"
# How to start each shell as a new interactive terminal would, and print its environment
# NUL-separated after a marker (startup files may print banners of their own).
_POSIX_LIKE = ["-i", "-c", f"printf '%s\\0' {_MARK}; env -0"]  # bash, zsh, fish, tcsh alike
_PWSH = [
    "-NoLogo",
    "-Command",
    f"[Console]::Out.Write('{_MARK}' + [char]0); Get-ChildItem env: | "
    "ForEach-Object { [Console]::Out.Write($_.Name + '=' + $_.Value + [char]0) }",
]


def new_shell_environment(shell: Shell, env: Mapping[str, str]) -> dict[str, str]:
    program = shutil.which(shell.name, path=env.get("PATH"))
    if program is None:
        raise CcprofileError(f"--probe: {shell.name} is not on PATH")
    try:
        result = subprocess.run(
            [program, *(_PWSH if shell.syntax.name == "pwsh" else _POSIX_LIKE)],
            env=dict(env),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=TIMEOUT_SECONDS,
            start_new_session=True,  # keep an interactive shell away from our terminal
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise CcprofileError(
            f"--probe: {shell.name} did not finish starting within {TIMEOUT_SECONDS:.0f} s"
        ) from None
    marker = (_MARK + "\0").encode()
    if marker not in result.stdout:
        raise CcprofileError(
            f"--probe: {shell.name} exited with {result.returncode} before printing its environment"
        )
    found: dict[str, str] = {}
    for entry in result.stdout.split(marker, 1)[1].split(b"\0"):
        name, sep, value = entry.decode(errors="replace").partition("=")
        if sep and name:
            found[name] = value
    return found
