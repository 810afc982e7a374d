"""Which startup file a command works on, and why: shell detection plus the user's options."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import CcprofileError
from ccprofile.startup.detect import detect_shell, home_from, state_dir
from ccprofile.startup.shells import SHELLS, Home, Shell, get_shell, zdotdir

# Startup files whose name says which shell reads them, for --file without --shell.
_BY_NAME = {
    ".zshrc": "zsh",
    ".zshenv": "zsh",
    ".zprofile": "zsh",
    ".zlogin": "zsh",
    ".bashrc": "bash",
    ".bash_profile": "bash",
    ".bash_login": "bash",
    ".tcshrc": "tcsh",
    ".cshrc": "tcsh",
    ".login": "tcsh",
}
_BY_SUFFIX = {".fish": "fish", ".ps1": "pwsh"}


@dataclass(frozen=True)
class Target:
    shell: Shell
    path: Path
    home: Home
    why: str | None  # a sentence when the choice of file is not the obvious one

    @property
    def backup_dir(self) -> Path:
        return state_dir(self.home) / "backups"


def shell_for_file(path: Path) -> str | None:
    return _BY_NAME.get(path.name) or _BY_SUFFIX.get(path.suffix)


def _why(shell: Shell, home: Home, path: Path) -> str | None:
    if shell.name == "bash" and home.platform == "darwin":
        return (
            f"macOS Terminal starts login shells, which read {path.name} "
            "(the first of .bash_profile, .bash_login, .profile) and not .bashrc"
        )
    if shell.name == "zsh" and not home.env.get("ZDOTDIR") and zdotdir(home) != home.path:
        return f"ZDOTDIR is set to {zdotdir(home)} in {home.path / '.zshenv'}"
    return None


def resolve_target(
    shell_name: str | None, file: Path | None, env: Mapping[str, str], platform: str
) -> Target:
    home = home_from(env, platform)
    if shell_name:
        shell = get_shell(shell_name)
    elif file is not None and shell_for_file(file):
        shell = get_shell(shell_for_file(file) or "")
    else:
        shell = detect_shell(env)
    if file is not None:
        return Target(shell, Path(file).expanduser().absolute(), home, None)
    path = shell.startup_file(home)
    if shell.name == "zsh" and env.get("ZDOTDIR") and not path.parent.is_dir():
        # An exported ZDOTDIR that does not exist is a mistake that creating it would hide;
        # one set in ~/.zshenv is the user's plan for a new directory, so it is created.
        raise CcprofileError(
            f"ZDOTDIR points to {path.parent}, which does not exist: fix ZDOTDIR or pass --file"
        )
    return Target(shell, path, home, _why(shell, home, path))


def known_files(home: Home) -> list[Path]:
    """Every startup file any supported shell would get a block in, or reads at start."""
    seen: dict[Path, None] = {}
    for shell in SHELLS.values():
        for path in (shell.startup_file(home), *shell.reads(home)):
            seen.setdefault(path, None)
    for name in (".bash_profile", ".bash_login", ".profile", ".bashrc", ".cshrc", ".tcshrc"):
        seen.setdefault(home.path / name, None)
    return list(seen)
