"""The status report as JSON (``status --json``): every model, where it comes from, each
warning in the words the terminal shows."""

from __future__ import annotations

from collections.abc import Sequence

from ccprofile.claude import starts
from ccprofile.claude.layers import region_used, winner
from ccprofile.claude.report import Report, View
from ccprofile.claude.resolve import Layer, Model
from ccprofile.cli import wording

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from ccprofile.claude.launchers import LauncherView


def document(report: Report) -> dict[str, Any]:
    return {
        "provider": report.provider,
        # Another provider for a new terminal (its switch set here only, or only there).
        "provider_new_terminal": report.provider_new,
        "shell": _shell_json(report),
        "background": _view_json(report, report.background),
        "primary": _view_json(report, report.primary),
        "warnings": _warnings_json(report),
        "expectations": _expectations_json(report),
        "project": {
            "directory": str(report.project.start),
            "repository_root": str(report.project.root) if report.project.root else None,
        }
        if report.project is not None
        else None,
        "notes": list(report.notes),
        "claude_code": report.claude,
        "subagents": _subagents_json(report),
        # Tried in order for the primary after repeated 529 or 404 answers; never the background.
        "fallback": {"models": list(report.fallback[0]), "files": list(report.fallback[1])},
        "aliases": _aliases_json(report),
        # macOS and Windows: what a claude started each other way uses ([] on Linux).
        "launchers": [_launcher_json(view) for view in report.launched],
    }


def _warnings_json(report: Report) -> list[dict[str, str]]:
    shell = wording.carried(report.shell, report.shell_reason)
    return [{"code": w.code, "message": wording.said(w.message, w.fix, shell)} for w in report.warnings]


def _model_json(report: Report, model: Model) -> dict[str, Any]:
    return {
        "model": model.model,
        "source": model.source,
        "variable": model.variable,
        "file": model.file,
        "ccprofile_scope": report.scope_of(model),
        # modelOverrides rewrote the ID: which one it was, and whose map did it.
        "override": _override_json(model.override),
        # The organisation's policy (availableModels, managed deniedModels) replaced the
        # model chosen: which one, and the file whose list refused it.
        "restricted": _override_json(model.restricted),
    }


def _fresh_json(report: Report, view: View) -> dict[str, Any] | None:
    if view.new_shell is None:
        return None
    other = view.other or view.new_shell
    other_start = starts.other(report.terminal_start)
    return {
        **_model_json(report, view.new_shell),
        "start": report.terminal_start,
        "certain": report.certain,
        "starts": {
            report.terminal_start: {**_model_json(report, view.new_shell), "certain": report.certain},
            other_start: {**_model_json(report, other), "certain": not report.unseen_in(other_start)},
        },
    }


def _view_json(report: Report, view: View) -> dict[str, Any]:
    return {
        **_model_json(report, view.now),
        "new_shell": _fresh_json(report, view),
        "candidates": {
            "this_shell": _ranked_json(view.ranked_now),
            "new_terminal": _ranked_json(view.ranked_new) if view.ranked_new is not None else None,
        },
        "layers": [
            {"source": layer.source, "file": layer.file, "variable": layer.variable, "value": layer.value}
            for layer in view.layers
        ],
    }


def _shell_json(report: Report) -> dict[str, Any]:
    return {
        "name": report.shell,
        "startup_file": str(report.startup_file) if report.startup_file is not None else None,
        # Why this shell; without one, why there is none.
        "reason": wording.shell_reason(report.shell_reason, report.startup_file)
        if report.shell is not None
        else report.shell_reason,
        "new_terminal_start": report.terminal_start if report.shell is not None else None,
        "certain": report.certain if report.shell is not None else None,
        "unseen": [
            {"start": start, "file": str(u.path), "line": u.line or None, "reason": u.reason}
            for start, u in report.unseen
        ],
    }


def _aliases_json(report: Report) -> dict[str, Any]:
    return {
        a.alias: {
            "model": a.model,
            "variable": a.variable,
            "source": a.origin.source if a.origin else "default",
            "file": a.origin.file if a.origin else None,
            "verified": a.verified,
            "override": _override_json(a.override),
        }
        for a in report.aliases
    }


def _subagents_json(report: Report) -> dict[str, Any] | None:
    """General-purpose subagents (and custom ones without ``model:``); Explore always uses
    the primary model."""
    view = report.subagents
    if view is None:
        return None

    def entry(model: Model | None) -> dict[str, Any] | None:
        if model is None:
            return None
        return {**_model_json(report, model), "inherits_primary": not model.selected}

    return {**(entry(view.now) or {}), "new_shell": entry(view.new_shell), "explore": "primary"}


def _expectations_json(report: Report) -> dict[str, Any] | None:
    if report.expected is None:
        return None
    return {
        "file": report.expected.file,
        "background": report.expected.background,
        "primary": report.expected.primary,
        "scope": report.expected.scope,
        "met": not any(w.code == "drift" for w in report.warnings),
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


def _launcher_json(view: LauncherView) -> dict[str, object]:
    def one(model: Model | None) -> dict[str, object] | None:
        if model is None:
            return None
        return {
            "model": model.model,
            "source": model.source,
            "variable": model.variable,
            "file": model.file,
        }

    return {
        "name": view.launcher.name,
        "shell": view.launcher.shell or None,
        "login": view.launcher.login,
        "reads": list(view.reads),
        "background": one(view.background),
        "primary": one(view.primary),
        "known": view.background is not None,
        "unknown": view.unknown or None,
        "certain": not view.unseen and view.background is not None,
        "unseen": list(view.unseen),
        "caveat": view.launcher.caveat or None,
    }
