"""The environment a new terminal starts with, before its startup files run.

A new terminal does not inherit the variables of the shell ccprofile runs in: it inherits
those of the process that starts terminals (the terminal emulator, the tmux server, sshd, an
IDE). On Linux that is the nearest ancestor above the user's interactive shell that is not a
shell itself, read from ``/proc``; on macOS, ``launchctl getenv``; on Windows, the environment
the registry gives every process Explorer starts (``registry.py``). ``CCPROFILE_SESSION_PID``
names the process instead (tests; several terminals programs at once). Where none of this can
be read, the caller says so and assumes new terminals inherit none of the variables.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from ccprofile.machine.detect import is_interactive, shell_of
from ccprofile.machine.inherited import LAUNCHD_SOURCE, REGISTRY_SOURCE, Session
from ccprofile.system.processes import Process, ancestors, environment_of

SESSION_PID = "CCPROFILE_SESSION_PID"


def session_process(processes: Sequence[Process]) -> Process | None:
    """Above the nearest interactive shell (or above ccprofile, with none), the first process
    that is not a shell: the one that starts the user's terminals."""
    start = next(
        (i for i, p in enumerate(processes) if shell_of(p) is not None and is_interactive(p.argv)), 0
    )
    return next((p for p in processes[start:] if shell_of(p) is None), None)


def _launchctl(names: Iterable[str]) -> Session:
    import subprocess  # macOS only: status on Linux does not pay for importing it

    found: dict[str, str] = {}
    try:
        for name in names:
            value = subprocess.run(
                ["launchctl", "getenv", name], capture_output=True, text=True, timeout=2, check=False
            ).stdout.rstrip("\n")
            if value:
                found[name] = value
    except FileNotFoundError:
        return Session(None, "launchctl is not on PATH")
    except (OSError, subprocess.TimeoutExpired) as error:
        return Session(None, f"launchctl getenv failed ({getattr(error, 'strerror', None) or error})")
    return Session(found, LAUNCHD_SOURCE)


def _describe(process: Process) -> str:
    name = process.argv[0].rsplit("/", 1)[-1] if process.argv else "?"
    return f"process {process.pid} ({name})"


def read_session(env: Mapping[str, str], names: Iterable[str], platform: str) -> Session:
    if env.get(SESSION_PID, "").isdigit():
        pid = int(env[SESSION_PID])
        found = environment_of(pid)
        where = f"process {pid} (${SESSION_PID})"
        return Session(found, where) if found is not None else Session(None, f"{where} cannot be read")
    if platform == "darwin":
        return _launchctl(names)
    if platform == "win32":
        from ccprofile.system import registry

        found = registry.new_process_environment(env)
        if found is None:
            return Session(None, "the Windows registry cannot be read")
        wanted = set(names)
        where = REGISTRY_SOURCE
        # Windows matches variable names in any letter case.
        return Session({k.upper(): v for k, v in found.items() if k.upper() in wanted}, where)
    process = session_process(ancestors())
    if process is None:
        return Session(None, "no process above your shell starts terminals")
    found = environment_of(process.pid)
    if found is None:
        return Session(None, f"{_describe(process)} cannot be read")
    return Session(found, _describe(process))
