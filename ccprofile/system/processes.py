"""The edge that reads the process tree: this process's ancestors, and one's environment.

Linux reads ``/proc``; elsewhere shellingham reads ``ps`` (macOS, the BSDs). Nothing here decides
anything: ``detect`` picks the shell and ``session`` the environment new terminals inherit.
"""

from __future__ import annotations

import contextlib
import os
import signal
from pathlib import Path

MAX_DEPTH = 64  # a process tree deeper than this is a loop in what /proc or ps reported
_PROC = Path("/proc")


class Process:
    """One process: its id and its command line. A plain class: status imports it, and a dataclass costs
    status a millisecond to create (docs/performance.md)."""

    __slots__ = ("argv", "pid")

    def __init__(self, pid: int, argv: tuple[str, ...]) -> None:
        self.pid = pid
        self.argv = argv


def _from_proc(pid: int) -> tuple[Process, int] | None:
    try:
        argv = (_PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
        stat = (_PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    # The command name in stat is in parentheses and may hold spaces or ')': split after it.
    ppid = int(stat.rsplit(")", 1)[1].split()[1])
    args = tuple(a.decode(errors="replace") for a in argv if a)
    return Process(pid, args), ppid


def _from_ps(pid: int) -> list[Process]:
    """Without /proc (macOS, the BSDs): shellingham's reading of ``ps``, nearest first."""
    import subprocess

    from shellingham.posix import ps  # shellingham knows the quirks of each ps

    try:
        found = [Process(int(p.pid), tuple(p.args)) for p in ps.iter_process_parents(str(pid), MAX_DEPTH)]
    except (OSError, ValueError, subprocess.SubprocessError):
        return []
    return found[1:]


def ancestors(pid: int | None = None) -> list[Process]:
    """The parent of ``pid`` (default: this process), its parent, and so on below init."""
    start = pid if pid is not None else os.getpid()
    if not _PROC.is_dir():
        return [p for p in _from_ps(start) if p.pid > 1]
    found: list[Process] = []
    current = _from_proc(start)
    while current is not None and current[1] > 1 and len(found) < MAX_DEPTH:
        current = _from_proc(current[1])
        if current is None:
            break
        found.append(current[0])
    return found


def environment_of(pid: int) -> dict[str, str] | None:
    """The environment ``pid`` was started with, or None where it cannot be read."""
    try:
        data = (_PROC / str(pid) / "environ").read_bytes()
    except OSError:
        return None
    found: dict[str, str] = {}
    for entry in data.split(b"\0"):
        name, sep, value = entry.decode(errors="replace").partition("=")
        if sep and name:
            found[name] = value
    return found


def kill_session(sid: int) -> None:
    """Kill every process of session ``sid``: an interactive shell's job control moves its
    jobs into process groups of their own, so killing the shell's group misses them. Windows
    has no sessions (nor SIGKILL): there the one process is ended."""
    if not hasattr(os, "killpg"):
        # Windows: taskkill ends the shell's whole tree (a child still holding its output pipe
        # would otherwise keep the probe waiting); TerminateProcess on the shell if that fails.
        import subprocess

        with contextlib.suppress(OSError, subprocess.TimeoutExpired):
            subprocess.run(
                ["taskkill", "/T", "/F", "/PID", str(sid)], capture_output=True, timeout=10, check=False
            )
        with contextlib.suppress(OSError):
            os.kill(sid, signal.SIGTERM)
        return
    members = {sid}
    if _PROC.is_dir():
        for entry in os.listdir(_PROC):
            if entry.isdigit():
                with contextlib.suppress(OSError):
                    if os.getsid(int(entry)) == sid:
                        members.add(int(entry))
    for pid in members:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(OSError):
        os.killpg(sid, signal.SIGKILL)
