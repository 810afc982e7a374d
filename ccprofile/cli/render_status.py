"""The rich table of ``ccprofile status`` and ``ccprofile models``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ccprofile.claude.catalog import Catalog, Retired
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


@dataclass(frozen=True)
class ModelRow:
    """One row of ``ccprofile models``: the table and ``--json`` show the same rows."""

    family: str
    name: str | None  # None: a retired ID the current table no longer names
    id: str | None  # None: the provider has no ID for it
    recommended_background: bool
    retired: Retired | None


# Retired IDs are first-party IDs: only the Anthropic API (and a gateway) take them as they are.
_FIRST_PARTY_SHAPED = ("anthropic", "gateway")


def model_rows(catalog: Catalog, provider: str, families: Sequence[str]) -> list[ModelRow]:
    recommended = catalog.recommended_background(provider)
    rows = [
        ModelRow(
            model.family,
            model.name,
            model.id_for(provider),
            model is recommended,
            catalog.retirement(model.id_for(provider) or ""),
        )
        for model in catalog.models
        if not families or model.family in families
    ]
    for retired in catalog.retired:
        if (families and retired.family not in families) or catalog.by_id(retired.id):
            continue
        shown = retired.id if provider in _FIRST_PARTY_SHAPED else None
        rows.append(ModelRow(retired.family, None, shown, False, retired))
    return rows


def models_json(catalog: Catalog, provider: str, families: Sequence[str]) -> dict[str, Any]:
    """The rows of ``show_models``, for ``ccprofile models --json``."""
    rows = [
        {
            "family": row.family,
            "name": row.name,
            "id": row.id,
            "recommended_background": row.recommended_background,
            "retired": row.retired is not None,
            "retired_on": row.retired.retired_on if row.retired else None,
        }
        for row in model_rows(catalog, provider, families)
    ]
    return {"provider": provider, "claude_code_version": catalog.claude_code_version, "models": rows}


def show_models(console: Console, catalog: Catalog, provider: str, families: Sequence[str]) -> None:
    table = Table(title=f"Models for {provider} (Claude Code {catalog.claude_code_version} catalog)")
    table.add_column("Family")
    table.add_column("Model")
    table.add_column(f"ID on {provider}")
    table.add_column("Notes")
    for row in model_rows(catalog, provider, families):
        notes = []
        if row.recommended_background:
            notes.append("recommended background model")
        if row.retired is not None:
            notes.append(row.retired.describe())
        shown = escape(row.id) if row.id else "[dim]not on this provider[/dim]"
        table.add_row(row.family, row.name or "-", shown, ", ".join(notes))
    console.print(table)
