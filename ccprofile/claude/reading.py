"""The edge where status reads the machine into ``Inputs``: this shell's environment, what new
terminals inherit, the startup files' scan (the other start's and each launcher's too), every
settings file, the repository's expectations, the probe when asked."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from ccprofile.claude import scans, starts
from ccprofile.claude import variables as names
from ccprofile.claude.inputs import WATCHED, Inputs, new_terminal_start
from ccprofile.claude.projects import Project, find_project
from ccprofile.claude.releases import claude_here
from ccprofile.claude.settings import Settings
from ccprofile.machine.inherited import Session
from ccprofile.machine.session import read_session
from ccprofile.machine.targets import NoShell, Target
from ccprofile.startup.scanned import Scan
from ccprofile.storage.overlay import NONE, Overlay

# expectations is imported only when a check reads them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude.expectations import Expected


def read_inputs(
    env: Mapping[str, str],
    target: Target | NoShell,
    cwd: Path,
    platform: str,
    *,
    probe: bool = False,
    planned: Overlay = NONE,
    claude_version: str | None = None,
    expect: Expected | None = None,
    expecting: bool = False,
) -> Inputs:
    """Everything status needs from this machine. ``planned``: startup files as a write would
    leave them; ``expecting``: check the expected pins, ``expect`` (the command line's) over
    the project file's, which only a check reads (a broken one must not break a report)."""
    from ccprofile.claude import catalog, pin_record, settings_files
    from ccprofile.storage.state import state_dir

    project = find_project(cwd, target.home.path)
    documents = settings_files.load(env, target.home.path, cwd, platform, planned, project)
    claude = claude_here(env, claude_version)
    shell = target.shell if isinstance(target, Target) else None
    startup_file, moved = _startup_file(target)
    session, scan, other, probed, probed_other = _startup_files(env, target, planned, platform, probe)
    launched, launch_session = scans.launcher_scans(env, target, planned, platform, session, WATCHED)
    return Inputs(
        env=env,
        session=session,
        shell=shell,
        shell_reason=target.shell_reason if isinstance(target, Target) else target.reason,
        startup_file=startup_file,
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
        unknown_startup=moved,
        launch_session=launch_session,
        aws_config_region=aws_config_region(env, target.home.path),
    )


def _startup_file(target: Target | NoShell) -> tuple[Path | None, str | None]:
    """The startup file a write picks, or, where the shell's own lines move it out of sight,
    None and the file as the shell finds it (zsh's ``$ZDOTDIR/.zshrc``, for a fix to name)."""
    if not isinstance(target, Target):
        return None, None
    unknown = target.unknowable
    return (target.path, None) if unknown is None else (None, target.hidden_file(unknown))


def _startup_files(
    env: Mapping[str, str],
    target: Target | NoShell,
    planned: Overlay,
    platform: str,
    probe: bool,
) -> tuple[Session, Scan, Scan | None, Mapping[str, str] | None, Mapping[str, str] | None]:
    """What new terminals inherit, the scan of the startup files (and of the other start's,
    where they differ), and with ``probe`` what the real shell exports from each start."""
    if isinstance(target, NoShell):
        return Session(None, target.reason), Scan("", (), (), ()), None, None, None
    session = read_session(env, WATCHED, platform)
    scan, other = scans.scan(target, planned, platform, session.env, WATCHED)
    if not probe:
        return session, scan, other, None, None
    from ccprofile.machine import probe as probe_module  # starts processes: only when asked

    start = new_terminal_start(env, session)
    login = starts.terminal_is_login(platform)
    probed = probe_module.new_shell_environment(target.shell, start, login=login)
    probed_other = None
    if other is not None:
        probed_other = probe_module.new_shell_environment(target.shell, start, login=not login)
    return session, scan, other, probed, probed_other


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


def stated_scope(project: Project) -> str | None:
    """The scope the repository's ``.ccprofile.toml`` states, for the check before a write: a
    broken file is ``status --check``'s to report, and no reason to refuse a write."""
    from ccprofile.claude.expectations import ExpectationError

    try:
        found = _expectations(project, None)
    except ExpectationError:
        return None
    return found.scope if found is not None else None


def _unread_project_settings(
    project: Project, planned: Overlay, read: Sequence[Settings]
) -> tuple[Settings, ...]:
    """The repository root's project settings, when claude starts below the root and so does
    not read them."""
    if project.root is None or not project.in_subdirectory:
        return ()
    from ccprofile.claude import settings_files

    path = project.root / ".claude" / "settings.json"

    if any(os.path.realpath(d.path) == os.path.realpath(path) for d in read):
        return ()  # the same file under another layer (user settings, when the root is ~)
    document = settings_files.read("project-settings", path, planned)
    return (document,) if document is not None else ()
