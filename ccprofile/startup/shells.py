"""Every supported shell as data: its syntax, its startup file, and what a new terminal reads.

Paths are computed from a ``Home`` (home directory, environment, platform) handed in by the
caller, never from ``os.environ``, so tests and status can ask about any home.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import UsageError
from ccprofile.startup.syntax import CSH, FISH, POSIX, PWSH, Syntax


@dataclass(frozen=True)
class Home:
    """Where a user's startup files live: the inputs every path rule needs."""

    path: Path
    env: Mapping[str, str]
    platform: str  # sys.platform: "linux", "darwin", "win32"

    def xdg_config(self) -> Path:
        value = self.env.get("XDG_CONFIG_HOME", "")
        # The XDG spec says a relative value is invalid and must be ignored.
        return Path(value) if value.startswith("/") else self.path / ".config"

    def first_existing(self, *names: str) -> Path | None:
        for name in names:
            candidate = self.path / name
            if candidate.exists() or candidate.is_symlink():
                return candidate
        return None


_VAR = re.compile(
    r"\$(?:\{(?P<braced>[A-Za-z_][A-Za-z0-9_]*)(?::-(?P<default>[^}]*))?\}|(?P<bare>[A-Za-z_][A-Za-z0-9_]*))"
)


def expand(value: str, variables: Mapping[str, str]) -> str | None:
    """Expand ``~``, ``$V``, ``${V}`` and ``${V:-default}``; None for anything fancier."""
    if value.startswith("~/") or value == "~":
        value = "$HOME" + value[1:]

    def substitute(match: re.Match[str]) -> str:
        name = match["braced"] or match["bare"]
        found = variables.get(name, "")
        if not found and match["default"] is not None:
            return expand(match["default"], variables) or ""
        return found

    expanded = _VAR.sub(substitute, value)
    return None if any(c in expanded for c in "$`") else expanded


def zdotdir(home: Home) -> Path:
    """``$ZDOTDIR`` as zsh will see it, also when it is only set inside ``~/.zshenv``."""
    if home.env.get("ZDOTDIR"):
        return Path(home.env["ZDOTDIR"])
    variables = {**home.env, "HOME": str(home.path)}
    found: str | None = None
    try:
        text = (home.path / ".zshenv").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return home.path
    for line in text.splitlines():
        statement = POSIX.parse(line)
        if statement is None or statement.value is None:
            continue
        value = expand(statement.value.value, variables)
        if value is None:
            continue
        variables[statement.name] = value
        if statement.name == "ZDOTDIR":
            found = value
    return Path(found) if found and found.startswith("/") else home.path


def _zshrc(home: Home) -> Path:
    return zdotdir(home) / ".zshrc"


def _zsh_reads(home: Home) -> list[Path]:
    # zsh reads .zshenv before it knows a ZDOTDIR set inside it, then the rest from ZDOTDIR.
    env_dir = Path(home.env["ZDOTDIR"]) if home.env.get("ZDOTDIR") else home.path
    rest = zdotdir(home)
    return [env_dir / ".zshenv"] + [rest / name for name in (".zprofile", ".zshrc", ".zlogin")]


def _bashrc(home: Home) -> Path:
    if home.platform != "darwin":
        return home.path / ".bashrc"
    # macOS Terminal starts login shells, which read only the first of these that exists.
    # Creating .bash_profile beside an existing .profile would make bash stop reading .profile.
    found = home.first_existing(".bash_profile", ".bash_login", ".profile")
    return found or home.path / ".bash_profile"


def _bash_reads(home: Home) -> list[Path]:
    login = home.first_existing(".bash_profile", ".bash_login", ".profile")
    return [p for p in (login, home.path / ".bashrc") if p is not None]


def _profile(home: Home) -> Path:
    return home.path / ".profile"


def _fish_dir(home: Home) -> Path:
    return home.xdg_config() / "fish"


def _fish_file(home: Home) -> Path:
    return _fish_dir(home) / "conf.d" / "ccprofile.fish"


def _fish_reads(home: Home) -> list[Path]:
    # fish sources conf.d/*.fish in name order, then config.fish.
    conf_d = _fish_dir(home) / "conf.d"
    try:
        snippets = sorted(p for p in conf_d.iterdir() if p.suffix == ".fish")
    except OSError:
        snippets = []
    return [*snippets, _fish_dir(home) / "config.fish"]


def _tcshrc(home: Home) -> Path:
    # tcsh reads ~/.tcshrc, or ~/.cshrc when there is no ~/.tcshrc.
    return home.first_existing(".tcshrc", ".cshrc") or home.path / ".tcshrc"


def _tcsh_reads(home: Home) -> list[Path]:
    return [_tcshrc(home), home.path / ".login"]


def _pwsh_profile(home: Home) -> Path:
    if home.platform == "win32":
        return home.path / "Documents" / "PowerShell" / "Microsoft.PowerShell_profile.ps1"
    return home.xdg_config() / "powershell" / "Microsoft.PowerShell_profile.ps1"


@dataclass(frozen=True)
class Shell:
    name: str
    syntax: Syntax
    startup_file: Callable[[Home], Path]
    reads: Callable[[Home], list[Path]]
    source_command: str  # how to load the file into the running shell; {file} is replaced

    def apply_hint(self, path: Path) -> str:
        return self.source_command.format(file=path)


_SH = Shell("sh", POSIX, _profile, lambda h: [_profile(h)], ". {file}")
SHELLS: dict[str, Shell] = {
    "bash": Shell("bash", POSIX, _bashrc, _bash_reads, "source {file}"),
    "zsh": Shell("zsh", POSIX, _zshrc, _zsh_reads, "source {file}"),
    "fish": Shell("fish", FISH, _fish_file, _fish_reads, "source {file}"),
    "sh": _SH,
    "dash": Shell("dash", POSIX, _profile, _SH.reads, ". {file}"),
    "ksh": Shell("ksh", POSIX, _profile, _SH.reads, ". {file}"),
    "tcsh": Shell("tcsh", CSH, _tcshrc, _tcsh_reads, "source {file}"),
    "csh": Shell("csh", CSH, _tcshrc, _tcsh_reads, "source {file}"),
    "pwsh": Shell("pwsh", PWSH, _pwsh_profile, lambda h: [_pwsh_profile(h)], ". {file}"),
}
# Other names shellingham or $SHELL report for the same programs.
ALIASES = {"mksh": "ksh", "ksh93": "ksh", "powershell": "pwsh", "bash.exe": "bash"}


def normalize_shell_name(name: str) -> str:
    key = name.lower().removesuffix(".exe").lstrip("-")  # "-zsh": a login shell's argv[0]
    return ALIASES.get(key, key)


def get_shell(name: str) -> Shell:
    key = normalize_shell_name(name)
    if key not in SHELLS:
        supported = ", ".join(sorted(SHELLS))
        raise UsageError(f"unsupported shell {name!r}: supported are {supported}; pass --shell NAME")
    return SHELLS[key]
