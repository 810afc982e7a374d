"""Which shell the user runs, and where their home is: the only places that read os.environ."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from ccprofile.errors import CcprofileError
from ccprofile.startup.shells import SHELLS, Home, Shell, get_shell, normalize_shell_name


def home_from(env: Mapping[str, str], platform: str = sys.platform) -> Home:
    """The user's home from ``HOME``; refuse an unset or relative one rather than guess."""
    value = env.get("HOME", "")
    if not value:
        raise CcprofileError("HOME is not set: cannot tell where your startup files and backups are")
    if not os.path.isabs(value):
        raise CcprofileError(f"HOME is a relative path ({value!r}): set it to an absolute path")
    return Home(Path(value), env, platform)


def state_dir(home: Home) -> Path:
    value = home.env.get("XDG_STATE_HOME", "")
    base = Path(value) if value.startswith("/") else home.path / ".local" / "state"
    return base / "ccprofile"


def detect_shell(env: Mapping[str, str]) -> Shell:
    """The shell this command was started from (shellingham), else ``$SHELL``."""
    import shellingham  # imported here: only writing commands pay for it

    detected = ""
    # shellingham cannot see every process tree (containers, some IDEs): then $SHELL decides.
    with contextlib.suppress(shellingham.ShellDetectionFailure, RuntimeError, OSError):
        detected, _ = shellingham.detect_shell()
    fallback = os.path.basename(env.get("SHELL", ""))
    for name in (detected, fallback):
        if name and normalize_shell_name(name) in SHELLS:
            return get_shell(name)
    if not detected and not fallback:
        raise CcprofileError("could not detect your shell and $SHELL is not set: pass --shell NAME")
    return get_shell(detected or fallback)
