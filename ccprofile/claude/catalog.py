"""The models Claude Code knows, with the ID each provider uses: data in ``catalog.json``.

Claude Code changes its defaults between releases, so ``catalog.json`` records them per
release: the first entry of ``releases`` holds every default and alias, each later one only
what changed (and ``models`` when the model table changed). ``load(version)`` gives the
rules of one recorded release. Adding a release is a data change:
docs/claude-code-releases.md. No code here names a model.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ccprofile.claude.providers import ARN, BY_NAME, REGIONAL, TABLE

# typing costs status 3 ms to import; the annotations that name Any are never evaluated.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

# Which column of catalog.json holds each provider's IDs.
COLUMNS = {provider.name: provider.column for provider in TABLE}


def is_arn(value: str) -> bool:
    return ARN.fullmatch(value) is not None


# Claude Code's context-window suffix (`claude-sonnet-4-5-20250929[1m]`), not part of the ID.
_SUFFIX = re.compile(r"\[[a-z0-9]+\]$")


@dataclass(frozen=True)
class Price:
    """List price in USD per million tokens (the unit and source are in catalog.json)."""

    input: float
    output: float

    def times(self, other: Price) -> float:
        """How many times ``other``'s price this is (by output tokens, which dominate a summary)."""
        return self.output / other.output

    def __str__(self) -> str:
        return f"{_dollars(self.input)}/{_dollars(self.output)}"


def _dollars(amount: float) -> str:
    return f"${amount:.2f}".replace(".00", "")


@dataclass(frozen=True)
class KnownModel:
    family: str
    name: str
    ids: Mapping[str, str | None]
    price: Price | None = None

    def id_for(self, provider: str) -> str | None:
        return self.ids.get(COLUMNS[provider])

    @property
    def key(self) -> str:
        return normalize(self.name)


@dataclass(frozen=True)
class Retired:
    id: str
    family: str
    retired_on: str | None

    def describe(self) -> str:
        """``retired on 2026-02-19``, or ``retired`` when the date is not known."""
        return f"retired on {self.retired_on}" if self.retired_on else "retired"


