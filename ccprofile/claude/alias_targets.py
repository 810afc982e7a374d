"""What each alias and the primary's fallback list send with this environment, for
``status --verbose``: the catalog's aliases resolved as Claude Code resolves them, and
``fallbackModel``'s entries as they would be sent."""

from __future__ import annotations

from collections.abc import Sequence

from ccprofile.claude.bedrock_regions import regional
from ccprofile.claude.catalog import Catalog
from ccprofile.claude.providers import detect_provider
from ccprofile.claude.resolve import Composed, Origin, alias_sends, overriding, resolve_alias, sent_as
from ccprofile.claude.settings import Settings


class AliasTarget:
    """What an alias in ANTHROPIC_MODEL (or /model, or an agent's ``model:``) sends. A plain
    slotted class, as status's other hot-path records (a dataclass costs import time)."""

    __slots__ = ("alias", "model", "origin", "override", "variable", "verified")

    def __init__(
        self,
        alias: str,
        model: str,
        variable: str | None,  # the ANTHROPIC_DEFAULT_*_MODEL that redefines it, when set
        origin: Origin | None,
        verified: bool,  # observed in the real client
        override: tuple[str, str, str] | None = None,  # modelOverrides rewrote it: as in Model.override
    ) -> None:
        self.alias, self.model, self.variable, self.origin = alias, model, variable, origin
        self.verified, self.override = verified, override


def alias_targets(
    composed: Composed, catalog: Catalog, config_region: str | None = None, settings: Sequence[Settings] = ()
) -> list[AliasTarget]:
    """Every alias of the catalog as Claude Code resolves and sends it with this environment
    (``settings``' modelOverrides applied to a model Claude Code picks)."""
    env = composed.env
    provider = detect_provider(env)
    found = []
    for name, alias in catalog.aliases.items():
        model, verified = alias_sends(name, alias, env, provider, catalog, config_region)
        variable = alias.variable if alias.variable and env.get(alias.variable) else None
        origin = composed.origins.get(variable) if variable else None
        # A value of the ANTHROPIC_DEFAULT_*_MODEL is a pin (a key only as it is); else Claude
        # Code picked the model, which matches by its first-party ID.
        sent, override = overriding(model, model if variable else None, settings, catalog)
        found.append(AliasTarget(name, sent, variable, origin, verified, override))
    return found


# fallbackModel's name for the default model ("default" expands to the default model, its
# schema says); Claude Code 2.1.331 and 2.1.332 send ANTHROPIC_MODEL=default as it is.
FALLBACK_DEFAULT = "default"


def fallback_models(
    composed: Composed, settings: Sequence[Settings], catalog: Catalog, config_region: str | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The primary's fallback list (``fallbackModel``, tried in order after repeated 529 or 404
    answers; the background never falls back), each entry as sent ("default" is the default
    model, an alias resolved), and the files that set one, highest first."""
    found = [(s, s.fallback) for s in reversed(settings) if s.fallback]
    if not found:
        return (), ()
    env = composed.env
    provider = detect_provider(env)
    names = []
    for value in found[0][1]:
        resolved = resolve_alias(value, env, provider, catalog, config_region)
        if value == FALLBACK_DEFAULT:  # here only: as ANTHROPIC_MODEL it is sent verbatim
            name = regional(catalog.default_primary[provider], provider, env, config_region)
        elif resolved is not None:
            name = resolved[0]
        else:
            name = sent_as(value, provider, catalog)
        names.append(overriding(name, None, settings, catalog)[0])
    return tuple(names), tuple(str(s.path) for s, _ in found)
