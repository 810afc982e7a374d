"""Which operating system's rules apply: ``sys.platform``, unless ``CCPROFILE_PLATFORM`` names
another. The variable lets the test suite run every command's planning with macOS's or
Windows's rules on Linux (and shows a user what ccprofile would do there); the files it
then reads and writes are still this machine's.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping

PLATFORM_VARIABLE = "CCPROFILE_PLATFORM"
LINUX, MACOS, WINDOWS = "linux", "darwin", "win32"
KNOWN = (LINUX, MACOS, WINDOWS)


def current(env: Mapping[str, str]) -> str:
    given = env.get(PLATFORM_VARIABLE, "")
    if given in KNOWN:
        return given
    # Cygwin and MSYS2 Pythons are POSIX: their paths, HOME and startup files are a Unix's.
    return LINUX if sys.platform in ("cygwin", "msys") else sys.platform
