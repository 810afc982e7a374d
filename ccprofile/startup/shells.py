"""Every supported shell as data: one ``Shell`` record each, in the ``SHELLS`` registry.

A record holds all that ccprofile knows about its shell: the syntax it writes, the startup
file that gets the block and why, the files a new terminal reads, what its rules look at on
disk, how to load a file and how to start it as a new terminal would. Paths come from a
``Home`` snapshot (filled in at the edge), never from ``os.environ`` or the disk, so every
rule here is a pure function. Adding a shell is one record plus its tests.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import UnsupportedShell
from ccprofile.startup import shell_files as files
from ccprofile.startup.home_snapshot import Entry, Home, Looks, Unknowable
from ccprofile.startup.syntax import CSH, FISH, POSIX, PWSH, Syntax

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
_IN_A_VARIABLE = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)/(.+)")


def in_a_variable(text: str) -> str | None:
    """``$VAR/rest`` (zsh's ``$ZDOTDIR/.zshrc``) as a POSIX word that expands it, or fails where
    it is unset instead of naming ``/rest``: ``"${ZDOTDIR:?}"/.zshrc``; None for other text."""
    found = _IN_A_VARIABLE.fullmatch(text)
    if found is None:
        return None
    rest = found[2] if _PLAIN_PATH.fullmatch(found[2]) else POSIX.quote(found[2])
    return f'"${{{found[1]}:?}}"/{rest}'


@dataclass(frozen=True)
class Shell:
    name: str
    syntax: Syntax
    startup_file: Callable[[Home], Path]  # the file that gets ccprofile's block
    reads: Callable[[Home, bool], Sequence[Entry]]  # what a new shell reads, in order; True: a login one
    source_command: str  # how to load a file into the running shell; {file} is replaced
    why: Callable[[Home], str | None] = files.nothing  # a sentence when the file is not the obvious one
    looks: Callable[[Home], Looks] = files.no_looks  # what the rules above need from the disk
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
    # "file" (it stops reading that file); "sourced" (it stops reading a file `.` read, not one
    # it reads itself); "entry" (it stops reading the file it read, with all it sourced); "all"
    # (it reads no more startup files). zsh's `setopt` and a pattern's `(N)` change no_match.
    missing_source: str = "continue"
    no_match: str = "literal"
    zsh_syntax: bool = False  # `() { }`, `for f (...) cmd`, `*.zsh(N.)`, `setopt null_glob`
    crlf_on_windows: bool = False  # a file it creates on Windows ends its lines as Notepad does
    also_runs_as: tuple[str, ...] = ()  # other program names that start it (powershell: pwsh)
    dot_dir: str | None = None  # the variable that moves the folder of its files (zsh's ZDOTDIR)
    completion_note: str = ""  # what its completion needs besides the block's lines
    completion_needs: tuple[str, str] | None = None  # run before the block: zsh's compinit, its line
    runs_exports_of: tuple[Syntax, ...] = ()  # other syntaxes whose block of exports it runs
    interactive_option: bool = False  # `[[ -o interactive ]]` holds: zsh, ksh (bash has no such option)

    def runs_exports(self, syntax: Syntax) -> bool:
        """Whether a block of exports in ``syntax`` works in this shell's own file."""
        return syntax is self.syntax or syntax in self.runs_exports_of

    @property
    def programs(self) -> tuple[str, ...]:
        """The program names to start it by, in order."""
        return (self.name, *self.also_runs_as)

    def apply_hint(self, path: Path | str) -> str:
        """The command that loads ``path`` into this shell."""
        return self.source_command.format(file=self.path_word(path))

    def path_word(self, path: Path | str) -> str:
        """``path`` as one word of this shell's line, quoted where a space or another special
        character would split it (a Documents folder in OneDrive: `OneDrive - Contoso`)."""
        text = str(path)
        variable = in_a_variable(text) if self.syntax is POSIX else None
        if _PLAIN_PATH.fullmatch(text) or variable:
            return variable or text
        home, rest = ("~/", text[2:]) if text.startswith("~/") else ("", text)
        if self.syntax is PWSH and home:
            # PowerShell expands no ~ inside quotes: $HOME does, in double quotes.
            return '"$HOME/' + rest.replace("`", "``").replace('"', '`"').replace("$", "`$") + '"'
        return home + self.syntax.quote(rest)  # ~/ stays unquoted, so the shell expands it

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
            files.bashrc,
            files.bash_reads,
            "source {file}",
            why=files.bash_why,
            looks=files.bash_looks,
            file_names=(".bashrc", ".bash_profile", ".bash_login"),
            completion=_BASH_COMPLETION,
            sets=(("BASH_VERSION", "5"), ("BASH", "/bin/bash"), _PS1),
            braces=True,
        ),
        Shell(
            "zsh",
            POSIX,
            files.zshrc,
            files.zsh_reads,
            "source {file}",
            why=files.zsh_why,
            looks=files.zsh_looks,
            file_names=(".zshrc", ".zshenv", ".zprofile", ".zlogin"),
            interactive_option=True,
            completion=_ZSH_COMPLETION,
            sets=(("ZSH_VERSION", "5"), ("ZSH_NAME", "zsh"), _PS1),
            braces=True,
            no_match="file",
            zsh_syntax=True,
            dot_dir="ZDOTDIR",
            completion_note=(
                "zsh completes with it once compinit has run earlier in the file "
                "(oh-my-zsh, prezto and most setups run it)."
            ),
            completion_needs=("compinit", "autoload -Uz compinit && compinit"),
        ),
        Shell(
            "fish",
            FISH,
            files.fish_file,
            files.fish_reads,
            "source {file}",
            looks=files.fish_looks,
            file_suffix=".fish",
            completion=_FISH_COMPLETION,
            login_differs=False,
            no_match="empty",
            snippets=lambda home: files.fish_dir(home) / "conf.d",
            universal=lambda home: files.fish_dir(home) / "fish_variables",
            runs_exports_of=(POSIX,),  # fish's own `export` function takes `export X='v'`
        ),
        *(
            Shell(
                name,
                POSIX,
                files.sh_file,
                files.sh_reads,
                ". {file}",
                why=files.sh_why,
                looks=files.profile_looks,
                missing_source="entry",
                sets=(_PS1,),
            )
            for name in ("sh", "dash")
        ),
        Shell(
            "ksh",
            POSIX,
            files.ksh_file,
            files.ksh_reads,
            ". {file}",
            why=files.ksh_why,
            looks=files.profile_looks,
            file_names=(".kshrc",),
            interactive_option=True,
            aliases=("mksh", "ksh93"),
            sets=(("KSH_VERSION", "93"),),  # ksh93 has no PS1 yet while it reads them
            braces=True,
            missing_source="sourced",
        ),
        *(
            Shell(
                name,
                CSH,
                files.tcshrc,
                files.tcsh_reads,
                "source {file}",
                looks=files.tcsh_looks,
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
                why=files.pwsh_why,
                file_suffix=".ps1" if name == "pwsh" else None,
                aliases=aliases,
                login_differs=False,
                probe_args=_PROBE_PWSH,
                crlf_on_windows=True,
                # Outside Windows there is no powershell.exe: `powershell` is PowerShell 7.
                also_runs_as=("pwsh",) if name == "powershell" else (),
            )
            for name, profile, reads, aliases in (
                ("pwsh", files.pwsh_profile, files.pwsh_reads, ("pwsh-preview",)),
                # Windows PowerShell 5.1; outside Windows `powershell` is PowerShell 7's name.
                ("powershell", files.winps_profile, files.winps_reads, ("windowspowershell",)),
            )
        ),
    )
}
# Each shell's tab-completion lines and its name: a block holding them is ccprofile's.
KNOWN_COMPLETIONS = {shell.completion: shell.name for shell in SHELLS.values() if shell.completion}
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
        read = [
            e if isinstance(e, Path) else files.env_file(home, e.default, profile=True)
            for e in reads
            if not isinstance(e, Unknowable)
        ]
        for path in (shell.startup_file(home), *read, *looks.exists, *looks.texts):
            if path is not None:
                seen.setdefault(path, None)
    return list(seen)
