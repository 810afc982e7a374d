"""``ccprofile status``: what Claude Code will use from this shell and from a new terminal.

``build`` is pure: it takes the environment, the startup-file scan and the settings documents
and returns a ``Report``; ``gather`` is the edge that reads them from the machine.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ccprofile.claude import resolve
from ccprofile.claude import variables as names
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.providers import SWITCHES, detect_provider
from ccprofile.claude.resolve import Composed, Layer, Model, Origin
from ccprofile.claude.settings import Settings
from ccprofile.claude.warnings import StatusWarning, find_warnings
from ccprofile.startup.scan import Scan

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

    def to_json(self) -> dict[str, Any]:
        def model(view: View) -> dict[str, Any]:
            return {
                "model": view.now.model,
                "source": view.now.source,
                "variable": view.now.variable,
                "file": view.now.file,
                "new_shell": {
                    "model": view.new_shell.model,
                    "source": view.new_shell.source,
                    "variable": view.new_shell.variable,
                    "file": view.new_shell.file,
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
            "shell": {"name": self.shell, "startup_file": str(self.startup_file)},
            "background": model(self.background),
            "primary": model(self.primary),
            "warnings": [{"code": w.code, "message": w.message} for w in self.warnings],
            "notes": list(self.notes),
        }


def _watched(env: Mapping[str, str]) -> dict[str, str]:
    """Only the variables that decide Claude Code's models: nothing else is kept or shown."""
    return {name: value for name, value in env.items() if name in WATCHED}


def _profile_base(env: Mapping[str, str], scan: Scan) -> tuple[dict[str, str], dict[str, Origin]]:
    """The environment of a new terminal: this one's, with the startup files' assignments."""
    base = _watched(env)
    origins: dict[str, Origin] = {}
    for name in WATCHED:
        final = scan.final(name)
        if final is None:
            continue
        if final.value is None:
            base.pop(name, None)
        else:
            base[name] = final.value
            origins[name] = Origin("profile", f"{final.path}:{final.line}")
    return base, origins


def _settings_model_layers(settings: Sequence[Settings]) -> list[Layer]:
    return [Layer(s.source, str(s.path), "model", s.model) for s in settings if s.model]


def _resolve(composed: Composed, settings: Sequence[Settings], catalog: Catalog) -> tuple[Model, Model]:
    primary = resolve.primary_model(composed, settings, catalog)
    return resolve.background_model(composed, primary, catalog), primary


def build(
    env: Mapping[str, str],
    scan: Scan,
    startup_file: Path,
    settings: Sequence[Settings],
    catalog: Catalog,
    probed: Mapping[str, str] | None = None,
) -> Report:
    """The whole report from its inputs; ``probed`` is a real new shell's environment, if any."""
    now = resolve.compose(_watched(env), {}, settings)
    if probed is None:
        base, origins = _profile_base(env, scan)
    else:
        base = _watched(probed)
        origins = {n: Origin("profile", None) for n in base if scan.final(n) is not None}
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
        env=env,
        scan=scan,
        settings=settings,
        now=now,
        fresh=fresh,
        background=background_now,
        primary=primary_now,
        provider=provider,
        catalog=catalog,
    )
    notes = [BLIND_SPOTS]
    shown = (background_now, background_new, primary_now, primary_new)
    if any(model.source == "default" for model in shown):
        notes.append(
            f"Defaults are those of Claude Code {catalog.claude_code_version}, the release these rules "
            "were checked against; a newer release can change them. A pin does not depend on them."
        )
    return Report(provider, scan.shell, startup_file, background, primary, warnings, tuple(notes))


def gather(
    env: Mapping[str, str],
    shell_name: str | None,
    cwd: Path,
    platform: str,
    *,
    probe: bool = False,
) -> Report:
    """Read everything status needs from this machine, then ``build`` the report."""
    from ccprofile.claude import catalog
    from ccprofile.claude import settings as settings_module
    from ccprofile.startup import probe as probe_module
    from ccprofile.startup import scan as startup
    from ccprofile.startup.targets import resolve_target

    target = resolve_target(shell_name, None, env, platform)
    scan = startup.scan(target.shell, target.home, WATCHED, extra=[target.path])
    if target.missing_zdotdir is not None:
        # A diagnostic must not fail on the very mistake it should report.
        problem = (
            f"ZDOTDIR points to {target.missing_zdotdir}, which does not exist: zsh finds no "
            "startup files there, so a new terminal gets none of their pins"
        )
        scan = dataclasses.replace(scan, problems=(*scan.problems, problem))
    documents = settings_module.load(env, target.home.path, cwd, platform)
    probed = probe_module.new_shell_environment(target.shell, env) if probe else None
    return build(env, scan, target.path, documents, catalog.load(), probed)
