"""Which startup file a command works on, and why: shell detection plus the user's choices."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ccprofile.errors import (
    MissingDirectory,
    MissingDotDir,
    ShellNotDetected,
    UnknownStartupFile,
    UnsupportedShell,
)
from ccprofile.machine.detect import FILE_NAME, NAMED, detect_shell
from ccprofile.startup.home_snapshot import Home, Unknowable, unknowable
from ccprofile.startup.homes import read_home
from ccprofile.startup.shells import SHELLS, Shell, get_shell, in_a_variable, shell_for_file
from ccprofile.storage.state import backup_dir_for

# Files whose names say they are data or another language's code, never a shell's startup file.
_NOT_SHELL_SUFFIXES = frozenset((".json", ".toml", ".yaml", ".yml", ".xml", ".ini", ".py", ".js", ".md"))
# Where the system's own files live (not /var: homes live there on some systems).
_SYSTEM_DIRS = ("/etc/", "/usr/", "/bin/", "/sbin/", "/lib/", "/lib64/", "/boot/", "/proc/", "/sys/", "/dev/")


def _system_startup_name(path: Path) -> bool:
    """/etc/zshrc, /etc/bash.bashrc, /etc/profile, /etc/profile.d/x.sh, /etc/csh.cshrc, ..."""
    names = {n.lstrip(".") for shell in SHELLS.values() for n in shell.file_names}
    names |= {"profile", "bash.bashrc", "bashrc", "csh.cshrc", "csh.login"}
    in_profile_d = path.parent.name == "profile.d" and path.suffix in (".sh", ".zsh", ".csh")
    return path.name.lstrip(".") in names or in_profile_d


def _is_json(path: Path) -> bool:
    import json  # only for a --file that starts like JSON

    try:
        json.loads(path.read_bytes())
    except (OSError, ValueError):
        return False
    return True


def readers_of(path: Path, home: Home) -> list[Shell]:
    """The shells that read ``path`` as a startup file: by its name (~/.bashrc, a .fish file)
    or as one of the files they read in ``home`` (~/.profile: sh, dash, ksh, a login bash)."""
    owner = shell_for_file(path)
    return [
        shell
        for shell in SHELLS.values()
        if shell is owner or any(path == e for login in (False, True) for e in shell.reads(home, login))
    ]


@dataclass(frozen=True)
class Target:
    shell: Shell
    path: Path
    home: Home
    why: str | None  # a sentence when the choice of file is not the obvious one
    shell_reason: str = NAMED  # why this shell: one of machine/detect's reasons
    login_shell: Shell | None = None  # $SHELL's shell, when it is not the one used
    named_file: bool = False  # the user named the file (--file)

    @property
    def backup_dir(self) -> Path:
        return backup_dir_for(self.path, self.home)

    @property
    def missing_dot_dir(self) -> Path | None:
        """An exported folder variable (zsh's ZDOTDIR) that names no folder, which the shell
        then silently ignores.

        Creating it would hide the mistake; a ZDOTDIR set in ~/.zshenv is the user's plan
        for a new directory, so that one is created by the write.
        """
        variable = self.shell.dot_dir
        if variable and self.home.env.get(variable) and not self.path.parent.is_dir():
            return self.path.parent
        return None

    @property
    def unknowable(self) -> Unknowable | None:
        """The line that moves the shell's startup files where ccprofile cannot follow (not
        for a file the user named)."""
        if self.named_file:
            return None
        return unknowable(self.shell.reads(self.home, False))

    def hidden_file(self, unknown: Unknowable) -> str:
        """The startup file as the shell finds it past ``unknown``: ``$ZDOTDIR/.zshrc``."""
        return f"${unknown.variable}/{self.path.name}"

    def not_a_startup_file(self, *, completion: bool = False) -> str | None:
        """Why a file named with ``--file`` is not one for this shell's lines, or None. A
        startup file has no name that says it is data, another language's code or the file of
        a shell that cannot run them (fish's `set -gx` in ~/.bashrc; with ``completion``, zsh's
        completion there too), holds no JSON and, under a system directory, has a startup
        file's name (/etc/zshrc yes, /etc/passwd no). Binary content is refused further down,
        with or without --force."""
        if not self.named_file:
            return None
        path = self.path
        for reader in readers_of(path, self.home):
            clash = not reader.runs_exports(self.shell.syntax)
            if reader is not self.shell and (
                clash or (completion and reader.completion != self.shell.completion)
            ):
                return (
                    f"{path} is read by {reader.name}, and {reader.name} cannot run {self.shell.name}'s lines"
                )
        if path.suffix.lower() in _NOT_SHELL_SUFFIXES:
            kind = path.suffix[1:].upper()
            article = "an" if kind[:1] in "AEFHILMNORSX" else "a"
            return f"{path} is {article} {kind} file by its name, not a {self.shell.name} startup file"
        home = str(self.home.path).rstrip("/") + "/"
        system = any(str(path).startswith(d) for d in _SYSTEM_DIRS) and not str(path).startswith(home)
        if system and not (shell_for_file(path) is not None or _system_startup_name(path)):
            return f"{path} is a system file, not a {self.shell.name} startup file"
        try:
            with open(path, "rb") as handle:
                head = handle.read(4096)
        except OSError:
            return None  # a new file (or one the write will report it cannot read)
        if head.lstrip()[:1] in (b"{", b"[") and _is_json(path):
            return f"{path} holds JSON, not {self.shell.name} commands"
        return None

    def check_known_file(self) -> None:
        """Refuse to add a pin to a file the shell may never read: where its own lines move its
        startup files out of sight (taking pins out of the file is always safe)."""
        unknown = self.unknowable
        if unknown is not None:
            word = in_a_variable(self.hidden_file(unknown)) or str(self.path)
            raise UnknownStartupFile(self.shell.name, unknown.said, unknown.variable, word)

    def check_writable_location(self) -> None:
        """Refuse to invent a directory the user did not ask for: the parent of ``--file``, a
        home that does not exist, an exported ZDOTDIR. A shell's own layout (fish's conf.d, a
        ZDOTDIR set in ~/.zshenv) is created by the write."""
        missing = self.missing_dot_dir
        if missing is not None and self.shell.dot_dir is not None:
            raise MissingDotDir(self.shell.dot_dir, missing)
        if self.named_file and not self.path.parent.is_dir():
            raise MissingDirectory(self.path.parent, f"cannot write {self.path}: its directory")
        if not self.named_file and not self.home.path.is_dir():
            raise MissingDirectory(self.home.path, "your home directory (HOME)")


def resolve_target(
    shell_name: str | None, file: Path | None, env: Mapping[str, str], platform: str
) -> Target:
    home = read_home(env, platform)
    login: Shell | None = None
    if shell_name:
        shell, reason = get_shell(shell_name), NAMED
    elif file is not None and (named := shell_for_file(file)) is not None:
        shell, reason = named, FILE_NAME
    else:
        detection = detect_shell(env)
        shell, reason, login = detection.shell, detection.reason, detection.other
    if file is not None:
        return Target(shell, Path(file).expanduser().absolute(), home, None, reason, login, named_file=True)
    return Target(shell, shell.startup_file(home), home, shell.why(home), reason, login)


class NoShell:
    """No shell could be determined (CI, a cron job, an IDE task without ``$SHELL``): what
    reads settings still can, and says why it has nothing to say about startup files.
    A plain class: a dataclass costs status a millisecond or two to create."""

    __slots__ = ("home", "reason")

    def __init__(self, home: Home, reason: str) -> None:
        self.home = home
        self.reason = reason


def target_for_reading(shell_name: str | None, env: Mapping[str, str], platform: str) -> Target | NoShell:
    """The shell status reads startup files for, or ``NoShell`` when none can be determined
    (a shell named with ``--shell`` that is not supported is still an error)."""
    try:
        return resolve_target(shell_name, None, env, platform)
    except (ShellNotDetected, UnsupportedShell) as error:
        if shell_name:
            raise
        return NoShell(read_home(env, platform), str(error))
