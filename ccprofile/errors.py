"""The errors ccprofile reports as one line and a non-zero exit, never as a traceback."""

from __future__ import annotations


class CcprofileError(Exception):
    """A problem the user can act on; ``str(error)`` is the whole message."""

    exit_code = 1


class UsageError(CcprofileError):
    """A bad value or option given on the command line."""

    exit_code = 2
