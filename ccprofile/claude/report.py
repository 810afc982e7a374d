"""The status report as a value: each model Claude Code will send, where it comes from, the
warnings, and its JSON form (``--json``), which the text rendering in ``cli/`` reads too."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.claude import starts
from ccprofile.claude.layers import region_used, winner
from ccprofile.claude.places import Ours, pinned_scope
from ccprofile.claude.resolve import Layer, Model
from ccprofile.claude.warnings import StatusWarning
from ccprofile.startup.scanned import Unseen

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ccprofile.claude import alias_targets, launchers
    from ccprofile.claude.expectations import Expected
    from ccprofile.claude.projects import Project


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
    other: Model | None = None  # the other start (login on Linux), when its shell reads other files
    # What could decide the model, highest precedence first (see ``candidates``): from this
    # shell, and from a new terminal (None: no shell).
    ranked_now: tuple[Layer, ...] = ()
    ranked_new: tuple[Layer, ...] | None = None


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
    terminal_start: str = starts.NON_LOGIN  # the start of a new terminal's shell on this platform
    unseen: tuple[tuple[str, Unseen], ...] = ()  # (start, line) a static reading could not follow
    probed: bool = False  # --probe started the shells: what they export is known
    launched: tuple[launchers.LauncherView, ...] = ()  # macOS and Windows: the other ways claude starts
    subagents: View | None = None  # general-purpose subagents (custom ones without `model:`)
    aliases: tuple[alias_targets.AliasTarget, ...] = ()  # what each alias sends, from this shell
    fallback: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # the primary's fallbacks, and their files
    provider_new: str | None = None  # a new terminal's provider, when it is another than this shell's

    @property
    def certain(self) -> bool:
        """Whether the new-terminal prediction rests on every line its files run."""
        return not self._unseen_in(self.terminal_start)

    def scope_of(self, model: Model) -> str | None:
        """The --scope a settings value was pinned with, when the key is ccprofile's."""
        return pinned_scope(self.ours, model.file, model.variable)

    def to_json(self) -> dict[str, Any]:
        return {
            "provider": self.provider,
            # Another provider for a new terminal (its switch set here only, or only there).
            "provider_new_terminal": self.provider_new,
            "shell": self._shell_json(),
            "background": self._view_json(self.background),
            "primary": self._view_json(self.primary),
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
            "subagents": self._subagents_json(self._model_json),
            # Tried in order for the primary after repeated 529 or 404 answers; never the background.
            "fallback": {"models": list(self.fallback[0]), "files": list(self.fallback[1])},
            "aliases": self._aliases_json(),
            # macOS and Windows: what a claude started each other way uses ([] on Linux).
            "launchers": [view.to_json() for view in self.launched],
        }

    def _model_json(self, model: Model) -> dict[str, Any]:
        return {
            "model": model.model,
            "source": model.source,
            "variable": model.variable,
            "file": model.file,
            "ccprofile_scope": self.scope_of(model),
            # modelOverrides rewrote the ID: which one it was, and whose map did it.
            "override": _override_json(model.override),
            # The organisation's policy (availableModels, managed deniedModels) replaced the
            # model chosen: which one, and the file whose list refused it.
            "restricted": _override_json(model.restricted),
        }

    def _fresh_json(self, view: View) -> dict[str, Any] | None:
        if view.new_shell is None:
            return None
        other = view.other or view.new_shell
        other_start = starts.other(self.terminal_start)
        return {
            **self._model_json(view.new_shell),
            "start": self.terminal_start,
            "certain": self.certain,
            "starts": {
                self.terminal_start: {**self._model_json(view.new_shell), "certain": self.certain},
                other_start: {**self._model_json(other), "certain": not self._unseen_in(other_start)},
            },
        }

    def _view_json(self, view: View) -> dict[str, Any]:
        return {
            **self._model_json(view.now),
            "new_shell": self._fresh_json(view),
            "candidates": {
                "this_shell": _ranked_json(view.ranked_now),
                "new_terminal": _ranked_json(view.ranked_new) if view.ranked_new is not None else None,
            },
            "layers": [
                {"source": layer.source, "file": layer.file, "variable": layer.variable, "value": layer.value}
                for layer in view.layers
            ],
        }

    def _shell_json(self) -> dict[str, Any]:
        return {
            "name": self.shell,
            "startup_file": str(self.startup_file) if self.startup_file is not None else None,
            "reason": self.shell_reason,
            "new_terminal_start": self.terminal_start if self.shell is not None else None,
            "certain": self.certain if self.shell is not None else None,
            "unseen": [
                {"start": start, "file": str(u.path), "line": u.line or None, "reason": u.reason}
                for start, u in self.unseen
            ],
        }

    def _aliases_json(self) -> dict[str, Any]:
        return {
            a.alias: {
                "model": a.model,
                "variable": a.variable,
                "source": a.origin.source if a.origin else "default",
                "file": a.origin.file if a.origin else None,
                "verified": a.verified,
                "override": _override_json(a.override),
            }
            for a in self.aliases
        }

    def _subagents_json(self, one: Any) -> dict[str, Any] | None:
        """General-purpose subagents (and custom ones without ``model:``); Explore always uses
        the primary model."""
        view = self.subagents
        if view is None:
            return None

        def entry(model: Model | None) -> dict[str, Any] | None:
            if model is None:
                return None
            return {**one(model), "inherits_primary": not model.selected}

        return {**(entry(view.now) or {}), "new_shell": entry(view.new_shell), "explore": "primary"}

    def _unseen_in(self, start: str) -> bool:
        return not self.probed and any(s == start for s, _ in self.unseen)

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


def _override_json(change: tuple[str, str, str] | None) -> dict[str, str] | None:
    """A model ID something replaced (modelOverrides, the organisation's policy): the ID it
    replaced, and the file and key that did it."""
    return {"from": change[0], "file": change[1], "key": change[2]} if change else None


def _ranked_json(layers: Sequence[Layer]) -> list[dict[str, Any]]:
    top = winner(layers)
    return [
        {
            "variable": layer.variable,
            "value": layer.value,
            "source": layer.source,
            "file": layer.file,
            "wins": layer is top or layer is region_used(layers),
        }
        for layer in layers
    ]
