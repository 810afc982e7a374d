"""The other ways a ``claude`` is started on macOS and Windows, and what each one's is given.

On Linux a new terminal is the one way status predicts. On macOS, Terminal and iTerm2 start
login shells, and an app started from the Dock or Finder (an IDE that runs claude itself)
gets launchd's variables (``launchctl setenv``), not what shells export. On Windows every
process Explorer starts gets the registry's environment; PowerShell 7, Windows PowerShell 5.1
and Git Bash then run their own startup files, cmd and an IDE none. Settings files are read
by every claude, however started. The table is data: a launcher is one row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ccprofile.claude import fixes
from ccprofile.claude.fixes import Fix
from ccprofile.claude.resolve import Model
from ccprofile.claude.variables import PIN_OF_KIND
from ccprofile.machine.inherited import LAUNCHD_SOURCE, REGISTRY_SOURCE
from ccprofile.startup.shell_files import BASH_LOGIN_FILES

USERS_SHELL = ""  # a launcher that starts the user's own shell (the one status reports on)


@dataclass(frozen=True)
class Launcher:
    key: str  # what the code tells it by: terminal, app, pwsh, powershell, git-bash, cmd
    name: str
    shell: str | None  # whose startup files run before claude: a shell's name, USERS_SHELL, None: none
    login: bool = False
    caveat: str = ""  # what ccprofile cannot see of this way, said beside its models
    # Git for Windows's /etc/profile writes a ~/.bash_profile that sources ~/.bashrc when it
    # finds only ~/.bashrc: then the login shell reads what a non-login one reads.
    rc_when_alone: tuple[str, ...] = ()  # the login files whose absence means that


# What every way of starting claude inherits, per platform.
INHERITS = {"darwin": LAUNCHD_SOURCE, "win32": REGISTRY_SOURCE}
LAUNCHERS: Mapping[str, tuple[Launcher, ...]] = {
    "darwin": (
        Launcher("terminal", "Terminal or iTerm2", USERS_SHELL, login=True),
        Launcher(
            "app",
            "an app from the Dock or Finder (an IDE)",
            None,
            caveat="an IDE that loads your login shell's environment when it starts (VS Code "
            "does) gets Terminal's models instead",
        ),
    ),
    "win32": (
        Launcher("pwsh", "PowerShell 7 (pwsh)", "pwsh"),
        Launcher("powershell", "Windows PowerShell 5.1", "powershell"),
        Launcher(
            "git-bash",
            "Git Bash",
            "bash",
            login=True,
            rc_when_alone=BASH_LOGIN_FILES,
        ),
        Launcher("cmd", "cmd", None),
        Launcher(
            "app",
            "an IDE or other app from the Start menu",
            None,
            caveat="an app started before a change to the registry keeps the environment it "
            "started with until it is restarted",
        ),
    ),
}


@dataclass(frozen=True)
class LauncherView:
    """What a ``claude`` started this way uses, and the places it was read from."""

    launcher: Launcher
    reads: tuple[str, ...]  # the inherited environment's source, startup files, settings files
    background: Model | None  # None: not known, ``unknown`` says why
    primary: Model | None
    unknown: str = ""
    unseen: tuple[str, ...] = ()  # lines of its startup files ccprofile could not follow


def differences(
    views: Sequence[LauncherView], new_terminal: Model | None, kind: str
) -> tuple[str, Fix] | None:
    """A sentence when claude gets other ``kind`` models depending on how it is started, with
    the one fix that reaches every way: the user settings file. None when they agree."""
    groups: dict[str, list[str]] = {}  # the terminal is one of the views: not named twice
    chosen: list[Model] = [new_terminal] if new_terminal is not None and new_terminal.selected else []
    for view in views:
        model = view.background if kind == "background" else view.primary
        if model is None:
            continue
        groups.setdefault(model.model, []).append(view.launcher.name)
        if model.selected:
            chosen.append(model)
    if len(groups) < 2:
        return None
    each = "; ".join(f"{model} from {', '.join(ways)}" for model, ways in groups.items())
    # The user's own pin (a startup file's, then a settings file's) before what a process
    # inherits, which may be a value left over in the registry or launchd.
    chosen.sort(key=lambda model: (model.source != "profile", model.source == "session"))
    value = chosen[0].as_set if chosen else "MODEL"
    return (
        f"claude's {kind} model depends on how it is started: {each}.",
        (fixes.pin(PIN_OF_KIND[kind], value, "user"), " pins it in the settings file every claude reads"),
    )
