"""Every supported shell as data: one ``Shell`` record each, in the ``SHELLS`` registry.

A record holds all that ccprofile knows about its shell: the syntax it writes, the startup
file that gets the block and why, the files a new terminal reads, which files on disk its
rules look at, how to load a file into a running shell, and how to start it as a new
terminal would. Paths come from a ``Home`` snapshot (``homes.read_home`` fills it in at the
edge), never from ``os.environ`` or the disk, so every rule here is a pure function.
Adding a shell is one record plus its tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.errors import UnsupportedShell
from ccprofile.startup.sourcing import sources_named
from ccprofile.startup.syntax import CSH, FISH, POSIX, PWSH, Syntax, expand


@dataclass(frozen=True)
class Home:
    """A user's home as the path rules see it: what the disk held is read once, up front."""

    path: Path
    env: Mapping[str, str]
    platform: str  # sys.platform: "linux", "darwin", "win32"
    existing: frozenset[Path] = frozenset()  # of the paths the records look at, those that exist
    texts: Mapping[Path, str] = field(default_factory=dict)  # files whose content decides a path
    listings: Mapping[Path, tuple[str, ...]] = field(default_factory=dict)  # directories read
    documents: Path | None = None  # Windows: the Documents folder, where OneDrive may have moved it

    def xdg_config(self) -> Path:
        value = self.env.get("XDG_CONFIG_HOME", "")
        # The XDG spec says a relative value is invalid and must be ignored.
        return Path(value) if value.startswith("/") else self.path / ".config"

    def documents_folder(self) -> Path:
        return self.documents or self.path / "Documents"

    def first_existing(self, *names: str) -> Path | None:
        return next((self.path / n for n in names if self.path / n in self.existing), None)


@dataclass(frozen=True)
class Looks:
    """What a shell's path rules need from the disk, for ``homes.read_home`` to read."""

    exists: tuple[Path, ...] = ()
    texts: tuple[Path, ...] = ()
    listings: tuple[Path, ...] = ()


@dataclass(frozen=True)
class FromEnv:
    """A file a shell reads through a variable: ``$ENV`` for an interactive sh, dash or ksh.
    The variable's value when the shell gets there (a login shell's ~/.profile may set it),
    else ``default`` (ksh93 reads ~/.kshrc; sh and dash read nothing)."""

    variable: str
    default: Path | None


Entry = Path | FromEnv  # one file in a shell's reading order


def _assigned_in(home: Home, path: Path, name: str) -> str | None:
    """The last value ``path`` (a POSIX startup file) gives ``name``, expanded; None if none."""
    text = home.texts.get(path)
    if text is None:
        return None
    variables = {**home.env, "HOME": str(home.path)}
    found: str | None = None
    for line in text.splitlines():
        statement = POSIX.parse(line)
        if statement is None or statement.value is None:
            continue
        value = expand(statement.value.value, variables)
        if value is None:
            continue
        variables[statement.name] = value
        if statement.name == name:
            found = value
    return found


# --- zsh: ZDOTDIR may be exported, or set only inside ~/.zshenv --------------------------


def _zshenv(home: Home) -> Path:
    return home.path / ".zshenv"


def zdotdir(home: Home) -> Path:
    """``$ZDOTDIR`` as zsh will see it, also when it is only set inside ``~/.zshenv``."""
    if home.env.get("ZDOTDIR"):
        return Path(home.env["ZDOTDIR"])
    found = _assigned_in(home, _zshenv(home), "ZDOTDIR")
    return Path(found) if found and found.startswith("/") else home.path


def _zshrc(home: Home) -> Path:
    return zdotdir(home) / ".zshrc"


def _zsh_why(home: Home) -> str | None:
    if not home.env.get("ZDOTDIR") and zdotdir(home) != home.path:
        return f"ZDOTDIR is set to {zdotdir(home)} in {_zshenv(home)}"
    return None


def _zsh_reads(home: Home, login: bool) -> Sequence[Entry]:
    # zsh reads .zshenv before it knows a ZDOTDIR set inside it, then the rest from ZDOTDIR.
    env_dir = Path(home.env["ZDOTDIR"]) if home.env.get("ZDOTDIR") else home.path
    rest = zdotdir(home)
    names = (".zprofile", ".zshrc", ".zlogin") if login else (".zshrc",)
    return [env_dir / ".zshenv"] + [rest / name for name in names]


def _zsh_looks(home: Home) -> Looks:
    return Looks(texts=() if home.env.get("ZDOTDIR") else (_zshenv(home),))


