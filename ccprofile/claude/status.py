"""``ccprofile status``: what Claude Code will use from this shell and from a new terminal.

``build`` is pure: it takes ``Inputs`` (this shell's environment, the environment new
terminals inherit, the startup-file scan, the settings documents) and returns a ``Report``;
``read_inputs`` is the edge that reads them from the machine. A new terminal's prediction starts
from the inherited environment, never from this shell's: a variable this shell exported by
hand, or kept after an uninstall, does not reach new terminals.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.claude import resolve
from ccprofile.claude import variables as names
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.places import Ours, pinned_scope
from ccprofile.claude.projects import Project, find_project
from ccprofile.claude.providers import SWITCHES, detect_provider
from ccprofile.claude.releases import ClaudeCode, claude_here
from ccprofile.claude.resolve import Composed, Layer, Model, Origin
from ccprofile.claude.settings import Settings
from ccprofile.claude.warnings import Situation, StatusWarning, find_warnings
from ccprofile.startup.scan import Scan
from ccprofile.startup.session import Session, read_session
from ccprofile.startup.shells import Shell
from ccprofile.startup.targets import NoShell, Target

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ccprofile.claude.expectations import Expected

WATCHED = (
    names.FAST,
    names.HAIKU,
    names.PRIMARY,
    names.DEFAULT_MODEL,
    names.SONNET,
    names.OPUS,
    names.BASE_URL,
    *SWITCHES,
    # Read only for their shape (see resolve.sends_anthropic_key); never printed.
    names.API_KEY,
    names.AUTH_TOKEN,
)
BLIND_SPOTS = (
    "ccprofile cannot see `claude --model`, `/model` inside a session, `claude --settings`, "
    "or MDM/configuration profiles; any of them overrides what is shown here."
)


@dataclass(frozen=True)
class View:
    """One model as Claude Code resolves it from this shell and from a new terminal."""

    now: Model
    new_shell: Model | None  # None: no shell, so nothing to say about a new terminal
    layers: tuple[Layer, ...]


@dataclass(frozen=True)
class Report:
    provider: str
    shell: str | None  # None: no shell could be determined (shell_reason says why)
    startup_file: Path | None
    background: View
    primary: View
    warnings: tuple[StatusWarning, ...]
    notes: tuple[str, ...] = field(default=(BLIND_SPOTS,))
    shell_reason: str = ""
    claude: dict[str, str | None] = field(default_factory=dict)
    # The notes without which the table would claim too much; the rest hold for every report.
    table_notes: tuple[str, ...] = ()
    ours: Ours = field(default_factory=dict)  # settings keys that hold ccprofile's pins
    expected: Expected | None = None  # the pins the project expects, as exact IDs
    project: Project | None = None

    def scope_of(self, model: Model) -> str | None:
        """The --scope a settings value was pinned with, when the key is ccprofile's."""
        return pinned_scope(self.ours, model.file, model.variable)

    def to_json(self) -> dict[str, Any]:
        def one(model: Model) -> dict[str, Any]:
            return {
                "model": model.model,
                "source": model.source,
                "variable": model.variable,
                "file": model.file,
                "ccprofile_scope": self.scope_of(model),
            }

        def model(view: View) -> dict[str, Any]:
            return {
                **one(view.now),
                "new_shell": one(view.new_shell) if view.new_shell is not None else None,
                "layers": [
                    {
                        "source": layer.source,
                        "file": layer.file,
                        "variable": layer.variable,
                        "value": layer.value,
                    }
                    for layer in view.layers
                ],
            }

        return {
            "provider": self.provider,
            "shell": {
                "name": self.shell,
                "startup_file": str(self.startup_file) if self.startup_file is not None else None,
                "reason": self.shell_reason,
            },
            "background": model(self.background),
            "primary": model(self.primary),
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "expectations": self._expectations_json(),
            "project": {
                "directory": str(self.project.start),
                "repository_root": str(self.project.root) if self.project.root else None,
            }
            if self.project is not None
            else None,
            "notes": list(self.notes),
            "claude_code": self.claude,
        }

    def _expectations_json(self) -> dict[str, Any] | None:
        if self.expected is None:
            return None
        return {
            "file": self.expected.file,
            "background": self.expected.background,
            "primary": self.expected.primary,
            "scope": self.expected.scope,
            "met": not any(w.code == "drift" for w in self.warnings),
        }


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


