"""What status reads from the machine, as one value (``Inputs``), and the variables it keeps:
``reading.read_inputs`` reads them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ccprofile.claude import variables as names
from ccprofile.claude.providers import SWITCHES, TABLE

# typing costs status 3 ms to import; the annotations are never evaluated, and the modules
# that define their types read the machine.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

    from ccprofile.claude import launchers
    from ccprofile.claude.catalog import Catalog
    from ccprofile.claude.expectations import Expected
    from ccprofile.claude.places import Ours
    from ccprofile.claude.projects import Project
    from ccprofile.claude.releases import ClaudeCode
    from ccprofile.claude.settings import Settings
    from ccprofile.machine.inherited import Session
    from ccprofile.startup.home_snapshot import Home
    from ccprofile.startup.scanned import Scan
    from ccprofile.startup.shells import Shell


WATCHED = (
    names.FAST,
    names.HAIKU,
    names.REGION,
    names.PRIMARY,
    names.DEFAULT_MODEL,
    names.SONNET,
    names.OPUS,
    names.FABLE,
    names.BASE_URL,
    names.SUBAGENT,
    *names.AWS_REGIONS,
    names.AWS_PROFILE,
    names.REGION_PREFIX,
    *SWITCHES,
    *dict.fromkeys(v for p in TABLE for v in p.setup if v not in names.AWS_REGIONS),
    # Read only for their shape (see resolve.sends_anthropic_key); never printed.
    names.API_KEY,
    names.AUTH_TOKEN,
)


@dataclass(frozen=True)
class Inputs:
    """Everything status reads from the machine, as plain values."""

    env: Mapping[str, str]  # this shell's environment
    session: Session  # what new terminals inherit before their startup files run
    shell: Shell | None  # None: no shell could be determined; shell_reason says why
    shell_reason: str
    startup_file: Path | None
    scan: Scan
    settings: Sequence[Settings]
    catalog: Catalog
    claude: ClaudeCode
    probed: Mapping[str, str] | None = None  # a real new shell's environment (--probe)
    ours: Ours = field(default_factory=dict)  # settings keys that hold ccprofile's pins
    expected: Expected | None = None  # as stated: friendly names not yet made exact
    project: Project | None = None
    unread: Sequence[Settings] = ()  # the repository's project settings, not read from here
    other: Scan | None = None  # the other start's reading (login on Linux), when its files differ
    platform: str = "linux"
    home: Home | None = None
    probed_other: Mapping[str, str] | None = None  # the other start's, probed too
    # The files ccprofile wrote this shell's block to that still hold one, with their text.
    blocks: Mapping[Path, str] = field(default_factory=dict)
    # macOS and Windows: each other way claude is started, with its shell's reading (None: it
    # runs no startup file), what those files leave unseen, and what it inherits.
    launchers: tuple[tuple[launchers.Launcher, Scan | None, tuple[str, ...]], ...] = ()
    launch_session: Session | None = None
    aws_config_region: str | None = None  # the AWS shared config file's region for AWS_PROFILE
    # The startup file as a shell word (`$ZDOTDIR/.zshrc`) where the shell's own lines move it
    # to a folder ccprofile cannot work out: a fix that pins in the shell names it so.
    unknown_startup: str | None = None

    @property
    def session_home(self) -> Home:
        assert self.home is not None, "a shell's inputs know its home"
        return self.home


def watched(env: Mapping[str, str]) -> dict[str, str]:
    """Only the variables that decide Claude Code's models: nothing else is kept or shown."""
    return {name: value for name, value in env.items() if name in WATCHED}


def new_terminal_start(env: Mapping[str, str], session: Session) -> dict[str, str]:
    """The environment to start a shell with as a new terminal would: with what terminals
    inherit, not with this shell's model variables."""
    return {k: v for k, v in env.items() if k not in WATCHED} | watched(session.env or {})
