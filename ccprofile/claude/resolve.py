"""Which models Claude Code will use, and why: a pure function of environment and settings.

Follows shared/claude-code-models.md, verified against Claude Code 2.1.331: settings ``env``
objects are written over the launching environment, lowest layer first (§1); the background
model comes from ANTHROPIC_SMALL_FAST_MODEL, then ANTHROPIC_DEFAULT_HAIKU_MODEL, then a
provider default (§2, plus the API-key rule of ``sends_anthropic_key``); the primary from
ANTHROPIC_MODEL, the settings ``model`` key, ANTHROPIC_DEFAULT_MODEL, then a provider default (§3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ccprofile.claude.catalog import Catalog
from ccprofile.claude.providers import detect_provider
from ccprofile.claude.settings import Settings
from ccprofile.claude.variables import API_KEY, AUTH_TOKEN, BACKGROUND, DEFAULT_MODEL, PRIMARY


@dataclass(frozen=True)
class Origin:
    """Where a value was set: a layer name and, for files, which file (and line)."""

    source: str  # environment, profile, user-settings, ..., default
    file: str | None = None


@dataclass(frozen=True)
class Layer:
    source: str
    file: str | None
    variable: str
    value: str


@dataclass(frozen=True)
class Composed:
    """The environment Claude Code ends up with, and who set each variable last."""

    env: Mapping[str, str]
    origins: Mapping[str, Origin]
    layers: tuple[Layer, ...]  # every assignment seen, lowest layer first


@dataclass(frozen=True)
class Model:
    model: str
    source: str
    variable: str | None
    file: str | None = None
    selected: bool = True  # False: Claude Code's default, nothing chose it
    alias: str | None = None  # the alias the value was resolved from
    alias_verified: bool = True


def compose(
    base: Mapping[str, str], base_origins: Mapping[str, Origin], settings: Sequence[Settings]
) -> Composed:
    env = dict(base)
    origins = {name: base_origins.get(name, Origin("environment")) for name in base}
    layers = [Layer(origins[n].source, origins[n].file, n, v) for n, v in base.items()]
    for document in settings:
        for name, value in document.env.items():
            env[name] = value
            origins[name] = Origin(document.source, str(document.path))
            layers.append(Layer(document.source, str(document.path), name, value))
    return Composed(env, origins, tuple(layers))


def _resolve_alias(
    value: str, env: Mapping[str, str], provider: str, catalog: Catalog
) -> tuple[str, bool] | None:
    alias = catalog.aliases.get(value)
    if alias is None:
        return None
    if alias.variable and env.get(alias.variable):
        return env[alias.variable], alias.verified
    if alias.model is None:
        return catalog.default_primary[provider], alias.verified
    model = catalog.named(alias.model)
    return model.id_for(provider) or model.ids["first_party"] or value, alias.verified


def primary_model(composed: Composed, settings: Sequence[Settings], catalog: Catalog) -> Model:
    env = composed.env
    provider = detect_provider(env)
    candidates: list[tuple[str, str, Origin]] = []
    if env.get(PRIMARY):
        candidates.append((env[PRIMARY], PRIMARY, composed.origins[PRIMARY]))
    # The highest settings layer with a "model" key decides.
    keyed = [(s, model) for s in settings if (model := s.model)]
    if keyed:
        top, model = keyed[-1]
        candidates.append((model, "model", Origin(top.source, str(top.path))))
    if env.get(DEFAULT_MODEL):
        candidates.append((env[DEFAULT_MODEL], DEFAULT_MODEL, composed.origins[DEFAULT_MODEL]))
    if not candidates:
        return Model(catalog.default_primary[provider], "default", None, selected=False)
    value, variable, origin = candidates[0]
    resolved = _resolve_alias(value, env, provider, catalog)
    if resolved is None:
        return Model(value, origin.source, variable, origin.file)
    return Model(resolved[0], origin.source, variable, origin.file, alias=value, alias_verified=resolved[1])


def sends_anthropic_key(env: Mapping[str, str]) -> bool:
    """Whether Claude Code authenticates with an Anthropic API key (``sk-ant-api…``).

    Found by the end-to-end suite (tests/e2e) against Claude Code 2.1.331, and in its source:
    behind a gateway such a key keeps the Anthropic API's background default instead of the
    primary model, unless ANTHROPIC_AUTH_TOKEN is set (then the token is what gets sent).
    """
    return not env.get(AUTH_TOKEN) and env.get(API_KEY, "").startswith("sk-ant-api")


def background_model(composed: Composed, primary: Model, catalog: Catalog) -> Model:
    env = composed.env
    for variable in BACKGROUND:
        # An empty value counts as unset, also when a settings file set it to "" (§1).
        if env.get(variable):
            origin = composed.origins[variable]
            return Model(env[variable], origin.source, variable, origin.file)
    provider = detect_provider(env)
    if provider == "gateway" and sends_anthropic_key(env):
        return Model(catalog.default_background["anthropic"], "default", None, selected=False)
    fixed = catalog.default_background.get(provider)
    if fixed is not None and (provider == "anthropic" or not primary.selected):
        return Model(fixed, "default", None, selected=False)
    # Other gateways and Foundry always, Bedrock and Vertex once a primary model is chosen (§2).
    return Model(primary.model, "default", None, selected=False)
