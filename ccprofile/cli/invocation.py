"""The command being run, for the ledger: its name, and one run id per invocation, so that
`undo` rewinds everything one command changed (every file of `uninstall --all` at once)."""

from __future__ import annotations

import os
import time
from contextvars import ContextVar
from dataclasses import dataclass, field


def _new_run() -> str:
    # Nanoseconds first: run ids sort by time across processes; the pid keeps them apart.
    return f"{time.time_ns():020d}-{os.getpid()}"


@dataclass(frozen=True)
class Invocation:
    command: str = "ccprofile"
    run: str = field(default_factory=_new_run)


CURRENT: ContextVar[Invocation | None] = ContextVar("ccprofile_invocation", default=None)


def current() -> Invocation:
    """The command running now (a fresh run when none was announced, e.g. a direct call)."""
    return CURRENT.get() or Invocation()
