"""What ``ccprofile models`` prints: the table of models with the exact ID for the provider
(where it fits, else one record per model), and its JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.console import Console
from rich.markup import escape

from ccprofile.claude.catalog import Catalog, Price, Retired
from ccprofile.cli.render import fitting_table


@dataclass(frozen=True)
class ModelRow:
    """One row of ``ccprofile models``: the table and ``--json`` show the same rows."""

    family: str
    name: str | None  # None: a retired ID the current table no longer names
    id: str
    recommended_background: bool
    retired: Retired | None
    price: Price | None = None


# Retired IDs are first-party IDs: only the Anthropic API (and a gateway) take them as they are.
_FIRST_PARTY_SHAPED = ("anthropic", "gateway")


def model_rows(
    catalog: Catalog, provider: str, families: Sequence[str], prefix: str | None = None
) -> list[ModelRow]:
    """Every model the provider has an ID for (Bedrock's for the user's region: ``prefix``),
    then the retired IDs it would still take as typed."""
    from ccprofile.cli.picker import here

    recommended = catalog.recommended_background(provider)
    rows = [
        ModelRow(
            model.family,
            model.name,
            model_id,
            model is recommended,
            catalog.retirement(model_id),
            model.price,
        )
        for model in catalog.models
        if (not families or model.family in families)
        and (model_id := here(model.id_for(provider), provider, prefix))
    ]
    for retired in catalog.retired:
        if (families and retired.family not in families) or catalog.by_id(retired.id):
            continue
        if provider in _FIRST_PARTY_SHAPED:
            rows.append(ModelRow(retired.family, None, retired.id, False, retired))
    return rows


def missing_models(catalog: Catalog, provider: str, families: Sequence[str]) -> list[str]:
    """The names of the catalog's models that ``provider`` has no ID for."""
    return [
        m.name for m in catalog.models if (not families or m.family in families) and not m.id_for(provider)
    ]


def models_json(
    catalog: Catalog, provider: str, families: Sequence[str], prefix: str | None = None
) -> dict[str, Any]:
    """The rows of ``show_models``, for ``ccprofile models --json``."""
    rows = [
        {
            "family": row.family,
            "name": row.name,
            "id": row.id,
            "recommended_background": row.recommended_background,
            "retired": row.retired is not None,
            "retired_on": row.retired.retired_on if row.retired else None,
            "price": {"input": row.price.input, "output": row.price.output} if row.price else None,
        }
        for row in model_rows(catalog, provider, families, prefix)
    ]
    return {
        "provider": provider,
        "claude_code_version": catalog.claude_code_version,
        "models": rows,
        "not_on_provider": missing_models(catalog, provider, families),
        "prices": catalog.prices_source,
    }


def show_models(
    console: Console, catalog: Catalog, provider: str, families: Sequence[str], prefix: str | None = None
) -> None:
    """A table whose names and IDs are never broken; the notes column only when a row has one.
    ``prefix``: Bedrock's cross-region prefix for the user's region."""
    where = f", {prefix}. profiles for your region" if prefix else ""
    title = f"Models for {provider} (Claude Code {catalog.claude_code_version} catalog{where})"
    found = model_rows(catalog, provider, families, prefix)
    noted = any(_model_notes(row) for row in found)
    header = ("Model", f"ID on {provider}", "Price", *(("Notes",) if noted else ()))
    rows = [
        [
            (row.name or "retired").replace(" ", "\u00a0"),  # a name is one word: never "Haiku / 4.5"
            row.id,
            str(row.price) if row.price else "-",
            *((", ".join(_model_notes(row)),) if noted else ()),
        ]
        for row in found
    ]
    table = fitting_table(console, header, [[escape(c) for c in row] for row in rows], rows, title=title)
    if table is not None:
        console.print(table)
    else:
        console.print(f"[bold]{escape(title)}[/bold]", soft_wrap=True)
        for row in rows:
            console.print(escape(" · ".join(c for c in (row[0], row[2], *row[3:]) if c and c != "-")))
            console.print(f"    {escape(row[1])}", soft_wrap=True)
    recommended = next((row for row in found if row.recommended_background), None)
    if recommended is not None:
        console.print(f"Recommended background model: {recommended.name} ({recommended.id}).", soft_wrap=True)
    missing = missing_models(catalog, provider, families)
    if missing:
        console.print(f"Not on {provider}: {', '.join(missing)}.", soft_wrap=True)
    console.print(
        f"[dim]Price: USD per million input/output tokens, list price, from Claude Code's own cost "
        f"table (read {catalog.prices_read_on}; `--json` says more).[/dim]"
    )


def _model_notes(row: ModelRow) -> list[str]:
    notes = []
    if row.retired is not None:
        notes.append(row.retired.describe())
    return notes
