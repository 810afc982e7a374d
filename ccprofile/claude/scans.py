"""The startup files status reads, statically: a new terminal's (planned bytes in place of a
file about to be written), the other start's where it reads other files, each other launcher's
on macOS and Windows, and the files that still hold a block of ccprofile's."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from ccprofile.claude import starts
from ccprofile.machine.inherited import Session
from ccprofile.machine.session import read_session
from ccprofile.machine.targets import NoShell, Target
from ccprofile.startup.scanned import Scan, Unseen
from ccprofile.startup.shells import Shell
from ccprofile.storage.overlay import Overlay

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from ccprofile.claude import launchers


def launcher_scans(
    env: Mapping[str, str],
    target: Target | NoShell,
    planned: Overlay,
    platform: str,
    session: Session,
    watched: Sequence[str],
) -> tuple[tuple[tuple[launchers.Launcher, Scan | None, tuple[str, ...]], ...], Session | None]:
    """Each other way claude is started on this platform, read as it would run, for the
    variables ``watched``."""
    if platform not in ("darwin", "win32"):  # launchers.LAUNCHERS's keys, without importing it
        return (), None
    from ccprofile.claude import launchers
    from ccprofile.startup import scan as startup
    from ccprofile.startup.shells import SHELLS

    if session.env is None and isinstance(target, NoShell):
        session = read_session(env, watched, platform)
    found: list[tuple[launchers.Launcher, Scan | None, tuple[str, ...]]] = []
    for launcher in launchers.LAUNCHERS[platform]:
        shell = SHELLS.get(launcher.shell or "") if launcher.shell else getattr(target, "shell", None)
        scan = None
        if launcher.shell is not None and shell is not None:
            login, inherited = launcher.login, session.env
            paths = [target.home.path / name for name in launcher.rc_when_alone]
            if paths and not any(planned.writes(p) or p.exists() for p in paths):
                login = False
            scan = startup.scan(shell, target.home, watched, planned, login=login, inherited=inherited)
        found.append((launcher, scan, not_followed(env, launcher)))
    return tuple(found), session


def not_followed(env: Mapping[str, str], launcher: launchers.Launcher) -> tuple[str, ...]:
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


def scan(
    target: Target,
    planned: Overlay,
    platform: str,
    inherited: Mapping[str, str] | None,
    watched: Sequence[str],
) -> tuple[Scan, Scan | None]:
    """The new terminal's reading of the variables ``watched``, and the other start's when the
    shell reads other files then."""
    from ccprofile.startup import scan as startup

    login = starts.terminal_is_login(platform)
    other = (
        startup.scan(target.shell, target.home, watched, planned, login=not login, inherited=inherited)
        if target.shell.login_differs
        else None
    )
    scan = startup.scan(target.shell, target.home, watched, planned, login=login, inherited=inherited)
    stopped = tuple(
        _stopped(stop, reading) for reading in (scan, other) if reading is not None for stop in reading.stops
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


def _stopped(stop: Unseen, scan: Scan) -> str:
    said = f"{stop.path}:{stop.line}: {stop.reason}, and reads nothing after it"
    past = scan.block_past(stop)
    if past is not None:
        said += f", the ccprofile block on line {past} included: {starts.move_above(stop)}"
    return said


def written_blocks(target: Target | NoShell, shell: Shell | None) -> dict[Path, str]:
    """The files the ledger says ccprofile wrote this shell's block to, that still hold one,
    with their text."""
    if shell is None:
        return {}
    from ccprofile.startup import block
    from ccprofile.storage import codec
    from ccprofile.storage.state import ledger_places, state_dir

    places = ledger_places(state_dir(target.home))
    found: dict[Path, str] = {}
    for path, kind, label in places:
        if kind != "shell" or label != shell.name:
            continue
        try:
            text = codec.decode(Path(path).read_bytes())
        except OSError:
            continue
        try:
            if block.find_blocks(text):
                found[Path(path)] = text
        except block.MarkerError:
            found[Path(path)] = text
    return found
