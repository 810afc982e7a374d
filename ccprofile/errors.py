"""The errors every layer raises: each states a fact about the user's machine or input.

Lower layers never name a command-line flag or choose an exit code; ``ccprofile.cli.failures``
turns each type into its one-line message (adding what to type next) and its exit code.
"""

from __future__ import annotations

from pathlib import Path

# How every refusal ends: the one promise a failed command makes about the user's files.
NOTHING_WRITTEN = "nothing was written"


class CcprofileError(Exception):
    """A problem the user can act on; ``str(error)`` is the fact, without advice about flags."""


class BadValue(CcprofileError):
    """A value the user gave (a model, a shell, a provider, a region) cannot be used."""


class UnsupportedShell(BadValue):
    def __init__(self, name: str, supported: list[str]) -> None:
        super().__init__(f"unsupported shell {name!r}: supported are {', '.join(supported)}")


class UnsupportedCompletion(BadValue):
    def __init__(self, name: str, supported: list[str]) -> None:
        has = ", ".join(supported)
        super().__init__(
            f"ccprofile has no tab completion for {name}: it has it for {has}; {NOTHING_WRITTEN}"
        )


class ShellNotDetected(CcprofileError):
    def __init__(self) -> None:
        super().__init__("could not detect your shell and $SHELL is not set")


class MissingDotDir(CcprofileError):
    """A shell's folder variable (zsh's ``ZDOTDIR``) is exported but names no folder."""

    def __init__(self, variable: str, directory: Path) -> None:
        super().__init__(f"{variable} points to {directory}, which does not exist")
        self.variable = variable  # the command line's advice names it


class UnknownStartupFile(CcprofileError):
    """A line the shell reads first moves its startup files to a folder ccprofile cannot
    work out (zsh's ``ZDOTDIR`` set to a command's output in ``~/.zshenv``)."""

    def __init__(self, shell: str, said: str, variable: str, file: str) -> None:
        super().__init__(f"cannot tell which startup file {shell} reads: {said}; {NOTHING_WRITTEN}")
        # The command line's advice names ``file`` as a word the shell expands to the file it reads.
        self.shell, self.variable, self.file = shell, variable, file


class ModelShapeError(BadValue):
    """The value does not look like a model ID of the provider at all."""


class UnknownModel(BadValue):
    """The value is not an ID the catalog knows for the provider."""


class NotSmall(BadValue):
    """A background model at a large model's price, refused where nobody can be asked."""


class NotAStartupFile(BadValue):
    """A file named to hold shell exports that no shell reads as a startup file."""


class ProbeError(CcprofileError):
    """Starting the user's shell to read what it exports did not work."""


class MissingDirectory(CcprofileError):
    """A directory the user named (or their home) does not exist; ccprofile will not invent it."""

    def __init__(self, directory: Path, what: str) -> None:
        super().__init__(f"{what} {directory} does not exist; {NOTHING_WRITTEN}")


class NoEffect(CcprofileError):
    """A write would not change what Claude Code uses (refused only when asked to be strict)."""


class VerifyFailed(CcprofileError):
    """A new shell, started for real, did not export what was written."""


class CheckFailed(CcprofileError):
    """A new shell, started for real after a write, did not export what the files say; the
    write stands (without --strict), and the exit code says the check failed."""


class ChangedSince(CcprofileError):
    """A file ccprofile would put back was changed after ccprofile's last change to it."""


class CannotUndo(CcprofileError):
    """A file cannot be put back (changed since, without --force; or its backup is gone)."""


class NoBackupKept(CannotUndo):
    """The step to undo kept no backup of the file (backups were turned off then)."""


class BackupGone(CannotUndo):
    """The step's backup was pruned (only the newest are kept) or deleted."""


class BackupChanged(CannotUndo):
    """The step's backup is there but no longer holds the bytes ccprofile saved in it."""


class MarkersToFix(CcprofileError):
    """ccprofile's begin and end markers in a file do not pair up: what it holds is not known."""