# --- bash: .bashrc, except on macOS, whose terminals start login shells ------------------

BASH_LOGIN_FILES = (".bash_profile", ".bash_login", ".profile")  # the first that exists is read


def _bash_login_file(home: Home) -> Path | None:
    return home.first_existing(*BASH_LOGIN_FILES)


def _login_sources_bashrc(home: Home) -> bool:
    login = _bash_login_file(home)
    return login is not None and sources_named(home.texts.get(login, ""), ".bashrc")


def _bashrc(home: Home) -> Path:
    if home.platform != "darwin" or _login_sources_bashrc(home):
        # On macOS too when the login file sources ~/.bashrc: then both starts read it.
        return home.path / ".bashrc"
    # A login shell reads only the first of these that exists. Creating .bash_profile beside
    # an existing .profile would make bash stop reading .profile.
    return _bash_login_file(home) or home.path / ".bash_profile"


def _bash_why(home: Home) -> str | None:
    if home.platform != "darwin":
        return None
    login = _bash_login_file(home)
    if login is not None and _login_sources_bashrc(home):
        return (
            f"macOS Terminal starts login shells, which read {login.name}, and it sources .bashrc, "
            "which non-login shells read too"
        )
    return (
        f"macOS Terminal starts login shells, which read {_bashrc(home).name} "
        "(the first of .bash_profile, .bash_login, .profile) and not .bashrc"
    )


def _bash_reads(home: Home, login: bool) -> Sequence[Entry]:
    # A login bash reads the first login file there is and no .bashrc (unless that file
    # sources it); an interactive non-login bash reads .bashrc alone.
    if not login:
        return [home.path / ".bashrc"]
    first = home.first_existing(*BASH_LOGIN_FILES)
    return [first] if first is not None else []


def _bash_looks(home: Home) -> Looks:
    files = tuple(home.path / name for name in BASH_LOGIN_FILES)
    return Looks(exists=files, texts=files if home.platform == "darwin" else ())


# --- sh, dash, ksh: ~/.profile for a login shell, then the file $ENV names -----------------
# An interactive sh, dash or ksh reads the file $ENV names (ksh93: ~/.kshrc when ENV is unset);
# a login one reads ~/.profile first, which is where ENV is usually set.


def _profile(home: Home) -> Path:
    return home.path / ".profile"


def _env_file(home: Home, default: Path | None, *, profile: bool = False) -> Path | None:
    """The file $ENV names for a new shell: as exported to it (a terminal inherits it), or
    with ``profile`` also as set in ~/.profile (which only a login shell and its children see)."""
    value = home.env.get("ENV")
    if value is None and profile:
        value = _assigned_in(home, _profile(home), "ENV")
    if value is None:
        return default
    expanded = expand(value, {**home.env, "HOME": str(home.path)})
    return Path(expanded) if expanded and expanded.startswith("/") else default


def _kshrc(home: Home) -> Path:
    return home.path / ".kshrc"


def _ksh_file(home: Home) -> Path:
    return _env_file(home, _kshrc(home)) or _kshrc(home)


def _sh_file(home: Home) -> Path:
    return _env_file(home, None) or _profile(home)


def _sh_why(home: Home) -> str | None:
    found = _env_file(home, None)
    if found is None:
        return None
    return f"an interactive shell reads the file ENV names, {found}"


def _ksh_why(home: Home) -> str | None:
    if _env_file(home, None) is not None:
        return _sh_why(home)
    return "an interactive ksh reads ~/.kshrc (ENV is not set), a login one ~/.profile first"


def _env_reads(default: Callable[[Home], Path | None]) -> Callable[[Home, bool], Sequence[Entry]]:
    def reads(home: Home, login: bool) -> Sequence[Entry]:
        env = FromEnv("ENV", default(home))
        return [_profile(home), env] if login else [env]

    return reads


def _profile_looks(home: Home) -> Looks:
    return Looks(texts=(_profile(home),))


# --- fish: a conf.d file of its own -------------------------------------------------------


def _fish_dir(home: Home) -> Path:
    return home.xdg_config() / "fish"


def _fish_file(home: Home) -> Path:
    return _fish_dir(home) / "conf.d" / "ccprofile.fish"


def _fish_reads(home: Home, login: bool) -> Sequence[Entry]:
    # fish sources conf.d/*.fish in name order, then config.fish.
    conf_d = _fish_dir(home) / "conf.d"
    snippets = sorted(conf_d / name for name in home.listings.get(conf_d, ()) if name.endswith(".fish"))
    return [*snippets, _fish_dir(home) / "config.fish"]


