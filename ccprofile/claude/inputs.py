"""The edge where status reads the machine into ``Inputs``: this shell's environment, what new
terminals inherit, the startup files' scan (the other start's and each launcher's too), every
settings file, the repository's expectations, the probe when asked."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.claude import scans, starts
from ccprofile.claude import variables as names
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.places import Ours
from ccprofile.claude.projects import Project, find_project
from ccprofile.claude.providers import SWITCHES
from ccprofile.claude.releases import ClaudeCode, claude_here
from ccprofile.claude.settings import Settings
from ccprofile.machine.session import Session, read_session
from ccprofile.machine.targets import NoShell, Target
from ccprofile.startup.scan import Scan
from ccprofile.startup.shells import Home, Shell

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude import launchers
    from ccprofile.claude.expectations import Expected


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
    blocks: tuple[Path, ...] = ()  # files ccprofile wrote this shell's block to that still hold one
    # macOS and Windows: each other way claude is started, with its shell's reading (None: it
    # runs no startup file), what those files leave unseen, and what it inherits.
    launchers: tuple[tuple[launchers.Launcher, Scan | None, tuple[str, ...]], ...] = ()
    launch_session: Session | None = None
    aws_config_region: str | None = None  # the AWS shared config file's region for AWS_PROFILE

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


def read_inputs(
    env: Mapping[str, str],
    target: Target | NoShell,
    cwd: Path,
    platform: str,
    *,
    probe: bool = False,
    planned: Mapping[Path, bytes | None] | None = None,
    claude_version: str | None = None,
    expect: Expected | None = None,
    expecting: bool = False,
) -> Inputs:
    """Read everything status needs from this machine.

    ``planned`` gives startup files as a write would leave them, to check a change first;
    ``expecting``: check the expected pins, ``expect`` (the command line's) over those of the
    project's file. Only a check reads that file: a broken one must not break a plain report
    or a write.
    """
    from ccprofile.claude import catalog, pin_record
    from ccprofile.claude import settings as settings_module
    from ccprofile.storage.state import state_dir

    project = find_project(cwd, target.home.path)
    documents = settings_module.load(env, target.home.path, cwd, platform, planned, project)
    claude = claude_here(env, claude_version)
    shell: Shell | None = None
    path: Path | None = None
    scan, probed, other, probed_other = Scan("", (), (), ()), None, None, None
    if isinstance(target, NoShell):
        session, reason = Session(None, target.reason), target.reason
    else:
        shell, path, reason = target.shell, target.path, target.shell_reason
        session = read_session(env, WATCHED, platform)
        scan, other = scans.scan(target, planned, platform, session.env, WATCHED)
        if probe:
            from ccprofile.machine import probe as probe_module  # starts processes: only when asked

            start = new_terminal_start(env, session)
            login = starts.terminal_is_login(platform)
            probed = probe_module.new_shell_environment(target.shell, start, login=login)
            if other is not None:
                probed_other = probe_module.new_shell_environment(target.shell, start, login=not login)
    launched, launch_session = scans.launcher_scans(env, target, planned, platform, session, WATCHED)
    return Inputs(
        env=env,
        session=session,
        shell=shell,
        shell_reason=reason,
        startup_file=path,
        scan=scan,
        settings=documents,
        catalog=catalog.load(claude.rules.version),
        claude=claude,
        probed=probed,
        ours=pin_record.ours(state_dir(target.home), documents),
        expected=_expectations(project, expect) if expecting else None,
        project=project,
        unread=_unread_project_settings(project, planned, documents),
        other=other,
        platform=platform,
        home=target.home,
        probed_other=probed_other,
        blocks=scans.written_blocks(target, shell),
        launchers=launched,
        launch_session=launch_session,
        aws_config_region=aws_config_region(env, target.home.path),
    )


def aws_config_region(env: Mapping[str, str], home: Path) -> str | None:
    """The region the AWS shared config file gives AWS_PROFILE (``default``): where Claude Code
    takes Bedrock's region when neither AWS_REGION nor AWS_DEFAULT_REGION is set."""
    path = Path(env.get(names.AWS_CONFIG_FILE) or home / ".aws" / "config")
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    import configparser

    parser = configparser.ConfigParser(interpolation=None, strict=False)
    try:
        parser.read_string(text)
    except configparser.Error:
        return None
    profile = env.get(names.AWS_PROFILE) or "default"
    section = "default" if profile == "default" else f"profile {profile}"
    return parser.get(section, "region", fallback=None) or None


def _expectations(project: Project, given: Expected | None) -> Expected | None:
    """The command line's expectations over those of the project's ``.ccprofile.toml``."""
    from ccprofile.claude import expectations
    from ccprofile.claude.expectations import ExpectationError

    path = project.home / expectations.FILE_NAME
    try:
        with open(path, "rb") as handle:
            data = handle.read(expectations.MAX_BYTES + 1)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise ExpectationError(f"{path}: cannot be read ({error.strerror})") from None
    else:
        if len(data) > expectations.MAX_BYTES:
            raise ExpectationError(f"{path}: larger than {expectations.MAX_BYTES} bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ExpectationError(f"{path}: not UTF-8 text") from None
        found = expectations.parse(text, str(path))
    if given is None or given.empty:
        return found
    return expectations.checked_scope(given.over(found or expectations.Expected()))


def _unread_project_settings(
    project: Project, planned: Mapping[Path, bytes | None] | None, read: Sequence[Settings]
) -> tuple[Settings, ...]:
    """The repository root's project settings, when claude starts below the root and so does
    not read them."""
    if project.root is None or not project.in_subdirectory:
        return ()
    from ccprofile.claude import settings as settings_module

    path = project.root / ".claude" / "settings.json"

    if any(os.path.realpath(d.path) == os.path.realpath(path) for d in read):
        return ()  # the same file under another layer (user settings, when the root is ~)
    document = settings_module.read("project-settings", path, planned)
    return (document,) if document is not None else ()
