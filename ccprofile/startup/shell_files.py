"""Which startup files each shell reads, and which one gets ccprofile's block and why: the
path rules the ``Shell`` records of ``shells`` name, each a pure function of a ``Home``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ccprofile.startup.home_snapshot import Entry, FromEnv, Home, Looks, Unknowable
from ccprofile.startup.shell_words import expand, sources_named
from ccprofile.startup.syntax import COMPUTED, POSIX


def assigned_in(home: Home, path: Path, name: str) -> str | None:
    """The last value ``path`` (a POSIX startup file) gives ``name``; None if none or unknown."""
    found = last_assignment(home, path, name)
    return None if found is None or found[1] == COMPUTED else found[1]


def last_assignment(home: Home, path: Path, name: str) -> tuple[int, str] | None:
    """The line of ``path`` (a POSIX startup file) that last assigns ``name``, and the value,
    expanded (``COMPUTED`` where ccprofile cannot work it out); None if no line assigns it."""
    text = home.texts.get(path)
    if text is None:
        return None
    variables = {**home.env, "HOME": str(home.path)}
    found: tuple[int, str] | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        statement = POSIX.parse(line)
        if statement is None and re.search(rf"(^|[\s;&|]){name}=", line.split("#", 1)[0]):
            found = (number, COMPUTED)  # `typeset -gx NAME=`, `[ -d D ] && NAME=D`: not followed
        if statement is None or statement.value is None:
            continue
        # A value that cannot be worked out makes every later value that uses it unknown too.
        value = expand(statement.value.value, variables)
        variables[statement.name] = COMPUTED if value is None else value
        if statement.name == name:
            found = (number, variables[statement.name])
    return found


# --- zsh: ZDOTDIR may be exported, or set only inside ~/.zshenv --------------------------


def zshenv(home: Home) -> Path:
    return home.path / ".zshenv"


def zdotdir(home: Home) -> Path:
    """``$ZDOTDIR`` as zsh will see it, also when it is only set inside ``~/.zshenv`` (the
    home where that value cannot be worked out: ``zdotdir_unknown`` says so)."""
    if home.env.get("ZDOTDIR"):
        return Path(home.env["ZDOTDIR"])
    found = assigned_in(home, zshenv(home), "ZDOTDIR")
    return Path(found) if found and found.startswith("/") else home.path


def zdotdir_unknown(home: Home) -> Unknowable | None:
    """The ``~/.zshenv`` line that sets ``ZDOTDIR`` to a value ccprofile cannot work out (a
    dotfiles repository's ``ZDOTDIR=${${(%):-%x}:A:h}``), where it is not exported: zsh
    reads every other startup file from a folder ccprofile cannot name."""
    found = None if home.env.get("ZDOTDIR") else last_assignment(home, zshenv(home), "ZDOTDIR")
    if found is None or found[1] != COMPUTED:
        return None
    why = "sets ZDOTDIR to a value ccprofile cannot work out, and zsh reads its other startup files there"
    return Unknowable(zshenv(home), found[0], "ZDOTDIR", why)


def zshrc(home: Home) -> Path:
    return zdotdir(home) / ".zshrc"


def zsh_why(home: Home) -> str | None:
    unknown = zdotdir_unknown(home)
    if unknown is not None:
        return f"ccprofile cannot tell which .zshrc zsh reads: {unknown.said}"
    if not home.env.get("ZDOTDIR") and zdotdir(home) != home.path:
        return f"ZDOTDIR is set to {zdotdir(home)} in {zshenv(home)}"
    return None


def zsh_reads(home: Home, login: bool) -> Sequence[Entry]:
    # zsh reads .zshenv before it knows a ZDOTDIR set inside it, then the rest from ZDOTDIR.
    env_dir = Path(home.env["ZDOTDIR"]) if home.env.get("ZDOTDIR") else home.path
    unknown = zdotdir_unknown(home)
    if unknown is not None:
        return [env_dir / ".zshenv", unknown]
    rest = zdotdir(home)
    names = (".zprofile", ".zshrc", ".zlogin") if login else (".zshrc",)
    return [env_dir / ".zshenv"] + [rest / name for name in names]


def zsh_looks(home: Home) -> Looks:
    return Looks(texts=() if home.env.get("ZDOTDIR") else (zshenv(home),))


# --- bash: .bashrc, except on macOS, whose terminals start login shells ------------------

BASH_LOGIN_FILES = (".bash_profile", ".bash_login", ".profile")  # the first that exists is read


def bash_login_file(home: Home) -> Path | None:
    return home.first_existing(*BASH_LOGIN_FILES)


def login_sources_bashrc(home: Home) -> bool:
    login = bash_login_file(home)
    return login is not None and sources_named(home.texts.get(login, ""), ".bashrc")


def bashrc(home: Home) -> Path:
    if home.platform != "darwin" or login_sources_bashrc(home):
        # On macOS too when the login file sources ~/.bashrc: then both starts read it.
        return home.path / ".bashrc"
    # A login shell reads only the first of these that exists. Creating .bash_profile beside
    # an existing .profile would make bash stop reading .profile.
    return bash_login_file(home) or home.path / ".bash_profile"


def bash_why(home: Home) -> str | None:
    if home.platform != "darwin":
        return None
    login = bash_login_file(home)
    if login is not None and login_sources_bashrc(home):
        return (
            f"macOS Terminal starts login shells, which read {login.name}, and it sources .bashrc, "
            "which non-login shells read too"
        )
    return (
        f"macOS Terminal starts login shells, which read {bashrc(home).name} "
        "(the first of .bash_profile, .bash_login, .profile) and not .bashrc"
    )


def bash_reads(home: Home, login: bool) -> Sequence[Entry]:
    # A login bash reads the first login file there is and no .bashrc (unless that file
    # sources it); an interactive non-login bash reads .bashrc alone.
    if not login:
        return [home.path / ".bashrc"]
    first = home.first_existing(*BASH_LOGIN_FILES)
    return [first] if first is not None else []


def bash_looks(home: Home) -> Looks:
    files = tuple(home.path / name for name in BASH_LOGIN_FILES)
    return Looks(exists=files, texts=files if home.platform == "darwin" else ())


# --- sh, dash, ksh: ~/.profile for a login shell, then the file $ENV names -----------------
# An interactive sh, dash or ksh reads the file $ENV names (ksh93: ~/.kshrc when ENV is unset);
# a login one reads ~/.profile first, which is where ENV is usually set.


def profile_file(home: Home) -> Path:
    return home.path / ".profile"


def env_file(home: Home, default: Path | None, *, profile: bool = False) -> Path | None:
    """The file $ENV names for a new shell: as exported to it (a terminal inherits it), or
    with ``profile`` also as set in ~/.profile (which only a login shell and its children see)."""
    value = home.env.get("ENV")
    if value is None and profile:
        value = assigned_in(home, profile_file(home), "ENV")
    if value is None:
        return default
    expanded = expand(value, {**home.env, "HOME": str(home.path)})
    return Path(expanded) if expanded and expanded.startswith("/") else default


def kshrc(home: Home) -> Path:
    return home.path / ".kshrc"


def ksh_file(home: Home) -> Path:
    return env_file(home, None) or kshrc(home)


def sh_file(home: Home) -> Path:
    return env_file(home, None) or profile_file(home)


def sh_why(home: Home) -> str | None:
    found = env_file(home, None)
    if found is None:
        return None
    return f"an interactive shell reads the file ENV names, {found}"


def ksh_why(home: Home) -> str | None:
    if env_file(home, None) is not None:
        return sh_why(home)
    return "an interactive ksh reads ~/.kshrc (ENV is not set), a login one ~/.profile first"


def sh_reads(home: Home, login: bool) -> Sequence[Entry]:
    """sh and dash: a login one ~/.profile, then (interactive) the file ENV names, or none."""
    return env_reads(home, login, None)


def ksh_reads(home: Home, login: bool) -> Sequence[Entry]:
    """ksh: as sh, and ~/.kshrc where ENV is not set."""
    return env_reads(home, login, kshrc(home))


def env_reads(home: Home, login: bool, default: Path | None) -> Sequence[Entry]:
    # Plain functions, not a closure made when shells.py builds its table: what runs at import
    # is out of mutation testing's reach, and so out of the tests' sight.
    env = FromEnv("ENV", default)
    return [profile_file(home), env] if login else [env]


def profile_looks(home: Home) -> Looks:
    return Looks(texts=(profile_file(home),))


# --- fish: a conf.d file of its own -------------------------------------------------------


def fish_dir(home: Home) -> Path:
    return home.xdg_config() / "fish"


def fish_file(home: Home) -> Path:
    return fish_dir(home) / "conf.d" / "ccprofile.fish"


def fish_reads(home: Home, login: bool) -> Sequence[Entry]:
    # fish sources conf.d/*.fish in name order, then config.fish.
    conf_d = fish_dir(home) / "conf.d"
    snippets = sorted(conf_d / name for name in home.listings.get(conf_d, ()) if name.endswith(".fish"))
    return [*snippets, fish_dir(home) / "config.fish"]


def fish_looks(home: Home) -> Looks:
    return Looks(listings=(fish_dir(home) / "conf.d",))


# --- tcsh, csh: ~/.tcshrc, or ~/.cshrc when there is no ~/.tcshrc --------------------------

CSH_RC = (".tcshrc", ".cshrc")


def tcshrc(home: Home) -> Path:
    return home.first_existing(*CSH_RC) or home.path / ".tcshrc"


def tcsh_reads(home: Home, login: bool) -> Sequence[Entry]:
    return [tcshrc(home), home.path / ".login"] if login else [tcshrc(home)]


def tcsh_looks(home: Home) -> Looks:
    return Looks(exists=tuple(home.path / name for name in CSH_RC))


# --- PowerShell ------------------------------------------------------------------------------


# PowerShell 7 (pwsh) keeps its profiles in Documents\\PowerShell on Windows, in
# ~/.config/powershell elsewhere; Windows PowerShell 5.1 (powershell.exe, Windows only) in
# Documents\\WindowsPowerShell. Each reads profile.ps1 (every host), then the console's own.
PWSH_FILES = ("profile.ps1", "Microsoft.PowerShell_profile.ps1")


def pwsh_folder(home: Home, windows_folder: str) -> Path:
    if home.platform == "win32":
        return home.documents_folder() / windows_folder
    return home.xdg_config() / "powershell"


def pwsh_profile(home: Home) -> Path:
    return pwsh_folder(home, "PowerShell") / PWSH_FILES[1]


def pwsh_reads(home: Home, login: bool) -> Sequence[Entry]:
    return [pwsh_folder(home, "PowerShell") / name for name in PWSH_FILES]


def winps_profile(home: Home) -> Path:
    return pwsh_folder(home, "WindowsPowerShell") / PWSH_FILES[1]


def winps_reads(home: Home, login: bool) -> Sequence[Entry]:
    return [pwsh_folder(home, "WindowsPowerShell") / name for name in PWSH_FILES]


def pwsh_why(home: Home) -> str | None:
    if home.platform == "win32" and home.documents is not None and home.documents != home.path / "Documents":
        return f"your Documents folder is {home.documents} (the registry's User Shell Folders say so)"
    return None


def nothing(home: Home) -> None:
    return None


def no_looks(home: Home) -> Looks:
    return Looks()