def _fish_looks(home: Home) -> Looks:
    return Looks(listings=(_fish_dir(home) / "conf.d",))


# --- tcsh, csh: ~/.tcshrc, or ~/.cshrc when there is no ~/.tcshrc --------------------------

_CSH_RC = (".tcshrc", ".cshrc")


def _tcshrc(home: Home) -> Path:
    return home.first_existing(*_CSH_RC) or home.path / ".tcshrc"


def _tcsh_reads(home: Home, login: bool) -> Sequence[Entry]:
    return [_tcshrc(home), home.path / ".login"] if login else [_tcshrc(home)]


def _tcsh_looks(home: Home) -> Looks:
    return Looks(exists=tuple(home.path / name for name in _CSH_RC))


# --- PowerShell ------------------------------------------------------------------------------


# PowerShell 7 (pwsh) keeps its profiles in Documents\\PowerShell on Windows, in
# ~/.config/powershell elsewhere; Windows PowerShell 5.1 (powershell.exe, Windows only) in
# Documents\\WindowsPowerShell. Each reads profile.ps1 (every host), then the console's own.
_PWSH_FILES = ("profile.ps1", "Microsoft.PowerShell_profile.ps1")


def _pwsh_folder(home: Home, windows_folder: str) -> Path:
    if home.platform == "win32":
        return home.documents_folder() / windows_folder
    return home.xdg_config() / "powershell"


def _pwsh_profile(home: Home) -> Path:
    return _pwsh_folder(home, "PowerShell") / _PWSH_FILES[1]


def _pwsh_reads(home: Home, login: bool) -> Sequence[Entry]:
    return [_pwsh_folder(home, "PowerShell") / name for name in _PWSH_FILES]


def _winps_profile(home: Home) -> Path:
    return _pwsh_folder(home, "WindowsPowerShell") / _PWSH_FILES[1]


def _winps_reads(home: Home, login: bool) -> Sequence[Entry]:
    return [_pwsh_folder(home, "WindowsPowerShell") / name for name in _PWSH_FILES]


def _pwsh_why(home: Home) -> str | None:
    if home.platform == "win32" and home.documents is not None and home.documents != home.path / "Documents":
        return f"your Documents folder is {home.documents} (the registry's User Shell Folders say so)"
    return None


# How to start a shell as a new interactive terminal would and print its environment
# NUL-separated after a marker (startup files may print banners of their own).
PROBE_MARK = "__ccprofile_env__"
_PROBE_POSIX = ("-i", "-c", f"printf '%s\\0' {PROBE_MARK}; env -0")  # bash, zsh, fish, tcsh alike
_PROBE_PWSH = (
    "-NoLogo",
    "-Command",
    f"[Console]::Out.Write('{PROBE_MARK}' + [char]0); Get-ChildItem env: | "
    "ForEach-Object { [Console]::Out.Write($_.Name + '=' + $_.Value + [char]0) }",
)


_PLAIN_PATH = re.compile(r"[A-Za-z0-9_./~+:@%-]+")


def _nothing(home: Home) -> None:
    return None


def _no_looks(home: Home) -> Looks:
    return Looks()