@dataclass(frozen=True)
class Alias:
    """What Claude Code makes of an alias for the primary model (docs/providers.md, "Aliases
    per provider")."""

    variable: str | None  # the environment variable that redefines it
    model: str | None  # the catalog name it means otherwise; None: the provider's default
    verified: bool  # observed in the real client, not only read in its docs
    # Providers on which it means another model than ``model`` (Bedrock's `sonnet` is Sonnet 4.5
    # in 2.1.332), by catalog name; None there: the provider's default.
    on_provider: Mapping[str, str | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Catalog:
    claude_code_version: str
    models: tuple[KnownModel, ...]
    retired: tuple[Retired, ...]
    default_background: Mapping[str, str]  # providers missing here fall back to the primary
    default_primary: Mapping[str, str]
    aliases: Mapping[str, Alias]
    prices_source: str = ""
    prices_read_on: str = ""

    @property
    def families(self) -> tuple[str, ...]:
        """Every model family, in catalog order (haiku, sonnet, ...)."""
        return tuple(dict.fromkeys(m.family for m in self.models))

    def named(self, name: str) -> KnownModel:
        return next(m for m in self.models if m.name == name)

    def newest(self, family: str, provider: str) -> KnownModel | None:
        """The newest model of ``family`` that ``provider`` has an ID for."""
        found = [m for m in self.models if m.family == family and m.id_for(provider)]
        return found[-1] if found else None

    def recommended_background(self, provider: str) -> KnownModel | None:
        return self.newest(self.small_family, provider)

    @property
    def small_family(self) -> str:
        """The family Claude Code's own background default on the Anthropic API belongs to."""
        default = self.default_background["anthropic"]
        return next((m.family for m in self.models if m.id_for("anthropic") == default), self.families[0])

    def by_name(self, text: str) -> KnownModel | None:
        """A model from a friendly name: ``haiku-4.5``, ``Haiku 4.5``, ``claude-haiku-4-5``."""
        key = normalize(text)
        return next((m for m in self.models if m.key == key), None)

    def by_id(self, value: str) -> list[tuple[KnownModel, str]]:
        """Every (model, provider) whose ID is exactly ``value``, a Bedrock ID in any geography
        (``eu.``) as the ``us.`` one the catalog lists."""
        value = REGIONAL.sub("us.", value)
        return [
            (model, provider)
            for model in self.models
            for provider in COLUMNS
            if model.id_for(provider) == value
        ]

    def model_of(self, value: str, provider: str) -> KnownModel | None:
        """The model ``value`` is an ID of on ``provider``: exactly (on a gateway, any column's ID,
        since a gateway serves the names it chooses), as a Bedrock cross-region ID (``eu.``,
        ``apac.``, ... name the model the catalog lists as ``us.``), or with a context suffix
        such as ``[1m]``."""
        value = _SUFFIX.sub("", value)
        found = [m for m, p in self.by_id(value) if p == provider or BY_NAME[provider].serves_any_id]
        if not found and BY_NAME[provider].prefixes:
            bare = REGIONAL.sub("", value)
            found = [m for m in self.models if REGIONAL.sub("", m.id_for(provider) or "-") == bare]
        return found[0] if found else None

    def retirement(self, value: str) -> Retired | None:
        return next((r for r in self.retired if r.id == value), None)


def normalize(text: str) -> str:
    key = re.sub(r"[\s._]+", "-", text.strip().lower())
    return key.removeprefix("claude-")


@functools.lru_cache(maxsize=1)
def _raw() -> dict[str, Any]:
    # Beside this module in every install (wheel, pipx, editable); read without
    # importlib.resources, which costs status several milliseconds to import.
    data: dict[str, Any] = json.loads(Path(__file__).with_name("catalog.json").read_text("utf-8"))
    return data


def recorded_releases() -> tuple[str, ...]:
    """The Claude Code releases whose rules were measured, oldest first."""
    return tuple(release["version"] for release in _raw()["releases"])


def _alias(entry: dict[str, Any], entries: Mapping[str, dict[str, Any]]) -> Alias:
    """An alias as this release resolves it; ``same_as``: one that sends what another alias
    sends on every provider (``opusplan`` outside plan mode is ``sonnet``), with its own
    ``verified``."""
    meant = entries[entry["same_as"]] if "same_as" in entry else entry
    return Alias(meant["variable"], meant["model"], entry["verified"], dict(meant.get("providers", {})))


@functools.lru_cache(maxsize=8)
def load(release: str | None = None) -> Catalog:
    """The catalog with the rules of ``release`` (a recorded one), else of the newest."""
    raw = _raw()
    wanted = release or recorded_releases()[-1]
    if wanted not in recorded_releases():
        raise ValueError(f"Claude Code {wanted} is not a recorded release")
    table: list[dict[str, Any]] = raw["models"]
    background: dict[str, str] = {}
    primary: dict[str, str] = {}
    entries: dict[str, dict[str, Any]] = {}
    for entry in raw["releases"]:
        table = entry.get("models", table)
        background.update(entry.get("defaults", {}).get("background", {}))
        primary.update(entry.get("defaults", {}).get("primary", {}))
        entries.update(entry.get("aliases", {}))
        if entry["version"] == wanted:
            break
    aliases = {name: _alias(a, entries) for name, a in entries.items()}
    models = tuple(
        KnownModel(m["family"], m["name"], dict(m["ids"]), Price(**m["price"]) if "price" in m else None)
        for m in table
    )
    retired = tuple(Retired(r["id"], r["family"], r.get("retired_on")) for r in raw["retired"])
    prices = raw["prices"]
    source = f"{prices['unit']}; from {prices['source']}, read {prices['read_on']}"
    return Catalog(wanted, models, retired, background, primary, aliases, source, prices["read_on"])


def cost_words(chosen: KnownModel, small: KnownModel) -> str:
    """``40 times what it costs on Haiku 5.5 ($4/$20 against $0.10/$0.50 ...)``: the words the
    cost question and the costly-background warning share."""
    assert chosen.price is not None and small.price is not None
    return (
        f"{chosen.price.times(small.price):g} times what it costs on {small.name} ({chosen.price} against "
        f"{small.price} per million input/output tokens, list prices)"
    )
