"""Where a value Claude Code reads lives, and how to change it there.

Every fix ccprofile offers names the place that holds the value: the settings file and key,
ccprofile's own command for its block, the file and line of a hand-written export, or the
command for this shell. A fix that points anywhere else changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ccprofile.claude import fixes, scopes
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.fixes import Command, Fix
from ccprofile.claude.resolve import Origin
from ccprofile.claude.scopes import PER_PROJECT
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import FAST, HAIKU, PRIMARY, REGION, SUBAGENT
from ccprofile.machine.inherited import LAUNCHD_SOURCE, REGISTRY_SOURCE
from ccprofile.startup.scanned import Scan
from ccprofile.startup.shells import Shell

_LOCAL = scopes.SETTINGS_SOURCES["local"]

# The variables ccprofile pins, each with commands of its own (see cli/wording.py).
PINS = (FAST, HAIKU, REGION, PRIMARY, SUBAGENT)


# Which settings keys hold ccprofile's pins: file -> pin variable -> the scope it was set with.
Ours = Mapping[str, Mapping[str, str]]


@dataclass(frozen=True)
class Place:
    kind: str  # settings, block, startup-file, this-shell, session, default
    where: str  # the words for it: "env.X in FILE", "~/.zshrc:12 (ccprofile's block)", ...
    file: str | None = None
    line: int | None = None
    scope: str | None = None  # a settings key ccprofile wrote: the --scope it was written with
    source: str | None = None  # settings: which layer (project-settings, managed-settings, ...)


def pinned_scope(ours: Ours | None, file: str | None, variable: str | None) -> str | None:
    """The scope a settings value was pinned with, when ccprofile wrote that key; else None.
    ``variable`` is as resolve names it: a variable, or ``model`` for the settings key. The
    record names the primary's pin ANTHROPIC_MODEL, but ccprofile writes it as ``model``: an
    ``env.ANTHROPIC_MODEL`` in the same file is never ccprofile's."""
    if variable == PRIMARY:
        return None
    pin = PRIMARY if variable == "model" else variable
    return (ours or {}).get(file or "", {}).get(pin or "")


def place_of(origin: Origin, variable: str, scan: Scan, ours: Ours | None = None) -> Place:
    """The place an ``Origin`` (from resolve) names, told apart with the startup-file scan
    and, for settings, ccprofile's record of the keys it wrote."""
    source, file = origin.source, origin.file
    if source.endswith("-settings"):
        key = "model" if variable == "model" else f"env.{variable}"
        scope = pinned_scope(ours, file, variable)
        if scope is not None:
            where = f"{key} in {file} (ccprofile's, scope {scope})"
            return Place("settings", where, file, scope=scope, source=source)
        return Place("settings", f"{key} in {file}", file, source=source)
    if source == "profile" and file:
        path, _, line = file.rpartition(":")
        number = int(line) if line.isdigit() else None
        in_block = any(str(a.path) == path and a.line == number and a.in_block for a in scan.assignments)
        if in_block:
            return Place("block", f"{path}:{number} (ccprofile's block)", path, number)
        return Place("startup-file", f"{path}:{number}", path, number)
    if source == "untraced":
        return Place(
            "untraced", "a startup file line ccprofile could not trace (starting the shell found it)"
        )
    if source == "session":
        return Place("session", f"the environment new terminals inherit ({file})", file)
    if source == "environment":
        return Place("this-shell", "this shell's environment")
    return Place("default", "Claude Code's default")


def pin_fix(variable: str, value: str, scope: str, project: str | None = None) -> Fix:
    """The ccprofile command that pins ``value`` for ``variable`` in ``scope`` (``project``:
    the directory whose project or local file, when not the repository's)."""
    return (fixes.pin(variable, value, scope, project),)


def fix(
    place: Place,
    variable: str,
    value: str | None,
    shell: Shell | None,
    keep: str | None = None,
    *,
    personal: bool = True,
) -> Fix:
    """How to make ``variable`` hold ``value`` at ``place`` (None: drop it there).
    ``keep``: the value of the user's own pin that the change at ``place`` would let win.
    A shared file (the team's project settings, an administrator's managed settings) is never
    the fix when a personal one works: the local scope beats a project's file for this user
    (``personal=False``: the team's own check, where the project's file is the place to fix)."""
    pin = PRIMARY if variable == "model" else variable
    if place.source == "managed-settings":
        key = "model" if variable == "model" else f"env.{variable}"
        return (f"managed settings are set by an administrator: ask them to change {key} in {place.file}",)
    wanted = value if value is not None else keep
    if personal and place.source == "project-settings" and wanted and pin in PINS and place.file:
        root = str(Path(place.file).parent.parent)
        return (
            f"{place.file} is the project's shared file (committed for the team), so pin yours in your own: ",
            fixes.pin(pin, wanted, "local", root),
            " (it beats the project's file for you alone)",
        )
    if place.kind == "settings" and place.scope is not None and pin in PINS:
        project = str(Path(place.file).parent.parent) if place.scope in PER_PROJECT and place.file else None
        if value is None:
            return (Command(fixes.UNPIN, pin, scope=place.scope, project=project),)
        return (fixes.pin(pin, value, place.scope, project),)
    if place.kind == "settings":
        where = f"{place.file}" if variable == "model" else f'the "env" object of {place.file}'
        if value is None:
            return (f'remove "{variable}" from {where}',)
        return (f'set "{variable}" to "{value}" in {where}',)
    return _shell_fix(place, variable, value, shell)


