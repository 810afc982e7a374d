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
from ccprofile.claude.providers import SWITCHES, detect_provider
from ccprofile.claude.releases import ClaudeCode, claude_here
from ccprofile.claude.resolve import Composed, Layer, Model, Origin
from ccprofile.claude.settings import Settings
from ccprofile.claude.warnings import Situation, StatusWarning, find_warnings
from ccprofile.startup.scan import Scan
from ccprofile.startup.session import Session, read_session
from ccprofile.startup.shells import Shell
from ccprofile.startup.targets import Target

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

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
    new_shell: Model
    layers: tuple[Layer, ...]


@dataclass(frozen=True)
class Report:
    provider: str
    shell: str
    startup_file: Path
    background: View
    primary: View
    warnings: tuple[StatusWarning, ...]
    notes: tuple[str, ...] = field(default=(BLIND_SPOTS,))
    shell_reason: str = ""
    claude: dict[str, str | None] = field(default_factory=dict)
    # The notes without which the table would claim too much; the rest hold for every report.
    table_notes: tuple[str, ...] = ()
    ours: Ours = field(default_factory=dict)  # settings keys that hold ccprofile's pins

    def scope_of(self, model: Model) -> str | None:
        """The --scope a settings value was pinned with, when the key is ccprofile's."""
        return pinned_scope(self.ours, model.file, model.variable)

    def to_json(self) -> dict[str, Any]:
        def model(view: View) -> dict[str, Any]:
            return {
                "model": view.now.model,
                "source": view.now.source,
                "variable": view.now.variable,
                "file": view.now.file,
                "ccprofile_scope": self.scope_of(view.now),
                "new_shell": {
                    "model": view.new_shell.model,
                    "source": view.new_shell.source,
                    "variable": view.new_shell.variable,
                    "file": view.new_shell.file,
                    "ccprofile_scope": self.scope_of(view.new_shell),
                },
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
                "startup_file": str(self.startup_file),
                "reason": self.shell_reason,
            },
            "background": model(self.background),
            "primary": model(self.primary),
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "notes": list(self.notes),
            "claude_code": self.claude,
        }


@dataclass(frozen=True)
class Inputs:
    """Everything status reads from the machine, as plain values."""

    env: Mapping[str, str]  # this shell's environment
    session: Session  # what new terminals inherit before their startup files run
    shell: Shell
    shell_reason: str
    startup_file: Path
    scan: Scan
    settings: Sequence[Settings]
    catalog: Catalog
    claude: ClaudeCode
    probed: Mapping[str, str] | None = None  # a real new shell's environment (--probe)
    ours: Ours = field(default_factory=dict)  # settings keys that hold ccprofile's pins


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


def build(inputs: Inputs) -> Report:
    """The whole report from its inputs."""
    scan, settings, catalog = inputs.scan, inputs.settings, inputs.catalog
    now = resolve.compose(watched(inputs.env), {}, settings)
    base, origins = new_terminal_base(inputs)
    fresh = resolve.compose(base, origins, settings)
    background_now, primary_now = _resolve(now, settings, catalog)
    background_new, primary_new = _resolve(fresh, settings, catalog)
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

    background = View(background_now, background_new, layers(names.BACKGROUND))
    primary = View(
        primary_now,
        primary_new,
        layers((names.PRIMARY, names.DEFAULT_MODEL), _settings_model_layers(settings)),
    )
    provider = detect_provider(now.env)
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
        )
    )
    shown = (background_now, background_new, primary_now, primary_new)
    return Report(
        provider,
        scan.shell,
        inputs.startup_file,
        background,
        primary,
        warnings,
        _notes(inputs, shown),
        inputs.shell_reason,
        inputs.claude.to_json(),
        _table_notes(inputs),
        inputs.ours,
    )


def new_terminal_start(env: Mapping[str, str], session: Session) -> dict[str, str]:
    """The environment to start a shell with as a new terminal would: with what terminals
    inherit, not with this shell's model variables."""
    return {k: v for k, v in env.items() if k not in WATCHED} | watched(session.env or {})


def read_inputs(
    env: Mapping[str, str],
    target: Target,
    cwd: Path,
    platform: str,
    *,
    probe: bool = False,
    planned: Mapping[Path, bytes | None] | None = None,
    claude_version: str | None = None,
) -> Inputs:
    """Read everything status needs from this machine.

    ``planned`` gives startup files as a write would leave them, to check a change first.
    """
    from ccprofile.claude import catalog, pin_record
    from ccprofile.claude import settings as settings_module
    from ccprofile.startup import scan as startup
    from ccprofile.startup.homes import state_dir

    scan = startup.scan(target.shell, target.home, WATCHED, extra=[target.path], planned=planned)
    if target.missing_zdotdir is not None:
        # A diagnostic must not fail on the very mistake it should report.
        problem = (
            f"ZDOTDIR points to {target.missing_zdotdir}, which does not exist: zsh finds no "
            "startup files there, so a new terminal gets none of their pins"
        )
        scan = dataclasses.replace(scan, problems=(*scan.problems, problem))
    session = read_session(env, WATCHED, platform)
    documents = settings_module.load(env, target.home.path, cwd, platform, planned)
    probed = None
    if probe:
        from ccprofile.startup import probe as probe_module  # starts processes: only when asked

        probed = probe_module.new_shell_environment(target.shell, new_terminal_start(env, session))
    claude = claude_here(env, claude_version)
    return Inputs(
        env,
        session,
        target.shell,
        target.shell_reason,
        target.path,
        scan,
        documents,
        catalog.load(claude.rules.version),
        claude,
        probed,
        pin_record.ours(state_dir(target.home), documents),
    )