def watched(env: Mapping[str, str]) -> dict[str, str]:
    """Only the variables that decide Claude Code's models: nothing else is kept or shown."""
    return {name: value for name, value in env.items() if name in WATCHED}


def new_terminal_base(inputs: Inputs) -> tuple[dict[str, str], dict[str, Origin]]:
    """A new terminal's environment: what it inherits, then its startup files' assignments."""
    scan = inputs.scan
    inherited = Origin("session", inputs.session.source)
    if inputs.probed is not None:
        base = watched(inputs.probed)
        return base, {n: Origin("profile", None) if scan.final(n) else inherited for n in base}
    base = watched(inputs.session.env or {})
    origins = dict.fromkeys(base, inherited)
    for name in WATCHED:
        final = scan.final(name)
        if final is None:
            continue
        if final.value is None:
            base.pop(name, None)
            origins.pop(name, None)
        else:
            base[name] = final.value
            origins[name] = Origin("profile", f"{final.path}:{final.line}")
    return base, origins


def _settings_model_layers(settings: Sequence[Settings]) -> list[Layer]:
    return [Layer(s.source, str(s.path), "model", s.model) for s in settings if s.model]


def _resolve(composed: Composed, settings: Sequence[Settings], catalog: Catalog) -> tuple[Model, Model]:
    primary = resolve.primary_model(composed, settings, catalog)
    return resolve.background_model(composed, primary, catalog), primary


def _table_notes(inputs: Inputs) -> tuple[str, ...]:
    if inputs.shell is None:
        return (
            f"No shell: {inputs.shell_reason}. The models shown are those of a claude started "
            "with this environment; what a new terminal would use is not known (pass --shell NAME).",
        )
    if inputs.session.env is None and inputs.probed is None:
        return (
            f"The environment new terminals inherit could not be read ({inputs.session.source}); "
            "the new-terminal column assumes it sets none of these variables.",
        )
    return ()


def _notes(inputs: Inputs, shown: Sequence[Model]) -> tuple[str, ...]:
    notes = [BLIND_SPOTS, *_table_notes(inputs)]
    if inputs.claude.rules.note:
        notes.append(inputs.claude.rules.note)
    if any(model.source == "default" for model in shown):
        notes.append(
            f"Defaults are those of Claude Code {inputs.catalog.claude_code_version}, measured in that "
            "release; another release can change them. A pin does not depend on them."
        )
    return tuple(notes)


def exact_expectations(expected: Expected | None, provider: str, catalog: Catalog) -> Expected | None:
    """The expected models as the exact IDs for ``provider`` (``haiku-4.5`` is Haiku 4.5's ID);
    ExpectationError, naming where it was stated, for one that is not valid there."""
    if expected is None or expected.empty:
        return None
    from ccprofile.claude import selection  # only a check with expectations needs the catalog rules
    from ccprofile.claude.expectations import ExpectationError
    from ccprofile.errors import BadValue

    exact: dict[str, str] = {}
    for kind, value in (("background", expected.background), ("primary", expected.primary)):
        if value is None:
            continue
        try:
            # A gateway serves the names it chooses; everywhere else the ID must be one the
            # provider knows, or the check would pass on a model no request can reach.
            choice = selection.choose(
                value,
                provider,
                catalog,
                background=kind == "background",
                accept_unknown=provider == "gateway",
            )
        except BadValue as error:
            raise ExpectationError(f"{expected.stated.get(kind, 'expected')}: {error}") from None
        exact[kind] = choice.value
    return dataclasses.replace(expected, background=exact.get("background"), primary=exact.get("primary"))


