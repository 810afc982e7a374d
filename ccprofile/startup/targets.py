"""Which startup file a command works on, and why: shell detection plus the user's choices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ccprofile.startup.detect import detect_shell
from ccprofile.startup.homes import read_home, state_dir
from ccprofile.startup.shells import Home, Shell, get_shell, shell_for_file


@dataclass(frozen=True)
class Target:
    shell: Shell
    path: Path
    home: Home
    why: str | None  # a sentence when the choice of file is not the obvious one

    @property
    def backup_dir(self) -> Path:
        return state_dir(self.home) / "backups"

    @property
    def missing_zdotdir(self) -> Path | None:
        """An exported ZDOTDIR that does not exist, which zsh then silently ignores.

        Creating it would hide the mistake; a ZDOTDIR set in ~/.zshenv is the user's plan
        for a new directory, so that one is created by the write.
        """
        if self.shell.name == "zsh" and self.home.env.get("ZDOTDIR") and not self.path.parent.is_dir():
            return self.path.parent
        return None


def resolve_target(
    shell_name: str | None, file: Path | None, env: Mapping[str, str], platform: str
) -> Target:
    home = read_home(env, platform)
    if shell_name:
        shell = get_shell(shell_name)
    elif file is not None and (named := shell_for_file(file)) is not None:
        shell = named
    else:
        shell = detect_shell(env)
    if file is not None:
        return Target(shell, Path(file).expanduser().absolute(), home, None)
    return Target(shell, shell.startup_file(home), home, shell.why(home))
