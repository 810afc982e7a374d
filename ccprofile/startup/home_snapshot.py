"""A user's home as the shells' path rules see it: what the disk held, read once up front by
``homes.read_home`` (the edge), so that every rule is a pure function of it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path


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


@dataclass(frozen=True)
class Unknowable:
    """Files a shell reads from a place ccprofile cannot work out: zsh's startup files after
    a ``~/.zshenv`` line that sets ``ZDOTDIR`` to a command's output. ``line`` of ``path`` is
    that line (0: no one line), ``variable`` the one that names the place, and ``why`` says
    what the line does, for the reading's list of what it could not follow."""

    path: Path
    line: int
    variable: str
    why: str

    @property
    def said(self) -> str:
        return f"line {self.line} of {self.path} {self.why}"


Entry = Path | FromEnv | Unknowable  # one file (or files) in a shell's reading order


def unknowable(entries: Sequence[Entry]) -> Unknowable | None:
    """The place in a reading order that ccprofile cannot see past, if there is one."""
    return next((e for e in entries if isinstance(e, Unknowable)), None)