@dataclass(frozen=True)
class Shell:
    name: str
    syntax: Syntax
    startup_file: Callable[[Home], Path]  # the file that gets ccprofile's block
    reads: Callable[[Home, bool], Sequence[Entry]]  # what a new shell reads, in order; True: a login one
    source_command: str  # how to load a file into the running shell; {file} is replaced
    why: Callable[[Home], str | None] = _nothing  # a sentence when the file is not the obvious one
    looks: Callable[[Home], Looks] = _no_looks  # what the rules above need from the disk
    file_names: tuple[str, ...] = ()  # startup-file names that say this shell reads them
    file_suffix: str | None = None  # likewise, a suffix
    aliases: tuple[str, ...] = ()  # other names shellingham or $SHELL report for it
    probe_args: tuple[str, ...] = _PROBE_POSIX
    completion: tuple[str, ...] = ()  # tab-completion lines for the block; () where unsupported
    sets: tuple[tuple[str, str], ...] = ()  # variables the shell sets itself, which files test
    snippets: Callable[[Home], Path] | None = None  # a folder whose files it reads in name order
    universal: Callable[[Home], Path] | None = None  # fish's universal variables, set before any file
    braces: bool = False  # expands {a,b} in words (bash, zsh, ksh)
    login_differs: bool = True  # whether a login shell reads other files than a non-login one
    # What the shell does, reading its startup files, when `. FILE` names a file that does not
    # exist, and when a loop's pattern matches nothing (found by running each one): "continue";
    # "literal" (a loop runs once with the pattern itself); "empty" (a loop runs no time);
    # "file" (it stops reading that file); "sourced" (it stops reading a file that `.` read,
    # not one it reads itself); "entry" (it stops reading the file it read itself, with all it
    # sourced); "all" (it reads no more startup files at all).
    missing_source: str = "continue"
    no_match: str = "literal"
    crlf_on_windows: bool = False  # a file it creates on Windows ends its lines as Notepad does
    also_runs_as: tuple[str, ...] = ()  # other program names that start it (powershell: pwsh)
    dot_dir: str | None = None  # the variable that moves the folder of its files (zsh's ZDOTDIR)
    completion_note: str = ""  # what its completion needs besides the block's lines

    @property
    def programs(self) -> tuple[str, ...]:
        """The program names to start it by, in order."""
        return (self.name, *self.also_runs_as)

    def apply_hint(self, path: Path | str) -> str:
        """The command that loads ``path`` into this shell, quoted where a space or another
        special character would split it (a Documents folder in OneDrive: `OneDrive - Contoso`)."""
        text = str(path)
        if _PLAIN_PATH.fullmatch(text):
            return self.source_command.format(file=text)
        home, rest = ("~/", text[2:]) if text.startswith("~/") else ("", text)
        if self.syntax is PWSH and home:
            # PowerShell expands no ~ inside quotes: $HOME does, in double quotes.
            quoted = '"$HOME/' + rest.replace("`", "``").replace('"', '`"').replace("$", "`$") + '"'
        else:
            quoted = home + self.syntax.quote(rest)  # ~/ stays unquoted, so the shell expands it
        return self.source_command.format(file=quoted)

    def new_file_newline(self, home: Home) -> str | None:
        """How a file this shell's block creates ends its lines (None: as the syntax says;
        an existing file keeps its own)."""
        return "\r\n" if self.crlf_on_windows and home.platform == "win32" else self.syntax.newline


# Tab completion: a function that asks ccprofile itself (typer's protocol, through the
# _CCPROFILE_COMPLETE variable), registered for the word `ccprofile`. Defining it starts no
# process and reads no file, so a new shell does not get slower. zsh's compdef exists only
# once compinit has run (oh-my-zsh and most setups run it before the end of .zshrc); the guard
# keeps a shell without it from printing an error.
_BASH_COMPLETION = (
    "_ccprofile_completion() { local IFS=$'\\n'; COMPREPLY=( $(env COMP_WORDS=\"${COMP_WORDS[*]}\" "
    'COMP_CWORD=$COMP_CWORD _CCPROFILE_COMPLETE=complete_bash "$1") ); return 0; }',
    "complete -o default -F _ccprofile_completion ccprofile",
)
_ZSH_COMPLETION = (
    '_ccprofile_completion() { eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" '
    "_CCPROFILE_COMPLETE=complete_zsh ccprofile); }",
    "if (( $+functions[compdef] )); then compdef _ccprofile_completion ccprofile; fi",
)
_FISH_COMPLETION = (
    'complete --command ccprofile --no-files --arguments "(env _CCPROFILE_COMPLETE=complete_fish '
    '_TYPER_COMPLETE_FISH_ACTION=get-args _TYPER_COMPLETE_ARGS=(commandline -cp) ccprofile)" '
    '--condition "env _CCPROFILE_COMPLETE=complete_fish _TYPER_COMPLETE_FISH_ACTION=is-args '
    '_TYPER_COMPLETE_ARGS=(commandline -cp) ccprofile"',
)