def _shell_fix(place: Place, variable: str, value: str | None, shell: Shell | None) -> Fix:
    """The fix in ccprofile's block, a startup file's line, this shell or what it inherits."""
    if place.kind == "block" and variable in PINS:
        return (Command(fixes.UNPIN, variable),) if value is None else (fixes.pin(variable, value),)
    if place.kind == "startup-file" and place.file and place.file.endswith("fish_variables"):
        # A universal variable (set -Ux): fish keeps it in this file, and changes it itself.
        if value is None:
            return (f"run `set -Ue {variable}` in fish (it is a universal variable)",)
        return (f"run `set -Ux {variable} {value}` in fish (it is a universal variable)",)
    if place.kind == "startup-file" and shell is not None:
        if value is None:
            return (f"delete line {place.line} of {place.file}",)
        return (f"change line {place.line} of {place.file} to `{shell.syntax.assign(variable, value)}`",)
    if place.kind == "this-shell" and shell is None:
        # No shell (a CI job, a task runner): the environment comes from whatever started it.
        if value is None:
            return (f"remove {variable} from the environment claude is started with",)
        return (f"set {variable}={value} in the environment claude is started with",)
    if place.kind == "this-shell" and shell is not None:
        if value is None:
            return (f"run `{shell.syntax.unset([variable])}` in this shell",)
        return (f"run `{shell.syntax.assign(variable, value)}` in this shell",)
    if place.kind == "session":
        return _session_fix(variable, value, place.file or "")
    return fixes.NONE


def _session_fix(variable: str, value: str | None, source: str) -> Fix:
    """Where a value new terminals inherit is changed, by where it was read from."""
    if source.startswith(REGISTRY_SOURCE):
        if value is None:
            return (
                f"`reg delete HKCU\\Environment /v {variable} /f` removes your own; a value the "
                "system environment (HKLM) sets is an administrator's. Apps started before that (an "
                "IDE, Windows Terminal) keep the old value until restarted",
            )
        return (
            f"`setx {variable} {value}` sets your own (HKCU\\Environment), over the system's; "
            "apps started before that (an IDE, Windows Terminal) keep the old value until restarted",
        )
    if source.startswith(LAUNCHD_SOURCE):
        command = (
            f"launchctl unsetenv {variable}" if value is None else f"launchctl setenv {variable} {value}"
        )
        return (f"`{command}` (apps started before that keep the old value until restarted)",)
    return (
        f"change {variable} where your session sets it, {source}: for example in "
        "~/.config/environment.d or with `tmux set-environment -g`",
    )


def rank(source: str) -> int:
    """A place's precedence: shell < user < project < local < managed."""
    return next((i for i, sources in enumerate(scopes.SOURCES.values()) if source in sources), -1)


def same_model(catalog: Catalog, provider: str, one: str, other: str) -> bool:
    """Whether two values name one model: a friendly name or undated ID and the exact ID that
    ``set-fast-model`` writes for it are no conflict."""
    if one == other:
        return True
    found = [catalog.model_of(v, provider) or catalog.by_name(v) for v in (one, other)]
    return found[0] is not None and found[0] == found[1]


class Seen:
    """What a fix in the settings files looks at besides them: the startup files, the shell,
    ccprofile's record of its keys, and when two values name one model. A plain class, as
    ``fixes.Command`` is."""

    __slots__ = ("ours", "same", "scan", "shell")

    def __init__(
        self, scan: Scan, shell: Shell | None, ours: Ours | None, same: Callable[[str, str], bool]
    ) -> None:
        self.scan, self.shell, self.ours, self.same = scan, shell, ours, same


def clearing(
    settings: Sequence[Settings],
    place: Place,
    name: str,
    keep: str | None,
    seen: Seen,
    *,
    personal: bool = True,
    above: int = -1,
) -> Fix:
    """The fix that lets ``keep`` (a lower place's value) win over the settings value at
    ``place``: that value taken out, then each lower settings file's other value of ``name``,
    which would win next, down to one that gives ``keep``'s model (``keep`` None: every value,
    whatever it is, as for a pin from the wrong place). A step that pins instead (the user's
    own file over the team's) ends it: nothing below that file counts then. ``personal``: as
    for ``fix``; ``above``: only files of a higher rank than this count (the expected scope's
    own file is not cleared)."""
    steps: list[tuple[Settings, Fix]] = []
    below = False
    for document in reversed(settings):
        below = below or str(document.path) == place.file
        value = document.env.get(name)
        if not below or value is None or rank(document.source) <= above:
            continue
        if keep is not None and seen.same(value, keep):
            break  # once the files above are cleared, this one gives the model: nothing below counts
        here = place_of(Origin(document.source, str(document.path)), name, seen.scan, seen.ours)
        step = fix(here, name, None, seen.shell, keep=keep, personal=personal)
        pin = next((p for p in step if isinstance(p, Command) and p.action == fixes.PIN), None)
        if pin is None:
            steps.append((document, step))
            continue
        # The pin goes into the user's local file of that project, replacing its value there:
        # that file needs no step of its own (a local file elsewhere, a parent's, still does).
        mine = [d for d, _ in steps if d.source == _LOCAL and str(d.path.parent.parent) == pin.project]
        steps = [(d, done) for d, done in steps if d not in mine]
        steps.append((document, (*step, f"; it replaces the value in {mine[0].path}") if mine else step))
        break
    if not steps:
        return fix(place, name, None, seen.shell, keep=keep, personal=personal)
    return fixes.then(*(step for _, step in steps))
