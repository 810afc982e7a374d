"""What a new shell's startup files export, read statically (no shell is started).

Reads each file the shell would read, in order, as a login or a non-login shell, and follows
what they source (``source``/``.`` with a path it can work out, under a test of a file it can
decide, in a loop over a directory), collecting every assignment or removal of the variables
status cares about and noting which sit inside the ccprofile block. What it cannot follow (a
path through an unknown variable, ``eval``, a command's output, a condition it cannot decide
around a pin) is kept per file and line in ``unseen``: the prediction is then uncertain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ccprofile.startup.home_snapshot import Home
from ccprofile.startup.scan_disk import Disk, as_planned, entries
from ccprofile.startup.scan_walk import Walk
from ccprofile.startup.scanned import Scan, Stop
from ccprofile.startup.shells import Shell
from ccprofile.storage import codec
from ccprofile.storage.overlay import NONE, Overlay


def _starting_variables(
    shell: Shell, home: Home, wanted: frozenset[str], inherited: Mapping[str, str] | None
) -> dict[str, str]:
    """The variables a new shell starts with: from what it inherits, not from this process
    (the model variables from ``inherited`` alone), and the ones each shell sets itself."""
    ignored = {"BASH_VERSION", "ZSH_VERSION", "KSH_VERSION", "PS1", *wanted}
    variables = {k: v for k, v in home.env.items() if k not in ignored}
    if inherited is not None:
        # What a terminal hands a new shell decides its model variables and its $ENV.
        variables.pop("ENV", None)
        variables.update({k: v for k, v in inherited.items() if k in wanted or k == "ENV"})
    variables.update(shell.sets)
    variables.setdefault("HOME", str(home.path))
    return variables


def scan(
    shell: Shell,
    home: Home,
    names: Iterable[str],
    planned: Overlay = NONE,
    *,
    login: bool = False,
    inherited: Mapping[str, str] | None = None,
) -> Scan:
    """``planned`` gives files as a write would leave them (None: deleted), to check a change
    before it is made; ``login``: read as a login shell (tmux, ssh, macOS terminals) does;
    ``inherited``: the environment a new shell starts with, for the model variables."""
    wanted = frozenset(names)
    variables = _starting_variables(shell, home, wanted, inherited)
    home = as_planned(home, planned)
    walk = Walk(shell, home, wanted, Disk(planned, []), variables)
    walk.record.exported = {name for name in variables if name in wanted}
    if shell.universal is not None:
        universal = shell.universal(home)
        data = walk.disk.read(universal)
        if data is not None:
            walk.record.universal(universal, codec.decode(data))
    try:
        for entry in entries(shell, home, login, planned):
            path = walk.entry(entry)
            if path is None:
                continue
            try:
                walk.file(path, True)
            except Stop as stop:
                if stop.level != "entry":
                    raise
    except Stop:
        pass  # "all": no more startup files
    return Scan(
        shell.name,
        tuple(walk.files),
        tuple(walk.record.assignments),
        tuple(walk.problems),
        tuple(walk.crlf),
        tuple(walk.unseen),
        login,
        tuple(walk.stops),
        walk.texts,
    )