_TCSH_FILES = (".tcshrc", ".cshrc", ".login")
# An interactive shell has a prompt when it reads its files: `[ -z "$PS1" ] && return` goes on.
_PS1 = ("PS1", "> ")
SHELLS: dict[str, Shell] = {
    shell.name: shell
    for shell in (
        Shell(
            "bash",
            POSIX,
            _bashrc,
            _bash_reads,
            "source {file}",
            why=_bash_why,
            looks=_bash_looks,
            file_names=(".bashrc", ".bash_profile", ".bash_login"),
            completion=_BASH_COMPLETION,
            sets=(("BASH_VERSION", "5"), ("BASH", "/bin/bash"), _PS1),
            braces=True,
        ),
        Shell(
            "zsh",
            POSIX,
            _zshrc,
            _zsh_reads,
            "source {file}",
            why=_zsh_why,
            looks=_zsh_looks,
            file_names=(".zshrc", ".zshenv", ".zprofile", ".zlogin"),
            completion=_ZSH_COMPLETION,
            sets=(("ZSH_VERSION", "5"), ("ZSH_NAME", "zsh"), _PS1),
            braces=True,
            no_match="file",
            dot_dir="ZDOTDIR",
            completion_note=(
                "zsh completes with it once compinit has run earlier in the file "
                "(oh-my-zsh, prezto and most setups run it)."
            ),
        ),
        Shell(
            "fish",
            FISH,
            _fish_file,
            _fish_reads,
            "source {file}",
            looks=_fish_looks,
            file_suffix=".fish",
            completion=_FISH_COMPLETION,
            login_differs=False,
            no_match="empty",
            snippets=lambda home: _fish_dir(home) / "conf.d",
            universal=lambda home: _fish_dir(home) / "fish_variables",
        ),
        *(
            Shell(
                name,
                POSIX,
                _sh_file,
                _env_reads(lambda _home: None),
                ". {file}",
                why=_sh_why,
                looks=_profile_looks,
                missing_source="entry",
                sets=(_PS1,),
            )
            for name in ("sh", "dash")
        ),
        Shell(
            "ksh",
            POSIX,
            _ksh_file,
            _env_reads(_kshrc),
            ". {file}",
            why=_ksh_why,
            looks=_profile_looks,
            file_names=(".kshrc",),
            aliases=("mksh", "ksh93"),
            sets=(("KSH_VERSION", "93"),),  # ksh93 has no PS1 yet while it reads them
            braces=True,
            missing_source="sourced",
        ),
        *(
            Shell(
                name,
                CSH,
                _tcshrc,
                _tcsh_reads,
                "source {file}",
                looks=_tcsh_looks,
                file_names=names,
                missing_source="all",
                no_match="all",
            )
            for name, names in (("tcsh", _TCSH_FILES), ("csh", ()))
        ),
        *(
            Shell(
                name,
                PWSH,
                profile,
                reads,
                ". {file}",
                why=_pwsh_why,
                file_suffix=".ps1" if name == "pwsh" else None,
                aliases=aliases,
                login_differs=False,
                probe_args=_PROBE_PWSH,
                crlf_on_windows=True,
                # Outside Windows there is no powershell.exe: `powershell` is PowerShell 7.
                also_runs_as=("pwsh",) if name == "powershell" else (),
            )
            for name, profile, reads, aliases in (
                ("pwsh", _pwsh_profile, _pwsh_reads, ("pwsh-preview",)),
                # Windows PowerShell 5.1; outside Windows `powershell` is PowerShell 7's name.
                ("powershell", _winps_profile, _winps_reads, ("windowspowershell",)),
            )
        ),
    )
}
# Every completion any release wrote, so a block holding one is still recognised as ccprofile's.
KNOWN_COMPLETIONS = frozenset(shell.completion for shell in SHELLS.values() if shell.completion)
_ALIASES = {alias: shell.name for shell in SHELLS.values() for alias in shell.aliases}


def normalize_shell_name(name: str) -> str:
    key = name.lower().removesuffix(".exe").lstrip("-")  # "-zsh": a login shell's argv[0]
    return _ALIASES.get(key, key)


def get_shell(name: str) -> Shell:
    key = normalize_shell_name(name)
    if key not in SHELLS:
        raise UnsupportedShell(name, sorted(SHELLS))
    return SHELLS[key]


def shell_for_file(path: Path) -> Shell | None:
    """The shell a startup file belongs to, from its name alone (``--file`` without ``--shell``)."""
    for shell in SHELLS.values():
        if path.name in shell.file_names or (shell.file_suffix and path.suffix == shell.file_suffix):
            return shell
    return None


def known_files(home: Home) -> list[Path]:
    """Every startup file any supported shell would get a block in, reads, or looks for."""
    seen: dict[Path, None] = {}
    for shell in SHELLS.values():
        looks = shell.looks(home)
        reads = [*shell.reads(home, False), *shell.reads(home, True)]
        files = [e if isinstance(e, Path) else _env_file(home, e.default, profile=True) for e in reads]
        for path in (shell.startup_file(home), *files, *looks.exists, *looks.texts):
            if path is not None:
                seen.setdefault(path, None)
    return list(seen)
