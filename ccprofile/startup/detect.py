"""Which shell the user runs: shellingham's look at the process tree, else ``$SHELL``."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping

from ccprofile.errors import ShellNotDetected
from ccprofile.startup.shells import SHELLS, Shell, get_shell, normalize_shell_name


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
        raise ShellNotDetected()
    return get_shell(detected or fallback)
