"""The edge where status reads the machine into ``Inputs``: this shell's environment, what new
terminals inherit, the startup files' scan (the other start's and each launcher's too), every
settings file, the repository's expectations, the probe when asked."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.claude import starts
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
        scan, other = _scan(target, planned, platform, session.env)
        if probe:
            from ccprofile.machine import probe as probe_module  # starts processes: only when asked

            start = new_terminal_start(env, session)
            login = starts.terminal_is_login(platform)
            probed = probe_module.new_shell_environment(target.shell, start, login=login)
            if other is not None:
                probed_other = probe_module.new_shell_environment(target.shell, start, login=not login)
    launched, launch_session = _launcher_scans(env, target, planned, platform, session)
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
        blocks=_written_blocks(target, shell),
        launchers=launched,
        launch_session=launch_session,
        aws_config_region=aws_config_region(env, target.home.path),
    )


def aws_config_region(env: Mapping[str, str], home: Path) -> str | None:
    """The region the AWS shared config file gives AWS_PROFILE (``default``): where Claude Code
    takes Bedrock's region when neither AWS_REGION nor AWS_DEFAULT_REGION is set."""
    path = Path(env.get("AWS_CONFIG_FILE") or home / ".aws" / "config")
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


def _launcher_scans(
    env: Mapping[str, str],
    target: Target | NoShell,
    planned: Mapping[Path, bytes | None] | None,
    platform: str,
    session: Session,
) -> tuple[tuple[tuple[launchers.Launcher, Scan | None, tuple[str, ...]], ...], Session | None]:
    """Each other way claude is started on this platform, read as it would run."""
    if platform not in ("darwin", "win32"):  # launchers.LAUNCHERS's keys, without importing it
        return (), None
    from ccprofile.claude import launchers
    from ccprofile.startup import scan as startup
    from ccprofile.startup.shells import SHELLS

    if session.env is None and isinstance(target, NoShell):
        session = read_session(env, WATCHED, platform)
    found: list[tuple[launchers.Launcher, Scan | None, tuple[str, ...]]] = []
    for launcher in launchers.LAUNCHERS[platform]:
        shell = SHELLS.get(launcher.shell or "") if launcher.shell else getattr(target, "shell", None)
        scan = None
        if launcher.shell is not None and shell is not None:
            login, inherited = launcher.login, session.env
            paths = [target.home.path / name for name in launcher.rc_when_alone]
            if paths and not any((planned or {}).get(p) is not None or p.exists() for p in paths):
                login = False
            scan = startup.scan(shell, target.home, WATCHED, planned, login=login, inherited=inherited)
        found.append((launcher, scan, _not_followed(env, launcher)))
    return tuple(found), session


def _not_followed(env: Mapping[str, str], launcher: launchers.Launcher) -> tuple[str, ...]:
    """What ccprofile cannot see of a way of starting claude: cmd runs the command its AutoRun
    value names; Git Bash reads its files from HOME where that is set (ccprofile, like Claude
    Code, from USERPROFILE)."""
    if launcher.key == "git-bash":
        home, profile = env.get("HOME", ""), env.get("USERPROFILE", "")
        if home and profile and os.path.normcase(home) != os.path.normcase(profile):
            return (f"HOME is {home}, where Git Bash reads its startup files; ccprofile reads {profile}'s",)
        return ()
    if launcher.key != "cmd":
        return ()
    from ccprofile.system import registry

    found = []
    for key in registry.COMMAND_PROCESSORS:
        values = {name.lower(): data for name, (data, _) in (registry.read_key(env, key) or {}).items()}
        if values.get("autorun"):
            found.append(f"{key}\\AutoRun runs `{values['autorun']}`, which ccprofile does not follow")
    return tuple(found)


def _scan(
    target: Target,
    planned: Mapping[Path, bytes | None] | None,
    platform: str,
    inherited: Mapping[str, str] | None,
) -> tuple[Scan, Scan | None]:
    """The new terminal's reading, and the other start's when the shell reads other files then."""
    from ccprofile.startup import scan as startup

    login = starts.terminal_is_login(platform)
    other = (
        startup.scan(target.shell, target.home, WATCHED, planned, login=not login, inherited=inherited)
        if target.shell.login_differs
        else None
    )
    scan = startup.scan(target.shell, target.home, WATCHED, planned, login=login, inherited=inherited)
    stopped = tuple(
        f"{stop.path}:{stop.line}: {stop.reason}, and reads nothing after it"
        for stop in (*scan.stops, *(other.stops if other is not None else ()))
    )
    scan = dataclasses.replace(scan, problems=(*scan.problems, *stopped))
    if other is not None:
        # A file only the other start reads is still this shell's: its problems are reported.
        scan = dataclasses.replace(
            scan,
            problems=tuple(dict.fromkeys((*scan.problems, *other.problems))),
            crlf=tuple(dict.fromkeys((*scan.crlf, *other.crlf))),
        )
    missing = target.missing_dot_dir
    if missing is not None:
        # A diagnostic must not fail on the very mistake it should report.
        problem = (
            f"{target.shell.dot_dir} points to {missing}, which does not exist: {target.shell.name} finds no "
            "startup files there, so a new terminal gets none of their pins"
        )
        scan = dataclasses.replace(scan, problems=(*scan.problems, problem))
    return scan, other


def _written_blocks(target: Target | NoShell, shell: Shell | None) -> tuple[Path, ...]:
    """The files the ledger says ccprofile wrote this shell's block to, that still hold one."""
    if shell is None:
        return ()
    from ccprofile.startup import block
    from ccprofile.storage import fileio
    from ccprofile.storage.state import ledger_places, state_dir

    places = ledger_places(state_dir(target.home))
    found = []
    for path, kind, label in places:
        if kind != "shell" or label != shell.name:
            continue
        try:
            text = fileio.decode(Path(path).read_bytes())
        except OSError:
            continue
        try:
            if block.find_blocks(text):
                found.append(Path(path))
        except block.MarkerError:
            found.append(Path(path))
    return tuple(found)


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
    import os

    if any(os.path.realpath(d.path) == os.path.realpath(path) for d in read):
        return ()  # the same file under another layer (user settings, when the root is ~)
    document = settings_module.read("project-settings", path, planned)
    return (document,) if document is not None else ()
