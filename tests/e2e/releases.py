"""Tooling for a new Claude Code release: read its model table, measure its defaults.

``model_table`` reads the model table compiled into a ``claude`` binary (its bundled source
holds ``models:[{id:"claude-…",family:…,display_name:…,provider_ids:{…}}, …]``);
``compare_table`` says where catalog.json and that table differ. ``discover`` runs the
scenarios with nothing pinned and prints the defaults block of catalog.json they measure.
"""

from __future__ import annotations

import json
import mmap
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ccprofile.claude.catalog import COLUMNS, Catalog

_TABLE_START = re.compile(rb'models:\[\{id:"claude-')
_ROW = re.compile(r'\{id:"([^"]+)",family:"([^"]+)",display_name:"([^"]+)".*?provider_ids:\{([^}]*)\}')
_ID = re.compile(r'(\w+):(?:"([^"]*)"|null)')
_WINDOW = 400_000  # the table is some 30 kB of source; this leaves room for growth


class UnknownFormat(RuntimeError):
    """The binary does not hold a model table in the form this reader knows."""


@dataclass(frozen=True)
class Row:
    family: str
    name: str
    ids: Mapping[str, str | None]


def model_table(binary: str) -> list[Row]:
    """The first model table in ``binary`` (links followed); UnknownFormat if there is none."""
    with (
        open(os.path.realpath(binary), "rb") as handle,
        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        found = _TABLE_START.search(data)
        if found is None:
            raise UnknownFormat(f'{binary}: no `models:[{{id:"claude-…` table found')
        chunk = data[found.start() : found.start() + _WINDOW].decode("latin-1")
    depth, end = 0, None
    for index, char in enumerate(chunk):
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth == 0 and char == "]":
            end = index
            break
    if end is None:
        raise UnknownFormat(f"{binary}: the model table does not end within {_WINDOW} bytes")
    rows = [
        Row(family, name, {col: value or None for col, value in _ID.findall(ids)})
        for _, family, name, ids in _ROW.findall(chunk[: end + 1])
    ]
    if not rows or any("first_party" not in row.ids for row in rows):
        raise UnknownFormat(f"{binary}: the model table's rows are not in the known form")
    return rows


_TIERS = re.compile(rb"pricing_tiers:\{")
_TIER = re.compile(r"(\w+):\{input:([\d.e]+),output:([\d.e]+)")
_PRICED = re.compile(r'display_name:"([^"]+)".*?pricing:(?:"(\w+)"|\{input:([\d.e]+),output:([\d.e]+))')


def prices(binary: str) -> dict[str, tuple[float, float]]:
    """Each model's (input, output) list price per million tokens, from the cost table the
    binary's model catalog carries (``pricing_tiers`` and each row's ``pricing``)."""
    with (
        open(os.path.realpath(binary), "rb") as handle,
        mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data,
    ):
        table = _TABLE_START.search(data)
        tiers_at = _TIERS.search(data)
        if table is None or tiers_at is None:
            raise UnknownFormat(f"{binary}: no pricing_tiers and model table found")
        tiers_text = data[tiers_at.start() : table.start()].decode("latin-1")
        chunk = data[table.start() : table.start() + _WINDOW].decode("latin-1")
    tiers: dict[str, tuple[float, float]] = {}
    for name, given, taken in _TIER.findall(tiers_text):
        tiers.setdefault(name, (float(given), float(taken)))  # the first: not a long_prompt rate
    found: dict[str, tuple[float, float]] = {}
    for row in chunk.split('{id:"claude-')[1:]:
        priced = _PRICED.search(row)
        if priced is None:
            continue
        name, tier, given, taken = priced.groups()
        found[name] = tiers[tier] if tier else (float(given), float(taken))
    if not found:
        raise UnknownFormat(f"{binary}: the model table has no prices in the known form")
    return found


def compare_prices(catalog: Catalog, found: Mapping[str, tuple[float, float]]) -> list[str]:
    """Every model whose price in catalog.json is not the binary's, one line each."""
    problems = []
    for model in catalog.models:
        price = (model.price.input, model.price.output) if model.price else None
        if found.get(model.name) != price:
            problems.append(f"{model.name}: catalog.json {price}, the binary {found.get(model.name)}")
    return problems


def compare_table(catalog: Catalog, rows: Sequence[Row]) -> list[str]:
    """Every difference between catalog.json and the binary's table, one line each."""
    problems = []
    by_name = {model.name: model for model in catalog.models}
    retired = {r.id for r in catalog.retired}
    for row in rows:
        model = by_name.pop(row.name, None)
        if model is None:
            if row.ids["first_party"] not in retired:
                problems.append(
                    f"the binary has {row.name} ({row.ids['first_party']}); catalog.json does not"
                )
            continue
        for provider, column in COLUMNS.items():
            if model.id_for(provider) != row.ids.get(column):
                problems.append(
                    f"{row.name} on {provider}: catalog.json {model.id_for(provider)}, "
                    f"the binary {row.ids.get(column)}"
                )
    problems += [f"catalog.json has {name}; the binary does not" for name in by_name]
    return problems


# The scenarios whose models are Claude Code's defaults: provider -> (scenario, which to record).
DEFAULT_SCENARIOS = {
    "anthropic": ("anthropic API, no pin", ("background", "primary")),
    "gateway": ("gateway, no pin", ("primary",)),
    "bedrock": ("bedrock, no pin", ("background", "primary")),
    "vertex": ("vertex, no pin", ("background", "primary")),
    "foundry": ("foundry, no pin", ("primary",)),
}


def defaults_block(measured: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """catalog.json's ``defaults`` object from ``{scenario name: Models}``."""
    block: dict[str, dict[str, str]] = {"background": {}, "primary": {}}
    for provider, (scenario, kinds) in DEFAULT_SCENARIOS.items():
        models = measured[scenario]
        for kind in kinds:
            block[kind][provider] = getattr(models, kind)
    return block


def diff_defaults(new: Mapping[str, Mapping[str, str]], old: Catalog) -> dict[str, dict[str, str]]:
    """What a release entry must record: the defaults that differ from ``old``'s rules."""
    recorded = {"background": old.default_background, "primary": old.default_primary}
    return {
        kind: {p: v for p, v in values.items() if recorded[kind].get(p) != v}
        for kind, values in new.items()
        if any(recorded[kind].get(p) != v for p, v in values.items())
    }


def release_entry(version: str, new: Mapping[str, Mapping[str, str]], old: Catalog) -> str:
    return json.dumps({"version": version, "defaults": diff_defaults(new, old)}, indent=1)


def binaries_under_test(env: Mapping[str, str]) -> list[str]:
    """The claude binaries the e2e tier runs: CCPROFILE_E2E_CLAUDES (':'-separated, one per
    recorded release in CI), else CCPROFILE_E2E_CLAUDE, else none (the caller uses PATH)."""
    listed = env.get("CCPROFILE_E2E_CLAUDES", "")
    if listed:
        return [path for path in listed.split(":") if path]
    single = env.get("CCPROFILE_E2E_CLAUDE", "")
    return [single] if single else []
