"""The rich table of ``ccprofile status`` and ``ccprofile models``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ccprofile.claude.catalog import Catalog
from ccprofile.claude.catalog import Model as CatalogModel
from ccprofile.claude.resolve import Model
from ccprofile.claude.status import Report, View
from ccprofile.cli.render import show_warnings, tilde

_SOURCE_NAMES = {
    "environment": "this shell's environment",
    "session": "inherited by new terminals from",
    "profile": "startup file",
    "default": "Claude Code default",
}


def _source(model: Model, home: Path) -> str:
    text = _SOURCE_NAMES.get(model.source, model.source)
    if model.file:
        text += f" {tilde(Path(model.file), home)}"
    if model.variable:
        text += f" ({model.variable})"
    if model.alias:
        text += f", alias {model.alias!r}"
    return text


def _cell(model: Model, home: Path) -> str:
    return f"[bold]{escape(model.model)}[/bold]\n[dim]{escape(_source(model, home))}[/dim]"


def show_status(console: Console, report: Report, home: Path) -> None:
    console.print(
        f"Provider: [bold]{report.provider}[/bold]   Shell: [bold]{report.shell}[/bold], "
        f"{escape(report.shell_reason)}   Startup file: {escape(tilde(report.startup_file, home))}"
    )
    table = Table(show_lines=True)
    table.add_column("Model")
    table.add_column("claude started from this shell")
    table.add_column("claude started from a new terminal")
    for label, view in (
        ("Background (titles, summaries)", report.background),
        ("Primary", report.primary),
    ):
        table.add_row(label, _cell(view.now, home), _cell(view.new_shell, home))
    console.print(table)
    for label, view in (("Background", report.background), ("Primary", report.primary)):
        _show_layers(console, label, view, home)
    show_warnings(console, report.warnings)
    if not report.warnings:
        console.print("[green]No problems found.[/green]")
    for note in report.notes:
        console.print(f"[dim]{escape(note)}[/dim]")


def _show_layers(console: Console, label: str, view: View, home: Path) -> None:
    if not view.layers:
        console.print(f"{label}: nothing sets it; Claude Code's default applies.")
        return
    console.print(f"{label}, every place that sets it, lowest precedence first:")
    for layer in view.layers:
        where = f" {tilde(Path(layer.file), home)}" if layer.file else ""
        shown = repr(layer.value) if layer.value else "'' (counts as unset)"
        console.print(f"  {escape(layer.source)}{escape(where)}: {escape(layer.variable)}={escape(shown)}")


def _listed(catalog: Catalog, families: Sequence[str]) -> list[CatalogModel]:
    return [m for m in catalog.models if not families or m.family in families]


def _is_retired(catalog: Catalog, model_id: str | None) -> bool:
    return bool(model_id) and catalog.retirement(model_id or "") is not None


def models_json(catalog: Catalog, provider: str, families: Sequence[str]) -> dict[str, Any]:
    """The same rows as ``show_models``, for ``ccprofile models --json``."""
    recommended = catalog.recommended_background(provider)
    rows = [
        {
            "family": m.family,
            "name": m.name,
            "id": m.id_for(provider),
            "recommended_background": m is recommended,
            "retired": _is_retired(catalog, m.id_for(provider)),
        }
        for m in _listed(catalog, families)
    ]
    return {"provider": provider, "claude_code_version": catalog.claude_code_version, "models": rows}


def show_models(console: Console, catalog: Catalog, provider: str, families: Sequence[str]) -> None:
    recommended = catalog.recommended_background(provider)
    table = Table(title=f"Models for {provider} (Claude Code {catalog.claude_code_version} catalog)")
    table.add_column("Family")
    table.add_column("Model")
    table.add_column(f"ID on {provider}")
    table.add_column("Notes")
    for model in _listed(catalog, families):
        model_id = model.id_for(provider)
        notes = []
        if model is recommended:
            notes.append("recommended background model")
        if _is_retired(catalog, model_id):
            notes.append("retired")
        table.add_row(model.family, model.name, escape(model_id or "-"), ", ".join(notes))
    for retired in catalog.retired:
        if families and retired.family not in families:
            continue
        if not catalog.by_id(retired.id):
            table.add_row(retired.family, "-", escape(retired.id), retired.describe())
    console.print(table)