def build(inputs: Inputs) -> Report:
    """The whole report from its inputs."""
    scan, settings, catalog = inputs.scan, inputs.settings, inputs.catalog
    now = resolve.compose(watched(inputs.env), {}, settings)
    if inputs.shell is None:
        # No startup files to read: the warnings look at this environment alone.
        base, fresh = watched(inputs.env), now
    else:
        base, origins = new_terminal_base(inputs)
        fresh = resolve.compose(base, origins, settings)
    background_now, primary_now = _resolve(now, settings, catalog)
    background_new, primary_new = _resolve(fresh, settings, catalog)
    known = inputs.shell is not None
    # The layers list shows this shell's environment, then what the profile adds, then settings.
    profile_layers = [
        Layer("profile", f"{a.path}:{a.line}", a.name, a.value or "")
        for a in scan.assignments
        if a.value is not None
    ]

    def layers(variables: Sequence[str], extra: Sequence[Layer] = ()) -> tuple[Layer, ...]:
        env_layers = [
            layer for layer in now.layers if layer.source == "environment" and layer.variable in variables
        ]
        settings_layers = [
            layer for layer in now.layers if layer.source != "environment" and layer.variable in variables
        ]
        mine = [layer for layer in profile_layers if layer.variable in variables]
        return (*env_layers, *mine, *settings_layers, *extra)

    background = View(background_now, background_new if known else None, layers(names.BACKGROUND))
    primary = View(
        primary_now,
        primary_new if known else None,
        layers((names.PRIMARY, names.DEFAULT_MODEL), _settings_model_layers(settings)),
    )
    provider = detect_provider(now.env)
    expected = exact_expectations(inputs.expected, provider, catalog)
    warnings = find_warnings(
        Situation(
            env=inputs.env,
            base=base,
            scan=scan,
            shell=inputs.shell,
            settings=settings,
            now=now,
            fresh=fresh,
            models=(background_now, primary_now, background_new, primary_new),
            provider=provider,
            catalog=catalog,
            ours=inputs.ours,
            expected=expected,
            unread=inputs.unread,
            start=str(inputs.project.start) if inputs.project else "",
            subdirectory=inputs.project.in_subdirectory if inputs.project else False,
        )
    )
    shown = (background_now, background_new, primary_now, primary_new)
    return Report(
        provider,
        inputs.shell.name if inputs.shell is not None else None,
        inputs.startup_file,
        background,
        primary,
        warnings,
        _notes(inputs, shown),
        inputs.shell_reason,
        inputs.claude.to_json(),
        _table_notes(inputs),
        inputs.ours,
        expected,
        inputs.project,
    )


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
    from ccprofile.startup.homes import state_dir

    project = find_project(cwd, target.home.path)
    documents = settings_module.load(env, target.home.path, cwd, platform, planned, project)
    claude = claude_here(env, claude_version)
    shell: Shell | None = None
    path: Path | None = None
    scan, probed = Scan("", (), (), ()), None
    if isinstance(target, NoShell):
        session, reason = Session(None, target.reason), target.reason
    else:
        shell, path, reason = target.shell, target.path, target.shell_reason
        session, scan = read_session(env, WATCHED, platform), _scan(target, planned)
        if probe:
            from ccprofile.startup import probe as probe_module  # starts processes: only when asked

            probed = probe_module.new_shell_environment(target.shell, new_terminal_start(env, session))
    return Inputs(
        env,
        session,
        shell,
        reason,
        path,
        scan,
        documents,
        catalog.load(claude.rules.version),
        claude,
        probed,
        pin_record.ours(state_dir(target.home), documents),
        _expectations(project, expect) if expecting else None,
        project,
        _unread_project_settings(project, planned, documents),
    )


def _scan(target: Target, planned: Mapping[Path, bytes | None] | None) -> Scan:
    from ccprofile.startup import scan as startup

    scan = startup.scan(target.shell, target.home, WATCHED, extra=[target.path], planned=planned)
    if target.missing_zdotdir is not None:
        # A diagnostic must not fail on the very mistake it should report.
        problem = (
            f"ZDOTDIR points to {target.missing_zdotdir}, which does not exist: zsh finds no "
            "startup files there, so a new terminal gets none of their pins"
        )
        scan = dataclasses.replace(scan, problems=(*scan.problems, problem))
    return scan


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
